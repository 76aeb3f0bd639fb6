#include "db/content.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "db/articles.h"
#include "db/db.h"

// The edition feed in index order (why FORCE INDEX: see the comment above the
// helpers below). Headlines are read from the feed indexes alone: they hold
// every headline column, and the worker names the category (SiteCatalogue).
#define NL_HEADLINE_COLUMNS "a.id, a.slug, a.title, a.category_id, a.published_at"
// A story's photo, when it has one (NULLs otherwise): columns id, hash, width, height, alt.
#define NL_PHOTO_COLUMNS "m.id, m.hash, m.width, m.height, m.alt"
#define NL_PHOTO_JOIN " LEFT JOIN media m ON m.id = a.lead_media_id"
#define NL_NO_PHOTO "NULL, NULL, NULL, NULL, NULL"
#define NL_EDITION_FEED_FROM " FROM articles a FORCE INDEX (ix_edition_feed)"
#define NL_BEFORE_CURSOR "   AND a.published_at <= ? AND (a.published_at < ? OR a.id < ?)"
#define NL_NEWEST_FIRST " ORDER BY a.published_at DESC, a.id DESC LIMIT ?"
// The listing queries, named so that explain_listing_queries() checks the very
// text the pages run. Rows: the headline (0-4), its photo (5-9).
constexpr const char* kEditionFeedSql =
    "SELECT " NL_HEADLINE_COLUMNS ", " NL_PHOTO_COLUMNS NL_EDITION_FEED_FROM NL_PHOTO_JOIN
    " WHERE a.edition = ? AND a.status = 'published'" NL_BEFORE_CURSOR NL_NEWEST_FIRST;
// The news line shows no photos: the same feed without the join (it halved its cost).
constexpr const char* kNewslineSql =
    "SELECT " NL_HEADLINE_COLUMNS ", " NL_NO_PHOTO NL_EDITION_FEED_FROM
    " WHERE a.edition = ? AND a.status = 'published' AND a.published_at <= ?" NL_NEWEST_FIRST;
constexpr const char* kRelatedSql = "SELECT " NL_HEADLINE_COLUMNS ", " NL_NO_PHOTO
                                    " FROM article_related r STRAIGHT_JOIN articles a ON a.id = r.related_id"
                                    " WHERE r.article_id = ? AND a.status = 'published' AND a.published_at <= ?"
                                    " ORDER BY r.position";
constexpr const char* kCategoryByIdSql = "SELECT id, edition, slug, name FROM categories WHERE id = ?";
constexpr const char* kCategoryBySlugSql =
    "SELECT id, edition, slug, name FROM categories WHERE edition = ? AND slug = ?";
// The category feed, like the edition's, in its own index order.
constexpr const char* kCategoryFeedSql =
    "SELECT " NL_HEADLINE_COLUMNS ", " NL_PHOTO_COLUMNS " FROM articles a FORCE INDEX (ix_category_feed)" NL_PHOTO_JOIN
    " WHERE a.category_id = ? AND a.status = 'published'" NL_BEFORE_CURSOR NL_NEWEST_FIRST;
// The article page in one statement: the headline columns (0..4), body_html,
// author, source, the photo (8..12), its caption and credit, the lead, whether
// an editor wrote that lead, when it was last saved, and its stored links
// (db/article_links.h: tags, authors, corrections, translations and related
// stories, which a UNION part used to read at twice the statement's cost).
// The body's Markdown source is not read (reading the column cost every page):
// only an article written by SQL and not rendered yet needs it.
constexpr const char* kArticleSql =
    "SELECT " NL_HEADLINE_COLUMNS ", COALESCE(b.body_html, ''), a.author, a.source, " NL_PHOTO_COLUMNS
    ", m.caption, m.credit, a.lead, a.lead_written, a.updated_at, b.links"
    " FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id" NL_PHOTO_JOIN
    " WHERE a.id = ? AND a.edition = ? AND a.status = 'published' AND a.published_at <= ?";
constexpr const char* kContentStateSql =
    "SELECT v.version, v.changed_at,"
    " (SELECT MIN(published_at) FROM articles WHERE status = 'published' AND published_at > ?),"
    " (SELECT MIN(breaking_until) FROM articles WHERE breaking_until > ?)"
    " FROM content_version v WHERE v.id = 1";

const std::string& Edition::label(const std::string& key) const {
  auto it = labels.find(key);
  return it == labels.end() ? key : it->second;
}

