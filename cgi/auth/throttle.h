// Login throttling that no attacker can turn into a lockout (OWASP ASVS 2.2.1).
// Failed password checks are counted per (account, address) and per address,
// in MariaDB, so every worker on every host sees the same counts:
//   - an address that failed an account more than cfg.login_free_failures
//     times waits before its next try of that account: 1 s, then 2, 4, 8 ...
//     up to cfg.login_max_delay_seconds;
//   - an address that failed more than cfg.login_free_failures_per_address
//     times, whatever the accounts, waits the same way before any try.
// An address that has not failed is never held back, so the real editor logs
// in while someone else guesses their password. Counts are forgotten
// cfg.login_memory_hours after the last failure. IPv6 addresses count by their
// /64 prefix, the block one host is given.
#pragma once
#include <ctime>
#include <string>

class Db;
struct Config;

// The address a client is counted under: IPv4 as it is, IPv6 by its /64
// prefix ("2001:db8:1:2::/64"), an IPv4-mapped IPv6 address as IPv4.
std::string address_key(const std::string& remote_addr);

// How long to wait after `failures` failures when the first `free` cost nothing:
// 0, then 1 s, 2 s, 4 s ... at most `max_delay`.
std::time_t throttle_delay(int failures, int free, int max_delay);

struct LoginTurn {
  bool granted = false;
  std::time_t retry_after = 0;  // refused: whole seconds to wait (rounded up)
  bool first_refusal = false;   // refused, and the first time in this window (audit it)
};

// Asks for a password check of `account` from `remote_addr`. Granted, the try is
// already counted as a failure (in a transaction that locks both counters, so
// parallel tries cannot all pass the check); login_succeeded() takes it back.
LoginTurn take_login_turn(Db& db, const Config& cfg, const std::string& account, const std::string& remote_addr);
// After a correct password: the account's count from this address starts again.
void login_succeeded(Db& db, const std::string& account, const std::string& remote_addr);
