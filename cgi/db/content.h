// Queries of the public site: editions, categories, articles. One function per
// query; every one uses bound parameters. `now` is passed in so that "published
// and its time has come" is one rule, applied the same way everywhere.
#pragma once
#include <cstdint>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/db.h"
#include "util/cursor.h"

struct Edition {
  std::string code;  // az, en, ru
  std::string name;
  std::map<std::string, std::string> labels;
  // The label `key` of this edition, or the key itself when missing.
  const std::string& label(const std::string& key) const;
};

struct Category {
  int64_t id = 0;
  std::string slug;
  std::string name;
};

struct Headline {
  int64_t id = 0;
  std::string slug;
  std::string title;
  std::string category_slug;
  std::string category_name;
  std::time_t published_at = 0;
  std::string lead;  // first paragraph; only filled by latest_stories()
};

struct Article : Headline {
  std::string edition;
  std::string body;       // Markdown
  std::string body_html;  // rendered at save time; empty for rows written outside the admin
  std::string author;
  std::string source;
  std::time_t updated_at = 0;
};

// What the page caches are keyed by (see cache/content_clock.h).
struct ContentState {
  int64_t version = 0;
  std::time_t changed_at = 0;
  std::time_t next_due = 0;  // the next scheduled publication after `now`; 0 = none
};
ContentState read_content_state(Db& db, std::time_t now);
// Marks a change readers can see. Call inside the transaction that makes it.
void bump_content_version(Db& db, std::time_t now);

// All editions with their labels, in display order.
std::vector<Edition> load_editions(Db& db);

std::optional<Category> find_category(Db& db, const std::string& edition, const std::string& slug);

// The `limit` newest visible headlines of an edition (the news line).
std::vector<Headline> latest_headlines(Db& db, const std::string& edition, std::time_t now, int limit);

// Like latest_headlines, with each story's first paragraph (the home page).
std::vector<Headline> latest_stories(Db& db, const std::string& edition, std::time_t now, int limit);

// Visible articles of an edition published before `before` (or the newest), newest first.
std::vector<Headline> edition_feed(Db& db, const std::string& edition, const std::optional<Cursor>& before,
                                   std::time_t now, int limit);

// The same within one category.
std::vector<Headline> category_feed(Db& db, int64_t category_id, const std::optional<Cursor>& before,
                                    std::time_t now, int limit);

// EXPLAIN of every listing query with typical parameters (for `newsline explain`).
std::vector<std::pair<std::string, Rows>> explain_listing_queries(Db& db, std::time_t now);

// A visible article of `edition`, or nullopt.
std::optional<Article> find_visible_article(Db& db, const std::string& edition, int64_t id, std::time_t now);

// True when `slug` is one the article had before.
bool article_had_slug(Db& db, int64_t id, const std::string& slug);

// The visible articles linked from article `id`, in the editor's order.
std::vector<Headline> related_headlines(Db& db, int64_t id, std::time_t now);
