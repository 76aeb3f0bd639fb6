// The typed values a request may carry, each checked in one place at the edge:
// what does not parse here never reaches a handler or a query.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

// Ids (articles, users, categories, audit rows, revisions): 1 to 15 decimal
// digits, no sign, no leading zero, above 0. Anything else is nullopt.
std::optional<int64_t> parse_id(std::string_view text);

// A small whole number from `min` to `max` (positions, revisions), decimal digits only.
std::optional<int64_t> parse_number(std::string_view text, int64_t min, int64_t max);

// A slug as it can stand in a URL and in our ASCII slug columns: 1 to `max_bytes`
// of letters, digits, '-', '_', '.' and '~'. Anything else (non-ASCII, escapes,
// too long) names nothing that can exist, and is answered 404 before any query.
bool is_slug_text(std::string_view text, size_t max_bytes);

// The longest slugs the columns hold (sql/migrations/001_initial.sql).
constexpr size_t kMaxCategorySlug = 100;
constexpr size_t kMaxArticleSlug = 200;
