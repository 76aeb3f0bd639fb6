// Search: /{edition}/search?q=WORDS[&after=CURSOR]. Every word must be in a
// story (db/search.h ranks them); the page is never indexed by search engines.
// Its requests have a lane of their own (a search may take the longest of any
// public page) and a per-address rate (app.cc); this file answers what reaches it.
#include "context.h"
#include "db/search.h"
#include "pages/pages.h"
#include "view/search_page.h"
#include "view/view.h"

namespace {

// The results of `page.query` after the ?after= cursor; the page's message when there are none.
void find_results(Context& ctx, const Edition& edition, SearchPage& page) {
  std::optional<SearchCursor> after;
  if (ctx.req.has_param("after")) {
    after = parse_search_cursor(ctx.req.param("after"));
    if (!after) throw HttpError{400, &edition};
  }
  size_t size = ctx.cfg.search_page_size;
  page.results =
      search_articles(ctx.db, ctx.catalogue, edition.code, page.query, after, ctx.now, static_cast<int>(size) + 1);
  if (page.results.size() > size) {
    page.results.resize(size);
    page.next_cursor = format_search_cursor(page.results.back().position);
  }
  if (page.results.empty()) page.message = edition.label("search_none");
}

}  // namespace

// GET -> 200 (results, none, or the hint for an empty query); 400 for a query
// over kMaxSearchQueryBytes or a bad cursor; 503 when the statement hit its
// time limit (a query whose words are in most stories).
void site_search(Context& ctx, const RouteParams& p) {
  const Edition& edition = *ctx.edition;
  SearchPage page;
  page.text = ctx.req.param("q");
  page.query = parse_search_query(page.text, edition.code);
  int status = 200;
  if (page.query.too_long) {
    status = 400;
    page.message = edition.label("search_too_long");
  } else if (page.query.empty()) {
    page.message = edition.label("search_hint");
  } else {
    try {
      find_results(ctx, edition, page);
    } catch (const DbTimeLimit&) {
      status = 503;
      page.results.clear();
      page.message = edition.label("search_slow");
      ctx.res.set_header("Retry-After", "10");
    }
  }
  PageView view(ctx, edition, page.text.empty() ? edition.label("search") : page.text + " | " + edition.label("search"),
                "site/search.tpl");
  fill_search(view.content(), edition, page);
  view.set_robots("noindex, follow");
  view.render(ctx.res, status);
}
