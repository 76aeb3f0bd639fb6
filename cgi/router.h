// The route table: every page the site answers, with the methods it allows,
// the query parameters it reads, who may use it and which threads answer it.
// Placeholders are typed and checked here, once, before any handler runs; a
// path whose segments fit no route is a 404 that needs no database.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "http/url.h"

struct Context;

// A placeholder's value: {edition} and {category} in `text`; {id} in `id`;
// {article} ("123-some-slug") in `id` and `slug` (empty when there is none).
struct RouteParam {
  std::string text;
  int64_t id = 0;
  std::string slug;
};
using RouteParams = std::vector<RouteParam>;
using Handler = void (*)(Context&, const RouteParams&);

// Who may use a route: anyone, any logged-in user (editors and admins), admins only.
enum class Access { anyone, editor, admin };
// Which CSRF token a POST must carry: none, the session's, or the login form's.
enum class Csrf { none, session, login };
// Which threads answer a request that needs the database (see serve_fastcgi):
// readers' pages, editors' pages, and the requests that hash a password, each
// with threads and connections of their own, so none can hold up the others.
// `media`: uploads and photo variants, the work of libvips; `search`: search
// results, whose statements may run longest of any public page.
enum class Lane { reader, editor, login, media, search };

struct Route {
  const char* pattern;  // "/{edition}/news/{category}"; a trailing '/' is part of the canonical URL
  const char* methods;  // space-separated, e.g. "GET HEAD"
  Handler handler;
  Access access = Access::anyone;
  Csrf csrf = Csrf::none;
  const char* query = "";  // the query parameters it reads, space-separated; others are dropped
  Lane lane = Lane::reader;
};

struct RouteMatch {
  const Route* route = nullptr;  // nullptr: no pattern matched (404)
  RouteParams params;
  bool method_allowed = false;   // false: 405 with Allow: route->methods
  bool slash_mismatch = false;   // true: the canonical form of the path ends differently
};

const std::vector<Route>& routes();

// Matches decoded path segments (and whether the path ended in '/') against `table`.
RouteMatch match_route(const std::vector<Route>& table, const std::string& method,
                       const std::vector<std::string>& segments, bool trailing_slash);

// The canonical spelling of a path: each segment escaped the one way url_escape
// does, with or without the trailing slash.
std::string canonical_path(const std::vector<std::string>& segments, bool trailing_slash);

// The parameters of `query` that `route` reads, first occurrence of each, in the
// route's order; the rest are dropped (they never make a page differ).
QueryParams declared_params(const Route& route, const QueryParams& query);

// "?a=1&b=2" of `params` (empty when there are none), each value escaped.
std::string query_string(const QueryParams& params);

// Every method any route of this path allows (the Allow header of a 405).
std::string allowed_methods(const std::vector<std::string>& segments, bool trailing_slash);

// Answers the request in `ctx` (matched to `match` at the edge): checks method,
// login, role and CSRF token (303 to the login form, 403, 404, 405), then runs
// the handler.
void dispatch(Context& ctx, const RouteMatch& match);
