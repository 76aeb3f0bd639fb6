#include "db/users.h"

#include "db/db.h"
#include "util/text.h"

namespace {

User user_from(const Row& r) { return User{r[0].i, r[1].s, r[2].s, r[3].i != 0, r[4].s}; }

}  // namespace

std::optional<User> find_user_by_name(Db& db, const std::string& name) {
  Rows rows = db.select("SELECT id, name, role, disabled, password_hash FROM users WHERE name = ?", {name});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::optional<User> find_user(Db& db, int64_t id) {
  Rows rows = db.select("SELECT id, name, role, disabled, password_hash FROM users WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::vector<User> list_users(Db& db) {
  std::vector<User> out;
  for (const Row& r : db.select("SELECT id, name, role, disabled, '' FROM users ORDER BY name", {}))
    out.push_back(user_from(r));
  return out;
}

int64_t insert_user(Db& db, const std::string& name, const std::string& password_hash, const std::string& role,
                    std::time_t now) {
  db.execute("INSERT INTO users (name, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
             {name, password_hash, role, Param::time(now), Param::time(now)});
  return static_cast<int64_t>(db.last_insert_id());
}

void update_user_role(Db& db, int64_t id, const std::string& role, std::time_t now) {
  db.execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", {role, Param::time(now), id});
}

void update_user_disabled(Db& db, int64_t id, bool disabled, std::time_t now) {
  db.execute("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?", {disabled ? 1 : 0, Param::time(now), id});
}

void update_user_password(Db& db, int64_t id, const std::string& password_hash, std::time_t now) {
  db.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {password_hash, Param::time(now), id});
}

int count_other_active_admins(Db& db, int64_t except_id) {
  return static_cast<int>(
      db.select("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?", {except_id})[0][0].i);
}

void insert_session(Db& db, const std::string& token_hash, int64_t user_id, const std::string& csrf_token,
                    std::time_t now, const std::string& remote_addr) {
  db.execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, remote_addr)"
      " VALUES (?, ?, ?, ?, ?, ?)",
      {token_hash, user_id, csrf_token, Param::time(now), Param::time(now), utf8_truncate(remote_addr, 45)});
}

std::optional<SessionRow> find_session(Db& db, const std::string& token_hash) {
  Rows rows = db.select(
      "SELECT s.user_id, u.name, u.role, s.csrf_token, s.created_at, s.last_seen_at"
      " FROM sessions s JOIN users u ON u.id = s.user_id"
      " WHERE s.token_hash = ? AND u.disabled = 0",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return SessionRow{r[0].i, r[1].s, r[2].s, r[3].s, static_cast<std::time_t>(r[4].i), static_cast<std::time_t>(r[5].i)};
}

void touch_session(Db& db, const std::string& token_hash, std::time_t now) {
  db.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {Param::time(now), token_hash});
}

void delete_session(Db& db, const std::string& token_hash) {
  db.execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void delete_user_sessions(Db& db, int64_t user_id, const std::string& keep_token_hash) {
  db.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, keep_token_hash});
}
