#include "db/audit.h"

#include <limits>

#include "db/db.h"
#include "util/text.h"

void write_audit(Db& db, std::time_t now, int64_t user_id, const std::string& user_name, const std::string& remote_addr,
                 const std::string& action, const std::string& target, const std::string& details) {
  db.execute(
      "INSERT INTO audit_log (at, user_id, user_name, remote_addr, action, target, details)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)",
      {Param::time(now), user_id ? Param(user_id) : Param::null(), utf8_truncate(user_name, 64),
       utf8_truncate(remote_addr, 45), action, utf8_truncate(target, 64), utf8_truncate(details, 1000)});
}

std::vector<AuditEntry> audit_page(Db& db, int64_t before_id, int limit) {
  if (before_id <= 0) before_id = std::numeric_limits<int64_t>::max();
  std::vector<AuditEntry> out;
  for (const Row& r : db.select("SELECT id, at, user_name, remote_addr, action, target, details FROM audit_log"
                                " WHERE id < ? ORDER BY id DESC LIMIT ?",
                                {before_id, limit}))
    out.push_back({r[0].i, static_cast<std::time_t>(r[1].i), r[2].s, r[3].s, r[4].s, r[5].s, r[6].s});
  return out;
}
