// What is said to crawlers alone: /robots.txt and the sitemaps
// (/sitemap.xml, the index; /{edition}/sitemap/{YYYY-MM-DD|news|sections}.xml).
#include <algorithm>
#include <cstdio>

#include "context.h"
#include "db/sitemaps.h"
#include "pages/pages.h"
#include "view/sitemap.h"
#include "view/urls.h"

namespace {

constexpr int kNewsSitemapLimit = 1000;  // Google News reads at most this many
constexpr std::time_t kNewsWindow = 48 * 3600;

// One UTC day of publication: a sitemap of its own. Days, not months: a
// month of a busy site is thousands of addresses (7,400 per edition at a
// million generated articles), a day a few hundred (257: 3.4 ms uncached).
struct Day {
  int year = 0, month = 0, day = 0;  // month 1..12, day 1..31
  std::time_t start() const {
    struct tm tm = {};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    return timegm(&tm);
  }
  std::string file() const {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d.xml", year, month, day);
    return buf;
  }
};

constexpr std::time_t kDay = 86400;

Day day_of(std::time_t t) {
  struct tm tm = {};
  gmtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// "2025-05-19.xml" -> that day; nullopt for anything else (a day that does not exist too).
std::optional<Day> parse_day_file(const std::string& name) {
  int year = 0, month = 0, day = 0;
  char rest = 0;
  if (name.size() != 14 || std::sscanf(name.c_str(), "%4d-%2d-%2d.xm%c", &year, &month, &day, &rest) != 4 ||
      rest != 'l' || year < 1970)
    return std::nullopt;
  Day d{year, month, day};
  // Written back, only the one spelling of a real day gives the name again ("2025-02-30", "+025-05-01" do not).
  if (day_of(d.start()).file() != name) return std::nullopt;
  return d;
}

// The first publication of `edition`, if it has any.
std::optional<std::time_t> first_publication(Context& ctx, const std::string& edition) {
  for (const auto& [code, first] : first_publications(ctx.db, ctx.now))
    if (code == edition) return first;
  return std::nullopt;
}

void answer_xml(Context& ctx, std::string body) {
  ctx.res.content_type = "application/xml; charset=utf-8";
  ctx.res.body = std::move(body);
}

}  // namespace

// GET /robots.txt -> 200 text/plain: the admin and search results are not for indexing.
void site_robots(Context& ctx, const RouteParams&) {
  ctx.res.content_type = "text/plain; charset=utf-8";
  ctx.res.body =
      "User-agent: *\n"
      "Disallow: /admin\n"
      "Disallow: /*/search\n"
      "\n"
      "Sitemap: " +
      ctx.cfg.site_url + "/sitemap.xml\n";
}

// GET /sitemap.xml -> 200: per edition its sections, its news and each day that has
// articles, newest first, each day with its latest change (<lastmod>), as the news sitemap.
void site_sitemap_index(Context& ctx, const RouteParams&) {
  std::vector<SitemapEntry> entries;
  std::vector<SitemapDay> days = sitemap_days(ctx.db, ctx.now);
  for (const Edition& e : ctx.editions) {
    entries.push_back({sitemap_path(e.code, "sections.xml"), 0});
    SitemapEntry news{sitemap_path(e.code, "news.xml"), 0};
    std::vector<SitemapEntry> day_entries;
    for (const SitemapDay& d : days) {
      if (d.edition != e.code) continue;
      day_entries.push_back({sitemap_path(e.code, day_of(d.day).file()), d.modified});
      news.modified = std::max(news.modified, d.modified);
    }
    entries.push_back(std::move(news));
    entries.insert(entries.end(), day_entries.begin(), day_entries.end());
  }
  answer_xml(ctx, render_sitemap_index(ctx, entries));
}

// GET /{edition}/sitemap/{file} -> 200; 404 for an unknown edition, file, or a day without a sitemap.
void site_edition_sitemap(Context& ctx, const RouteParams& p) {
  const Edition& e = *ctx.edition;
  const std::string& file = p[1].text;
  if (file == "sections.xml") {
    answer_xml(
        ctx, render_sections_sitemap(ctx, e, sitemap_tag_slugs(ctx.db, e.code), sitemap_author_slugs(ctx.db, e.code)));
    return;
  }
  if (file == "news.xml") {
    auto recent = sitemap_articles(ctx.db, ctx.catalogue, e.code, ctx.now - kNewsWindow, ctx.now + 1, ctx.now);
    if (recent.size() > static_cast<size_t>(kNewsSitemapLimit)) recent.resize(kNewsSitemapLimit);
    answer_xml(ctx, render_news_sitemap(ctx, e, recent));
    return;
  }
  std::optional<Day> day = parse_day_file(file);
  std::optional<std::time_t> first = day ? first_publication(ctx, e.code) : std::nullopt;
  if (!first || day->start() < day_of(*first).start() || day->start() > ctx.now) throw HttpError{404};
  answer_xml(ctx,
             render_article_sitemap(
                 ctx, e, sitemap_articles(ctx.db, ctx.catalogue, e.code, day->start(), day->start() + kDay, ctx.now)));
}
