// RSS feeds: /{edition}/feed, /{edition}/feed/{category}, /{edition}/feed/tag/{tag}.
// Cached and fresh as pages are (the page cache, ETag and Last-Modified, 304).
#include "context.h"
#include "db/feeds.h"
#include "db/newsroom.h"
#include "pages/pages.h"
#include "view/feed.h"
#include "view/urls.h"

namespace {

constexpr int kFeedItems = 50;

void answer_feed(Context& ctx, const Edition& e, const FeedChannel& channel, const std::vector<FeedItem>& items) {
  ctx.res.content_type = "application/rss+xml; charset=utf-8";
  ctx.res.body = render_feed(ctx, e, channel, items);
}

}  // namespace

// GET -> 200; 404 for an unknown edition.
void site_edition_feed(Context& ctx, const RouteParams& p) {
  const Edition& e = *ctx.edition;
  FeedChannel channel{ctx.cfg.site_name + " (" + e.name + ")", home_path(e.code), feed_path(e.code),
                      e.label("description")};
  answer_feed(ctx, e, channel, edition_feed_items(ctx.db, ctx.catalogue, e.code, ctx.now, kFeedItems));
}

// GET -> 200; 404 for an unknown edition or category.
void site_category_feed(Context& ctx, const RouteParams& p) {
  const Edition& e = *ctx.edition;
  const Category* c = ctx.catalogue.find(e.code, p[1].text);
  if (!c) throw HttpError{404, &e};
  FeedChannel channel{c->name + " | " + ctx.cfg.site_name, category_path(e.code, c->slug),
                      category_feed_path(e.code, c->slug), e.label("description")};
  answer_feed(ctx, e, channel, category_feed_items(ctx.db, ctx.catalogue, c->id, ctx.now, kFeedItems));
}

// GET -> 200; 404 for an unknown edition or tag.
void site_tag_feed(Context& ctx, const RouteParams& p) {
  const Edition& e = *ctx.edition;
  std::optional<Tag> tag = find_tag(ctx.db, e.code, p[1].text);
  if (!tag) throw HttpError{404, &e};
  FeedChannel channel{"#" + tag->name + " | " + ctx.cfg.site_name, tag_path(e.code, tag->slug),
                      tag_feed_path(e.code, tag->slug), e.label("description")};
  answer_feed(ctx, e, channel, tag_feed_items(ctx.db, ctx.catalogue, tag->id, ctx.now, kFeedItems));
}
