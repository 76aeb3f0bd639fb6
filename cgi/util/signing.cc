#include "util/signing.h"

#include <sodium.h>

#include <stdexcept>

SigningKey::SigningKey(std::string_view master) {
  if (master.size() != crypto_kdf_KEYBYTES) throw std::runtime_error("the site's signing key must have 32 bytes");
  const auto* m = reinterpret_cast<const unsigned char*>(master.data());
  for (uint64_t purpose = 1; purpose < sizeof keys_ / sizeof keys_[0]; ++purpose)
    crypto_kdf_derive_from_key(keys_[purpose], sizeof keys_[purpose], purpose, "nlsigned", m);
}

SigningKey::~SigningKey() { sodium_memzero(keys_, sizeof keys_); }

std::string SigningKey::mac(Signed purpose, std::string_view message, size_t bytes) const {
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(out, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         keys_[static_cast<int>(purpose)]);
  if (bytes > sizeof out) bytes = sizeof out;
  char text[sodium_base64_ENCODED_LEN(crypto_auth_hmacsha256_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, out, bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

bool SigningKey::verify(Signed purpose, std::string_view message, std::string_view mac_text, size_t bytes) const {
  std::string expected = mac(purpose, message, bytes);
  return mac_text.size() == expected.size() && sodium_memcmp(mac_text.data(), expected.data(), expected.size()) == 0;
}
