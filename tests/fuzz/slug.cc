// Slugs made from titles (any text an editor types): always a valid slug of
// at most 80 ASCII characters, and a slug is its own slug.
#include "util/slug.h"
#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string title(fuzz_text(data, size));
  std::string slug = slugify(title);
  FUZZ_CHECK(is_valid_slug(slug));
  FUZZ_CHECK(slug.size() <= 80);
  FUZZ_CHECK(slugify(slug) == slug);
  if (is_valid_slug(title)) FUZZ_CHECK(slugify(title) == title);
  return 0;
}
