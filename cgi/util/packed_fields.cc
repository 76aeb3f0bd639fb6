#include "util/packed_fields.h"

void pack_record(std::string& out, char kind, const std::vector<std::string_view>& fields) {
  out += kind;
  for (std::string_view f : fields) {
    out += std::to_string(f.size());
    out += ':';
    out += f;
  }
  out += '\n';
}

std::optional<std::vector<PackedRecord>> unpack_records(std::string_view s) {
  std::vector<PackedRecord> records;
  size_t i = 0;
  while (i < s.size()) {
    PackedRecord r;
    r.kind = s[i++];
    if (r.kind < 'a' || r.kind > 'z') return std::nullopt;
    while (i < s.size() && s[i] != '\n') {
      size_t length = 0, digits = 0, start = i;
      for (; i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 9; ++i, ++digits)
        length = length * 10 + (s[i] - '0');
      if (digits == 0 || i >= s.size() || s[i] != ':' || s.size() - i - 1 < length) return std::nullopt;
      if (digits > 1 && s[start] == '0') return std::nullopt;  // one spelling of a length, as pack_record writes it
      r.fields.emplace_back(s.substr(i + 1, length));
      i += 1 + length;
    }
    if (i >= s.size()) return std::nullopt;  // every record ends with its newline
    ++i;
    records.push_back(std::move(r));
  }
  return records;
}
