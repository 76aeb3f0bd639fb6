// Listings: all news of an edition, of one category, of a tag and of an
// author; and the edition's corrections. Newest first, grouped by day,
// paginated by a keyset cursor (?before=) so a deep page costs what the first does.
#include <limits>

#include "context.h"
#include "db/newsroom.h"
#include "pages/pages.h"
#include "view/urls.h"
#include "view/view.h"

namespace {

// The ?before= cursor; nullopt for the first page; 400 when present but malformed.
std::optional<Cursor> requested_cursor(const Context& ctx) {
  if (!ctx.req.has_param("before")) return std::nullopt;
  auto c = parse_cursor(ctx.req.param("before"), ctx.key);
  if (!c) throw HttpError{400};
  return c;
}

// Renders a listing page from `items` (loaded with one row more than a page,
// which tells whether an older page exists without a COUNT). `feed`: the
// path of the listing's own RSS feed, if it has one.
void render_listing(Context& ctx, const Edition& edition, const std::string& heading, const std::string& path,
                    const std::optional<Cursor>& before, std::vector<Headline> items, const Author* author = nullptr,
                    const std::string& feed = "") {
  size_t size = ctx.cfg.listing_page_size;
  std::string next;
  if (items.size() > size) {
    items.resize(size);
    next = format_cursor({items.back().published_at, items.back().id}, ctx.key);
  }
  PageView view(ctx, edition, heading, "site/listing.tpl");
  fill_listing(view.content(), edition, heading, path, items, next, !before);
  if (author) fill_author_intro(view.content(), edition, *author);
  if (!feed.empty()) view.add_feed(heading, feed);
  view.set_canonical(before ? path + "?before=" + ctx.req.param("before") : path);
  view.render(ctx.res);
}

Cursor cursor_or_newest(const std::optional<Cursor>& before, std::time_t now) {
  return before && before->published_at <= now ? *before : Cursor{now, std::numeric_limits<int64_t>::max()};
}

}  // namespace

// GET /{edition}/news[?before=CURSOR] -> 200; 404 unknown edition; 400 bad cursor.
void site_all_news(Context& ctx, const RouteParams& p) {
  const Edition& edition = *ctx.edition;
  std::optional<Cursor> before = requested_cursor(ctx);
  std::vector<Headline> items =
      edition_listing_page(ctx.db, ctx.catalogue, edition.code, before, ctx.now, ctx.cfg.listing_page_size + 1);
  render_listing(ctx, edition, edition.label("all_news"), all_news_path(edition.code), before, std::move(items));
}

// GET /{edition}/news/{category}[?before=CURSOR] -> 200; 404 unknown edition or category; 400 bad cursor.
void site_category(Context& ctx, const RouteParams& p) {
  const Edition& edition = *ctx.edition;
  std::optional<Cursor> before = requested_cursor(ctx);
  ListingPage page = category_listing_page(ctx.db, ctx.catalogue, edition.code, p[1].text, before, ctx.now,
                                           ctx.cfg.listing_page_size + 1);
  if (!page.category) throw HttpError{404, &edition};
  render_listing(ctx, edition, page.category->name, category_path(edition.code, page.category->slug), before,
                 std::move(page.items), nullptr, category_feed_path(edition.code, page.category->slug));
}

// GET /{edition}/tag/{tag}[?before=CURSOR] -> 200; 404 unknown edition or tag; 400 bad cursor.
void site_tag(Context& ctx, const RouteParams& p) {
  const Edition& edition = *ctx.edition;
  std::optional<Cursor> before = requested_cursor(ctx);
  std::optional<Tag> tag = find_tag(ctx.db, edition.code, p[1].text);
  if (!tag) throw HttpError{404, &edition};
  std::vector<Headline> items =
      tag_feed(ctx.db, ctx.catalogue, tag->id, cursor_or_newest(before, ctx.now), ctx.cfg.listing_page_size + 1);
  render_listing(ctx, edition, "#" + tag->name, tag_path(edition.code, tag->slug), before, std::move(items), nullptr,
                 tag_feed_path(edition.code, tag->slug));
}

// GET /{edition}/author/{author}[?before=CURSOR] -> 200 (their articles of this
// edition, with their bio); 404 unknown edition or author; 400 bad cursor.
void site_author(Context& ctx, const RouteParams& p) {
  const Edition& edition = *ctx.edition;
  std::optional<Cursor> before = requested_cursor(ctx);
  std::optional<Author> author = find_author_by_slug(ctx.db, p[1].text);
  if (!author) throw HttpError{404, &edition};
  std::vector<Headline> items = author_feed(ctx.db, ctx.catalogue, author->id, edition.code,
                                            cursor_or_newest(before, ctx.now), ctx.cfg.listing_page_size + 1);
  render_listing(ctx, edition, author->name, author_path(edition.code, author->slug), before, std::move(items),
                 &*author);
}

// GET /{edition}/corrections[?before=CURSOR] -> 200; 404 unknown edition; 400 bad cursor.
void site_corrections(Context& ctx, const RouteParams& p) {
  const Edition& edition = *ctx.edition;
  std::optional<Cursor> before = requested_cursor(ctx);
  size_t size = ctx.cfg.listing_page_size;
  std::vector<Correction> items =
      edition_corrections(ctx.db, ctx.catalogue, edition.code, cursor_or_newest(before, ctx.now), ctx.now, size + 1);
  std::string next;
  if (items.size() > size) {
    items.resize(size);
    next = format_cursor({items.back().noted_at, items.back().id}, ctx.key);
  }
  std::string path = corrections_path(edition.code);
  PageView view(ctx, edition, edition.label("corrections"), "site/corrections.tpl");
  fill_corrections(view.content(), edition, items, path, next, !before);
  view.set_canonical(before ? path + "?before=" + ctx.req.param("before") : path);
  view.render(ctx.res);
}
