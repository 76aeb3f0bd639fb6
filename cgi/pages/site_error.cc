// Error pages inside the site layout, with the news line, so a reader who
// followed a dead link still finds the latest stories.
#include "context.h"
#include "http/response.h"
#include "pages/pages.h"
#include "view/view.h"

std::string error_page_key(int status, const std::string& edition) {
  return "error/" + std::to_string(status) + "/" + edition;
}

void site_error_page(Context& ctx, int status, const Edition& edition) {
  std::string key = error_page_key(status, edition.code);
  if (ctx.fragments)
    if (auto page = ctx.fragments->find(key, ctx.generation)) {
      ctx.res.status = status;
      ctx.res.body = *page;
      return;
    }
  std::string title = status == 404 ? edition.label("not_found") : std::to_string(status) + " " + status_text(status);
  PageView view(ctx, edition, title, "site/error.tpl");
  fill_error(view.content(), edition, status);
  view.set_robots("noindex");
  view.render(ctx.res, status);
  if (ctx.fragments) ctx.fragments->store(key, ctx.generation, std::make_shared<const std::string>(ctx.res.body));
}
