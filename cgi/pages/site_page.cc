// Simple pages of an edition (About, Contacts, Advertising ...): /{edition}/page/{slug}.
#include "context.h"
#include "db/newsroom.h"
#include "pages/pages.h"
#include "view/urls.h"
#include "view/view.h"

// GET -> 200; 404 for an unknown edition or page.
void site_page(Context& ctx, const RouteParams& p) {
  const Edition& edition = *ctx.edition;
  std::optional<SimplePage> page = find_page(ctx.db, edition.code, p[1].text);
  if (!page) throw HttpError{404, &edition};
  PageView view(ctx, edition, page->title, "site/page.tpl");
  fill_simple_page(view.content(), *page);
  view.set_canonical(page_path(edition.code, page->slug));
  view.render(ctx.res);
}
