// A newsroom's content around its articles: tags, authors, corrections, simple
// pages, the front page's pinned stories, breaking news and translations. One
// function per query, bound parameters only. Public listings read ranges of
// indexes in their order (see sql/migrations/010_newsroom.sql).
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "db/content.h"
#include "db/db.h"

struct Tag {
  int64_t id = 0;
  std::string edition;
  std::string slug;
  std::string name;
  int64_t articles = 0;  // only in the admin's index
};

struct Author {
  int64_t id = 0;
  std::string slug;
  std::string name;
  std::string bio;
  int64_t photo_id = 0;
  Photo photo;  // on author pages
};

// An author of one article, with the role ("" = wrote it).
struct Byline {
  Author author;
  std::string role;
};

struct Correction {
  int64_t id = 0;
  std::time_t noted_at = 0;
  std::string text;
  Headline article;  // on the edition's corrections page
};

struct SimplePage {
  int64_t id = 0;
  std::string edition;
  std::string slug;
  std::string title;
  std::string body;
  std::string body_html;
  int position = 0;
  std::time_t updated_at = 0;
};

// An article of another edition linked as a translation.
struct Translation {
  std::string edition;
  Headline headline;
};

// What an article page shows around the article (db/article_links.h).
struct ArticleExtras {
  std::vector<Tag> tags;
  std::vector<Byline> authors;
  std::vector<Correction> corrections;
  std::vector<Translation> translations;
  std::vector<Headline> related;  // the related stories, in the editor's order (no photos)
};

// ----- Public listings (keyset on published_at, id, newest first) -----
std::optional<Tag> find_tag(Db& db, const std::string& edition, const std::string& slug);
std::optional<Tag> find_tag_by_id(Db& db, int64_t id);
std::vector<Headline> tag_feed(Db& db, const SiteCatalogue& catalogue, int64_t tag_id, const Cursor& before, int limit);
std::optional<Author> find_author_by_slug(Db& db, const std::string& slug);
std::vector<Headline> author_feed(Db& db, const SiteCatalogue& catalogue, int64_t author_id, const std::string& edition,
                                  const Cursor& before, int limit);
// The edition's corrections, newest first, before (noted_at, id) of `before`.
std::vector<Correction> edition_corrections(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                            const Cursor& before, std::time_t now, int limit);
std::optional<SimplePage> find_page(Db& db, const std::string& edition, const std::string& slug);

// EXPLAIN of the listings above and the front page's (for `newsline explain`).
std::vector<std::pair<std::string, Rows>> explain_newsroom_queries(Db& db, std::time_t now);

// ----- The front page -----
// The front page's stories, with lead and photo, in one statement: the pinned
// ones readers may see, in the editors' order, and the `per_category` newest
// of each of `categories` (newest first).
struct FrontPageStories {
  std::vector<Headline> pinned;
  std::vector<Headline> newest;
};
FrontPageStories front_page_stories(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                    const std::vector<int64_t>& categories, std::time_t now, int per_category);
// The pinned article ids of `edition` in order (the admin's form), whatever their status.
std::vector<int64_t> pinned_ids(Db& db, const std::string& edition);
void replace_front_slots(Db& db, const std::string& edition, const std::vector<int64_t>& ids);

// ----- What the editors manage -----
// The tag of `edition` named `name` (its slug made from the name), made when there is none.
Tag tag_named(Db& db, const std::string& edition, const std::string& name);
std::vector<Tag> edition_tags(Db& db, const std::string& edition);
// These three and insert_correction() write the stored links of the articles they change.
void rename_tag(Db& db, int64_t id, const std::string& name);
void delete_tag(Db& db, int64_t id);
// The author named `name`, made when there is none.
Author author_named(Db& db, const std::string& name);
bool author_named_exists(Db& db, const std::string& name);
std::vector<Author> all_authors(Db& db);
std::optional<Author> find_author(Db& db, int64_t id);
void update_author(Db& db, const Author& a);

// The article's tags and authors, replaced as a whole, with the article's
// status and time copied for the tag and author pages' indexes.
struct ArticleLinks {
  int64_t article_id = 0;
  std::string edition;
  std::string status;
  std::time_t published_at = 0;
};
void replace_article_tags(Db& db, const ArticleLinks& a, const std::vector<int64_t>& tag_ids);
void replace_article_authors(Db& db, const ArticleLinks& a, const std::vector<Byline>& authors);
std::vector<Tag> tags_of(Db& db, int64_t article_id);
std::vector<Byline> authors_of(Db& db, int64_t article_id);

void insert_correction(Db& db, int64_t article_id, const std::string& edition, const std::string& text, int64_t user_id,
                       std::time_t now);

// Translations: `a` and `b` join one group (b's, or a new one named after the smaller id).
void link_translations(Db& db, int64_t a, int64_t b);
void unlink_translation(Db& db, int64_t a);
// The ids of the other articles in `id`'s group.
std::vector<int64_t> translations_of(Db& db, int64_t id);
void set_breaking_until(Db& db, int64_t id, std::time_t until);  // 0: not breaking
std::time_t breaking_until(Db& db, int64_t id);

std::vector<SimplePage> edition_pages(Db& db);
std::optional<SimplePage> find_page_by_id(Db& db, int64_t id);
int64_t insert_page(Db& db, const SimplePage& p, std::time_t now);
void update_page(Db& db, const SimplePage& p, std::time_t now);
void delete_page(Db& db, int64_t id);
