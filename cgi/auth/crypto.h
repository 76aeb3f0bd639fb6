// Passwords and tokens, all through libsodium. Call crypto_init() once at start-up.
#pragma once
#include <optional>
#include <string>

// Initialises libsodium; false if it cannot (then nothing here may be used).
bool crypto_init();

// argon2id hash in libsodium's string format: 2 passes over 19 MiB (OWASP's
// Password Storage Cheat Sheet), so that a worker checking one password at a
// time stays within its memory budget.
std::string hash_password(const std::string& password);
// True when `password` matches `hash`. Takes the same time whatever the outcome.
// A hash made with other limits is checked with its own (64 MiB for hashes made
// before) until needs_rehash() has it replaced.
bool verify_password(const std::string& hash, const std::string& password);
// True when `hash` was made with other limits than hash_password() uses now.
bool needs_rehash(const std::string& hash);
// Does the work of one verification against a dummy hash and returns false:
// an unknown user costs what a wrong password costs.
bool verify_password_of_nobody(const std::string& password);

// Why a new password is not acceptable, or nullopt. 8 to 1024 characters, no
// composition rules, nothing truncated.
std::optional<std::string> password_problem(const std::string& password);

// 256 random bits, base64url without padding (43 characters).
std::string random_token();
// Hex BLAKE2b-256 of a token: what the database keeps instead of the token.
std::string token_hash(const std::string& token);
// Constant-time comparison of two tokens (false when the lengths differ).
bool same_token(const std::string& a, const std::string& b);
