// The route table: every page the site answers, with the methods it allows.
// Method checks and trailing-slash canonicalisation happen here, once, before
// any handler runs.
#pragma once
#include <string>
#include <vector>

struct Context;

// The values of a pattern's {placeholders}, in order.
using RouteParams = std::vector<std::string>;
using Handler = void (*)(Context&, const RouteParams&);

// Who may use a route: anyone, any logged-in user (editors and admins), admins only.
enum class Access { anyone, editor, admin };
// Which CSRF token a POST must carry: none, the session's, or the login form's.
enum class Csrf { none, session, login };

struct Route {
  const char* pattern;  // "/{edition}/news/{category}"; a trailing '/' is part of the canonical URL
  const char* methods;  // space-separated, e.g. "GET HEAD"
  Handler handler;
  Access access = Access::anyone;
  Csrf csrf = Csrf::none;
};

struct RouteMatch {
  const Route* route = nullptr;  // nullptr: no pattern matched (404)
  RouteParams params;
  bool method_allowed = false;   // false: 405 with Allow: route->methods
  bool slash_mismatch = false;   // true: 301 to the canonical form of the path
};

const std::vector<Route>& routes();

// Matches decoded path segments (and whether the path ended in '/') against `table`.
RouteMatch match_route(const std::vector<Route>& table, const std::string& method,
                       const std::vector<std::string>& segments, bool trailing_slash);

// Answers the request in `ctx`: checks method, login, role and CSRF token
// (303 to the login form, 403, 404, 405), then runs the handler.
void dispatch(Context& ctx);
