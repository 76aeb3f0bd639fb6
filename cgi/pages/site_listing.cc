// Listings: all news of an edition, and of one category. Newest first, grouped
// by day, paginated by a keyset cursor (?before=) so a deep page costs what the first does.
#include "context.h"
#include "pages/pages.h"
#include "view/urls.h"
#include "view/view.h"

namespace {

// The ?before= cursor; nullopt for the first page; 400 when present but malformed.
std::optional<Cursor> requested_cursor(const Context& ctx) {
  if (!ctx.req.has_param("before")) return std::nullopt;
  auto c = parse_cursor(ctx.req.param("before"));
  if (!c) throw HttpError{400};
  return c;
}

template <typename LoadPage>
void render_listing(Context& ctx, const Edition& edition, const std::string& heading, const std::string& path,
                    LoadPage load_page) {
  std::optional<Cursor> before = requested_cursor(ctx);
  int size = ctx.cfg.listing_page_size;
  // One extra row tells whether an older page exists without a COUNT.
  std::vector<Headline> page = load_page(before, size + 1);
  std::optional<Cursor> next;
  if (static_cast<int>(page.size()) > size) {
    page.pop_back();
    next = Cursor{page.back().published_at, page.back().id};
  }
  PageView view(ctx, edition, heading, "site/listing.tpl");
  fill_listing(view.content(), edition, heading, path, page, next, !before);
  view.set_canonical(before ? path + "?before=" + format_cursor(*before) : path);
  add_newsline(ctx, view, edition);
  view.render(ctx.res);
}

}  // namespace

// GET /{edition}/news[?before=CURSOR] -> 200; 404 unknown edition; 400 bad cursor.
void site_all_news(Context& ctx, const RouteParams& p) {
  const Edition& edition = edition_or_404(ctx, p[0]);
  render_listing(ctx, edition, edition.label("all_news"), all_news_path(edition.code),
                 [&](const std::optional<Cursor>& before, int limit) {
                   return edition_feed(ctx.db, edition.code, before, ctx.now, limit);
                 });
}

// GET /{edition}/news/{category}[?before=CURSOR] -> 200; 404 unknown edition or category; 400 bad cursor.
void site_category(Context& ctx, const RouteParams& p) {
  const Edition& edition = edition_or_404(ctx, p[0]);
  std::optional<Category> category = find_category(ctx.db, edition.code, p[1]);
  if (!category) throw HttpError{404, &edition};
  render_listing(ctx, edition, category->name, category_path(edition.code, category->slug),
                 [&](const std::optional<Cursor>& before, int limit) {
                   return category_feed(ctx.db, category->id, before, ctx.now, limit);
                 });
}
