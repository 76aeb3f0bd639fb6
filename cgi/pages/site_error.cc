// Error pages inside the site layout, with its sidebars, so a reader who
// followed a dead link still finds the latest stories.
#include "context.h"
#include "http/response.h"
#include "pages/pages.h"
#include "view/view.h"

std::string error_page_key(int status, const std::string& edition) {
  return "error/" + std::to_string(status) + "/" + edition;
}

void site_error_page(Context& ctx, int status, const Edition& edition) {
  auto page = FragmentCache::find_or_make(ctx.fragments, error_page_key(status, edition.code), ctx.generation, [&] {
    std::string title = status == 404 ? edition.label("not_found") : std::to_string(status) + " " + status_text(status);
    PageView view(ctx, edition, title, "site/error.tpl");
    fill_error(view.content(), edition, status);
    view.set_robots("noindex");
    Response rendered;
    view.render(rendered, status);
    return std::move(rendered.body);
  });
  ctx.res.status = status;
  ctx.res.body = *page;
}
