// The simple pages of each edition (About, Contacts ...) (editors).
#include <algorithm>

#include "context.h"
#include "db/articles.h"
#include "db/content.h"
#include "db/media.h"
#include "db/newsroom.h"
#include "pages/admin.h"
#include "pages/photo_service.h"
#include "util/parse.h"
#include "util/slug.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/urls.h"

void admin_pages(Context& ctx, const RouteParams&) {
  std::vector<SimplePage> pages = edition_pages(ctx.db);
  AdminView view(ctx, "Pages", "admin/pages.tpl");
  fill_page_list(view.content(), pages);
  view.render(ctx.res);
}

namespace {

void render_page_form(Context& ctx, const SimplePage& pg, const std::string& position_text,
                      const std::vector<std::string>& errors, int status) {
  AdminView view(ctx, pg.id ? "Page: " + pg.title : "New page", "admin/page_form.tpl");
  fill_page_form(view.content(), pg, position_text, errors, ctx.editions);
  view.render(ctx.res, status);
}

// Reads and checks the form into `pg`; the problems, if any.
std::vector<std::string> read_page_form(Context& ctx, SimplePage& pg) {
  const Request& r = ctx.req;
  std::vector<std::string> errors;
  if (!pg.id) {
    pg.edition = r.field("edition");
    if (!ctx.find_edition(pg.edition)) errors.push_back("Choose an edition.");
  }
  pg.title = trimmed(r.field("title"));
  if (pg.title.empty() || utf8_length(pg.title) > 200) errors.push_back("A title has 1 to 200 characters.");
  std::string slug = trimmed(r.field("slug"));
  pg.slug = slug.empty() ? slugify(pg.title) : slug;
  if (!is_valid_slug(pg.slug))
    errors.push_back("A slug has only lower-case letters a-z, digits and single hyphens (at most 80).");
  auto position = parse_number(trimmed(r.field("position")), 0, 32767);
  if (!position) errors.push_back("The order is a number from 0 to 32767.");
  pg.position = static_cast<int>(position.value_or(0));
  pg.body = without_cr(r.field("body"));
  if (errors.empty())
    if (auto other = find_page(ctx.db, pg.edition, pg.slug); other && other->id != pg.id)
      errors.push_back("Another page of this edition has the address " + page_path(pg.edition, pg.slug) + ".");
  pg.body_html = render_article_body(ctx, pg.edition, pg.body).html;
  return errors;
}

SimplePage page_or_404(Context& ctx, int64_t id) {
  std::optional<SimplePage> pg = find_page_by_id(ctx.db, id);
  if (!pg) throw HttpError{404, nullptr, "There is no such page."};
  return *pg;
}

}  // namespace

void admin_page_new(Context& ctx, const RouteParams&) {
  SimplePage pg;
  const Edition* e = ctx.find_edition(ctx.req.param("edition"));
  pg.edition = (e ? *e : ctx.default_edition()).code;
  render_page_form(ctx, pg, "10", {}, 200);
}

void admin_page_create(Context& ctx, const RouteParams&) {
  SimplePage pg;
  std::vector<std::string> errors = read_page_form(ctx, pg);
  if (!errors.empty()) {
    render_page_form(ctx, pg, ctx.req.field("position"), errors, 422);
    return;
  }
  publish_change(ctx, [&] {
    pg.id = insert_page(ctx.db, pg, ctx.now);
    return Audited{"page_create", "page " + pg.edition + "/" + pg.slug, pg.title};
  });
  ctx.res.redirect(303, "/admin/pages/" + std::to_string(pg.id) + "?done=page");
}

void admin_page_edit(Context& ctx, const RouteParams& p) {
  SimplePage pg = page_or_404(ctx, p[0].id);
  render_page_form(ctx, pg, std::to_string(pg.position), {}, 200);
}

void admin_page_save(Context& ctx, const RouteParams& p) {
  SimplePage pg = page_or_404(ctx, p[0].id);
  std::vector<std::string> errors = read_page_form(ctx, pg);
  if (!errors.empty()) {
    render_page_form(ctx, pg, ctx.req.field("position"), errors, 422);
    return;
  }
  publish_change(ctx, [&] {
    update_page(ctx.db, pg, ctx.now);
    return Audited{"page_update", "page " + std::to_string(pg.id), pg.title};
  });
  ctx.res.redirect(303, "/admin/pages/" + std::to_string(pg.id) + "?done=page");
}

void admin_page_delete(Context& ctx, const RouteParams& p) {
  SimplePage pg = page_or_404(ctx, p[0].id);
  publish_change(ctx, [&] {
    delete_page(ctx.db, pg.id);
    return Audited{"page_delete", "page " + std::to_string(pg.id), pg.title};
  });
  ctx.res.redirect(303, "/admin/pages?done=page_deleted");
}
