// The Cookie header, and the signed cookies read from it before any database
// work: every value kept is valid UTF-8, and no value the site did not sign
// passes as an editor's or a device's cookie.
#include <fuzzer/FuzzedDataProvider.h>

#include "auth/crypto.h"
#include "auth/session.h"
#include "fuzz.h"
#include "http/request.h"
#include "util/signing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool started = crypto_init();
  static const SigningKey key(std::string(32, 'k'));
  // A cookie the site made is read back (the checks below are not blind).
  static const bool reads_its_own = editor_cookie_valid(key, editor_cookie_value(key, 7, 1'700'000'100), 1'700'000'000);
  FUZZ_CHECK(started && reads_its_own);
  FuzzedDataProvider in(data, size);
  std::string header = in.ConsumeRemainingBytesAsString();
  QueryParams cookies = parse_cookies(header);
  for (const auto& [name, value] : cookies) {
    FUZZ_CHECK(!name.empty() && name.find(';') == std::string::npos && name.find('=') == std::string::npos);
    FUZZ_CHECK(value.find(';') == std::string::npos);
    FUZZ_CHECK(is_valid_utf8(value));
    FUZZ_CHECK(!editor_cookie_valid(key, value, 1'700'000'000));
    FUZZ_CHECK(!device_cookie_valid(key, value, "admin", 1'700'000'000));
  }
  return 0;
}
