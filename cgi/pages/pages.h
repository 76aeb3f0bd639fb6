// Page handlers, one file per page family. Each answers through ctx.res or
// throws HttpError (404/405); database trouble propagates as DbUnavailable (503).
#pragma once
#include <vector>

#include "db/content.h"
#include "router.h"

struct Context;

// site_home.cc: "/" redirects (302) to the default edition; "/{edition}/" is its front page.
void site_root(Context& ctx, const RouteParams& p);
void site_home(Context& ctx, const RouteParams& p);
// site_listing.cc: all news of an edition, and of one category; keyset-paginated by ?before=.
void site_all_news(Context& ctx, const RouteParams& p);
void site_category(Context& ctx, const RouteParams& p);
// site_article.cc: one article; 301 to the canonical URL from an old slug or category.
void site_article(Context& ctx, const RouteParams& p);
// site_error.cc: error pages. 404/405/400/414 in the site layout with the news
// line, which is loaded unless the caller already has it.
void site_error_page(Context& ctx, int status, const Edition& edition,
                     const std::vector<Headline>* newsline = nullptr);

// The edition named by a route's first parameter; 404 when there is none such.
const Edition& edition_or_404(const Context& ctx, const std::string& code);

class PageView;
// site_newsline.cc: loads the edition's news line into a page.
void add_newsline(Context& ctx, PageView& view, const Edition& edition);
