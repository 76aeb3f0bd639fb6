#include "router.h"

#include <cstring>
#include <sstream>

#include "context.h"
#include "http/url.h"
#include "pages/pages.h"

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"/", "GET HEAD", site_root},
      {"/{edition}/", "GET HEAD", site_home},
      {"/{edition}/news", "GET HEAD", site_all_news},
      {"/{edition}/news/{category}", "GET HEAD", site_category},
      {"/{edition}/news/{category}/{article}", "GET HEAD", site_article},
  };
  return table;
}

namespace {

std::vector<std::string> pattern_segments(const std::string& pattern) {
  std::vector<std::string> out;
  std::stringstream ss(pattern);
  std::string part;
  while (std::getline(ss, part, '/'))
    if (!part.empty()) out.push_back(part);
  return out;
}

bool method_in(const std::string& method, const char* methods) {
  std::stringstream ss(methods);
  std::string m;
  while (ss >> m)
    if (m == method) return true;
  return false;
}

std::string canonical_path(const std::vector<std::string>& segments, bool trailing_slash) {
  std::string path;
  for (const auto& s : segments) path += "/" + url_escape(s);
  if (trailing_slash || path.empty()) path += "/";
  return path;
}

}  // namespace

RouteMatch match_route(const std::vector<Route>& table, const std::string& method,
                       const std::vector<std::string>& segments, bool trailing_slash) {
  RouteMatch match;
  for (const Route& route : table) {
    std::vector<std::string> parts = pattern_segments(route.pattern);
    if (parts.size() != segments.size()) continue;
    RouteParams params;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      if (parts[i].front() == '{')
        params.push_back(segments[i]);
      else
        ok = parts[i] == segments[i];
    }
    if (!ok) continue;
    bool wants_slash = std::strlen(route.pattern) > 1 && route.pattern[std::strlen(route.pattern) - 1] == '/';
    match.route = &route;
    match.params = std::move(params);
    match.method_allowed = method_in(method, route.methods);
    match.slash_mismatch = !segments.empty() && wants_slash != trailing_slash;
    return match;
  }
  return match;
}

void dispatch(Context& ctx) {
  RouteMatch m = match_route(routes(), ctx.req.method, ctx.req.segments, ctx.req.trailing_slash);
  if (!m.route) throw HttpError{404};
  if (!m.method_allowed) {
    std::string allow = m.route->methods;
    for (char& c : allow)
      if (c == ' ') c = ',';
    ctx.res.set_header("Allow", allow);
    throw HttpError{405};
  }
  // An unknown edition is a 404 at once, not a redirect to another unknown address.
  if (std::strncmp(m.route->pattern, "/{edition}", 10) == 0 && !ctx.find_edition(m.params[0])) throw HttpError{404};
  if (m.slash_mismatch) {
    bool wants_slash = !ctx.req.trailing_slash;
    std::string location = canonical_path(ctx.req.segments, wants_slash);
    if (!ctx.req.raw_query.empty()) location += "?" + ctx.req.raw_query;
    ctx.res.redirect(301, location);
    return;
  }
  m.route->handler(ctx, m.params);
}
