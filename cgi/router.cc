#include "router.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>

#include "auth/crypto.h"
#include "auth/session.h"
#include "context.h"
#include "http/url.h"
#include "pages/admin.h"
#include "pages/pages.h"

const std::vector<Route>& routes() {
  constexpr Access E = Access::editor, A = Access::admin;
  constexpr Csrf S = Csrf::session;
  static const std::vector<Route> table = {
      // The public site
      {"/", "GET HEAD", site_root},
      {"/{edition}/", "GET HEAD", site_home},
      {"/{edition}/news", "GET HEAD", site_all_news},
      {"/{edition}/news/{category}", "GET HEAD", site_category},
      {"/{edition}/news/{category}/{article}", "GET HEAD", site_article},
      // Login
      {"/admin/login", "GET HEAD", admin_login_form},
      {"/admin/login", "POST", admin_login, Access::anyone, Csrf::login},
      {"/admin/logout", "POST", admin_logout, E, S},
      {"/admin", "GET HEAD", admin_home, E},
      {"/admin/password", "GET HEAD", admin_password_form, E},
      {"/admin/password", "POST", admin_change_password, E, S},
      // Articles: editors and admins
      {"/admin/articles", "GET HEAD", admin_article_list, E},
      {"/admin/articles/new", "GET HEAD", admin_article_new, E},
      {"/admin/articles/new", "POST", admin_article_create, E, S},
      {"/admin/articles/{id}", "GET HEAD", admin_article_edit, E},
      {"/admin/articles/{id}", "POST", admin_article_save, E, S},
      {"/admin/articles/{id}/preview", "GET HEAD", admin_article_preview, E},
      {"/admin/articles/{id}/delete", "GET HEAD", admin_article_delete_confirm, E},
      {"/admin/articles/{id}/delete", "POST", admin_article_delete, E, S},
      {"/admin/articles/{id}/revisions", "GET HEAD", admin_revision_list, E},
      {"/admin/articles/{id}/revisions/{rev}", "GET HEAD", admin_revision_show, E},
      {"/admin/articles/{id}/revisions/{rev}/restore", "POST", admin_revision_restore, E, S},
      // Categories, users, audit: admins only
      {"/admin/categories", "GET HEAD", admin_category_list, A},
      {"/admin/categories", "POST", admin_category_create, A, S},
      {"/admin/categories/{id}", "POST", admin_category_update, A, S},
      {"/admin/categories/{id}/delete", "POST", admin_category_delete, A, S},
      {"/admin/users", "GET HEAD", admin_user_list, A},
      {"/admin/users", "POST", admin_user_create, A, S},
      {"/admin/users/{id}", "POST", admin_user_update, A, S},
      {"/admin/audit", "GET HEAD", admin_audit_log, A},
  };
  return table;
}

namespace {

// Matches `pattern` ("/{edition}/news/{category}") against the request's
// segments, collecting the {placeholders}. Walks the pattern in place: it runs
// for every route on every request.
bool match_pattern(std::string_view pattern, const std::vector<std::string>& segments, RouteParams& params,
                   int& literals) {
  size_t i = 0;
  for (size_t pos = 0; pos < pattern.size();) {
    if (pattern[pos] == '/') {
      ++pos;
      continue;
    }
    size_t end = std::min(pattern.find('/', pos), pattern.size());
    std::string_view part = pattern.substr(pos, end - pos);
    pos = end;
    if (i == segments.size()) return false;
    if (part.front() == '{') {
      params.push_back(segments[i]);
    } else {
      if (part != segments[i]) return false;
      ++literals;
    }
    ++i;
  }
  return i == segments.size();
}

bool method_in(std::string_view method, std::string_view methods) {
  for (size_t pos = 0; pos < methods.size();) {
    size_t end = std::min(methods.find(' ', pos), methods.size());
    if (methods.substr(pos, end - pos) == method) return true;
    pos = end + 1;
  }
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
  // The most specific pattern wins (most literal segments: /admin over /{edition}/);
  // among equals, the one that allows the method.
  RouteMatch best;
  int best_score = -1;
  for (const Route& route : table) {
    RouteParams params;
    int literals = 0;
    if (!match_pattern(route.pattern, segments, params, literals)) continue;
    bool allowed = method_in(method, route.methods);
    int score = literals * 2 + (allowed ? 1 : 0);
    if (score <= best_score) continue;
    best_score = score;
    size_t len = std::strlen(route.pattern);
    bool wants_slash = len > 1 && route.pattern[len - 1] == '/';
    best.route = &route;
    best.params = std::move(params);
    best.method_allowed = allowed;
    best.slash_mismatch = !segments.empty() && wants_slash != trailing_slash;
  }
  return best;
}

namespace {

// Every method any route of this path allows (for the Allow header of a 405).
std::string allowed_methods(const std::vector<std::string>& segments, bool trailing_slash) {
  std::string allow;
  for (const char* m : {"GET", "HEAD", "POST"}) {
    RouteMatch r = match_route(routes(), m, segments, trailing_slash);
    if (r.route && r.method_allowed) allow += (allow.empty() ? "" : ",") + std::string(m);
  }
  return allow;
}

// Login, role and CSRF checks of a route, before its handler runs.
// Returns false when the response (a redirect to the login form) is already set.
bool admit(Context& ctx, const Route& route) {
  std::optional<Session>& session = ctx.session;
  if (route.access != Access::anyone) {
    session = current_session(ctx);
    if (!session) {
      if (ctx.req.method != "GET" && ctx.req.method != "HEAD")
        throw HttpError{403, nullptr, "Your session has ended. Log in again, then repeat what you did."};
      std::string next = ctx.req.path + (ctx.req.raw_query.empty() ? "" : "?" + ctx.req.raw_query);
      ctx.res.redirect(303, "/admin/login?next=" + url_escape(next));
      return false;
    }
    if (route.access == Access::admin && !session->is_admin())
      throw HttpError{403, nullptr, "Only administrators may do this."};
  }
  if (route.csrf != Csrf::none) {
    const std::string& expected =
        route.csrf == Csrf::session ? session->csrf_token : ctx.req.cookie(kLoginCsrfCookie);
    if (!same_token(ctx.req.field("csrf"), expected))
      throw HttpError{403, nullptr, "This form has expired or did not come from this site. Reload the page and try again."};
  }
  return true;
}

}  // namespace

void dispatch(Context& ctx) {
  RouteMatch m = match_route(routes(), ctx.req.method, ctx.req.segments, ctx.req.trailing_slash);
  if (!m.route) throw HttpError{404};
  bool admin_area = std::strncmp(m.route->pattern, "/admin", 6) == 0;
  if (admin_area) ctx.res.cache_control = "no-store";
  if (!m.method_allowed) {
    ctx.res.set_header("Allow", allowed_methods(ctx.req.segments, ctx.req.trailing_slash));
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
  if (admit(ctx, *m.route)) m.route->handler(ctx, m.params);
}
