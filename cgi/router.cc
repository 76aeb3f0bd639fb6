#include "router.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>

#include "auth/crypto.h"
#include "auth/session.h"
#include "context.h"
#include "http/params.h"
#include "http/url.h"
#include "pages/admin.h"
#include "pages/pages.h"

const std::vector<Route>& routes() {
  constexpr Access E = Access::editor, A = Access::admin;
  constexpr Csrf S = Csrf::session;
  constexpr Lane Ed = Lane::editor, L = Lane::login, M = Lane::media;
  static const std::vector<Route> table = {
      // The public site
      {"/", "GET HEAD", site_root},
      {"/robots.txt", "GET HEAD", site_robots},
      {"/sitemap.xml", "GET HEAD", site_sitemap_index},
      {"/{edition}/sitemap/{file}", "GET HEAD", site_edition_sitemap},
      {"/{edition}/", "GET HEAD", site_home},
      {"/{edition}/news", "GET HEAD", site_all_news, Access::anyone, Csrf::none, "before"},
      {"/{edition}/news/{category}", "GET HEAD", site_category, Access::anyone, Csrf::none, "before"},
      {"/{edition}/news/{category}/{article}", "GET HEAD", site_article},
      {"/{edition}/tag/{slug}", "GET HEAD", site_tag, Access::anyone, Csrf::none, "before"},
      {"/{edition}/author/{slug}", "GET HEAD", site_author, Access::anyone, Csrf::none, "before"},
      {"/{edition}/corrections", "GET HEAD", site_corrections, Access::anyone, Csrf::none, "before"},
      {"/{edition}/page/{slug}", "GET HEAD", site_page},
      {"/{edition}/search", "GET HEAD", site_search, Access::anyone, Csrf::none, "q after", Lane::search},
      {"/{edition}/feed", "GET HEAD", site_edition_feed},
      {"/{edition}/feed/{category}", "GET HEAD", site_category_feed},
      {"/{edition}/feed/tag/{slug}", "GET HEAD", site_tag_feed},
      // Photo variants this host has not made yet (nginx serves those it has)
      {"/media/{id}/{file}", "GET HEAD", site_photo_variant, Access::anyone, Csrf::none, "", M},
      // Login; the requests that hash a password take the login lane
      {"/admin/login", "GET HEAD", admin_login_form, Access::anyone, Csrf::none, "next", Ed},
      {"/admin/login", "POST", admin_login, Access::anyone, Csrf::login, "", L},
      {"/admin/logout", "POST", admin_logout, E, S, "", Ed},
      {"/admin", "GET HEAD", admin_home, E, Csrf::none, "", Ed},
      {"/admin/password", "GET HEAD", admin_password_form, E, Csrf::none, "done", Ed},
      {"/admin/password", "POST", admin_change_password, E, S, "", L},
      // Articles: editors and admins
      {"/admin/articles", "GET HEAD", admin_article_list, E, Csrf::none, "edition status category q before done", Ed},
      {"/admin/articles/new", "GET HEAD", admin_article_new, E, Csrf::none, "edition", Ed},
      {"/admin/articles/new", "POST", admin_article_create, E, S, "", Ed},
      {"/admin/articles/{id}", "GET HEAD", admin_article_edit, E, Csrf::none, "done", Ed},
      {"/admin/articles/{id}", "POST", admin_article_save, E, S, "", Ed},
      {"/admin/articles/{id}/preview", "GET HEAD", admin_article_preview, E, Csrf::none, "", Ed},
      {"/admin/articles/{id}/delete", "GET HEAD", admin_article_delete_confirm, E, Csrf::none, "", Ed},
      {"/admin/articles/{id}/delete", "POST", admin_article_delete, E, S, "", Ed},
      {"/admin/articles/{id}/revisions", "GET HEAD", admin_revision_list, E, Csrf::none, "", Ed},
      {"/admin/articles/{id}/revisions/{rev}", "GET HEAD", admin_revision_show, E, Csrf::none, "", Ed},
      {"/admin/articles/{id}/revisions/{rev}/restore", "POST", admin_revision_restore, E, S, "", Ed},
      // Photos: uploads take the media lane (libvips)
      {"/admin/media", "GET HEAD", admin_media_library, E, Csrf::none, "q before done", Ed},
      {"/admin/media", "POST", admin_media_upload, E, S, "", M},
      {"/admin/media/{id}", "GET HEAD", admin_media_edit, E, Csrf::none, "done", Ed},
      {"/admin/media/{id}", "POST", admin_media_save, E, S, "", Ed},
      {"/admin/articles/{id}/photo", "POST", admin_article_photo_upload, E, S, "", M},
      {"/admin/articles/{id}/corrections", "POST", admin_article_correction, E, S, "", Ed},
      // The newsroom: front page, tags, authors, simple pages
      {"/admin/front", "GET HEAD", admin_front, E, Csrf::none, "edition done", Ed},
      {"/admin/front", "POST", admin_front_save, E, S, "", Ed},
      {"/admin/tags", "GET HEAD", admin_tags, E, Csrf::none, "edition done", Ed},
      {"/admin/tags/{id}", "POST", admin_tag_save, E, S, "", Ed},
      {"/admin/tags/{id}/delete", "POST", admin_tag_delete, E, S, "", Ed},
      {"/admin/authors", "GET HEAD", admin_authors, E, Csrf::none, "done", Ed},
      {"/admin/authors/{id}", "GET HEAD", admin_author_edit, E, Csrf::none, "done", Ed},
      {"/admin/authors/{id}", "POST", admin_author_save, E, S, "", Ed},
      {"/admin/pages", "GET HEAD", admin_pages, E, Csrf::none, "done", Ed},
      {"/admin/pages/new", "GET HEAD", admin_page_new, E, Csrf::none, "edition", Ed},
      {"/admin/pages/new", "POST", admin_page_create, E, S, "", Ed},
      {"/admin/pages/{id}", "GET HEAD", admin_page_edit, E, Csrf::none, "done", Ed},
      {"/admin/pages/{id}", "POST", admin_page_save, E, S, "", Ed},
      {"/admin/pages/{id}/delete", "POST", admin_page_delete, E, S, "", Ed},
      // Categories, users, audit: admins only
      {"/admin/categories", "GET HEAD", admin_category_list, A, Csrf::none, "done", Ed},
      {"/admin/categories", "POST", admin_category_create, A, S, "", Ed},
      {"/admin/categories/{id}", "POST", admin_category_update, A, S, "", Ed},
      {"/admin/categories/{id}/delete", "POST", admin_category_delete, A, S, "", Ed},
      {"/admin/users", "GET HEAD", admin_user_list, A, Csrf::none, "done", Ed},
      {"/admin/users", "POST", admin_user_create, A, S, "", L},
      {"/admin/users/{id}", "POST", admin_user_update, A, S, "", L},
      {"/admin/audit", "GET HEAD", admin_audit_log, A, Csrf::none, "before", Ed},
  };
  return table;
}

