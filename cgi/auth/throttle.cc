#include "auth/throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include "auth/crypto.h"
#include "db/db.h"
#include "db/throttle.h"
#include "util/config.h"

namespace {

// What each counter is stored under: a hash, so any account name and address fit one column.
std::string pair_subject(const std::string& account, const std::string& address) {
  return token_hash("account\n" + account + "\n" + address);
}

std::string address_subject(const std::string& address) { return token_hash("address\n" + address); }

}  // namespace

std::string address_key(const std::string& remote_addr) {
  unsigned char v6[16];
  if (inet_pton(AF_INET6, remote_addr.c_str(), v6) == 1) {
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char text[INET6_ADDRSTRLEN];
    if (std::memcmp(v6, mapped, sizeof mapped) == 0) return inet_ntop(AF_INET, v6 + 12, text, sizeof text);
    std::memset(v6 + 8, 0, 8);
    return std::string(inet_ntop(AF_INET6, v6, text, sizeof text)) + "/64";
  }
  return remote_addr;
}

std::time_t throttle_delay(int failures, int free, int max_delay) {
  int over = failures - free;
  if (over <= 0) return 0;
  if (over > 30) return max_delay;
  return std::min<std::time_t>(std::time_t{1} << (over - 1), max_delay);
}

LoginTurn take_login_turn(Db& db, const Config& cfg, const std::string& account, const std::string& remote_addr) {
  using namespace std::chrono;
  const int64_t now_ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  const std::time_t now = now_ms / 1000;
  std::string address = address_key(remote_addr);
  const std::string pair = pair_subject(account, address), from = address_subject(address);
  ensure_throttle_rows(db, {pair, from}, now);
  const std::time_t forget_before = now - cfg.login_memory_hours * 3600L;
  return with_transaction(db, [&] {
    std::vector<ThrottleRow> rows = lock_throttle_rows(db, {pair, from});
    LoginTurn turn;
    int64_t wait_ms = 0;
    for (const ThrottleRow& r : rows)
      if (r.last_failure_at >= forget_before) wait_ms = std::max(wait_ms, r.wait_until_ms - now_ms);
    if (wait_ms > 0) {
      turn.retry_after = (wait_ms + 999) / 1000;
      // Refused tries are not counted: the wait does not grow while someone hammers.
      const ThrottleRow& p = rows[0];
      turn.first_refusal = p.refusal_noted_at < now - cfg.login_max_delay_seconds;
      if (turn.first_refusal) note_throttle_refusal(db, pair, now);
      return turn;
    }
    turn.granted = true;
    const int free[2] = {cfg.login_free_failures, cfg.login_free_failures_per_address};
    for (size_t i = 0; i < rows.size(); ++i) {
      int failures = (rows[i].last_failure_at >= forget_before ? rows[i].failures : 0) + 1;
      update_throttle_row(db, rows[i].subject, failures, now,
                          now_ms + 1000 * throttle_delay(failures, free[i], cfg.login_max_delay_seconds));
    }
    return turn;
  });
}

void login_succeeded(Db& db, const std::string& account, const std::string& remote_addr) {
  std::string address = address_key(remote_addr);
  forget_throttle_row(db, pair_subject(account, address));
  return_throttle_try(db, address_subject(address));
}
