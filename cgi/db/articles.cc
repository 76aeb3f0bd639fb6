#include "db/articles.h"

#include <limits>
#include <sstream>

#include "db/db.h"
#include "util/markdown.h"
#include "util/text.h"

namespace {

std::string join_ids(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<int64_t> split_ids(const std::string& s) {
  std::vector<int64_t> ids;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ','))
    if (!part.empty()) ids.push_back(std::stoll(part));
  return ids;
}

// Escapes LIKE's wildcards so a title search matches the words literally.
std::string like_pattern(const std::string& words) {
  std::string p = "%";
  for (char c : words) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

// Columns: edition, category_id, slug, title, body, author, source, status, published_at
void draft_fields_from(const Row& r, size_t k, ArticleDraft& a) {
  a.edition = r[k].s;
  a.category_id = r[k + 1].i;
  a.slug = r[k + 2].s;
  a.title = r[k + 3].s;
  a.body = r[k + 4].s;
  a.author = r[k + 5].s;
  a.source = r[k + 6].s;
  a.status = r[k + 7].s;
  a.published_at = r[k + 8].i;
}

// The body's first paragraph, at most 1000 bytes: the lead the home page shows.
std::string lead_of(const std::string& body) {
  std::string first = body.substr(0, body.find("\n\n"));
  size_t b = first.find_first_not_of(" \t\n");
  return b == std::string::npos ? "" : utf8_truncate(first.substr(b), 1000);
}

std::string lead_text(const ArticleDraft& a) { return a.lead.empty() ? lead_of(a.body) : a.lead; }
Param lead_photo(const ArticleDraft& a) { return a.lead_media_id ? Param(a.lead_media_id) : Param::null(); }

void save_body(Db& db, int64_t id, const ArticleDraft& a) {
  db.execute(
      "INSERT INTO article_bodies (article_id, body, body_html) VALUES (?, ?, ?)"
      " ON DUPLICATE KEY UPDATE body = VALUES(body), body_html = VALUES(body_html)",
      {id, a.body, a.body_html});
}

}  // namespace

std::optional<ArticleDraft> load_article(Db& db, int64_t id) {
  Rows rows = db.select(
      "SELECT a.id, a.revision, COALESCE(b.body_html, ''), a.edition, a.category_id, a.slug, a.title,"
      " COALESCE(b.body, ''), a.author, a.source, a.status, a.published_at,"
      " IF(a.lead_written, a.lead, ''), a.lead_media_id"
      " FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?",
      {id});
  if (rows.empty()) return std::nullopt;
  ArticleDraft a;
  a.id = rows[0][0].i;
  a.revision = rows[0][1].i;
  a.body_html = rows[0][2].s;
  draft_fields_from(rows[0], 3, a);
  a.lead = rows[0][12].s;
  a.lead_media_id = rows[0][13].is_null ? 0 : rows[0][13].i;
  for (const Row& r : db.select("SELECT related_id FROM article_related WHERE article_id = ? ORDER BY position", {id}))
    a.related.push_back(r[0].i);
  return a;
}

