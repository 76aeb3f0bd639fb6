#include "db/content.h"

#include <limits>

#include "db/db.h"

// The listing queries, named so that explain_listing_queries() checks the very
// text the pages run.
constexpr const char* kStoriesSql =
    "SELECT a.id, a.slug, a.title, c.slug, c.name, a.published_at,"
    "       SUBSTRING_INDEX(a.body, '\\n\\n', 1)"
    " FROM articles a STRAIGHT_JOIN categories c ON c.id = a.category_id"
    " WHERE a.edition = ? AND a.status = 'published' AND a.published_at <= ?"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?";
constexpr const char* kEditionFeedSql =
    "SELECT a.id, a.slug, a.title, c.slug, c.name, a.published_at"
    " FROM articles a STRAIGHT_JOIN categories c ON c.id = a.category_id"
    " WHERE a.edition = ? AND a.status = 'published'"
    "   AND a.published_at <= ? AND (a.published_at < ? OR a.id < ?)"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?";
constexpr const char* kCategoryFeedSql =
    "SELECT a.id, a.slug, a.title, c.slug, c.name, a.published_at"
    " FROM articles a STRAIGHT_JOIN categories c ON c.id = a.category_id"
    " WHERE a.category_id = ? AND a.status = 'published'"
    "   AND a.published_at <= ? AND (a.published_at < ? OR a.id < ?)"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?";
constexpr const char* kRelatedSql =
    "SELECT a.id, a.slug, a.title, c.slug, c.name, a.published_at"
    " FROM article_related r"
    " JOIN articles a ON a.id = r.related_id"
    " JOIN categories c ON c.id = a.category_id"
    " WHERE r.article_id = ? AND a.status = 'published' AND a.published_at <= ?"
    " ORDER BY r.position";
constexpr const char* kContentStateSql =
    "SELECT v.version, v.changed_at,"
    " (SELECT MIN(published_at) FROM articles WHERE status = 'published' AND published_at > ?)"
    " FROM content_version v WHERE v.id = 1";

const std::string& Edition::label(const std::string& key) const {
  auto it = labels.find(key);
  return it == labels.end() ? key : it->second;
}

// Listing queries read articles in index order (ix_edition_feed / ix_category_feed)
// and stop at LIMIT: STRAIGHT_JOIN keeps the optimizer from starting at categories
// and sorting every article, and "(t, id) before the cursor" is written so that it
// is a range on published_at, which makes a deep page as cheap as the first.
namespace {

// Columns 0..5 of every headline query: id, slug, title, category slug, category name, published_at.
Headline headline_from(const Row& r) {
  Headline h;
  h.id = r[0].i;
  h.slug = r[1].s;
  h.title = r[2].s;
  h.category_slug = r[3].s;
  h.category_name = r[4].s;
  h.published_at = r[5].i;
  return h;
}

std::vector<Headline> headlines_from(const Rows& rows) {
  std::vector<Headline> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(headline_from(r));
  return out;
}

// The first page is "everything before now, any id". A cursor is never later than now,
// so "before the cursor" also means "its time has come".
Cursor cursor_or_now(const std::optional<Cursor>& before, std::time_t now) {
  if (before && before->published_at <= now) return *before;
  return Cursor{now, std::numeric_limits<int64_t>::max()};
}

}  // namespace

ContentState read_content_state(Db& db, std::time_t now) {
  Rows rows = db.select(
      kContentStateSql,
      {Param::time(now)});
  if (rows.empty()) return {};
  return {rows[0][0].i, static_cast<std::time_t>(rows[0][1].i),
          rows[0][2].is_null ? 0 : static_cast<std::time_t>(rows[0][2].i)};
}

void bump_content_version(Db& db, std::time_t now) {
  db.execute("UPDATE content_version SET version = version + 1, changed_at = ? WHERE id = 1", {Param::time(now)});
}

std::vector<Edition> load_editions(Db& db) {
  std::vector<Edition> editions;
  for (const Row& r : db.select("SELECT code, name FROM editions ORDER BY position, code", {}))
    editions.push_back({r[0].s, r[1].s, {}});
  for (const Row& r : db.select("SELECT edition, label, text FROM edition_labels", {}))
    for (Edition& e : editions)
      if (e.code == r[0].s) e.labels[r[1].s] = r[2].s;
  return editions;
}

