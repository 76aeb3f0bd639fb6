#include "http/router.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "http/url.h"
#include "util/parse.h"

bool Route::has_edition() const { return std::strncmp(pattern, "/{edition}", 10) == 0; }

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

std::string allowed_methods(const std::vector<Route>& table, const std::vector<std::string>& segments,
                            bool trailing_slash) {
  std::string allow;
  for (const char* m : {"GET", "HEAD", "POST"}) {
    RouteMatch r = match_route(table, m, segments, trailing_slash);
    if (r.route && r.method_allowed) allow += (allow.empty() ? "" : ",") + std::string(m);
  }
  return allow;
}
