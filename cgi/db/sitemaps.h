// What the sitemaps list: per edition, the days that have articles, each
// day's articles (with their lead photo and stored links, for translations),
// the articles of the last two days (Google News), and the tags and authors
// that have pages. Each statement reads a range of an index.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/content.h"
#include "db/db.h"

// A sitemap holds at most this many addresses (sitemaps.org).
constexpr int kSitemapLimit = 50000;

// A day of an edition that has published articles (sitemap_days): its sitemap
// is in the index, with `modified` (the latest publication or save that day) as its lastmod.
struct SitemapDay {
  std::string edition;
  std::time_t day = 0;  // 00:00 UTC
  std::time_t modified = 0;
};
// Every such day up to `now`'s, per edition newest first; `modified` at most `now`.
std::vector<SitemapDay> sitemap_days(Db& db, std::time_t now);
// Counts the day of `published_at` in `edition` again from its articles (a
// range of ix_edition_feed): in the transaction that moves an article into,
// out of or within it.
void refresh_sitemap_day(Db& db, const std::string& edition, std::time_t published_at);
// The edition and publication time stored for an article, before a change moves them.
std::optional<std::pair<std::string, std::time_t>> article_edition_and_time(Db& db, int64_t article_id);
// True when `stored` and (edition, published_at) count in the same sitemap day.
inline bool same_sitemap_day(const std::pair<std::string, std::time_t>& stored, const std::string& edition,
                             std::time_t published_at) {
  return stored.first == edition && stored.second / 86400 == published_at / 86400;
}
// Counts every day again (articles written by SQL).
void rebuild_sitemap_days(Db& db);

// The first publication of each edition (the first entry of its ix_edition_feed range):
// its day sitemaps run from that day to today.
std::vector<std::pair<std::string, std::time_t>> first_publications(Db& db, std::time_t now);

struct SitemapArticle {
  Headline headline;                 // with its photo
  std::time_t modified = 0;          // the later of published and last saved
  std::optional<std::string> links;  // packed (db/article_links.h): its translations
};
// Published articles of `edition` in [from, to), by `now`, newest first, at most kSitemapLimit.
std::vector<SitemapArticle> sitemap_articles(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                             std::time_t from, std::time_t to, std::time_t now);

// The slugs of `edition`'s tags that have a published article, and of the
// authors with one in it (their pages list them), up to kSitemapLimit together.
std::vector<std::string> sitemap_tag_slugs(Db& db, const std::string& edition);
std::vector<std::string> sitemap_author_slugs(Db& db, const std::string& edition);

std::vector<std::pair<std::string, Rows>> explain_sitemap_queries(Db& db, std::time_t now);
