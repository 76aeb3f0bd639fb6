#include "app.h"

#include "auth/session.h"

#include <cstdio>
#include <ctime>
#include <functional>
#include <string_view>

#include "context.h"
#include "db/db.h"
#include "http/response.h"
#include "pages/admin.h"
#include "pages/pages.h"
#include "router.h"
#include "view/view.h"

namespace {

void log_error(const Request& req, const char* what) {
  std::fprintf(stderr, "newsline: %s %s: %s\n", req.method.c_str(), req.path.c_str(), what);
}

// Replaces whatever was built with a standalone error page; if even that
// fails (a broken template), with one line of text.
template <typename Render>
void replace_with(Response& res, int status, Render render) {
  res = Response{};
  try {
    render();
  } catch (const std::exception&) {
    res = Response{};
    res.status = status;
    res.content_type = "text/plain; charset=utf-8";
    res.cache_control = "no-store";
    res.body = std::string(status_text(status)) + "\n";
  }
}

}  // namespace

std::shared_ptr<const std::vector<Edition>> App::editions(Db& db) {
  std::lock_guard<std::mutex> lock(editions_mutex_);
  if (!editions_) {
    auto loaded = std::make_shared<std::vector<Edition>>(load_editions(db));
    if (loaded->empty()) throw DbError("no editions in the database: run 'newsline migrate'");
    editions_ = std::move(loaded);
  }
  return editions_;
}

std::shared_ptr<const CategoryCatalogue> App::categories(Db& db) {
  // Generation 0 (before the clock's first poll, or without a clock) is never trusted.
  uint64_t generation = clock_ ? clock_->generation() : 0;
  std::lock_guard<std::mutex> lock(categories_mutex_);
  if (!categories_ || generation == 0 || generation != categories_generation_) {
    categories_ = std::make_shared<const CategoryCatalogue>(CategoryCatalogue::load(db));
    categories_generation_ = generation;
  }
  return categories_;
}

App::~App() {
  if (clock_) clock_->stop();
}

void App::start_caches() {
  clock_ = std::make_unique<ContentClock>(cfg_);
  clock_->start();
  if (cfg_.page_cache) cache_ = std::make_unique<PageCache>(static_cast<size_t>(cfg_.page_cache_mb) << 20);
  if (cfg_.newsline_cache) fragments_ = std::make_unique<FragmentCache>();
}

namespace {

// Pages every reader gets alike: GETs and HEADs outside /admin, from someone
// who is not logged in as an editor (editors always get fresh pages).
bool is_shared_page(const Request& req) {
  return (req.method == "GET" || req.method == "HEAD") && (req.segments.empty() || req.segments[0] != "admin") &&
         req.cookie(kEditorCookie).empty();
}

bool worth_caching(const Response& res) {
  return res.status == 200 || res.status == 301 || res.status == 302 || res.status == 404;
}

std::string http_date(std::time_t t) {
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::time_t parse_http_date(const std::string& s) {
  struct tm tm = {};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return end && *end == '\0' ? timegm(&tm) : 0;
}

// A hash of the bytes: the same page gives the same tag on every worker of a build.
std::string strong_etag(const std::string& body) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"",
                static_cast<unsigned long long>(std::hash<std::string_view>{}(body)));
  return buf;
}

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match == "*") return true;
  size_t start = 0;
  while (start < if_none_match.size()) {
    size_t comma = if_none_match.find(',', start);
    if (comma == std::string::npos) comma = if_none_match.size();
    std::string tag = if_none_match.substr(start, comma - start);
    size_t b = tag.find_first_not_of(' ');
    tag = b == std::string::npos ? "" : tag.substr(b);
    while (!tag.empty() && tag.back() == ' ') tag.pop_back();
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    if (tag == etag) return true;
    start = comma + 1;
  }
  return false;
}

const std::string* header_of(const Response& res, const char* name) {
  for (const auto& [k, v] : res.headers)
    if (k == name) return &v;
  return nullptr;
}

// Turns a 200 into a 304 when the reader's copy is current.
void answer_conditional(const Request& req, Response& res) {
  if (res.status != 200) return;
  const std::string* etag = header_of(res, "ETag");
  const std::string* modified = header_of(res, "Last-Modified");
  bool fresh = false;
  if (!req.if_none_match.empty())
    fresh = etag && etag_matches(req.if_none_match, *etag);
  else if (!req.if_modified_since.empty() && modified)
    fresh = parse_http_date(req.if_modified_since) >= parse_http_date(*modified);
  if (fresh) {
    res.status = 304;
    res.body.clear();
  }
}

}  // namespace

void App::add_validators(const Request& req, Response& res) const {
  if (!is_shared_page(req)) {
    if (req.cookie(kEditorCookie).size() && !(req.segments.size() && req.segments[0] == "admin"))
      res.cache_control = "private, no-cache";
    return;
  }
  if (res.status == 200 || res.status == 404)
    res.cache_control = "public, max-age=5, stale-while-revalidate=30";
  if (res.status != 200) return;
  res.set_header("ETag", strong_etag(res.body));
  if (clock_ && clock_->last_modified()) res.set_header("Last-Modified", http_date(clock_->last_modified()));
}

void App::answer(const Request& req, Db& db, Response& res) {
  // A cached page costs no database round trip. The generation is read before
  // rendering, so a page rendered while content changes is stored as already old.
  uint64_t generation = clock_ ? clock_->generation() : 0;
  bool shared = generation && is_shared_page(req);
  std::string key = req.path + "?" + req.raw_query;
  if (shared && cache_) {
    if (auto hit = cache_->find(key, generation)) {
      res = *hit;
      answer_conditional(req, res);
      return;
    }
  }
  render(req, db, res, shared ? generation : 0);
  add_validators(req, res);
  if (shared && cache_ && worth_caching(res)) cache_->store(key, generation, res);
  answer_conditional(req, res);
}

void App::render(const Request& req, Db& db, Response& res, uint64_t shared_generation) {
  auto editions_now = editions(db);
  auto categories_now = categories(db);
  Context ctx{req, res, cfg_, db, *editions_now, *categories_now, std::time(nullptr), std::nullopt};
  if (shared_generation && fragments_) {
    ctx.fragments = fragments_.get();
    ctx.generation = shared_generation;
  }
  try {
    dispatch(ctx);
  } catch (const HttpError& e) {
    if (!req.segments.empty() && req.segments[0] == "admin") {
      admin_error_page(ctx, e.status, e.message);
      return;
    }
    const Edition* edition = e.edition;
    if (!edition && !req.segments.empty()) edition = ctx.find_edition(req.segments[0]);
    site_error_page(ctx, e.status, edition ? *edition : ctx.default_edition());
  }
}

namespace {

int edge_status(EdgeError e) {
  switch (e) {
    case EdgeError::uri_too_long: return 414;
    case EdgeError::body_too_large: return 413;
    case EdgeError::unsupported_media_type: return 415;
    default: return 400;
  }
}

}  // namespace

void App::handle(const ParamLookup& params, const BodyReader& body, Db& db, Response& res) {
  Request req;
  EdgeError edge = build_request(params, body, req);
  try {
    if (edge != EdgeError::none) {
      render_plain_error(res, edge_status(edge), cfg_.site_name);
      return;
    }
    answer(req, db, res);
  } catch (const DbUnavailable& e) {
    log_error(req, e.what());
    replace_with(res, 503, [&] { render_unavailable(res, cfg_.site_name); });
    res.set_header("Retry-After", "5");
  } catch (const std::exception& e) {
    log_error(req, e.what());
    replace_with(res, 500, [&] { render_plain_error(res, 500, cfg_.site_name); });
  }
}
