// The audit log: who did what, when, from where.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

class Db;

struct AuditEntry {
  int64_t id = 0;
  std::time_t at = 0;
  std::string user_name;
  std::string remote_addr;
  std::string action;
  std::string target;
  std::string details;
};

// Writes one row. `user_id` 0 = no user (a failed login of an unknown name).
void write_audit(Db& db, std::time_t now, int64_t user_id, const std::string& user_name, const std::string& remote_addr,
                 const std::string& action, const std::string& target, const std::string& details);

// Newest first, entries with id below `before_id` (0: from the newest).
std::vector<AuditEntry> audit_page(Db& db, int64_t before_id, int limit);
