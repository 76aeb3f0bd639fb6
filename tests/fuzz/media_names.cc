// Photo variant file names from the URL (/media/ID/NAME): a name that parses
// has one spelling, the one the site writes, so a client cannot make a
// worker store the same variant again under another name.
#include "fuzz.h"
#include "media/variant_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string name(fuzz_text(data, size));
  VariantName v;
  if (!parse_variant_name(name, v)) return 0;
  FUZZ_CHECK(variant_file_name(v.hash, v.spec) == name);
  FUZZ_CHECK(v.spec.width > 0 && v.spec.width < 10000 && v.spec.height >= 0 && v.spec.height < 10000);
  FUZZ_CHECK(name.find('/') == std::string::npos && name[0] != '.');
  return 0;
}
