// What the search page shows (pages/site_search.cc fills it, view/fill_site.cc renders it).
#pragma once
#include <string>
#include <vector>

#include "db/search.h"
#include "util/search_text.h"

struct SearchPage {
  std::string text;  // the query as the reader typed it (shown in the box)
  SearchQuery query;
  std::vector<SearchResult> results;
  std::string message;      // a hint, "nothing found", "too long", "too slow"
  std::string next_cursor;  // ?after= of the next page; empty on the last
};
