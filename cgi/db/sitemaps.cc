#include "db/sitemaps.h"

#include <algorithm>

namespace {

// The oldest entry of each edition's feed index, one edition at a time. (A
// GROUP BY with MIN made a loose index scan when run once, but read the whole
// index when the prepared statement ran again: 600 ms at a million articles.)
constexpr const char* kFirstPublicationsSql =
    "SELECT e.code, (SELECT a.published_at FROM articles a FORCE INDEX (ix_edition_feed)"
    "  WHERE a.edition = e.code AND a.status = 'published' AND a.published_at <= ?"
    "  ORDER BY a.published_at LIMIT 1) AS first"
    " FROM editions e HAVING first IS NOT NULL";
constexpr const char* kSitemapArticlesSql =
    "SELECT a.id, a.slug, a.title, a.category_id, a.published_at, m.id, m.hash, m.width, m.height, m.alt,"
    " a.updated_at, b.links"
    " FROM articles a FORCE INDEX (ix_edition_feed) LEFT JOIN media m ON m.id = a.lead_media_id"
    " LEFT JOIN article_bodies b ON b.article_id = a.id"
    " WHERE a.edition = ? AND a.status = 'published' AND a.published_at >= ? AND a.published_at < ?"
    " AND a.published_at <= ? ORDER BY a.published_at DESC, a.id DESC LIMIT ?";
// Each tag's (author's) first published article looked up on its own feed
// index: a scalar subquery, which MariaDB cannot turn into a semi-join that
// reads the whole of article_tags (article_authors) first.
constexpr const char* kSitemapTagsSql =
    "SELECT t.slug FROM tags t WHERE t.edition = ? AND (SELECT at.article_id FROM article_tags at"
    " WHERE at.tag_id = t.id AND at.status = 'published' LIMIT 1) IS NOT NULL ORDER BY t.slug LIMIT ?";
constexpr const char* kSitemapAuthorsSql =
    "SELECT au.slug FROM authors au FORCE INDEX (uq_author_slug) WHERE (SELECT w.article_id FROM article_authors w"
    " WHERE w.author_id = au.id AND w.edition = ? AND w.status = 'published' LIMIT 1) IS NOT NULL"
    " ORDER BY au.slug LIMIT ?";

// Each day's count and latest change, from its articles.
#define NL_DAY_COUNT                                                                \
  "COUNT(*), MAX(GREATEST(a.published_at, COALESCE(a.updated_at, a.published_at)))" \
  " FROM articles a FORCE INDEX (ix_edition_feed) WHERE a.status = 'published'"
// One day, [day, day + 1): a range of the feed index. No GROUP BY (a temporary
// table); HAVING leaves a day with no articles out.
#define NL_ONE_DAY_COUNT                                                               \
  "SELECT ?, DATE(?), " NL_DAY_COUNT                                                   \
  " AND a.edition = ? AND a.published_at >= ? AND a.published_at < ? + INTERVAL 1 DAY" \
  " HAVING COUNT(*) > 0"
constexpr const char* kOneDayCountSql = NL_ONE_DAY_COUNT;
constexpr const char* kRefreshDaySql = "INSERT INTO sitemap_days (edition, day, articles, modified) " NL_ONE_DAY_COUNT;
constexpr const char* kCountEveryDaySql =
    "INSERT INTO sitemap_days (edition, day, articles, modified)"
    " SELECT a.edition, DATE(a.published_at), " NL_DAY_COUNT " GROUP BY a.edition, DATE(a.published_at)";
// Newest first in the primary key's order, read backwards (no sort).
constexpr const char* kSitemapDaysSql =
    "SELECT edition, UNIX_TIMESTAMP(day), LEAST(UNIX_TIMESTAMP(modified), ?) FROM sitemap_days"
    " WHERE day <= DATE(?) ORDER BY edition DESC, day DESC";

std::vector<std::string> slugs(Rows rows) {
  std::vector<std::string> out;
  for (Row& r : rows) out.push_back(std::move(r[0].s));
  return out;
}

}  // namespace

