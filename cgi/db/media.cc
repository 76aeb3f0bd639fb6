#include "db/media.h"

namespace {

Photo photo_from(const Row& r, size_t first = 0) {
  return {r[first].i,
          r[first + 1].s,
          static_cast<int>(r[first + 2].i),
          static_cast<int>(r[first + 3].i),
          r[first + 4].s,
          r[first + 5].s,
          r[first + 6].s};
}

}  // namespace

int64_t insert_photo(Db& db, const NewPhoto& p, const std::string& master, int64_t user_id, std::time_t now) {
  return with_transaction(db, [&] { return insert_photo_rows(db, p, master, user_id, now); });
}

int64_t insert_photo_rows(Db& db, const NewPhoto& p, const std::string& master, int64_t user_id, std::time_t now) {
  db.execute(
      "INSERT INTO media (hash, mime, source_kind, width, height, bytes, alt, caption, credit, uploaded_by,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {p.hash, p.mime, p.source_kind, p.width, p.height, static_cast<int64_t>(master.size()), p.alt, p.caption,
       p.credit, user_id ? Param(user_id) : Param::null(), Param::time(now)});
  int64_t id = static_cast<int64_t>(db.last_insert_id());
  db.execute("INSERT INTO media_masters (media_id, data) VALUES (?, ?)", {id, Param::blob(master)});
  return id;
}

std::optional<Photo> find_photo(Db& db, int64_t id) {
  Rows rows = db.select("SELECT id, hash, width, height, alt, caption, credit FROM media WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return photo_from(rows[0]);
}

std::optional<std::string> photo_master(Db& db, int64_t id) {
  Rows rows = db.select("SELECT data FROM media_masters WHERE media_id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return std::move(rows[0][0].s);
}

std::vector<LibraryItem> photo_library(Db& db, const std::string& words, int64_t before_id, int limit) {
  // Newest first by id (the primary key): a page is a range of it. The word
  // filter reads rows in that order until it has `limit`; the editors' pages
  // run with their statement time limit.
  std::string like = "%";
  for (char c : words) {
    if (c == '%' || c == '_' || c == '\\') like += '\\';
    like += c;
  }
  like += "%";
  Rows rows = db.select(
      "SELECT m.id, m.hash, m.width, m.height, m.alt, m.caption, m.credit, m.source_kind, m.bytes,"
      " COALESCE(u.name, ''), m.created_at"
      " FROM media m LEFT JOIN users u ON u.id = m.uploaded_by"
      " WHERE m.id < ? AND (? = '' OR m.alt LIKE ? OR m.caption LIKE ? OR m.credit LIKE ?)"
      " ORDER BY m.id DESC LIMIT ?",
      {before_id, words, like, like, like, limit});
  std::vector<LibraryItem> out;
  for (const Row& r : rows) out.push_back({photo_from(r), r[7].s, r[8].i, r[9].s, static_cast<std::time_t>(r[10].i)});
  return out;
}

void update_photo_words(Db& db, int64_t id, const std::string& alt, const std::string& caption,
                        const std::string& credit) {
  db.execute("UPDATE media SET alt = ?, caption = ?, credit = ? WHERE id = ?", {alt, caption, credit, id});
}

void set_lead_photo(Db& db, int64_t article_id, int64_t media_id) {
  db.execute("UPDATE articles SET lead_media_id = ? WHERE id = ?", {media_id, article_id});
}

std::vector<std::pair<int64_t, std::string>> articles_without_lead_photo(Db& db, int limit) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (Row& r : db.select("SELECT id, title FROM articles WHERE status = 'published' AND lead_media_id IS NULL"
                          " ORDER BY id LIMIT ?",
                          {limit}))
    out.emplace_back(r[0].i, std::move(r[1].s));
  return out;
}

void replace_article_photos(Db& db, int64_t article_id, const std::vector<int64_t>& photo_ids) {
  db.execute("DELETE FROM article_media WHERE article_id = ?", {article_id});
  for (int64_t id : photo_ids)
    db.execute("INSERT IGNORE INTO article_media (article_id, media_id) VALUES (?, ?)", {article_id, id});
}

std::vector<int64_t> articles_showing_photo(Db& db, int64_t id) {
  std::vector<int64_t> out;
  for (const Row& r : db.select("SELECT article_id FROM article_media WHERE media_id = ?", {id})) out.push_back(r[0].i);
  return out;
}
