#include "util/parse.h"

std::optional<int64_t> parse_number(std::string_view text, int64_t min, int64_t max) {
  // 18 digits cannot overflow int64_t; a leading zero is a second spelling of a number.
  if (text.empty() || text.size() > 18 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  int64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n < min || n > max) return std::nullopt;
  return n;
}

std::optional<int64_t> parse_id(std::string_view text) { return parse_number(text, 1, 999999999999999LL); }

bool is_slug_text(std::string_view text, size_t max_bytes) {
  if (text.empty() || text.size() > max_bytes) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == '~';
    if (!ok) return false;
  }
  return true;
}