namespace {

// Checks one segment against a typed placeholder and fills `param`.
bool take_placeholder(std::string_view type, const std::string& segment, RouteParam& param) {
  if (type == "{edition}") {  // editions.code is CHAR(2): two lower-case letters
    if (segment.size() != 2 || segment[0] < 'a' || segment[0] > 'z' || segment[1] < 'a' || segment[1] > 'z')
      return false;
    param.text = segment;
    return true;
  }
  if (type == "{category}" || type == "{slug}") {  // a category, tag, author or page
    if (!is_slug_text(segment, kMaxCategorySlug)) return false;
    param.text = segment;
    return true;
  }
  if (type == "{article}") {  // "123-some-slug", or just "123"
    size_t dash = segment.find('-');
    auto id = parse_id(std::string_view(segment).substr(0, dash));
    if (!id) return false;
    if (dash != std::string::npos && !is_slug_text(std::string_view(segment).substr(dash + 1), kMaxArticleSlug))
      return false;
    param.id = *id;
    param.slug = dash == std::string::npos ? "" : segment.substr(dash + 1);
    param.text = segment;
    return true;
  }
  if (type == "{file}") {  // a file name: ASCII letters, digits, '-' and '.', not hidden
    if (segment.empty() || segment.size() > 40 || segment[0] == '.') return false;
    for (char c : segment)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
    param.text = segment;
    return true;
  }
  // {id}, {rev}
  auto id = parse_id(segment);
  if (!id) return false;
  param.id = *id;
  param.text = segment;
  return true;
}

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
      if (!take_placeholder(part, segments[i], params.emplace_back())) return false;
    } else {
      if (part != segments[i]) return false;
      ++literals;
    }
    ++i;
  }
  return i == segments.size();
}

