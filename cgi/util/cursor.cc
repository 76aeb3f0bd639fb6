#include "util/cursor.h"

namespace {

std::optional<int64_t> parse_positive(const std::string& s) {
  if (s.empty() || s.size() > 15) return std::nullopt;  // < 10^15: no overflow, far past any id
  int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n <= 0) return std::nullopt;
  return n;
}

}  // namespace

std::string format_cursor(const Cursor& c) {
  return std::to_string(static_cast<int64_t>(c.published_at)) + "-" + std::to_string(c.id);
}

std::optional<Cursor> parse_cursor(const std::string& s) {
  size_t dash = s.find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto t = parse_positive(s.substr(0, dash));
  auto id = parse_positive(s.substr(dash + 1));
  // Seconds up to year 9999, the DATETIME range.
  if (!t || !id || *t > 253402300799LL) return std::nullopt;
  return Cursor{static_cast<std::time_t>(*t), *id};
}
