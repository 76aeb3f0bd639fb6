// RSS 2.0 feeds (templates/feed/rss.tpl, auto-escaped for XML): each item
// with its lead as description, the whole body in content:encoded (links made
// absolute, for readers that show it elsewhere) and the lead photo as
// media:content.
#pragma once
#include <string>
#include <vector>

#include "db/feeds.h"

struct Context;

struct FeedChannel {
  std::string title;
  std::string link;  // the page the feed follows (a path)
  std::string self;  // the feed's own path
  std::string description;
};

std::string render_feed(const Context& ctx, const Edition& e, const FeedChannel& channel,
                        const std::vector<FeedItem>& items);
