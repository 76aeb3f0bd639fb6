// Search: the index of published articles (table article_search, migration
// 013) and the one statement that reads it. The index is written in the
// transaction that saves an article, so a search never finds a story that is
// not published, and finds a new one as soon as pages show it.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "db/content.h"
#include "db/db.h"
#include "util/search_text.h"

struct ArticleDraft;

// Where a page of results starts: after the result with this score and id.
struct SearchCursor {
  int64_t score;  // billionths
  int64_t id;
};

struct SearchResult {
  Headline headline;  // with its lead and photo
  std::string body;   // Markdown, for the snippet
  SearchCursor position;
};

// The published articles of `edition` with every term of `query`, best first:
// relevance weighed with recency (a story's weight halves every 90 days), so
// that a fresh story outranks an old one about as relevant. Positions are
// stable between pages as long as no article is saved meanwhile.
std::vector<SearchResult> search_articles(Db& db, const SiteCatalogue& catalogue, const std::string& edition,
                                          const SearchQuery& query, const std::optional<SearchCursor>& after,
                                          std::time_t now, int limit);

// Writes (or, unless it is published, removes) the index row of article `a`.
void write_search_entry(Db& db, const ArticleDraft& a);
// Indexes the published articles that have no row (written by SQL, or before
// migration 13), in batches; returns how many.
int index_missing_articles(Db& db);

// "score-id" as it travels in ?after=; nullopt for anything else.
std::string format_search_cursor(const SearchCursor& c);
std::optional<SearchCursor> parse_search_cursor(const std::string& s);

// EXPLAIN of the search statement with a typical query (for `newsline explain`).
std::vector<std::pair<std::string, Rows>> explain_search_queries(Db& db, std::time_t now);
