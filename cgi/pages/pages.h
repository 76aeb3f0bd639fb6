// Page handlers, one file per page family. Each answers through ctx.res or
// throws HttpError (404/405); database trouble propagates as DbUnavailable (503).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/content.h"
#include "http/router.h"

struct Context;

// site_home.cc: "/" redirects (302) to the default edition; "/{edition}/" is its front page.
void site_root(Context& ctx, const RouteParams& p);
void site_robots(Context& ctx, const RouteParams& p);
void site_sitemap_index(Context& ctx, const RouteParams& p);
void site_edition_sitemap(Context& ctx, const RouteParams& p);
void site_edition_feed(Context& ctx, const RouteParams& p);
void site_category_feed(Context& ctx, const RouteParams& p);
void site_tag_feed(Context& ctx, const RouteParams& p);
void site_home(Context& ctx, const RouteParams& p);
// site_listing.cc: all news of an edition, and of one category; keyset-paginated by ?before=.
void site_all_news(Context& ctx, const RouteParams& p);
void site_category(Context& ctx, const RouteParams& p);
// site_photo.cc: a photo variant this host has not made yet: made from the
// master (in the media lane), kept in media_dir for nginx, and answered.
void site_photo_variant(Context& ctx, const RouteParams& p);
// site_listing.cc, too: a tag's stories, an author's (with the bio), the edition's corrections.
void site_tag(Context& ctx, const RouteParams& p);
void site_author(Context& ctx, const RouteParams& p);
void site_corrections(Context& ctx, const RouteParams& p);
// site_search.cc: search results.
void site_search(Context& ctx, const RouteParams& p);
// site_page.cc: a simple page of the edition (About, Contacts ...).
void site_page(Context& ctx, const RouteParams& p);
// site_article.cc: one article; 301 to the canonical URL from an old slug or category.
void site_article(Context& ctx, const RouteParams& p);
class Newsline;
// site_error.cc: error pages. 404/405/400/414 in the site layout with the news
// line: the caller's, when it already made one, else one of its own. Every
// error page of an edition is alike, so it is rendered once per content
// generation and kept with the fragments, under error_page_key().
void site_error_page(Context& ctx, int status, const Edition& edition, Newsline* newsline = nullptr);
std::string error_page_key(int status, const std::string& edition);

class PageView;
// site_newsline.cc: the news line of one page. Made before the page's query:
// when the worker holds the edition's news line rendered for the current
// content, the query need not read its headlines.
class Newsline {
 public:
  Newsline(Context& ctx, const Edition& edition);
  // How many headlines the page's query should read for the news line: none
  // when the rendered copy is at hand.
  int rows_to_read() const;
  // The headlines the page's query read for it (when rows_to_read() was not 0).
  void set_read(std::vector<Headline> headlines) { read_ = std::move(headlines); }
  // Puts the news line into `view`: the rendered copy; else the headlines read,
  // rendered now and kept for the next pages; else read by a query of its own.
  void add_to(PageView& view);

 private:
  Context& ctx_;
  const Edition& edition_;
  std::shared_ptr<const std::string> html_;
  std::optional<std::vector<Headline>> read_;
};
