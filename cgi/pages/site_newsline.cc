// The News line sidebar, on every page of the site.
#include "context.h"
#include "pages/pages.h"
#include "view/view.h"

void add_newsline(Context& ctx, PageView& view, const Edition& edition) {
  view.set_newsline(latest_headlines(ctx.db, ctx.categories, edition.code, ctx.now, ctx.cfg.newsline_size));
}

const Edition& edition_or_404(const Context& ctx, const std::string& code) {
  const Edition* e = ctx.find_edition(code);
  if (!e) throw HttpError{404};
  return *e;
}
