// The records the image helper writes and the worker reads (length-prefixed
// fields): a damaged string is refused whole, and what is read writes back
// as the very same bytes; any fields packed read back as themselves.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz.h"
#include "util/packed_fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz_text(data, size);
  if (auto records = unpack_records(text)) {
    std::string again;
    for (const PackedRecord& r : *records)
      pack_record(again, r.kind, std::vector<std::string_view>(r.fields.begin(), r.fields.end()));
    FUZZ_CHECK(again == text);
  }
  FuzzedDataProvider in(data, size);
  char kind = in.ConsumeIntegralInRange<char>('a', 'z');
  std::vector<std::string> fields;
  while (in.remaining_bytes()) fields.push_back(in.ConsumeRandomLengthString(500));
  std::string packed;
  pack_record(packed, kind, std::vector<std::string_view>(fields.begin(), fields.end()));
  auto back = unpack_records(packed);
  FUZZ_CHECK(back && back->size() == 1 && (*back)[0].kind == kind && (*back)[0].fields == fields);
  return 0;
}
