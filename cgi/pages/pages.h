// Page handlers, one file per page family. Each answers through ctx.res or
// throws HttpError (404/405); database trouble propagates as DbUnavailable (503).
#pragma once
#include <string>

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
// site_error.cc: error pages. 404/405/400/414 in the site layout (with its
// sidebars). Every error page of an edition is alike, so it is rendered once
// per content generation and kept with the fragments, under error_page_key().
// Handlers do not call it: they throw HttpError{status, &edition}.
void site_error_page(Context& ctx, int status, const Edition& edition);
std::string error_page_key(int status, const std::string& edition);
