// The front page of each edition, and "/" which sends readers to the default one.
#include <algorithm>

#include "context.h"
#include "pages/pages.h"
#include "view/urls.h"
#include "view/view.h"

namespace {
constexpr int kHomeStories = 15;
}

// GET / -> 302 to the default edition (302: the default may change).
void site_root(Context& ctx, const RouteParams&) {
  ctx.res.redirect(302, home_path(ctx.default_edition().code));
}

// GET /{edition}/ -> 200, or 404 for an unknown edition.
void site_home(Context& ctx, const RouteParams& p) {
  const Edition& edition = edition_or_404(ctx, p[0].text);
  // One query: the news line is the head of the same list of stories.
  Newsline newsline(ctx, edition);
  int newsline_size = newsline.rows_to_read();
  std::vector<Headline> latest = home_page(ctx.db, ctx.categories, edition.code, ctx.now, std::max(kHomeStories, newsline_size));
  std::vector<Headline> stories(latest.begin(), latest.begin() + std::min<size_t>(latest.size(), kHomeStories));
  if (newsline_size) {
    latest.resize(std::min<size_t>(latest.size(), newsline_size));
    newsline.set_read(std::move(latest));
  }
  PageView view(ctx, edition, edition.label("latest"), "site/home.tpl");
  fill_home(view.content(), edition, stories);
  view.set_canonical(home_path(edition.code));
  newsline.add_to(view);
  view.render(ctx.res);
}
