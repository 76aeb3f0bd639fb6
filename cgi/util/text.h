#pragma once
#include <string>
#include <string_view>

// The longest prefix of UTF-8 `s` of at most `max_bytes` that does not cut a character.
std::string utf8_truncate(std::string_view s, size_t max_bytes);

// Number of characters (code points) in UTF-8 `s`.
size_t utf8_length(std::string_view s);

// `s` without the spaces, tabs and line breaks at its ends (a form field as typed).
std::string trimmed(std::string_view s);
// `s` without carriage returns (a textarea's CRLF line ends become LF).
std::string without_cr(std::string_view s);

// The code point of UTF-8 `s` at byte `i`, advancing `i` past it; U+FFFD (one
// byte consumed) for a byte that does not start a well-formed character.
char32_t next_code_point(std::string_view s, size_t& i);
// Appends code point `c` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t c);
// `s` with each byte that starts no well-formed character replaced by U+FFFD.
std::string valid_utf8(std::string_view s);
