// What the RSS feeds carry: the newest published articles of an edition, a
// category or a tag, with lead, body and lead photo. One statement each,
// reading its feed index in order (as the listings do) and the rows of the
// articles it keeps.
#pragma once
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "db/content.h"
#include "db/db.h"

struct FeedItem {
  Headline headline;  // with its lead and photo
  std::string body_html;
  std::time_t updated_at = 0;
};

std::vector<FeedItem> edition_feed_items(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                         std::time_t now, int limit);
std::vector<FeedItem> category_feed_items(Db& db, const SiteCatalogue& catalogue, int64_t category_id, std::time_t now,
                                          int limit);
std::vector<FeedItem> tag_feed_items(Db& db, const SiteCatalogue& catalogue, int64_t tag_id, std::time_t now,
                                     int limit);

// EXPLAIN of the three with typical parameters (for `newsline explain`).
std::vector<std::pair<std::string, Rows>> explain_feed_queries(Db& db, std::time_t now);