// Listing queries read articles in index order (ix_edition_feed / ix_category_feed)
// and stop at LIMIT. "(t, id) before the cursor" is written so that it is a
// range on published_at, which makes a deep page as cheap as the first.
// FORCE INDEX keeps that range: with most of a million-article feed after the
// cursor, MariaDB 10.11 costs the range above a table scan, drops it, and reads
// the index as a ref on (edition, status) from the newest article down (300 ms
// for a deep page instead of 1).
namespace {

Category category_from(const Row& r) {
  return {r[0].i, r[1].s, r[2].s, r[3].s, r.size() > 4 ? static_cast<int>(r[4].i) : 0};
}

std::optional<Category> category_by_id(Db& db, int64_t id) {
  Rows rows = db.select(kCategoryByIdSql, {id});
  if (rows.empty()) return std::nullopt;
  return category_from(rows[0]);
}

std::optional<Category> category_by_slug(Db& db, const std::string& edition, const std::string& slug) {
  Rows rows = db.select(kCategoryBySlugSql, {edition, slug});
  if (rows.empty()) return std::nullopt;
  return category_from(rows[0]);
}

// Headlines from rows, with their category named from the catalogue. A category
// newer than the catalogue (created within the last poll of the content clock)
// is read from the database.
class HeadlineReader {
 public:
  HeadlineReader(Db& db, const SiteCatalogue& catalogue) : db_(db), catalogue_(catalogue) {}

  // The headline columns (id, slug, title, category id, published_at) from column
  // `first`, and its photo's from `photo_first` (page queries: 1 and 10, after
  // the part and the article's own columns); the row's strings are moved out.
  Headline headline(Row& r, size_t first = 0, size_t photo_first = 5) {
    Headline h;
    read_photo(r, photo_first, h.photo);
    h.id = r[first].i;
    h.slug = std::move(r[first + 1].s);
    h.title = std::move(r[first + 2].s);
    h.category_id = r[first + 3].i;
    h.published_at = r[first + 4].i;
    const Category& c = category(h.category_id);
    h.category_slug = c.slug;
    h.category_name = c.name;
    return h;
  }

  // The photo columns from `first` (id, hash, width, height, alt); none when NULL.
  static void read_photo(Row& r, size_t first, Photo& p) {
    if (r.size() < first + 5 || r[first].is_null) return;
    p.id = r[first].number();
    p.hash = std::move(r[first + 1].s);
    p.width = static_cast<int>(r[first + 2].number());
    p.height = static_cast<int>(r[first + 3].number());
    p.alt = std::move(r[first + 4].s);
  }

  std::vector<Headline> headlines(Rows rows) {
    std::vector<Headline> out;
    out.reserve(rows.size());
    for (Row& r : rows) out.push_back(headline(r));
    return out;
  }

 private:
  const Category& category(int64_t id) {
    if (const Category* c = catalogue_.find(id)) return *c;
    if (newer_.id != id) {
      auto c = category_by_id(db_, id);
      if (!c) throw DbError("an article's category " + std::to_string(id) + " does not exist");
      newer_ = std::move(*c);
    }
    return newer_;
  }

  Db& db_;
  const SiteCatalogue& catalogue_;
  Category newer_;
};

// The first page is "everything before now, any id". A cursor is never later than now,
// so "before the cursor" also means "its time has come".
Cursor cursor_or_now(const std::optional<Cursor>& before, std::time_t now) {
  if (before && before->published_at <= now) return *before;
  return Cursor{now, std::numeric_limits<int64_t>::max()};
}

}  // namespace

std::vector<Headline> headlines_from(Db& db, const SiteCatalogue& catalogue, Rows rows, bool with_lead, size_t first) {
  HeadlineReader reader(db, catalogue);
  std::vector<Headline> out;
  out.reserve(rows.size());
  for (Row& r : rows) {
    out.push_back(reader.headline(r, first, first + 5));
    if (with_lead) out.back().lead = std::move(r[first + 10].s);
  }
  return out;
}

ContentState read_content_state(Db& db, std::time_t now) {
  Rows rows = db.select(kContentStateSql, {Param::time(now), Param::time(now)});
  if (rows.empty()) return {};
  // Both a publication coming due and a breaking story ending change what readers see.
  std::time_t due = rows[0][2].is_null ? 0 : static_cast<std::time_t>(rows[0][2].i);
  std::time_t ends = rows[0][3].is_null ? 0 : static_cast<std::time_t>(rows[0][3].i);
  return {rows[0][0].i, static_cast<std::time_t>(rows[0][1].i), due && ends ? std::min(due, ends) : due ? due : ends};
}

void bump_content_version(Db& db, std::time_t now) {
  db.execute("UPDATE content_version SET version = version + 1, changed_at = ? WHERE id = 1", {Param::time(now)});
}

