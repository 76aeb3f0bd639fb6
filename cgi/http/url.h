// Decoding and validation of what arrives in a URL. Everything here treats
// its input as hostile: malformed escapes, invalid UTF-8 and control
// characters are rejected, never passed on.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Decodes %XX escapes (and '+' as space when `plus_is_space`). Returns nullopt on a
// malformed escape, invalid UTF-8 or a control character in the result (tab, CR
// and LF are let through when `multiline`: textareas of a form body).
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space, bool multiline = false);

// Splits "/a/b/" into {"a","b"} with each segment decoded. nullopt on bad input.
std::optional<std::vector<std::string>> split_path(std::string_view path);

// Parses "a=1&b=2" into decoded pairs. nullopt on bad input. `form_body`: the
// values may hold line breaks and tabs (a POSTed form), a URL's never do.
std::optional<QueryParams> parse_query(std::string_view query, bool form_body = false);

// Escapes a value for a URL path segment or query value (RFC 3986 unreserved kept).
std::string url_escape(std::string_view s);
