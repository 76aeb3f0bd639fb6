// What the site signs with its own key, so that it recognises later, without
// a database read, values it handed out: the editors' cache-bypass cookie, the
// login form's token, listing cursors, the browsers editors logged in with.
// The key is kept in MariaDB (site_secrets),
// so every worker on every host has the same one; each purpose signs with a
// key of its own derived from it (libsodium's KDF, HMAC-SHA-256).
#pragma once
#include <string>
#include <string_view>

enum class Signed { editor_cookie = 1, login_form = 2, cursor = 3, device = 4 };

class SigningKey {
 public:
  // `master`: 32 random bytes (RANDOM_BYTES(32) in the migration).
  explicit SigningKey(std::string_view master);
  ~SigningKey();

  // The MAC of `message` for `purpose`, its first `bytes` bytes, base64url without padding.
  std::string mac(Signed purpose, std::string_view message, size_t bytes = 32) const;
  // True when `mac` is mac(purpose, message, bytes); compared in constant time.
  bool verify(Signed purpose, std::string_view message, std::string_view mac, size_t bytes = 32) const;

 private:
  unsigned char keys_[5][32];  // by Signed (0 unused)
};