// Calls `f` with each of the space-separated `words` ("GET HEAD") until it returns true.
template <typename F>
bool any_word(std::string_view words, F f) {
  for (size_t pos = 0; pos < words.size();) {
    size_t end = std::min(words.find(' ', pos), words.size());
    if (f(words.substr(pos, end - pos))) return true;
    pos = end + 1;
  }
  return false;
}

bool is_one_of(std::string_view word, std::string_view words) {
  return any_word(words, [&](std::string_view w) { return w == word; });
}

}  // namespace

std::string canonical_path(const std::vector<std::string>& segments, bool trailing_slash) {
  std::string path;
  for (const auto& s : segments) path += "/" + url_escape(s);
  if (trailing_slash || path.empty()) path += "/";
  return path;
}

QueryParams declared_params(const Route& route, const QueryParams& query) {
  QueryParams out;
  any_word(route.query, [&](std::string_view name) {
    for (const auto& [k, v] : query)
      if (k == name) {
        out.emplace_back(k, v);
        break;
      }
    return false;
  });
  return out;
}

std::string query_string(const QueryParams& params) {
  std::string q;
  for (const auto& [k, v] : params) q += (q.empty() ? "?" : "&") + url_escape(k) + "=" + url_escape(v);
  return q;
}

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
    bool allowed = is_one_of(method, route.methods);
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

std::string allowed_methods(const std::vector<std::string>& segments, bool trailing_slash) {
  std::string allow;
  for (const char* m : {"GET", "HEAD", "POST"}) {
    RouteMatch r = match_route(routes(), m, segments, trailing_slash);
    if (r.route && r.method_allowed) allow += (allow.empty() ? "" : ",") + std::string(m);
  }
  return allow;
}

namespace {

// Login, role and CSRF checks of a route, before its handler runs.
// Returns false when the response (a redirect to the login form) is already set.
bool admit(Context& ctx, const Route& route) {
  std::optional<Session>& session = ctx.session;
  if (route.access != Access::anyone) {
    session = current_session(ctx);
    if (!session) {
      if (ctx.req.method != "GET" && ctx.req.method != "HEAD")
        throw HttpError{403, nullptr, "Your session has ended. Log in again, then repeat what you did."};
      ctx.res.redirect(303, "/admin/login?next=" + url_escape(ctx.req.path + query_string(ctx.req.query)));
      return false;
    }
    if (route.access == Access::admin && !session->is_admin())
      throw HttpError{403, nullptr, "Only administrators may do this."};
  }
  bool token_valid = route.csrf == Csrf::none ||
                     (route.csrf == Csrf::session ? same_token(ctx.req.field("csrf"), session->csrf_token)
                                                  : login_form_token_valid(ctx));
  if (!token_valid)
    throw HttpError{403, nullptr, "This form has expired or did not come from this site. Reload the page and try again."};
  return true;
}

}  // namespace

void dispatch(Context& ctx, const RouteMatch& m) {
  if (!m.route) throw HttpError{404};
  if (!m.method_allowed) {
    ctx.res.set_header("Allow", allowed_methods(ctx.req.segments, ctx.req.trailing_slash));
    throw HttpError{405};
  }
  // An unknown edition is a 404 at once, not a redirect to another unknown address.
  if (std::strncmp(m.route->pattern, "/{edition}", 10) == 0 && !ctx.find_edition(m.params[0].text))
    throw HttpError{404};
  if (m.slash_mismatch) {
    ctx.res.redirect(301, canonical_path(ctx.req.segments, !ctx.req.trailing_slash) + query_string(ctx.req.query));
    return;
  }
  if (admit(ctx, *m.route)) m.route->handler(ctx, m.params);
}
