// Categories per edition (admins): create, rename, order, delete when empty.
#include <algorithm>
#include "context.h"
#include "db/categories.h"
#include "db/content.h"
#include "db/db.h"
#include "pages/admin.h"
#include "util/parse.h"
#include "util/slug.h"
#include "util/text.h"
#include "view/admin_view.h"

namespace {

void render_list(Context& ctx, const std::vector<std::string>& errors, int status) {
  AdminView view(ctx, "Categories", "admin/category_list.tpl");
  fill_category_list(view.content(), list_categories_with_article_counts(ctx.db), ctx.editions, errors);
  view.render(ctx.res, status);
}

// The position field: 0 to 32767 (a SMALLINT), leading zeros allowed; nullopt otherwise.
std::optional<int64_t> position_of(const std::string& text) {
  size_t zeros = std::min(text.find_first_not_of('0'), text.empty() ? 0 : text.size() - 1);
  return parse_number(std::string_view(text).substr(zeros), 0, 32767);
}

}  // namespace

void admin_category_list(Context& ctx, const RouteParams&) { render_list(ctx, {}, 200); }

void admin_category_create(Context& ctx, const RouteParams&) {
  std::vector<std::string> errors;
  std::string edition = ctx.req.field("edition");
  std::string name = trimmed(ctx.req.field("name"));
  std::string slug = trimmed(ctx.req.field("slug"));
  if (slug.empty()) slug = slugify(name);
  auto position = position_of(ctx.req.field("position"));
  if (!ctx.find_edition(edition)) errors.push_back("Choose an edition.");
  if (name.empty() || utf8_length(name) > 100) errors.push_back("A name has 1 to 100 characters.");
  if (!is_valid_slug(slug)) errors.push_back("A slug has only lower-case letters a-z, digits and single hyphens.");
  if (!position) errors.push_back("The order is a number from 0 to 99999.");
  if (errors.empty() && category_slug_taken(ctx.db, edition, slug))
    errors.push_back("The edition already has a category '" + slug + "'.");
  if (!errors.empty()) {
    render_list(ctx, errors, 422);
    return;
  }
  publish_change(ctx, [&] {
    int64_t id = insert_category(ctx.db, edition, slug, name, *position);
    return Audited{"category_create", "category " + std::to_string(id), edition + "/" + slug + ": " + name};
  });
  ctx.res.redirect(303, "/admin/categories?done=category");
}

void admin_category_update(Context& ctx, const RouteParams& p) {
  std::optional<CategoryRow> c = find_category_by_id(ctx.db, p[0].id);
  if (!c) throw HttpError{404};
  std::string name = trimmed(ctx.req.field("name"));
  auto position = position_of(ctx.req.field("position"));
  if (name.empty() || utf8_length(name) > 100 || !position) {
    render_list(ctx, {"A name has 1 to 100 characters; the order is a number from 0 to 99999."}, 422);
    return;
  }
  publish_change(ctx, [&] {
    update_category(ctx.db, c->id, name, *position);
    return Audited{"category_update", "category " + std::to_string(c->id),
                   c->name + " -> " + name + ", order " + std::to_string(*position)};
  });
  ctx.res.redirect(303, "/admin/categories?done=category");
}

void admin_category_delete(Context& ctx, const RouteParams& p) {
  std::optional<CategoryRow> c = find_category_by_id(ctx.db, p[0].id);
  if (!c) throw HttpError{404};
  bool deleted = publish_change(ctx, [&]() -> std::optional<Audited> {
    if (!delete_category_if_empty(ctx.db, c->id)) return std::nullopt;
    return Audited{"category_delete", "category " + std::to_string(c->id), c->edition + "/" + c->slug};
  });
  if (!deleted) throw HttpError{409, nullptr, "The category still has articles (of any status); it cannot be deleted."};
  ctx.res.redirect(303, "/admin/categories?done=category_deleted");
}
