// What an article page shows around the article: its tags, authors (with
// their roles), corrections, translations and related stories. They live in six tables; the
// page reads them as one packed column beside the body (article_bodies.links,
// written whenever one of them changes), so that an uncached article page is
// one statement. Where that column is NULL (not written yet, or cleared by a
// tag or author change too large to rewrite at once) the page reads the
// tables, which shows the same.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "db/newsroom.h"

// What the page of `article` shows: from its stored links, else from the
// tables (one statement); translations published by `now`.
ArticleExtras article_extras_for_page(Db& db, const SiteCatalogue& catalogue, const Article& article, std::time_t now);

// Writes the stored links of these articles now. Call inside the
// transaction of any change to an article's tags, authors, corrections,
// translations or related stories, or to the title, slug, status or time of
// an article that is someone's translation (pass the article and its
// translations) or someone's related story (clear_links_naming_article).
void refresh_article_links(Db& db, const std::vector<int64_t>& article_ids);

// Before a tag or an author is renamed or deleted: clears the links of every
// article that names it (one statement) and queues them to be written again;
// returns the newest of them, to pass to refresh_article_links() after the
// change. The rest are written by the workers' housekeeping (write_due_links),
// and read from the tables until then.
std::vector<int64_t> clear_links_naming_tag(Db& db, int64_t tag_id);
std::vector<int64_t> clear_links_naming_author(Db& db, int64_t author_id);
// The same for the articles that have article `article_id` among their related
// stories, before its title, slug, category, status or time changes.
std::vector<int64_t> clear_links_naming_article(Db& db, int64_t article_id);

// Writes the links of up to `batch` queued articles; the number written.
int write_due_links(Db& db, int batch);
// Writes every article's that has none (after SQL written by hand: `newsline load`).
int write_missing_links(Db& db);

// The packed form, for the tests: translations as stored, and those read
// back that are published by `now`.
std::string pack_extras(const ArticleExtras& extras);
std::optional<ArticleExtras> unpack_extras(const std::string& packed, const SiteCatalogue& catalogue, std::time_t now);