namespace {

// The list's SQL with the conditions a filter has. The index is the one whose
// order serves the filter: without a status (any but deleted) the list walks
// ix_admin_updated and tests the rest on each row; with one, it reads a range
// of the index that starts with the filter's columns. MariaDB would otherwise
// start from the categories and sort every article of the filter.
std::string admin_list_sql(bool edition, bool status, bool category, bool title) {
  const char* index = !status    ? "ix_admin_updated"
                      : category ? "ix_admin_category"
                      : edition  ? "ix_admin_list"
                                 : "ix_admin_status";
  // A title that few articles have is looked for in every one of them (a
  // substring has no index): seconds at a million, so the search has a limit.
  std::string sql =
      std::string(title ? "SET STATEMENT max_statement_time = 2 FOR " : "") +
      "SELECT a.id, a.edition, a.title, a.status, c.name, a.published_at, a.updated_at, COALESCE(u.name, ''),"
      " a.author, m.id, m.hash, m.width, m.height"
      " FROM articles a FORCE INDEX (" +
      index +
      ") STRAIGHT_JOIN categories c ON c.id = a.category_id"
      " LEFT JOIN users u ON u.id = a.updated_by LEFT JOIN media m ON m.id = a.lead_media_id"
      " WHERE a.updated_at <= ? AND (a.updated_at < ? OR a.id < ?)";
  sql += status ? " AND a.status = ?" : " AND a.status <> 'deleted'";
  if (edition) sql += " AND a.edition = ?";
  if (category) sql += " AND a.category_id = ?";
  if (title) sql += " AND a.title LIKE ?";
  return sql + " ORDER BY a.updated_at DESC, a.id DESC LIMIT ?";
}

// Built once: prepared statements are cached by the address of their text.
const std::string& admin_list_sql_for(const AdminListFilter& f) {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v;
    for (int bits = 0; bits < 16; ++bits) v.push_back(admin_list_sql(bits & 1, bits & 2, bits & 4, bits & 8));
    return v;
  }();
  int variant = (f.edition.empty() ? 0 : 1) | (f.status.empty() ? 0 : 2) | (f.category_id ? 4 : 0) |
                (f.title_words.empty() ? 0 : 8);
  return all[variant];
}

}  // namespace

AdminListQuery::AdminListQuery(const AdminListFilter& f, std::time_t before_updated, int64_t before_id, int limit)
    : sql_(&admin_list_sql_for(f)), like_(like_pattern(f.title_words)) {
  if (before_id <= 0) {
    before_updated = std::numeric_limits<int32_t>::max();
    before_id = std::numeric_limits<int64_t>::max();
  }
  params_ = {Param::time(before_updated), Param::time(before_updated), before_id};
  if (!f.status.empty()) params_.emplace_back(f.status);
  if (!f.edition.empty()) params_.emplace_back(f.edition);
  if (f.category_id) params_.emplace_back(f.category_id);
  if (!f.title_words.empty()) params_.emplace_back(like_);
  params_.emplace_back(limit);
}

std::vector<AdminListItem> admin_article_list(Db& db, const AdminListFilter& f, std::time_t before_updated,
                                              int64_t before_id, int limit) {
  AdminListQuery query(f, before_updated, before_id, limit);
  std::vector<AdminListItem> out;
  for (const Row& r : db.select(query.sql(), query.params())) {
    out.push_back({r[0].i,
                   r[1].s,
                   r[2].s,
                   r[3].s,
                   r[4].s,
                   static_cast<std::time_t>(r[5].i),
                   static_cast<std::time_t>(r[6].i),
                   r[7].s,
                   r[8].s,
                   {}});
    if (!r[9].is_null)
      out.back().photo = Photo{r[9].i, r[10].s, static_cast<int>(r[11].i), static_cast<int>(r[12].i), "", "", ""};
  }
  return out;
}

bool slug_taken(Db& db, const std::string& edition, const std::string& slug, int64_t except_id) {
  return !db.select("SELECT 1 FROM articles WHERE edition = ? AND slug = ? AND id <> ?", {edition, slug, except_id})
              .empty();
}

int count_articles_in_edition(Db& db, const std::string& edition, const std::vector<int64_t>& ids) {
  int n = 0;
  for (int64_t id : ids) n += !db.select("SELECT 1 FROM articles WHERE id = ? AND edition = ?", {id, edition}).empty();
  return n;
}

int64_t insert_article(Db& db, const ArticleDraft& a, int64_t user_id, std::time_t now) {
  db.execute(
      "INSERT INTO articles (edition, category_id, slug, title, lead, lead_written, lead_media_id, author, source,"
      " status, published_at, created_at, updated_at, updated_by, revision)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
      {a.edition, a.category_id, a.slug, a.title, lead_text(a), a.lead.empty() ? 0 : 1, lead_photo(a), a.author,
       a.source, a.status, Param::time(a.published_at), Param::time(now), Param::time(now), user_id});
  int64_t id = static_cast<int64_t>(db.last_insert_id());
  save_body(db, id, a);
  return id;
}