std::vector<Edition> load_editions(Db& db) {
  std::vector<Edition> editions;
  for (const Row& r : db.select("SELECT code, name FROM editions ORDER BY position, code", {}))
    editions.push_back({r[0].s, r[1].s, {}});
  for (const Row& r : db.select("SELECT edition, label, text FROM edition_labels", {}))
    for (Edition& e : editions)
      if (e.code == r[0].s) e.labels[r[1].s] = r[2].s;
  return editions;
}

const Edition* find_edition(const std::vector<Edition>& editions, const std::string& code) {
  for (const Edition& e : editions)
    if (e.code == code) return &e;
  return nullptr;
}

const Edition& default_edition(const std::vector<Edition>& editions, const std::string& preferred) {
  const Edition* e = find_edition(editions, preferred);
  return e ? *e : editions.front();
}

struct SiteCatalogue::Breaking {
  std::string edition;
  std::time_t until;
  Headline headline;
};

SiteCatalogue SiteCatalogue::load(Db& db, std::time_t now) {
  SiteCatalogue catalogue;
  for (const Row& r : db.select("SELECT id, edition, slug, name, position FROM categories", {}))
    catalogue.by_id_.emplace(r[0].i, category_from(r));
  for (const auto& [id, c] : catalogue.by_id_) catalogue.menus_[c.edition].push_back(&c);
  for (auto& [edition, menu] : catalogue.menus_)
    std::sort(menu.begin(), menu.end(), [](const Category* a, const Category* b) {
      return a->position != b->position ? a->position < b->position : a->name < b->name;
    });
  for (Row& r : db.select("SELECT edition, slug, title FROM pages ORDER BY edition, position, title", {}))
    catalogue.footers_[r[0].s].push_back({std::move(r[1].s), std::move(r[2].s)});
  HeadlineReader reader(db, catalogue);
  for (Row& r : db.select("SELECT " NL_HEADLINE_COLUMNS ", " NL_NO_PHOTO ", a.edition, a.breaking_until"
                          " FROM articles a WHERE a.breaking_until > ? AND a.status = 'published'"
                          " AND a.published_at <= ? ORDER BY a.breaking_until DESC",
                          {Param::time(now), Param::time(now)})) {
    auto b = std::make_shared<Breaking>();
    b->edition = r[10].s;
    b->until = r[11].i;
    b->headline = reader.headline(r);
    catalogue.breaking_.push_back(std::move(b));
  }
  return catalogue;
}

const std::vector<const Category*>& SiteCatalogue::in_edition(const std::string& edition) const {
  static const std::vector<const Category*> none;
  auto it = menus_.find(edition);
  return it == menus_.end() ? none : it->second;
}

const std::vector<FooterLink>& SiteCatalogue::footer(const std::string& edition) const {
  static const std::vector<FooterLink> none;
  auto it = footers_.find(edition);
  return it == footers_.end() ? none : it->second;
}

const Headline* SiteCatalogue::breaking(const std::string& edition, std::time_t now) const {
  for (const auto& b : breaking_)
    if (b->edition == edition && b->until > now) return &b->headline;
  return nullptr;
}

