// multipart/form-data (the photo uploads): the boundary from a Content-Type,
// then the body. Fields are valid UTF-8, at most 32 parts, and every file's
// bytes lie inside the body.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz.h"
#include "http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  std::string content_type = in.ConsumeRandomLengthString(200);
  std::string body = in.ConsumeRemainingBytesAsString();
  auto boundary = multipart_boundary(content_type);
  if (!boundary) boundary = "XX";  // the body is worth reading either way
  FUZZ_CHECK(!boundary->empty());
  QueryParams fields;
  std::vector<UploadedFile> files;
  if (!parse_multipart(body, *boundary, fields, files)) return 0;
  FUZZ_CHECK(fields.size() + files.size() <= 32);
  size_t bytes = 0;
  for (const auto& [name, value] : fields) {
    FUZZ_CHECK(!name.empty());
    FUZZ_CHECK(is_valid_utf8(name) && is_valid_utf8(value));
    bytes += value.size();
  }
  for (const UploadedFile& f : files) {
    FUZZ_CHECK(!f.field.empty());
    bytes += f.bytes.size();
  }
  FUZZ_CHECK(bytes <= body.size());
  return 0;
}
