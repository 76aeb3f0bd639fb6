// What is said to crawlers alone: /robots.txt and the sitemaps
// (/sitemap.xml, the index; /{edition}/sitemap/{YYYY-MM|news|sections}.xml).
// Months are UTC months of publication.
#include <algorithm>
#include <cstdio>

#include "context.h"
#include "db/sitemaps.h"
#include "pages/pages.h"
#include "view/sitemap.h"
#include "view/urls.h"

namespace {

constexpr int kNewsSitemapLimit = 1000;       // Google News reads at most this many
constexpr std::time_t kNewsWindow = 48 * 3600;

struct Month {
  int year = 0, month = 0;  // month 1..12
  std::time_t start() const {
    struct tm tm = {};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = 1;
    return timegm(&tm);
  }
  Month next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }
  bool operator<(const Month& o) const { return year != o.year ? year < o.year : month < o.month; }
  bool operator==(const Month& o) const { return year == o.year && month == o.month; }
  std::string file() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d.xml", year, month);
    return buf;
  }
};

Month month_of(std::time_t t) {
  struct tm tm = {};
  gmtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1};
}

// "2025-05.xml" -> that month; nullopt for anything else.
std::optional<Month> parse_month_file(const std::string& name) {
  int year = 0, month = 0;
  char rest = 0;
  if (name.size() != 11 || std::sscanf(name.c_str(), "%4d-%2d.xm%c", &year, &month, &rest) != 3 || rest != 'l' ||
      month < 1 || month > 12)
    return std::nullopt;
  return Month{year, month};
}

// The months of `edition` that have sitemaps: from its first publication to now.
std::optional<std::pair<Month, Month>> edition_months(Context& ctx, const std::string& edition) {
  for (const auto& [code, first] : first_publications(ctx.db, ctx.now))
    if (code == edition) return std::make_pair(month_of(first), month_of(ctx.now));
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
      "Sitemap: " + ctx.cfg.site_url + "/sitemap.xml\n";
}

// GET /sitemap.xml -> 200: per edition its sections, its news and each month, newest first.
void site_sitemap_index(Context& ctx, const RouteParams&) {
  std::vector<std::string> paths;
  auto firsts = first_publications(ctx.db, ctx.now);
  for (const Edition& e : ctx.editions) {
    paths.push_back(sitemap_path(e.code, "sections.xml"));
    paths.push_back(sitemap_path(e.code, "news.xml"));
    for (const auto& [code, first] : firsts) {
      if (code != e.code) continue;
      Month oldest = month_of(first);
      for (Month m = month_of(ctx.now); !(m < oldest); m = m.month == 1 ? Month{m.year - 1, 12} : Month{m.year, m.month - 1})
        paths.push_back(sitemap_path(e.code, m.file()));
    }
  }
  answer_xml(ctx, render_sitemap_index(ctx, paths));
}

// GET /{edition}/sitemap/{file} -> 200; 404 for an unknown edition, file, or a month without a sitemap.
void site_edition_sitemap(Context& ctx, const RouteParams& p) {
  const Edition& e = edition_or_404(ctx, p[0].text);
  const std::string& file = p[1].text;
  if (file == "sections.xml") {
    answer_xml(ctx, render_sections_sitemap(ctx, e, sitemap_tag_slugs(ctx.db, e.code), sitemap_author_slugs(ctx.db, e.code)));
    return;
  }
  if (file == "news.xml") {
    auto recent = sitemap_articles(ctx.db, ctx.catalogue, e.code, ctx.now - kNewsWindow, ctx.now + 1, ctx.now);
    if (recent.size() > static_cast<size_t>(kNewsSitemapLimit)) recent.resize(kNewsSitemapLimit);
    answer_xml(ctx, render_news_sitemap(ctx, e, recent));
    return;
  }
  std::optional<Month> month = parse_month_file(file);
  auto range = month ? edition_months(ctx, e.code) : std::nullopt;
  if (!range || *month < range->first || range->second < *month) throw HttpError{404};
  answer_xml(ctx, render_article_sitemap(
                      ctx, e, sitemap_articles(ctx.db, ctx.catalogue, e.code, month->start(), month->next().start(), ctx.now)));
}