const Category* SiteCatalogue::find(int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

const Category* SiteCatalogue::find(const std::string& edition, const std::string& slug) const {
  for (const auto& [id, c] : by_id_)
    if (c.slug == slug && c.edition == edition) return &c;
  return nullptr;
}

namespace {

// The `limit` headlines of a feed statement (edition or category) before cursor `c`.
std::vector<Headline> feed_page(Db& db, const SiteCatalogue& categories, const char* sql, const Param& feed,
                                const Cursor& c, int limit) {
  return HeadlineReader(db, categories)
      .headlines(db.select(sql, {feed, Param::time(c.published_at), Param::time(c.published_at), c.id, limit}));
}

}  // namespace

std::optional<Article> article_page(Db& db, const SiteCatalogue& categories, const std::string& edition, int64_t id,
                                    std::time_t now) {
  Rows rows = db.select(kArticleSql, {id, edition, Param::time(now)});
  if (rows.empty()) return std::nullopt;
  Row& r = rows[0];
  Article a;
  static_cast<Headline&>(a) = HeadlineReader(db, categories).headline(r, 0, 8);
  a.edition = edition;
  a.body_html = std::move(r[5].s);
  a.author = std::move(r[6].s);
  a.source = std::move(r[7].s);
  a.photo.caption = std::move(r[13].s);
  a.photo.credit = std::move(r[14].s);
  a.lead = std::move(r[15].s);
  a.lead_written = r[16].number() != 0;
  a.updated_at = r[17].i;
  if (!r[18].is_null) a.links = std::move(r[18].s);
  if (a.body_html.empty()) a.body = article_body_source(db, id);  // written by SQL, not rendered yet
  return a;
}

std::vector<Headline> edition_listing_page(Db& db, const SiteCatalogue& categories, const std::string& edition,
                                           const std::optional<Cursor>& before, std::time_t now, int limit) {
  return feed_page(db, categories, kEditionFeedSql, edition, cursor_or_now(before, now), limit);
}

ListingPage category_listing_page(Db& db, const SiteCatalogue& categories, const std::string& edition,
                                  const std::string& category_slug, const std::optional<Cursor>& before,
                                  std::time_t now, int limit) {
  // Unknown to the catalogue: a category created since it was read, or none at all (a 404).
  const Category* known = categories.find(edition, category_slug);
  ListingPage page;
  page.category = known ? std::optional<Category>(*known) : category_by_slug(db, edition, category_slug);
  if (page.category)
    page.items = feed_page(db, categories, kCategoryFeedSql, page.category->id, cursor_or_now(before, now), limit);
  return page;
}

std::vector<Headline> latest_headlines(Db& db, const SiteCatalogue& categories, const std::string& edition,
                                       std::time_t now, int limit) {
  return HeadlineReader(db, categories).headlines(db.select(kNewslineSql, {edition, Param::time(now), limit}));
}

std::string article_body_source(Db& db, int64_t id) {
  Rows rows = db.select("SELECT COALESCE(body, '') FROM article_bodies WHERE article_id = ?", {id});
  return rows.empty() ? "" : std::move(rows[0][0].s);
}

bool article_had_slug(Db& db, int64_t id, const std::string& slug) {
  return !db.select("SELECT 1 FROM article_old_slugs WHERE article_id = ? AND slug = ?", {id, slug}).empty();
}

std::vector<Headline> related_headlines(Db& db, const SiteCatalogue& categories, int64_t id, std::time_t now) {
  return HeadlineReader(db, categories).headlines(db.select(kRelatedSql, {id, Param::time(now)}));
}

std::vector<std::pair<std::string, Rows>> explain_listing_queries(Db& db, std::time_t now) {
  // The deep page is a quarter down the feed, with most of the feed after it:
  // there a plan that is not a range from the cursor reads every newer article
  // first (found with OFFSET: this is a maintenance command, not a page).
  Cursor first{now, INT64_MAX}, deep{now - 86400 * 365, INT64_MAX};
  Rows count = db.select_once("SELECT COUNT(*) FROM articles WHERE edition = 'en' AND status = 'published'", {});
  Rows at = db.select_once(
      "SELECT published_at, id FROM articles WHERE edition = 'en' AND status = 'published'"
      " ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET ?",
      {count.empty() ? int64_t{0} : count[0][0].i / 4});
  if (!at.empty()) deep = Cursor{static_cast<std::time_t>(at[0][0].i), at[0][1].i};
  auto category = category_by_slug(db, "en", "politics");
  int64_t politics = category ? category->id : 1;
  auto explain = [&](const char* sql, std::initializer_list<Param> params) {
    return db.select_once(std::string("EXPLAIN ") + sql, params);
  };
  std::vector<std::pair<std::string, Rows>> out;
  out.emplace_back("article page", explain(kArticleSql, {1, "en", Param::time(now)}));
  out.emplace_back("news line", explain(kNewslineSql, {"en", Param::time(now), 40}));
  for (bool is_deep : {false, true}) {
    const Cursor& c = is_deep ? deep : first;
    const char* depth = is_deep ? ", deep page" : "";
    out.emplace_back(
        std::string("all news") + depth,
        explain(kEditionFeedSql, {"en", Param::time(c.published_at), Param::time(c.published_at), c.id, 51}));
    out.emplace_back(
        std::string("category") + depth,
        explain(kCategoryFeedSql, {politics, Param::time(c.published_at), Param::time(c.published_at), c.id, 51}));
  }
  out.emplace_back("next scheduled", explain(kContentStateSql, {Param::time(now), Param::time(now)}));
  // The editors' list after a cursor, with each index its filters choose.
  AdminListFilter any, status, edition_status, category_status, titled;
  status.status = edition_status.status = category_status.status = "draft";
  edition_status.edition = "en";
  category_status.category_id = politics;
  titled.title_words = "minister";
  for (const auto& [name, filter] : {std::pair{"admin list", &any},
                                     {"admin list by status", &status},
                                     {"admin list by edition and status", &edition_status},
                                     {"admin list by category and status", &category_status},
                                     {"admin list by title", &titled}}) {
    AdminListQuery query(*filter, now, INT64_MAX, 51);
    std::string select = query.sql();
    select.erase(0, select.find("SELECT "));  // without the time limit, which EXPLAIN does not take
    out.emplace_back(name, db.select_once("EXPLAIN " + select, query.params()));
  }
  return out;
}
