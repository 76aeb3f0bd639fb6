#include "db/article_links.h"

#include <algorithm>
#include <optional>

#include "util/packed_fields.h"
#include "util/parse.h"

namespace {

// Translations are stored whether or not they are out yet, with their time,
// so that a scheduled one appears when its time comes, with no write.
constexpr std::time_t kAnyTime = 4102444800;  // 2100-01-01

// How many articles' links a tag or author change rewrites in its own
// transaction; the rest are queued for the housekeeping (and read from the
// tables meanwhile).
constexpr int kRewriteAtOnce = 500;

std::optional<int64_t> number_in(const std::string& s) { return parse_number(s, 0, 999'999'999'999'999'999); }

// Tags, authors and related stories in their positions, corrections oldest
// first; translations and related stories with their category id only.
ArticleExtras read_extras(Db& db, int64_t id, std::time_t now) {
  // One statement, five parts with the same columns: part, id, a number
  // (position or category), three texts (a related story's category id in
  // the third), a time.
  Rows rows = db.select(
      "(SELECT 1, t.id, at.position, t.slug, t.name, '', CAST(NULL AS DATETIME)"
      "  FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ?)"
      " UNION ALL "
      "(SELECT 2, au.id, aa.position, au.slug, au.name, aa.role, CAST(NULL AS DATETIME)"
      "  FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = ?)"
      " UNION ALL "
      "(SELECT 3, c.id, 0, c.text, '', '', c.noted_at FROM corrections c WHERE c.article_id = ?)"
      " UNION ALL "
      "(SELECT 4, a.id, a.category_id, a.edition, a.slug, a.title, a.published_at FROM articles a"
      "  WHERE a.translation_group = (SELECT g.translation_group FROM articles g WHERE g.id = ?)"
      "  AND a.id <> ? AND a.status = 'published' AND a.published_at <= ?)"
      " UNION ALL "
      "(SELECT 5, a.id, r.position, a.slug, a.title, a.category_id, a.published_at"
      "  FROM article_related r STRAIGHT_JOIN articles a ON a.id = r.related_id"
      "  WHERE r.article_id = ? AND a.status = 'published' AND a.published_at <= ?)",
      {id, id, id, id, id, Param::time(now), id, Param::time(now)});
  ArticleExtras x;
  std::vector<std::pair<int64_t, Tag>> tags;
  std::vector<std::pair<int64_t, Byline>> authors;
  std::vector<std::pair<int64_t, Headline>> related;
  for (Row& r : rows) {
    int64_t part = r[0].number(), rid = r[1].number(), n = r[2].number();
    switch (part) {
      case 1:
        tags.push_back({n, Tag{rid, "", std::move(r[3].s), std::move(r[4].s), 0}});
        break;
      case 2:
        authors.push_back({n, Byline{Author{rid, std::move(r[3].s), std::move(r[4].s), "", 0, {}}, std::move(r[5].s)}});
        break;
      case 3:
        x.corrections.push_back({rid, static_cast<std::time_t>(r[6].i), std::move(r[3].s), {}});
        break;
      case 4: {
        Translation t;
        t.edition = std::move(r[3].s);
        t.headline.id = rid;
        t.headline.slug = std::move(r[4].s);
        t.headline.title = std::move(r[5].s);
        t.headline.category_id = n;
        t.headline.published_at = r[6].i;
        x.translations.push_back(std::move(t));
        break;
      }
      case 5: {
        Headline h;
        h.id = rid;
        h.slug = std::move(r[3].s);
        h.title = std::move(r[4].s);
        h.category_id = r[5].number();
        h.published_at = r[6].i;
        related.push_back({n, std::move(h)});
        break;
      }
    }
  }
  std::stable_sort(related.begin(), related.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& h : related) x.related.push_back(std::move(h.second));
  std::stable_sort(tags.begin(), tags.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::stable_sort(authors.begin(), authors.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& t : tags) x.tags.push_back(std::move(t.second));
  for (auto& a : authors) x.authors.push_back(std::move(a.second));
  std::sort(x.corrections.begin(), x.corrections.end(),
            [](const Correction& a, const Correction& b) { return a.noted_at < b.noted_at; });
  std::sort(x.translations.begin(), x.translations.end(),
            [](const Translation& a, const Translation& b) { return a.edition < b.edition; });
  return x;
}

void name_categories(ArticleExtras& x, const SiteCatalogue& catalogue) {
  for (Translation& t : x.translations)
    if (const Category* c = catalogue.find(t.headline.category_id)) t.headline.category_slug = c->slug;
  for (Headline& h : x.related)
    if (const Category* c = catalogue.find(h.category_id)) {
      h.category_slug = c->slug;
      h.category_name = c->name;
    }
}

void write_links(Db& db, int64_t id) {
  db.execute("UPDATE article_bodies SET links = ? WHERE article_id = ?",
             {pack_extras(read_extras(db, id, kAnyTime)), id});
}

// The articles that name one tag (article_tags.tag_id) or author
// (article_authors.author_id): clear their links, queue them, the newest.
struct NamingSql {
  const char* clear;
  const char* queue;
  const char* newest;
};
#define NL_NAMING_SQL(table, column, newest)                                                             \
  NamingSql {                                                                                            \
    "UPDATE article_bodies b JOIN " table                                                                \
    " n ON n.article_id = b.article_id SET b.links = NULL"                                               \
    " WHERE n." column " = ?",                                                                           \
        "INSERT IGNORE INTO article_links_due (article_id) SELECT n.article_id FROM " table              \
        " n"                                                                                             \
        " WHERE n." column " = ?",                                                                       \
        "SELECT n.article_id FROM " table " n WHERE n." column " = ? ORDER BY n." newest " DESC LIMIT ?" \
  }
constexpr NamingSql kNamingTag = NL_NAMING_SQL("article_tags", "tag_id", "published_at");
constexpr NamingSql kNamingAuthor = NL_NAMING_SQL("article_authors", "author_id", "published_at");
// article_related has no time: the newest are the highest ids.
constexpr NamingSql kNamingRelated = NL_NAMING_SQL("article_related", "related_id", "article_id");

std::vector<int64_t> clear_links(Db& db, const NamingSql& sql, int64_t id) {
  db.execute(sql.clear, {id});
  db.execute(sql.queue, {id});
  std::vector<int64_t> ids;
  for (const Row& r : db.select(sql.newest, {id, kRewriteAtOnce})) ids.push_back(r[0].i);
  return ids;
}

}  // namespace

std::string pack_extras(const ArticleExtras& x) {
  std::string out;
  for (const Tag& t : x.tags) pack_record(out, 't', {std::to_string(t.id), t.slug, t.name});
  for (const Byline& b : x.authors)
    pack_record(out, 'a', {std::to_string(b.author.id), b.author.slug, b.author.name, b.role});
  for (const Correction& c : x.corrections)
    pack_record(out, 'c', {std::to_string(c.id), std::to_string(c.noted_at), c.text});
  for (const Translation& t : x.translations)
    pack_record(out, 'r',
                {std::to_string(t.headline.id), std::to_string(t.headline.category_id), t.edition, t.headline.slug,
                 t.headline.title, std::to_string(t.headline.published_at)});
  for (const Headline& h : x.related)
    pack_record(out, 'l',
                {std::to_string(h.id), std::to_string(h.category_id), h.slug, h.title, std::to_string(h.published_at)});
  return out;
}

std::optional<ArticleExtras> unpack_extras(const std::string& packed, const SiteCatalogue& catalogue, std::time_t now) {
  auto records = unpack_records(packed);
  if (!records) return std::nullopt;
  ArticleExtras x;
  for (PackedRecord& r : *records) {
    std::vector<std::string>& f = r.fields;
    auto id = f.empty() ? std::nullopt : number_in(f[0]);
    if (!id) return std::nullopt;
    if (r.kind == 't' && f.size() == 3) {
      x.tags.push_back(Tag{*id, "", std::move(f[1]), std::move(f[2]), 0});
    } else if (r.kind == 'a' && f.size() == 4) {
      x.authors.push_back(Byline{Author{*id, std::move(f[1]), std::move(f[2]), "", 0, {}}, std::move(f[3])});
    } else if (r.kind == 'c' && f.size() == 3) {
      auto noted_at = number_in(f[1]);
      if (!noted_at) return std::nullopt;
      x.corrections.push_back({*id, static_cast<std::time_t>(*noted_at), std::move(f[2]), {}});
    } else if (r.kind == 'r' && f.size() == 6) {
      auto category = number_in(f[1]), published_at = number_in(f[5]);
      if (!category || !published_at) return std::nullopt;
      if (*published_at > now) continue;  // scheduled: not out yet
      Translation t;
      t.edition = std::move(f[2]);
      t.headline.id = *id;
      t.headline.category_id = *category;
      t.headline.slug = std::move(f[3]);
      t.headline.title = std::move(f[4]);
      t.headline.published_at = static_cast<std::time_t>(*published_at);
      x.translations.push_back(std::move(t));
    } else if (r.kind == 'l' && f.size() == 5) {
      auto category = number_in(f[1]), published_at = number_in(f[4]);
      if (!category || !published_at) return std::nullopt;
      if (*published_at > now) continue;  // scheduled: not out yet
      Headline h;
      h.id = *id;
      h.category_id = *category;
      h.slug = std::move(f[2]);
      h.title = std::move(f[3]);
      h.published_at = static_cast<std::time_t>(*published_at);
      x.related.push_back(std::move(h));
    } else {
      return std::nullopt;
    }
  }
  name_categories(x, catalogue);
  return x;
}

ArticleExtras article_extras_for_page(Db& db, const SiteCatalogue& catalogue, const Article& article, std::time_t now) {
  if (article.links)
    if (std::optional<ArticleExtras> x = unpack_extras(*article.links, catalogue, now)) return std::move(*x);
  ArticleExtras x = read_extras(db, article.id, now);
  name_categories(x, catalogue);
  return x;
}

void refresh_article_links(Db& db, const std::vector<int64_t>& article_ids) {
  std::vector<int64_t> ids = article_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (int64_t id : ids) {
    write_links(db, id);
    db.execute("DELETE FROM article_links_due WHERE article_id = ?", {id});
  }
}

std::vector<int64_t> clear_links_naming_tag(Db& db, int64_t tag_id) { return clear_links(db, kNamingTag, tag_id); }

std::vector<int64_t> clear_links_naming_author(Db& db, int64_t author_id) {
  return clear_links(db, kNamingAuthor, author_id);
}

std::vector<int64_t> clear_links_naming_article(Db& db, int64_t article_id) {
  return clear_links(db, kNamingRelated, article_id);
}

int write_due_links(Db& db, int batch) {
  return with_transaction(db, [&] {
    Rows due = db.select(
        "SELECT article_id FROM article_links_due ORDER BY article_id DESC LIMIT ? FOR UPDATE SKIP LOCKED", {batch});
    std::vector<int64_t> ids;
    for (const Row& r : due) ids.push_back(r[0].i);
    refresh_article_links(db, ids);
    return static_cast<int>(ids.size());
  });
}

int write_missing_links(Db& db) {
  db.execute(
      "INSERT IGNORE INTO article_links_due (article_id) SELECT article_id FROM article_bodies WHERE links IS NULL",
      {});
  int total = 0, n = 0;
  while ((n = write_due_links(db, 500)) > 0) total += n;
  return total;
}
