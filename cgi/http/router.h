// Routes and their matching: what a route declares (the methods it allows, the
// query parameters it reads, who may use it, which threads answer it, its kind
// of page) and how a request's path finds its route. Placeholders are typed and
// checked here, once, before any handler runs; a path whose segments fit no
// route is a 404 that needs no database. The table itself is pages/routes.cc.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "http/url.h"
#include "util/metrics.h"

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
  PageKind kind;        // as /metrics counts it
  Handler handler;
  Access access = Access::anyone;
  Csrf csrf = Csrf::none;
  const char* query = "";  // the query parameters it reads, space-separated; others are dropped
  Lane lane = Lane::reader;

  // The route's first segment is an edition ("/{edition}/..."): the router
  // resolves it once (404 for an unknown one) and handlers find it in the Context.
  bool has_edition() const;
};

struct RouteMatch {
  const Route* route = nullptr;  // nullptr: no pattern matched (404)
  RouteParams params;
  bool method_allowed = false;  // false: 405 with Allow: route->methods
  bool slash_mismatch = false;  // true: the canonical form of the path ends differently
};

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

// Every method any route of `table` allows for this path (the Allow header of a 405).
std::string allowed_methods(const std::vector<Route>& table, const std::vector<std::string>& segments,
                            bool trailing_slash);
