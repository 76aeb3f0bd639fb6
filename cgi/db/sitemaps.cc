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

std::vector<std::string> slugs(Rows rows) {
  std::vector<std::string> out;
  for (Row& r : rows) out.push_back(std::move(r[0].s));
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::time_t>> first_publications(Db& db, std::time_t now) {
  std::vector<std::pair<std::string, std::time_t>> out;
  for (const Row& r : db.select(kFirstPublicationsSql, {Param::time(now)}))
    out.emplace_back(r[0].s, static_cast<std::time_t>(r[1].i));
  return out;
}

std::vector<SitemapArticle> sitemap_articles(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                             std::time_t from, std::time_t to, std::time_t now) {
  Rows rows = db.select(kSitemapArticlesSql, {edition, Param::time(from), Param::time(to), Param::time(now),
                                              kSitemapLimit});
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
  return {{"sitemap days", explain(kFirstPublicationsSql, {t})},
          {"sitemap day", explain(kSitemapArticlesSql, {"en", Param::time(now - 86400), t, t, kSitemapLimit})},
          {"sitemap tags", explain(kSitemapTagsSql, {"en", kSitemapLimit})},
          {"sitemap authors", explain(kSitemapAuthorsSql, {"en", kSitemapLimit})}};
}
