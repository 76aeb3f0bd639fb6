#include "db/imports.h"

std::optional<ImportedItem> find_imported(Db& db, const std::string& source, const std::string& kind, int64_t wp_id) {
  Rows rows = db.select(
      "SELECT newsline_id, guid, fingerprint, revision FROM imported_items WHERE source = ? AND kind = ? AND wp_id = ?",
      {source, kind, wp_id});
  if (rows.empty()) return std::nullopt;
  return ImportedItem{source, kind, wp_id, rows[0][0].i, rows[0][1].s, rows[0][2].s, rows[0][3].i};
}

void remember_imported(Db& db, const ImportedItem& item, std::time_t now) {
  db.execute(
      "INSERT INTO imported_items (source, kind, wp_id, newsline_id, guid, fingerprint, revision, imported_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE newsline_id = VALUES(newsline_id),"
      " guid = VALUES(guid), fingerprint = VALUES(fingerprint), revision = VALUES(revision),"
      " imported_at = VALUES(imported_at)",
      {item.source, item.kind, item.wp_id, item.newsline_id, item.guid, item.fingerprint, item.revision,
       Param::time(now)});
}

void put_redirect(Db& db, const std::string& old_address, const std::string& target, const std::string& origin,
                  std::time_t now) {
  db.execute(
      "INSERT INTO redirects (old_address, target, origin, created_at) VALUES (?, ?, ?, ?)"
      " ON DUPLICATE KEY UPDATE target = VALUES(target)",
      {old_address, target, origin, Param::time(now)});
}

std::optional<std::string> redirect_target(Db& db, const std::string& old_address) {
  Rows rows = db.select("SELECT target FROM redirects WHERE old_address = ?", {old_address});
  if (rows.empty()) return std::nullopt;
  return rows[0][0].s;
}

void bump_redirects_version(Db& db) {
  db.execute("UPDATE redirects_version SET version = version + 1 WHERE id = 1", {});
}

int64_t redirects_version(Db& db) {
  Rows rows = db.select("SELECT version FROM redirects_version WHERE id = 1", {});
  return rows.empty() ? 0 : rows[0][0].i;
}

std::vector<std::string> all_old_addresses(Db& db) {
  std::vector<std::string> out;
  for (Row& r : db.select("SELECT old_address FROM redirects", {})) out.push_back(std::move(r[0].s));
  return out;
}

std::vector<Redirect> find_redirects(Db& db, const std::string& prefix, const std::string& after, int limit) {
  std::string like;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') like += '\\';
    like += c;
  }
  like += '%';
  std::vector<Redirect> out;
  for (Row& r : db.select("SELECT old_address, target, origin, created_at FROM redirects"
                          " WHERE old_address LIKE ? AND old_address > ? ORDER BY old_address LIMIT ?",
                          {like, after, limit}))
    out.push_back({std::move(r[0].s), std::move(r[1].s), std::move(r[2].s), static_cast<std::time_t>(r[3].i)});
  return out;
}

bool delete_redirect(Db& db, const std::string& old_address) {
  return db.execute("DELETE FROM redirects WHERE old_address = ?", {old_address}) > 0;
}
