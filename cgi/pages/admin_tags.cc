// The tags of each edition (editors): rename, merge into another, delete.
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

void admin_tags(Context& ctx, const RouteParams&) {
  const Edition& edition = chosen_edition(ctx, ctx.req.param("edition"));
  std::vector<Tag> tags = edition_tags(ctx.db, edition.code);
  AdminView view(ctx, "Tags", "admin/tags.tpl");
  fill_tag_list(view.content(), ctx.editions, edition.code, tags);
  view.render(ctx.res);
}

namespace {

Tag tag_or_404(Context& ctx, int64_t id) {
  std::optional<Tag> tag = find_tag_by_id(ctx.db, id);
  if (!tag) throw HttpError{404, nullptr, "There is no such tag."};
  return *tag;
}

}  // namespace

void admin_tag_save(Context& ctx, const RouteParams& p) {
  Tag tag = tag_or_404(ctx, p[0].id);
  std::string name = trimmed(ctx.req.field("name"));
  if (name.empty() || utf8_length(name) > 100) throw HttpError{422, nullptr, "A tag's name has 1 to 100 characters."};
  publish_change(ctx, [&] {
    rename_tag(ctx.db, tag.id, name);
    return Audited{"tag_rename", "tag " + std::to_string(tag.id), tag.name + " -> " + name};
  });
  ctx.res.redirect(303, "/admin/tags?edition=" + tag.edition + "&done=tag");
}

void admin_tag_delete(Context& ctx, const RouteParams& p) {
  Tag tag = tag_or_404(ctx, p[0].id);
  publish_change(ctx, [&] {
    delete_tag(ctx.db, tag.id);
    return Audited{"tag_delete", "tag " + std::to_string(tag.id), tag.name};
  });
  ctx.res.redirect(303, "/admin/tags?edition=" + tag.edition + "&done=tag_deleted");
}
