#include "util/cursor.h"

#include "util/parse.h"
#include "util/signing.h"

namespace {
// 9 bytes of MAC (12 characters): guessing one takes 2^72 tries.
constexpr size_t kMacBytes = 9;
constexpr int64_t kLastDatetime = 253402300799LL;  // 9999-12-31 23:59:59, seconds
}  // namespace

std::string format_cursor(const Cursor& c, const SigningKey& key) {
  std::string position = std::to_string(static_cast<int64_t>(c.published_at)) + "-" + std::to_string(c.id);
  return position + "-" + key.mac(Signed::cursor, position, kMacBytes);
}

std::optional<Cursor> parse_cursor(const std::string& s, const SigningKey& key) {
  size_t first = s.find('-');
  size_t second = first == std::string::npos ? first : s.find('-', first + 1);
  if (second == std::string::npos) return std::nullopt;
  auto t = parse_number(std::string_view(s).substr(0, first), 1, kLastDatetime);
  auto id = parse_id(std::string_view(s).substr(first + 1, second - first - 1));
  if (!t || !id ||
      !key.verify(Signed::cursor, std::string_view(s).substr(0, second), std::string_view(s).substr(second + 1),
                  kMacBytes))
    return std::nullopt;
  return Cursor{static_cast<std::time_t>(*t), *id};
}
