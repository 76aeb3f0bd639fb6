// The authors (editors): their names, bios and photos, shown on their pages and bylines.
#include <algorithm>

#include "context.h"
#include "db/articles.h"
#include "db/content.h"
#include "db/media.h"
#include "db/newsroom.h"
#include "pages/admin.h"
#include "util/parse.h"
#include "util/slug.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/urls.h"

void admin_authors(Context& ctx, const RouteParams&) {
  std::vector<Author> authors = all_authors(ctx.db);
  AdminView view(ctx, "Authors", "admin/authors.tpl");
  fill_author_list(view.content(), authors, ctx.default_edition().code);
  view.render(ctx.res);
}

namespace {

void render_author(Context& ctx, const Author& a, const std::string& photo_text, const std::vector<std::string>& errors,
                   int status) {
  AdminView view(ctx, a.name, "admin/author_edit.tpl");
  fill_author_form(view.content(), a, photo_text, errors, ctx.default_edition().code);
  view.render(ctx.res, status);
}

Author author_or_404(Context& ctx, int64_t id) {
  std::optional<Author> a = find_author(ctx.db, id);
  if (!a) throw HttpError{404, nullptr, "There is no such author."};
  return *a;
}

}  // namespace

void admin_author_edit(Context& ctx, const RouteParams& p) {
  Author a = author_or_404(ctx, p[0].id);
  render_author(ctx, a, a.photo_id ? std::to_string(a.photo_id) : "", {}, 200);
}

void admin_author_save(Context& ctx, const RouteParams& p) {
  Author a = author_or_404(ctx, p[0].id);
  std::string old_name = a.name;
  a.name = trimmed(ctx.req.field("name"));
  a.bio = trimmed(without_cr(ctx.req.field("bio")));
  std::string photo = trimmed(ctx.req.field("photo"));
  std::vector<std::string> errors;
  if (a.name.empty() || utf8_length(a.name) > 200) errors.push_back("A name has 1 to 200 characters.");
  if (utf8_length(a.bio) > 1000) errors.push_back("The bio is longer than 1000 characters.");
  a.photo_id = 0;
  if (!photo.empty()) {
    auto id = parse_id(photo);
    if (!id || !find_photo(ctx.db, *id))
      errors.push_back("There is no photo No. " + photo + " in the library.");
    else
      a.photo_id = *id;
  }
  if (errors.empty() && a.name != old_name && author_named_exists(ctx.db, a.name))
    errors.push_back("Another author is called " + a.name + ".");
  if (!errors.empty()) {
    render_author(ctx, a, photo, errors, 422);
    return;
  }
  publish_change(ctx, [&] {
    update_author(ctx.db, a);
    return Audited{"author_update", "author " + std::to_string(a.id), a.name};
  });
  ctx.res.redirect(303, "/admin/authors/" + std::to_string(a.id) + "?done=author");
}
