// The front page's pinned stories, per edition (editors). Like every newsroom
// change, a save bumps the content version and writes an audit row in one
// transaction (publish_change).
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

namespace {

constexpr size_t kFrontSlots = 5;

void render_front(Context& ctx, const Edition& edition, const std::vector<std::string>& typed,
                  const std::vector<std::string>& errors, int status) {
  std::vector<FrontSlot> slots(kFrontSlots);
  for (size_t i = 0; i < kFrontSlots && i < typed.size(); ++i) {
    slots[i].typed = typed[i];
    if (auto id = parse_id(typed[i])) slots[i].article = load_article(ctx.db, *id);
  }
  AdminView view(ctx, "Front page", "admin/front.tpl");
  fill_front(view.content(), ctx.editions, edition.code, errors, slots);
  view.render(ctx.res, status);
}

}  // namespace

void admin_front(Context& ctx, const RouteParams&) {
  const Edition& edition = chosen_edition(ctx, ctx.req.param("edition"));
  std::vector<std::string> typed;
  for (int64_t id : pinned_ids(ctx.db, edition.code)) typed.push_back(std::to_string(id));
  render_front(ctx, edition, typed, {}, 200);
}

void admin_front_save(Context& ctx, const RouteParams&) {
  const Edition& edition = chosen_edition(ctx, ctx.req.field("edition"));
  std::vector<std::string> typed = ctx.req.fields("slot");
  std::vector<std::string> errors;
  std::vector<int64_t> ids;
  if (typed.size() > kFrontSlots) errors.push_back("At most 5 stories are pinned.");
  for (std::string& text : typed) {
    text = trimmed(text);
    if (text.empty()) continue;
    auto id = parse_id(text);
    std::optional<ArticleDraft> a = id ? load_article(ctx.db, *id) : std::nullopt;
    if (!a || a->status == "deleted")
      errors.push_back("There is no article No. " + text + ".");
    else if (a->edition != edition.code)
      errors.push_back("Article No. " + text + " is not of this edition.");
    else if (std::find(ids.begin(), ids.end(), a->id) == ids.end())
      ids.push_back(a->id);
  }
  if (!errors.empty()) {
    render_front(ctx, edition, typed, errors, 422);
    return;
  }
  std::string list;
  for (int64_t id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
  publish_change(ctx, [&] {
    replace_front_slots(ctx.db, edition.code, ids);
    return Audited{"front_page", "edition " + edition.code, list.empty() ? "none pinned" : list};
  });
  ctx.res.redirect(303, "/admin/front?edition=" + edition.code + "&done=front");
}