bool update_article_if_revision(Db& db, const ArticleDraft& a, int64_t user_id, std::time_t now) {
  // Optimistic locking: 0 rows changed means the revision moved on meanwhile.
  bool saved =
      db.execute(
          "UPDATE articles SET edition = ?, category_id = ?, slug = ?, title = ?, lead = ?,"
          " lead_written = ?, lead_media_id = ?,"
          " author = ?, source = ?, status = ?, published_at = ?, updated_at = ?, updated_by = ?,"
          " revision = revision + 1"
          " WHERE id = ? AND revision = ?",
          {a.edition, a.category_id, a.slug, a.title, lead_text(a), a.lead.empty() ? 0 : 1, lead_photo(a), a.author,
           a.source, a.status, Param::time(a.published_at), Param::time(now), user_id, a.id, a.revision}) == 1;
  if (saved) save_body(db, a.id, a);
  return saved;
}

void save_body_html(Db& db, int64_t article_id, const std::string& body_html) {
  db.execute("UPDATE article_bodies SET body_html = ? WHERE article_id = ?", {body_html, article_id});
}

void replace_related(Db& db, int64_t article_id, const std::vector<int64_t>& related) {
  db.execute("DELETE FROM article_related WHERE article_id = ?", {article_id});
  int position = 0;
  for (int64_t id : related)
    db.execute("INSERT IGNORE INTO article_related (article_id, related_id, position) VALUES (?, ?, ?)",
               {article_id, id, ++position});
}

void remember_old_slug(Db& db, int64_t article_id, const std::string& slug) {
  db.execute("INSERT IGNORE INTO article_old_slugs (article_id, slug) VALUES (?, ?)", {article_id, slug});
}

void insert_revision(Db& db, const ArticleDraft& a, int64_t user_id, const std::string& user_name, std::time_t now) {
  db.execute(
      "INSERT INTO article_revisions (article_id, revision, user_id, user_name, saved_at, edition, category_id,"
      " slug, title, body, author, source, status, published_at, related_ids)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {a.id, a.revision, user_id, user_name, Param::time(now), a.edition, a.category_id, a.slug, a.title, a.body,
       a.author, a.source, a.status, Param::time(a.published_at), join_ids(a.related)});
}

std::vector<RevisionInfo> list_revisions(Db& db, int64_t article_id) {
  std::vector<RevisionInfo> out;
  for (const Row& r : db.select("SELECT revision, user_name, saved_at, title, status FROM article_revisions"
                                " WHERE article_id = ? ORDER BY revision DESC",
                                {article_id}))
    out.push_back({r[0].i, r[1].s, static_cast<std::time_t>(r[2].i), r[3].s, r[4].s});
  return out;
}

std::optional<ArticleDraft> load_revision(Db& db, int64_t article_id, int64_t revision) {
  Rows rows = db.select(
      "SELECT article_id, revision, related_ids, edition, category_id, slug, title, body, author, source, status,"
      " published_at FROM article_revisions WHERE article_id = ? AND revision = ?",
      {article_id, revision});
  if (rows.empty()) return std::nullopt;
  ArticleDraft a;
  a.id = rows[0][0].i;
  a.revision = rows[0][1].i;
  a.related = split_ids(rows[0][2].s);
  draft_fields_from(rows[0], 3, a);
  return a;
}

int render_missing_body_html(Db& db) {
  int n = 0;
  for (const Row& r : db.select("SELECT article_id, body FROM article_bodies WHERE body_html IS NULL", {})) {
    db.execute("UPDATE article_bodies SET body_html = ? WHERE article_id = ?", {markdown_to_html(r[1].s), r[0].i});
    ++n;
  }
  return n;
}

void set_article_updated_at(Db& db, int64_t article_id, std::time_t updated_at) {
  db.execute("UPDATE articles SET updated_at = ? WHERE id = ?", {Param::time(updated_at), article_id});
}
