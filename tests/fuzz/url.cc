// A URL's path and its escapes: what decodes is valid UTF-8 without control
// characters, and the canonical spelling of a path decodes to the same segments.
#include "fuzz.h"
#include "http/router.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz_text(data, size);
  for (bool plus : {false, true}) {
    auto decoded = percent_decode(text, plus);
    if (!decoded) continue;
    FUZZ_CHECK(is_valid_utf8(*decoded));
    FUZZ_CHECK(has_no_controls(*decoded));
    FUZZ_CHECK(percent_decode(url_escape(*decoded), plus) == decoded);  // escaping round-trips
  }
  auto segments = split_path(text);
  if (!segments) return 0;
  for (const std::string& s : *segments) {
    FUZZ_CHECK(!s.empty() && s != "." && s != "..");
    FUZZ_CHECK(s.find('/') == std::string::npos);
    FUZZ_CHECK(is_valid_utf8(s) && has_no_controls(s));
  }
  bool slash = text.size() > 1 && text.back() == '/';
  std::string canonical = canonical_path(*segments, slash);
  FUZZ_CHECK(split_path(canonical) == segments);
  FUZZ_CHECK(canonical_path(*split_path(canonical), slash) == canonical);  // one spelling
  return 0;
}
