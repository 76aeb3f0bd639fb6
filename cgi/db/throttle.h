// The login throttle's rows (sql/migrations/008_login_throttle.sql) and the
// pruning of rows that only age: throttle rows, audit rows, expired sessions.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

class Db;
struct Config;

struct ThrottleRow {
  std::string subject;
  int failures = 0;
  std::time_t last_failure_at = 0;
  int64_t wait_until_ms = 0;         // Unix time, milliseconds
  std::time_t refusal_noted_at = 0;  // 0: never
};

// Makes sure a row exists for each subject (0 failures), outside any
// transaction, so that locking them later takes row locks only.
void ensure_throttle_rows(Db& db, const std::vector<std::string>& subjects, std::time_t now);
// The rows of `subjects`, locked until the transaction ends (SELECT ... FOR UPDATE).
std::vector<ThrottleRow> lock_throttle_rows(Db& db, const std::vector<std::string>& subjects);
void update_throttle_row(Db& db, const std::string& subject, int failures, std::time_t last_failure_at,
                         int64_t wait_until_ms);
void note_throttle_refusal(Db& db, const std::string& subject, std::time_t now);
// After a correct password: the pair starts again, the address gets back the try counted in advance.
void forget_throttle_row(Db& db, const std::string& subject);
void return_throttle_try(Db& db, const std::string& subject);

struct PruneCounts {
  uint64_t throttle_rows = 0, audit_rows = 0, sessions = 0;
};
// Deletes throttle rows whose last failure is before `failures_before`, audit
// rows before `audit_before` and sessions idle since `idle_before` or created
// before `created_before`, at most `batch` of each kind per call.
PruneCounts prune_old_rows(Db& db, std::time_t failures_before, std::time_t audit_before, std::time_t idle_before,
                           std::time_t created_before, int batch);
// The same with the ages the configuration keeps (login_memory_hours,
// audit_retention_days, the session timeouts), as of `now`.
PruneCounts prune_old_rows(Db& db, const Config& cfg, std::time_t now, int batch = 1000);