std::optional<Category> find_category(Db& db, const std::string& edition, const std::string& slug) {
  Rows rows = db.select("SELECT id, slug, name FROM categories WHERE edition = ? AND slug = ?", {edition, slug});
  if (rows.empty()) return std::nullopt;
  return Category{rows[0][0].i, rows[0][1].s, rows[0][2].s};
}

std::vector<Headline> latest_headlines(Db& db, const std::string& edition, std::time_t now, int limit) {
  return edition_feed(db, edition, std::nullopt, now, limit);
}

std::vector<Headline> latest_stories(Db& db, const std::string& edition, std::time_t now, int limit) {
  Rows rows = db.select(
      kStoriesSql,
      {edition, Param::time(now), limit});
  std::vector<Headline> out;
  for (const Row& r : rows) {
    out.push_back(headline_from(r));
    out.back().lead = r[6].s;
  }
  return out;
}

std::vector<Headline> edition_feed(Db& db, const std::string& edition, const std::optional<Cursor>& before,
                                   std::time_t now, int limit) {
  Cursor c = cursor_or_now(before, now);
  return headlines_from(db.select(
      kEditionFeedSql,
      {edition, Param::time(c.published_at), Param::time(c.published_at), c.id, limit}));
}

std::vector<Headline> category_feed(Db& db, int64_t category_id, const std::optional<Cursor>& before,
                                    std::time_t now, int limit) {
  Cursor c = cursor_or_now(before, now);
  return headlines_from(db.select(
      kCategoryFeedSql,
      {category_id, Param::time(c.published_at), Param::time(c.published_at), c.id, limit}));
}

std::optional<Article> find_visible_article(Db& db, const std::string& edition, int64_t id, std::time_t now) {
  Rows rows = db.select(
      "SELECT a.id, a.slug, a.title, c.slug, c.name, a.published_at,"
      "       a.edition, a.body, a.author, a.source, a.updated_at, COALESCE(a.body_html, '')"
      " FROM articles a STRAIGHT_JOIN categories c ON c.id = a.category_id"
      " WHERE a.id = ? AND a.edition = ? AND a.status = 'published' AND a.published_at <= ?",
      {id, edition, Param::time(now)});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  Article a;
  static_cast<Headline&>(a) = headline_from(r);
  a.edition = r[6].s;
  a.body = r[7].s;
  a.author = r[8].s;
  a.source = r[9].s;
  a.updated_at = r[10].i;
  a.body_html = r[11].s;
  return a;
}

bool article_had_slug(Db& db, int64_t id, const std::string& slug) {
  return !db.select("SELECT 1 FROM article_old_slugs WHERE article_id = ? AND slug = ?", {id, slug}).empty();
}

std::vector<Headline> related_headlines(Db& db, int64_t id, std::time_t now) {
  return headlines_from(db.select(
      kRelatedSql,
      {id, Param::time(now)}));
}

std::vector<std::pair<std::string, Rows>> explain_listing_queries(Db& db, std::time_t now) {
  Cursor deep{now - 86400 * 365, 1000000};
  std::vector<std::pair<std::string, Rows>> out;
  out.emplace_back("home stories", db.select_once(std::string("EXPLAIN ") + kStoriesSql,
                                                  {"en", Param::time(now), 15}));
  out.emplace_back("news line / all news", db.select_once(std::string("EXPLAIN ") + kEditionFeedSql,
                                                          {"en", Param::time(now), Param::time(now), INT64_MAX, 41}));
  out.emplace_back("all news, deep page", db.select_once(std::string("EXPLAIN ") + kEditionFeedSql,
                                                         {"en", Param::time(deep.published_at),
                                                          Param::time(deep.published_at), deep.id, 51}));
  out.emplace_back("category", db.select_once(std::string("EXPLAIN ") + kCategoryFeedSql,
                                              {1, Param::time(now), Param::time(now), INT64_MAX, 51}));
  out.emplace_back("category, deep page", db.select_once(std::string("EXPLAIN ") + kCategoryFeedSql,
                                                         {1, Param::time(deep.published_at),
                                                          Param::time(deep.published_at), deep.id, 51}));
  out.emplace_back("related", db.select_once(std::string("EXPLAIN ") + kRelatedSql, {1, Param::time(now)}));
  out.emplace_back("next scheduled", db.select_once(std::string("EXPLAIN ") + kContentStateSql, {Param::time(now)}));
  return out;
}
