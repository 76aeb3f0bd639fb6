// The front page of each edition, and "/" which sends readers to the default one.
// The front page is curated: the stories editors pinned (or, while none are,
// the newest three), then a block of the newest stories of each section.
// The news line beside it stays the chronological feed.
#include <algorithm>
#include <set>

#include "context.h"
#include "db/newsroom.h"
#include "pages/pages.h"
#include "view/page_meta.h"
#include "view/urls.h"
#include "view/view.h"

namespace {
constexpr size_t kUnpinnedTop = 3;  // the top while editors have pinned nothing
constexpr int kBlockStories = 4;    // per section
}  // namespace

// GET / -> 302 to the default edition (302: the default may change).
void site_root(Context& ctx, const RouteParams&) { ctx.res.redirect(302, home_path(ctx.default_edition().code)); }

// GET /{edition}/ -> 200, or 404 for an unknown edition. One statement: the
// pinned stories and every section's newest (one range of its index each).
void site_home(Context& ctx, const RouteParams& p) {
  const Edition& edition = *ctx.edition;
  const std::vector<const Category*>& sections = ctx.catalogue.in_edition(edition.code);
  std::vector<int64_t> section_ids;
  for (const Category* c : sections) section_ids.push_back(c->id);
  // One more per section than a block shows: a story at the top is not repeated below it.
  FrontPageStories stories =
      front_page_stories(ctx.db, ctx.catalogue, edition.code, section_ids, ctx.now, kBlockStories + 1);
  std::vector<Headline>& top = stories.pinned;
  const std::vector<Headline>& newest = stories.newest;
  if (top.empty()) top.assign(newest.begin(), newest.begin() + std::min(newest.size(), kUnpinnedTop));
  std::set<int64_t> on_top;
  for (const Headline& h : top) on_top.insert(h.id);
  std::vector<HomeBlock> blocks;
  for (const Category* c : sections) {
    HomeBlock block{c, {}};
    for (const Headline& h : newest)
      if (h.category_id == c->id && !on_top.count(h.id) && block.stories.size() < kBlockStories)
        block.stories.push_back(h);
    if (!block.stories.empty()) blocks.push_back(std::move(block));
  }
  PageView view(ctx, edition, edition.label("latest"), "site/home.tpl");
  fill_home(view.content(), edition, top, blocks);
  view.set_canonical(home_path(edition.code));
  describe_home(view, ctx, edition);
  view.render(ctx.res);
}