std::vector<SitemapDay> sitemap_days(Db& db, std::time_t now) {
  std::vector<SitemapDay> out;
  for (Row& r : db.select(kSitemapDaysSql, {static_cast<int64_t>(now), Param::time(now)}))
    out.push_back(
        {std::move(r[0].s), static_cast<std::time_t>(r[1].number()), static_cast<std::time_t>(r[2].number())});
  return out;
}

void refresh_sitemap_day(Db& db, const std::string& edition, std::time_t published_at) {
  std::time_t day = published_at - published_at % 86400;
  db.execute("DELETE FROM sitemap_days WHERE edition = ? AND day = ?", {edition, Param::time(day)});
  Param start = Param::time(day);
  db.execute(kRefreshDaySql, {edition, start, edition, start, start});
}

std::optional<std::pair<std::string, std::time_t>> article_edition_and_time(Db& db, int64_t article_id) {
  Rows rows = db.select("SELECT edition, published_at FROM articles WHERE id = ?", {article_id});
  if (rows.empty()) return std::nullopt;
  return std::pair{rows[0][0].s, static_cast<std::time_t>(rows[0][1].i)};
}

void rebuild_sitemap_days(Db& db) {
  with_transaction(db, [&] {
    db.execute("DELETE FROM sitemap_days", {});
    db.execute(kCountEveryDaySql, {});
    return true;
  });
}

std::vector<std::pair<std::string, std::time_t>> first_publications(Db& db, std::time_t now) {
  std::vector<std::pair<std::string, std::time_t>> out;
  for (const Row& r : db.select(kFirstPublicationsSql, {Param::time(now)}))
    out.emplace_back(r[0].s, static_cast<std::time_t>(r[1].i));
  return out;
}

std::vector<SitemapArticle> sitemap_articles(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                             std::time_t from, std::time_t to, std::time_t now) {
  Rows rows =
      db.select(kSitemapArticlesSql, {edition, Param::time(from), Param::time(to), Param::time(now), kSitemapLimit});
  std::vector<SitemapArticle> out(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    out[i].modified = std::max<std::time_t>(rows[i][4].i, rows[i][10].i);
    if (!rows[i][11].is_null) out[i].links = std::move(rows[i][11].s);
  }
  std::vector<Headline> headlines = headlines_from(db, catalogue, std::move(rows));
  for (size_t i = 0; i < out.size(); ++i) out[i].headline = std::move(headlines[i]);
  return out;
}

std::vector<std::string> sitemap_tag_slugs(Db& db, const std::string& edition) {
  return slugs(db.select(kSitemapTagsSql, {edition, kSitemapLimit}));
}

std::vector<std::string> sitemap_author_slugs(Db& db, const std::string& edition) {
  return slugs(db.select(kSitemapAuthorsSql, {edition, kSitemapLimit}));
}

std::vector<std::pair<std::string, Rows>> explain_sitemap_queries(Db& db, std::time_t now) {
  auto explain = [&](const char* sql, std::initializer_list<Param> params) {
    return db.select_once(std::string("EXPLAIN ") + sql, params);
  };
  Param t = Param::time(now);
  Param today = Param::time(now - now % 86400);
  return {{"sitemap first days", explain(kFirstPublicationsSql, {t})},
          {"sitemap index", explain(kSitemapDaysSql, {static_cast<int64_t>(now), t})},
          {"sitemap day count", explain(kOneDayCountSql, {"en", today, "en", today, today})},
          {"sitemap day", explain(kSitemapArticlesSql, {"en", Param::time(now - 86400), t, t, kSitemapLimit})},
          {"sitemap tags", explain(kSitemapTagsSql, {"en", kSitemapLimit})},
          {"sitemap authors", explain(kSitemapAuthorsSql, {"en", kSitemapLimit})}};
}
