#include "db/newsroom.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>

#include "db/article_links.h"
#include "util/slug.h"

// A story in a listing: the headline and its photo (as content.cc reads them).
#define NL_STORY_COLUMNS "a.id, a.slug, a.title, a.category_id, a.published_at, m.id, m.hash, m.width, m.height, m.alt"
#define NL_STORY_PHOTO " LEFT JOIN media m ON m.id = a.lead_media_id"
// A page of a keyset listing: newest first, after (published_at, id) of the cursor.
#define NL_FEED_AFTER(t, id) " AND " t " <= ? AND (" t " < ? OR " id " < ?) ORDER BY " t " DESC, " id " DESC LIMIT ?"

// The public listings' statements, named so that explain_newsroom_queries()
// checks the very text the pages run.
constexpr const char* kTagFeedSql =
    "SELECT " NL_STORY_COLUMNS
    " FROM article_tags t FORCE INDEX (ix_tag_feed)"
    " STRAIGHT_JOIN articles a ON a.id = t.article_id" NL_STORY_PHOTO
    " WHERE t.tag_id = ? AND t.status = 'published'" NL_FEED_AFTER("t.published_at", "t.article_id");
constexpr const char* kAuthorFeedSql =
    "SELECT " NL_STORY_COLUMNS
    " FROM article_authors w FORCE INDEX (ix_author_feed)"
    " STRAIGHT_JOIN articles a ON a.id = w.article_id" NL_STORY_PHOTO
    " WHERE w.author_id = ? AND w.edition = ? AND w.status = 'published'" NL_FEED_AFTER("w.published_at",
                                                                                        "w.article_id");
constexpr const char* kCorrectionsSql =
    "SELECT a.id, a.slug, a.title, a.category_id, a.published_at, NULL, NULL, NULL, NULL, NULL,"
    " c.id, c.noted_at, c.text"
    " FROM corrections c FORCE INDEX (ix_edition_corrections) STRAIGHT_JOIN articles a ON a.id = c.article_id"
    " WHERE c.edition = ? AND a.status = 'published' AND a.published_at <= ?" NL_FEED_AFTER("c.noted_at", "c.id");

namespace {

Tag tag_from(const Row& r) { return {r[0].i, r[1].s, r[2].s, r[3].s, r.size() > 4 ? r[4].i : 0}; }

Author author_from(const Row& r) { return {r[0].i, r[1].s, r[2].s, r[3].s, r[4].is_null ? 0 : r[4].i, {}}; }

SimplePage page_from(const Row& r) {
  return {r[0].i, r[1].s, r[2].s, r[3].s, r[4].s, r[5].s, static_cast<int>(r[6].i), static_cast<std::time_t>(r[7].i)};
}

// A slug for `name` that no other row has: slugify, then -2, -3 ...
template <typename Taken>
std::string free_slug(const std::string& name, Taken taken) {
  std::string base = slugify(name);
  if (base.empty()) base = "tag";
  std::string slug = base;
  for (int n = 2; taken(slug) && n < 1000; ++n) slug = base + "-" + std::to_string(n);
  return slug;
}

}  // namespace

std::optional<Tag> find_tag(Db& db, const std::string& edition, const std::string& slug) {
  Rows rows = db.select("SELECT id, edition, slug, name FROM tags WHERE edition = ? AND slug = ?", {edition, slug});
  if (rows.empty()) return std::nullopt;
  return tag_from(rows[0]);
}

