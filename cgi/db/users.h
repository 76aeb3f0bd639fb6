// Users and their sessions.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

class Db;

struct User {
  int64_t id = 0;
  std::string name;
  std::string role;  // "admin" or "editor"
  bool disabled = false;
  std::string password_hash;
};

std::optional<User> find_user_by_name(Db& db, const std::string& name);
std::optional<User> find_user(Db& db, int64_t id);
std::vector<User> list_users(Db& db);
int64_t insert_user(Db& db, const std::string& name, const std::string& password_hash, const std::string& role,
                    std::time_t now);
void update_user_role(Db& db, int64_t id, const std::string& role, std::time_t now);
void update_user_disabled(Db& db, int64_t id, bool disabled, std::time_t now);
void update_user_password(Db& db, int64_t id, const std::string& password_hash, std::time_t now);
// Enabled admins other than `except_id` (so the last admin cannot be demoted or disabled).
int count_other_active_admins(Db& db, int64_t except_id);

struct SessionRow {
  int64_t user_id = 0;
  std::string user_name;
  std::string role;
  std::string csrf_token;
  std::time_t created_at = 0;
  std::time_t last_seen_at = 0;
};

void insert_session(Db& db, const std::string& token_hash, int64_t user_id, const std::string& csrf_token,
                    std::time_t now, const std::string& remote_addr);
// The session of an enabled user, or nullopt.
std::optional<SessionRow> find_session(Db& db, const std::string& token_hash);
void touch_session(Db& db, const std::string& token_hash, std::time_t now);
void delete_session(Db& db, const std::string& token_hash);
// Ends every session of a user but `keep_token_hash` (may be empty: all).
void delete_user_sessions(Db& db, int64_t user_id, const std::string& keep_token_hash);
