#include "db/feeds.h"

#include "util/markdown.h"

// Columns: the headline (0-4), its photo (5-9), the lead (10), then the
// updated time, the stored body rendering and the Markdown of a body that has none.
#define NL_FEED_ITEM_COLUMNS                                                                              \
  "a.id, a.slug, a.title, a.category_id, a.published_at, m.id, m.hash, m.width, m.height, m.alt, a.lead," \
  " a.updated_at, COALESCE(b.body_html, ''), IF(b.body_html IS NULL OR b.body_html = '', COALESCE(b.body, ''), '')"
#define NL_FEED_ITEM_JOINS \
  " LEFT JOIN media m ON m.id = a.lead_media_id LEFT JOIN article_bodies b ON b.article_id = a.id"

namespace {

constexpr const char* kEditionFeedItemsSql =
    "SELECT " NL_FEED_ITEM_COLUMNS " FROM articles a FORCE INDEX (ix_edition_feed)" NL_FEED_ITEM_JOINS
    " WHERE a.edition = ? AND a.status = 'published' AND a.published_at <= ?"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?";
constexpr const char* kCategoryFeedItemsSql =
    "SELECT " NL_FEED_ITEM_COLUMNS " FROM articles a FORCE INDEX (ix_category_feed)" NL_FEED_ITEM_JOINS
    " WHERE a.category_id = ? AND a.status = 'published' AND a.published_at <= ?"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?";
constexpr const char* kTagFeedItemsSql = "SELECT " NL_FEED_ITEM_COLUMNS
                                         " FROM article_tags t FORCE INDEX (ix_tag_feed)"
                                         " STRAIGHT_JOIN articles a ON a.id = t.article_id" NL_FEED_ITEM_JOINS
                                         " WHERE t.tag_id = ? AND t.status = 'published' AND t.published_at <= ?"
                                         " ORDER BY t.published_at DESC, t.article_id DESC LIMIT ?";

std::vector<FeedItem> items_from(Db& db, const SiteCatalogue& catalogue, Rows rows) {
  std::vector<FeedItem> items(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    Row& r = rows[i];
    items[i].updated_at = r[11].i;
    items[i].body_html = r[12].s.empty() ? markdown_to_html(r[13].s) : std::move(r[12].s);
  }
  std::vector<Headline> headlines = headlines_from(db, catalogue, std::move(rows), /*with_lead=*/true);
  for (size_t i = 0; i < items.size(); ++i) items[i].headline = std::move(headlines[i]);
  return items;
}

}  // namespace

std::vector<FeedItem> edition_feed_items(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                         std::time_t now, int limit) {
  return items_from(db, catalogue, db.select(kEditionFeedItemsSql, {edition, Param::time(now), limit}));
}

std::vector<FeedItem> category_feed_items(Db& db, const SiteCatalogue& catalogue, int64_t category_id, std::time_t now,
                                          int limit) {
  return items_from(db, catalogue, db.select(kCategoryFeedItemsSql, {category_id, Param::time(now), limit}));
}

std::vector<FeedItem> tag_feed_items(Db& db, const SiteCatalogue& catalogue, int64_t tag_id, std::time_t now,
                                     int limit) {
  return items_from(db, catalogue, db.select(kTagFeedItemsSql, {tag_id, Param::time(now), limit}));
}

std::vector<std::pair<std::string, Rows>> explain_feed_queries(Db& db, std::time_t now) {
  auto explain = [&](const char* sql, std::initializer_list<Param> params) {
    return db.select_once(std::string("EXPLAIN ") + sql, params);
  };
  Param t = Param::time(now);
  return {{"RSS edition", explain(kEditionFeedItemsSql, {"en", t, 50})},
          {"RSS category", explain(kCategoryFeedItemsSql, {1, t, 50})},
          {"RSS tag", explain(kTagFeedItemsSql, {1, t, 50})}};
}
