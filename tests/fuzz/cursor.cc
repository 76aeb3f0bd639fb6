// Listing cursors ("<time>-<id>-<MAC>") from the URL: one the site did not
// sign never parses, and every one it writes reads back as the same position.
#include <fuzzer/FuzzedDataProvider.h>

#include "auth/crypto.h"
#include "fuzz.h"
#include "util/cursor.h"
#include "util/signing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool started = crypto_init();
  static const SigningKey key(std::string(32, 'c'));
  FUZZ_CHECK(started);
  FuzzedDataProvider in(data, size);
  Cursor c{in.ConsumeIntegralInRange<std::time_t>(1, 253402300799),
           in.ConsumeIntegralInRange<int64_t>(1, 999999999999999)};
  auto back = parse_cursor(format_cursor(c, key), key);
  FUZZ_CHECK(back && back->published_at == c.published_at && back->id == c.id);
  std::string text = in.ConsumeRemainingBytesAsString();
  FUZZ_CHECK(!parse_cursor(text, key) || text == format_cursor(*parse_cursor(text, key), key));
  return 0;
}