std::optional<Tag> find_tag_by_id(Db& db, int64_t id) {
  Rows rows = db.select("SELECT id, edition, slug, name FROM tags WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return tag_from(rows[0]);
}

std::vector<Headline> tag_feed(Db& db, const SiteCatalogue& catalogue, int64_t tag_id, const Cursor& before,
                               int limit) {
  return headlines_from(db, catalogue,
                        db.select(kTagFeedSql, {tag_id, Param::time(before.published_at),
                                                Param::time(before.published_at), before.id, limit}));
}

std::optional<Author> find_author_by_slug(Db& db, const std::string& slug) {
  Rows rows = db.select(
      "SELECT au.id, au.slug, au.name, au.bio, au.photo_id, m.id, m.hash, m.width, m.height, m.alt"
      " FROM authors au LEFT JOIN media m ON m.id = au.photo_id WHERE au.slug = ?",
      {slug});
  if (rows.empty()) return std::nullopt;
  Author a = author_from(rows[0]);
  if (!rows[0][5].is_null)
    a.photo = Photo{rows[0][5].i,
                    rows[0][6].s,
                    static_cast<int>(rows[0][7].i),
                    static_cast<int>(rows[0][8].i),
                    rows[0][9].s,
                    "",
                    ""};
  return a;
}

std::vector<Headline> author_feed(Db& db, const SiteCatalogue& catalogue, int64_t author_id, const std::string& edition,
                                  const Cursor& before, int limit) {
  return headlines_from(db, catalogue,
                        db.select(kAuthorFeedSql, {author_id, edition, Param::time(before.published_at),
                                                   Param::time(before.published_at), before.id, limit}));
}

std::vector<Correction> edition_corrections(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                            const Cursor& before, std::time_t now, int limit) {
  Rows rows = db.select(kCorrectionsSql, {edition, Param::time(now), Param::time(before.published_at),
                                          Param::time(before.published_at), before.id, limit});
  std::vector<Correction> out;
  for (Row& r : rows) out.push_back({r[10].i, static_cast<std::time_t>(r[11].i), std::move(r[12].s), {}});
  std::vector<Headline> articles = headlines_from(db, catalogue, std::move(rows));
  for (size_t i = 0; i < out.size(); ++i) out[i].article = std::move(articles[i]);
  return out;
}

std::optional<SimplePage> find_page(Db& db, const std::string& edition, const std::string& slug) {
  Rows rows = db.select(
      "SELECT id, edition, slug, title, body, body_html, position, updated_at FROM pages WHERE edition = ? AND slug = "
      "?",
      {edition, slug});
  if (rows.empty()) return std::nullopt;
  return page_from(rows[0]);
}

namespace {

// The front page's statement for `n` categories: the pinned stories (part 0,
// with their position), then one part per category (part 1), each a short
// range of ix_category_feed. Made from the count alone, never from request
// data; one text per count, kept for the process's life.
const char* front_page_sql(size_t n) {
  static std::mutex mutex;
  static std::map<size_t, std::string> made;
  std::lock_guard<std::mutex> lock(mutex);
  std::string& sql = made[n];
  if (sql.empty()) {
    sql = "(SELECT 0, s.position, " NL_STORY_COLUMNS
          ", a.lead"
          " FROM front_slots s STRAIGHT_JOIN articles a ON a.id = s.article_id" NL_STORY_PHOTO
          " WHERE s.edition = ? AND a.status = 'published' AND a.published_at <= ?)";
    for (size_t i = 0; i < n; ++i)
      sql += " UNION ALL (SELECT 1, 0, " NL_STORY_COLUMNS
             ", a.lead FROM articles a FORCE INDEX (ix_category_feed)" NL_STORY_PHOTO
             " WHERE a.category_id = ? AND a.status = 'published' AND a.published_at <= ?"
             " ORDER BY a.published_at DESC, a.id DESC LIMIT ?)";
  }
  return sql.c_str();
}

}  // namespace

FrontPageStories front_page_stories(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                    const std::vector<int64_t>& categories, std::time_t now, int per_category) {
  std::vector<Param> params = {edition, Param::time(now)};
  for (int64_t c : categories) params.insert(params.end(), {c, Param::time(now), per_category});
  Rows rows = db.select(front_page_sql(categories.size()), params);
  std::vector<std::pair<int64_t, size_t>> order;  // the pinned rows' positions
  for (size_t i = 0; i < rows.size(); ++i)
    if (rows[i][0].number() == 0) order.emplace_back(rows[i][1].number(), i);
  std::vector<Headline> all = headlines_from(db, catalogue, std::move(rows), true, 2);
  FrontPageStories out;
  std::sort(order.begin(), order.end());
  std::vector<bool> pinned(all.size(), false);
  for (const auto& [position, i] : order) {
    out.pinned.push_back(all[i]);
    pinned[i] = true;
  }
  for (size_t i = 0; i < all.size(); ++i)
    if (!pinned[i]) out.newest.push_back(std::move(all[i]));
  std::sort(out.newest.begin(), out.newest.end(), [](const Headline& a, const Headline& b) {
    return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
  });
  return out;
}

std::vector<int64_t> pinned_ids(Db& db, const std::string& edition) {
  std::vector<int64_t> ids;
  for (const Row& r : db.select("SELECT article_id FROM front_slots WHERE edition = ? ORDER BY position", {edition}))
    ids.push_back(r[0].i);
  return ids;
}

void replace_front_slots(Db& db, const std::string& edition, const std::vector<int64_t>& ids) {
  db.execute("DELETE FROM front_slots WHERE edition = ?", {edition});
  int position = 0;
  for (int64_t id : ids)
    db.execute("INSERT INTO front_slots (edition, position, article_id) VALUES (?, ?, ?)", {edition, ++position, id});
}

Tag tag_named(Db& db, const std::string& edition, const std::string& name) {
  Rows rows = db.select("SELECT id, edition, slug, name FROM tags WHERE edition = ? AND name = ?", {edition, name});
  if (!rows.empty()) return tag_from(rows[0]);
  std::string slug = free_slug(name, [&](const std::string& s) { return find_tag(db, edition, s).has_value(); });
  db.execute("INSERT INTO tags (edition, slug, name) VALUES (?, ?, ?)", {edition, slug, name});
  return Tag{static_cast<int64_t>(db.last_insert_id()), edition, slug, name, 0};
}

std::vector<Tag> edition_tags(Db& db, const std::string& edition) {
  std::vector<Tag> out;
  for (const Row& r : db.select("SELECT t.id, t.edition, t.slug, t.name, COUNT(at.article_id) FROM tags t"
                                " LEFT JOIN article_tags at ON at.tag_id = t.id AND at.status = 'published'"
                                " WHERE t.edition = ? GROUP BY t.id ORDER BY t.name",
                                {edition}))
    out.push_back(tag_from(r));
  return out;
}

void rename_tag(Db& db, int64_t id, const std::string& name) {
  std::vector<int64_t> naming = clear_links_naming_tag(db, id);
  db.execute("UPDATE tags SET name = ? WHERE id = ?", {name, id});
  refresh_article_links(db, naming);
}

void delete_tag(Db& db, int64_t id) {
  std::vector<int64_t> naming = clear_links_naming_tag(db, id);
  db.execute("DELETE FROM tags WHERE id = ?", {id});
  refresh_article_links(db, naming);
}

Author author_named(Db& db, const std::string& name) {
  Rows rows = db.select("SELECT id, slug, name, bio, photo_id FROM authors WHERE name = ?", {name});
  if (!rows.empty()) return author_from(rows[0]);
  std::string slug = free_slug(name, [&](const std::string& s) { return find_author_by_slug(db, s).has_value(); });
  db.execute("INSERT INTO authors (slug, name) VALUES (?, ?)", {slug, name});
  return Author{static_cast<int64_t>(db.last_insert_id()), slug, name, "", 0, {}};
}

bool author_named_exists(Db& db, const std::string& name) {
  return !db.select("SELECT 1 FROM authors WHERE name = ?", {name}).empty();
}

std::vector<Author> all_authors(Db& db) {
  std::vector<Author> out;
  for (const Row& r : db.select("SELECT id, slug, name, bio, photo_id FROM authors ORDER BY name", {}))
    out.push_back(author_from(r));
  return out;
}

std::optional<Author> find_author(Db& db, int64_t id) {
  Rows rows = db.select("SELECT id, slug, name, bio, photo_id FROM authors WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return author_from(rows[0]);
}

void update_author(Db& db, const Author& a) {
  std::optional<Author> before = find_author(db, a.id);
  bool renamed = before && before->name != a.name;
  std::vector<int64_t> naming = renamed ? clear_links_naming_author(db, a.id) : std::vector<int64_t>{};
  db.execute("UPDATE authors SET name = ?, bio = ?, photo_id = ? WHERE id = ?",
             {a.name, a.bio, a.photo_id ? Param(a.photo_id) : Param::null(), a.id});
  refresh_article_links(db, naming);
}

void replace_article_tags(Db& db, const ArticleLinks& a, const std::vector<int64_t>& tag_ids) {
  db.execute("DELETE FROM article_tags WHERE article_id = ?", {a.article_id});
  int position = 0;
  for (int64_t tag : tag_ids)
    db.execute(
        "INSERT IGNORE INTO article_tags (article_id, tag_id, position, status, published_at)"
        " VALUES (?, ?, ?, ?, ?)",
        {a.article_id, tag, ++position, a.status, Param::time(a.published_at)});
}

void replace_article_authors(Db& db, const ArticleLinks& a, const std::vector<Byline>& authors) {
  db.execute("DELETE FROM article_authors WHERE article_id = ?", {a.article_id});
  int position = 0;
  for (const Byline& b : authors)
    db.execute(
        "INSERT IGNORE INTO article_authors (article_id, author_id, position, role, edition, status,"
        " published_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {a.article_id, b.author.id, ++position, b.role, a.edition, a.status, Param::time(a.published_at)});
}

std::vector<Tag> tags_of(Db& db, int64_t article_id) {
  std::vector<Tag> out;
  for (const Row& r : db.select("SELECT t.id, t.edition, t.slug, t.name FROM article_tags at JOIN tags t"
                                " ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY at.position",
                                {article_id}))
    out.push_back(tag_from(r));
  return out;
}

std::vector<Byline> authors_of(Db& db, int64_t article_id) {
  std::vector<Byline> out;
  for (const Row& r : db.select("SELECT au.id, au.slug, au.name, au.bio, au.photo_id, aa.role FROM article_authors aa"
                                " JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = ? ORDER BY aa.position",
                                {article_id}))
    out.push_back({author_from(r), r[5].s});
  return out;
}

void insert_correction(Db& db, int64_t article_id, const std::string& edition, const std::string& text, int64_t user_id,
                       std::time_t now) {
  db.execute("INSERT INTO corrections (article_id, edition, noted_at, text, user_id) VALUES (?, ?, ?, ?, ?)",
             {article_id, edition, Param::time(now), text, user_id});
  refresh_article_links(db, {article_id});
}

void link_translations(Db& db, int64_t a, int64_t b) {
  Rows rows = db.select("SELECT COALESCE(translation_group, id) FROM articles WHERE id = ?", {b});
  if (rows.empty()) return;
  int64_t group = rows[0][0].number();
  db.execute("UPDATE articles SET translation_group = ? WHERE id IN (?, ?)", {group, a, b});
}

void unlink_translation(Db& db, int64_t a) {
  db.execute("UPDATE articles SET translation_group = NULL WHERE id = ?", {a});
}

std::vector<int64_t> translations_of(Db& db, int64_t id) {
  std::vector<int64_t> out;
  for (const Row& r : db.select("SELECT a.id FROM articles a WHERE a.translation_group ="
                                " (SELECT g.translation_group FROM articles g WHERE g.id = ?) AND a.id <> ?"
                                " ORDER BY a.edition",
                                {id, id}))
    out.push_back(r[0].i);
  return out;
}

void set_breaking_until(Db& db, int64_t id, std::time_t until) {
  db.execute("UPDATE articles SET breaking_until = ? WHERE id = ?", {until ? Param::time(until) : Param::null(), id});
}

std::time_t breaking_until(Db& db, int64_t id) {
  Rows rows = db.select("SELECT breaking_until FROM articles WHERE id = ?", {id});
  return rows.empty() || rows[0][0].is_null ? 0 : static_cast<std::time_t>(rows[0][0].i);
}

std::vector<SimplePage> edition_pages(Db& db) {
  std::vector<SimplePage> out;
  for (const Row& r : db.select("SELECT id, edition, slug, title, '', '', position, updated_at FROM pages"
                                " ORDER BY edition, position, title",
                                {}))
    out.push_back(page_from(r));
  return out;
}

std::optional<SimplePage> find_page_by_id(Db& db, int64_t id) {
  Rows rows =
      db.select("SELECT id, edition, slug, title, body, body_html, position, updated_at FROM pages WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return page_from(rows[0]);
}

int64_t insert_page(Db& db, const SimplePage& p, std::time_t now) {
  db.execute(
      "INSERT INTO pages (edition, slug, title, body, body_html, position, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)",
      {p.edition, p.slug, p.title, p.body, p.body_html, p.position, Param::time(now)});
  return static_cast<int64_t>(db.last_insert_id());
}

void update_page(Db& db, const SimplePage& p, std::time_t now) {
  db.execute(
      "UPDATE pages SET slug = ?, title = ?, body = ?, body_html = ?, position = ?, updated_at = ?"
      " WHERE id = ?",
      {p.slug, p.title, p.body, p.body_html, p.position, Param::time(now), p.id});
}

void delete_page(Db& db, int64_t id) { db.execute("DELETE FROM pages WHERE id = ?", {id}); }

std::vector<std::pair<std::string, Rows>> explain_newsroom_queries(Db& db, std::time_t now) {
  auto explain = [&](const char* sql, std::initializer_list<Param> params) {
    return db.select_once(std::string("EXPLAIN ") + sql, params);
  };
  Param t = Param::time(now);
  std::vector<std::pair<std::string, Rows>> out;
  out.emplace_back("front page", explain(front_page_sql(2), {"en", t, 1, t, 5, 2, t, 5}));
  out.emplace_back("tag page", explain(kTagFeedSql, {1, t, t, INT64_MAX, 51}));
  out.emplace_back("author page", explain(kAuthorFeedSql, {1, "en", t, t, INT64_MAX, 51}));
  out.emplace_back("corrections page", explain(kCorrectionsSql, {"en", t, t, t, INT64_MAX, 51}));
  return out;
}
