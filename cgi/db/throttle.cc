#include "db/throttle.h"

#include "db/db.h"
#include "util/config.h"

void ensure_throttle_rows(Db& db, const std::vector<std::string>& subjects, std::time_t now) {
  for (const std::string& subject : subjects)
    db.execute(
        "INSERT IGNORE INTO login_throttle (subject, failures, last_failure_at, wait_until_ms) VALUES (?, 0, ?, 0)",
        {subject, Param::time(now)});
}

std::vector<ThrottleRow> lock_throttle_rows(Db& db, const std::vector<std::string>& subjects) {
  std::vector<ThrottleRow> out;
  for (const std::string& subject : subjects) {
    Rows rows = db.select(
        "SELECT subject, failures, last_failure_at, wait_until_ms, refusal_noted_at FROM login_throttle"
        " WHERE subject = ? FOR UPDATE",
        {subject});
    ThrottleRow row{subject};
    if (!rows.empty()) {
      const Row& r = rows[0];
      row = {r[0].s, static_cast<int>(r[1].i), static_cast<std::time_t>(r[2].i), r[3].i,
             r[4].is_null ? 0 : static_cast<std::time_t>(r[4].i)};
    }
    out.push_back(row);
  }
  return out;
}

void update_throttle_row(Db& db, const std::string& subject, int failures, std::time_t last_failure_at,
                         int64_t wait_until_ms) {
  db.execute(
      "INSERT INTO login_throttle (subject, failures, last_failure_at, wait_until_ms) VALUES (?, ?, ?, ?)"
      " ON DUPLICATE KEY UPDATE failures = VALUES(failures), last_failure_at = VALUES(last_failure_at),"
      " wait_until_ms = VALUES(wait_until_ms)",
      {subject, failures, Param::time(last_failure_at), wait_until_ms});
}

void note_throttle_refusal(Db& db, const std::string& subject, std::time_t now) {
  db.execute("UPDATE login_throttle SET refusal_noted_at = ? WHERE subject = ?", {Param::time(now), subject});
}

void forget_throttle_row(Db& db, const std::string& subject) {
  db.execute("DELETE FROM login_throttle WHERE subject = ?", {subject});
}

void return_throttle_try(Db& db, const std::string& subject) {
  db.execute("UPDATE login_throttle SET failures = failures - 1 WHERE subject = ? AND failures > 0", {subject});
}

PruneCounts prune_old_rows(Db& db, std::time_t failures_before, std::time_t audit_before, std::time_t idle_before,
                           std::time_t created_before, int batch) {
  PruneCounts n;
  n.throttle_rows =
      db.execute("DELETE FROM login_throttle WHERE last_failure_at < ? LIMIT ?", {Param::time(failures_before), batch});
  n.audit_rows =
      db.execute("DELETE FROM audit_log WHERE at < ? ORDER BY at LIMIT ?", {Param::time(audit_before), batch});
  n.sessions = db.execute("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ? LIMIT ?",
                          {Param::time(idle_before), Param::time(created_before), batch});
  return n;
}

PruneCounts prune_old_rows(Db& db, const Config& cfg, std::time_t now, int batch) {
  return prune_old_rows(db, now - cfg.login_memory_hours * 3600L, now - cfg.audit_retention_days * 86400L,
                        now - cfg.session_idle_minutes * 60L, now - cfg.session_absolute_hours * 3600L, batch);
}
