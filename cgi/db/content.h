// Queries of the public site: editions, categories, articles. One function per
// query; every one uses bound parameters. `now` is passed in so that "published
// and its time has come" is one rule, applied the same way everywhere.
#pragma once
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/db.h"
#include "db/media.h"
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
  std::string edition;
  std::string slug;
  std::string name;
  int position = 0;  // the order an admin set (the sections menu)
};

struct Headline;

// A simple page's place in the footer.
struct FooterLink {
  std::string slug;
  std::string title;
};

// What every page of an edition shows besides its own content, read by a
// worker once per content version (every change of it bumps the version; a
// breaking story's end moves the content clock on too): every category
// (page queries read headlines from the feed indexes alone, and the worker
// names each headline's category), the footer's pages, the breaking stories.
class SiteCatalogue {
 public:
  static SiteCatalogue load(Db& db, std::time_t now);
  const Category* find(int64_t id) const;
  const Category* find(const std::string& edition, const std::string& slug) const;
  // The categories of `edition` in the admin's order (then by name): the sections menu.
  const std::vector<const Category*>& in_edition(const std::string& edition) const;
  // The simple pages of `edition`, in the admin's order.
  const std::vector<FooterLink>& footer(const std::string& edition) const;
  // The breaking story of `edition` at `now` (the one ending last), or nullptr.
  const Headline* breaking(const std::string& edition, std::time_t now) const;

 private:
  std::unordered_map<int64_t, Category> by_id_;
  std::map<std::string, std::vector<const Category*>> menus_;
  std::map<std::string, std::vector<FooterLink>> footers_;
  struct Breaking;
  std::vector<std::shared_ptr<const Breaking>> breaking_;
};

struct Headline {
  int64_t id = 0;
  int64_t category_id = 0;
  std::string slug;
  std::string title;
  std::string category_slug;
  std::string category_name;
  std::time_t published_at = 0;
  std::string lead;  // the lead (standfirst); only filled for the front page and article_page()
  Photo photo;       // the lead photo (id 0: none); caption and credit only on article pages
};

struct Article : Headline {
  std::string edition;
  std::string body;       // Markdown
  std::string body_html;  // rendered at save time; empty for rows written outside the admin
  std::string author;
  std::string source;
  std::time_t updated_at = 0;
  bool lead_written = false;         // an editor wrote the lead (else it is the body's first paragraph)
  std::optional<std::string> links;  // tags, authors ... packed (db/article_links.h); nullopt: not written
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
// The edition with this code, or nullptr.
const Edition* find_edition(const std::vector<Edition>& editions, const std::string& code);
// The edition with code `preferred` (the configured default), or the first one.
const Edition& default_edition(const std::vector<Edition>& editions, const std::string& preferred);

// The `limit` newest visible headlines of an edition (the news line).
std::vector<Headline> latest_headlines(Db& db, const SiteCatalogue& categories, const std::string& edition,
                                       std::time_t now, int limit);

// Headlines from rows whose columns, from `first`, are the headline's (id, slug,
// title, category id, published_at), its photo's (id, hash, width, height, alt;
// NULLs for none) and, `with_lead`, the lead: for queries of other files (db/newsroom.cc).
std::vector<Headline> headlines_from(Db& db, const SiteCatalogue& catalogue, Rows rows, bool with_lead = false,
                                     size_t first = 0);

// EXPLAIN of every listing query with typical parameters (for `newsline explain`).
std::vector<std::pair<std::string, Rows>> explain_listing_queries(Db& db, std::time_t now);

// The data of each page, each read by one statement; the layout reads its
// sidebars itself (view/sidebars.h).
// A visible article of `edition` with its stored links; nullopt when there is none with that id.
std::optional<Article> article_page(Db& db, const SiteCatalogue& categories, const std::string& edition, int64_t id,
                                    std::time_t now);
// The Markdown source of an article's body (for one written by SQL, not rendered yet).
std::string article_body_source(Db& db, int64_t id);

// The `limit` newest visible stories of the edition before the cursor (all of them: none).
std::vector<Headline> edition_listing_page(Db& db, const SiteCatalogue& categories, const std::string& edition,
                                           const std::optional<Cursor>& before, std::time_t now, int limit);
struct ListingPage {
  std::optional<Category> category;  // nullopt when there is no such category
  std::vector<Headline> items;
};
ListingPage category_listing_page(Db& db, const SiteCatalogue& categories, const std::string& edition,
                                  const std::string& category_slug, const std::optional<Cursor>& before,
                                  std::time_t now, int limit);

// True when `slug` is one the article had before.
bool article_had_slug(Db& db, int64_t id, const std::string& slug);

// The visible articles linked from article `id`, in the editor's order.
std::vector<Headline> related_headlines(Db& db, const SiteCatalogue& categories, int64_t id, std::time_t now);
