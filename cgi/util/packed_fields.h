// Records of text fields packed into one string, each field as its length in
// decimal, a colon and its bytes ("5:Baku,"), each record as a one-letter kind,
// its fields and a newline. Any bytes may be in a field; a damaged string is
// refused whole, never read in part.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct PackedRecord {
  char kind = 0;
  std::vector<std::string> fields;
};

void pack_record(std::string& out, char kind, const std::vector<std::string_view>& fields);
std::optional<std::vector<PackedRecord>> unpack_records(std::string_view packed);
