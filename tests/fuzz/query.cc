// Query strings and urlencoded form bodies: every name and value is valid
// UTF-8 (a URL's without control characters, a form's with line breaks and
// tabs only), and the query the site writes reads back as the same pairs.
#include "fuzz.h"
#include "http/router.h"

namespace {

bool only_text_controls(std::string_view s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz_text(data, size);
  if (auto query = parse_query(text)) {
    for (const auto& [name, value] : *query) {
      FUZZ_CHECK(is_valid_utf8(name) && is_valid_utf8(value));
      FUZZ_CHECK(has_no_controls(name) && has_no_controls(value));
    }
    std::string written = query_string(*query);
    FUZZ_CHECK(written.empty() == query->empty());
    if (!written.empty()) FUZZ_CHECK(parse_query(std::string_view(written).substr(1)) == query);
  }
  if (auto form = parse_query(text, /*form_body=*/true))
    for (const auto& [name, value] : *form) {
      FUZZ_CHECK(is_valid_utf8(name) && is_valid_utf8(value));
      FUZZ_CHECK(has_no_controls(name) && only_text_controls(value));
    }
  return 0;
}
