#pragma once
#include <string>

// A URL slug from a title: lower-case ASCII letters, digits and single hyphens,
// Azerbaijani and Russian letters transliterated, at most 80 characters.
// "article" when nothing is left.
std::string slugify(const std::string& title);

// True when `slug` is what slugify could produce (what an editor may type).
bool is_valid_slug(const std::string& slug);
