// What is said to crawlers alone: /robots.txt.
#include "context.h"
#include "pages/pages.h"

// GET /robots.txt -> 200 text/plain: the admin and search results are not for indexing.
void site_robots(Context& ctx, const RouteParams&) {
  ctx.res.content_type = "text/plain; charset=utf-8";
  ctx.res.body =
      "User-agent: *\n"
      "Disallow: /admin\n"
      "Disallow: /*/search\n";
}
