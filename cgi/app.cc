#include "app.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

#include "auth/session.h"
#include "context.h"
#include "db/db.h"
#include "db/imports.h"
#include "db/servers.h"
#include "db/site_secrets.h"
#include "http/compression.h"
#include "http/conditional.h"
#include "http/old_address.h"
#include "http/response.h"
#include "pages/admin.h"
#include "pages/pages.h"
#include "pages/routes.h"
#include "util/json.h"
#include "view/admin_view.h"
#include "view/view.h"

namespace {

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
    res.body = std::string(status_text(status)) + "\n";
  }
}

int edge_status(EdgeError e) {
  switch (e) {
    case EdgeError::uri_too_long:
      return 414;
    case EdgeError::body_too_large:
      return 413;
    case EdgeError::unsupported_media_type:
      return 415;
    default:
      return 400;
  }
}

bool reads(const Request& req) { return req.method == "GET" || req.method == "HEAD"; }

bool in_admin_area(const Request& req) { return !req.segments.empty() && req.segments[0] == "admin"; }

// A reader's request: read from a replica when there are (see db/servers.h).
bool reads_replicas(const Exchange& ex) { return reads(ex.req) && !in_admin_area(ex.req); }

// Where `ex` is read: readers' pages from a current replica, editors' views of
// public pages and everything else from the primary.
DbServers::Choice choose_server(const Exchange& ex, DbServers& servers, size_t failed) {
  if (!reads_replicas(ex)) return {};
  std::time_t now = std::time(nullptr);
  return ex.editor ? servers.for_own_writes(now, failed) : servers.for_reading(now, failed);
}

bool is_login(const Exchange& ex) { return ex.req.method == "POST" && ex.canonical == "/admin/login"; }

// An editor's form (an article, a page, a caption...) refused for want of the
// database comes back with its text, not lost. Not the login lane's forms
// (passwords are never written into a page), nor uploads (a file cannot be).
bool keeps_text_when_unsaved(const Exchange& ex) {
  bool has_text = std::any_of(ex.req.form.begin(), ex.req.form.end(), [](const auto& f) { return f.first != "csrf"; });
  return ex.req.method == "POST" && ex.lane == Lane::editor && has_text && !ex.req.cookie(kSessionCookie).empty();
}

// A page is kept whenever it is one (200). A 404 or a redirect only when it
// took a query to find out: those that need none are as cheap to make again,
// and a client sending a new junk address each time must not fill the cache.
bool worth_caching(const Response& res, bool read_database) {
  if (res.status == 200) return true;
  return read_database && (res.status == 301 || res.status == 302 || res.status == 404);
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

void App::start_caches(DbServers& servers, const ContentClock& clock, PoolMetrics* metrics) {
  servers_ = &servers;
  clock_ = &clock;
  metrics_ = metrics;
  metrics_allow_ = parse_ip_list("metrics_allow", cfg_.metrics_allow);
  if (cfg_.page_cache) cache_ = std::make_unique<PageCache>(static_cast<size_t>(cfg_.page_cache_mb) << 20);
  if (cfg_.newsline_cache) fragments_ = std::make_unique<FragmentCache>();
  // Search results have a budget of their own: a crawl of queries cannot evict pages.
  if (cfg_.page_cache && cfg_.search_cache_mb)
    search_cache_ = std::make_unique<PageCache>(static_cast<size_t>(cfg_.search_cache_mb) << 20);
  old_addresses_ = std::make_unique<OldAddresses>();
}

void App::refresh_old_addresses(Db& db) {
  uint64_t generation = clock_ ? clock_->generation() : 0;
  if (!old_addresses_ || generation == 0 || generation == old_addresses_generation_) return;
  old_addresses_->refresh(db);
  old_addresses_generation_ = generation;
}

bool App::may_be_old_address(const Exchange& ex) const {
  if (ex.old_address.empty()) return false;
  return !old_addresses_ || old_addresses_->may_hold(ex.old_address);  // without the set (CGI): ask the database
}

std::shared_ptr<const std::vector<Edition>> App::editions(Db& db) {
  if (auto loaded = std::atomic_load(&editions_)) return loaded;
  std::lock_guard<std::mutex> lock(editions_mutex_);
  if (auto loaded = std::atomic_load(&editions_)) return loaded;
  auto loaded = std::make_shared<const std::vector<Edition>>(load_editions(db));
  if (loaded->empty()) throw DbError("no editions in the database: run 'newsline migrate'");
  std::atomic_store(&editions_, loaded);
  return loaded;
}

std::shared_ptr<const SiteCatalogue> App::catalogue(Db& db, bool current) {
  if (!current) return std::make_shared<const SiteCatalogue>(SiteCatalogue::load(db, std::time(nullptr)));
  // Generation 0 (before the clock's first poll, or without a clock) is never trusted.
  uint64_t generation = clock_ ? clock_->generation() : 0;
  std::lock_guard<std::mutex> lock(catalogue_mutex_);
  if (!catalogue_ || generation == 0 || generation != catalogue_generation_) {
    catalogue_ = std::make_shared<const SiteCatalogue>(SiteCatalogue::load(db, std::time(nullptr)));
    catalogue_generation_ = generation;
  }
  return catalogue_;
}

std::shared_ptr<const SigningKey> App::signing_key(Db& db) {
  if (auto loaded = std::atomic_load(&key_)) return loaded;
  std::lock_guard<std::mutex> lock(key_mutex_);
  if (auto loaded = std::atomic_load(&key_)) return loaded;
  std::string secret = load_site_secret(db, "signing");
  if (secret.empty()) throw DbError("the site has no signing key: run 'newsline migrate'");
  auto loaded = std::make_shared<const SigningKey>(secret);
  std::atomic_store(&key_, loaded);
  return loaded;
}

Exchange App::receive(const ParamLookup& params, const BodyReader& body) const {
  Exchange ex;
  // Only the upload routes (the media lane's POSTs) take a multipart body, of up to max_upload_mb.
  size_t upload_bytes = (static_cast<size_t>(cfg_.max_upload_mb) << 20) + (64 << 10);  // the form's other fields
  ex.edge = build_request(params, body, ex.req, [&](const Request& r) -> size_t {
    RouteMatch m = match_route(routes(), r.method, r.segments, r.trailing_slash);
    return m.route && m.method_allowed && m.route->lane == Lane::media && r.method == "POST" ? upload_bytes : 0;
  });
  if (ex.edge != EdgeError::none) return ex;
  Request& req = ex.req;
  ex.match = match_route(routes(), req.method, req.segments, req.trailing_slash);
  // Handlers see only the parameters their route reads; the others never make a page differ.
  req.query = ex.match.route ? declared_params(*ex.match.route, req.query) : QueryParams{};
  bool admin = in_admin_area(req);
  ex.lane = ex.match.route ? ex.match.route->lane : admin ? Lane::editor : Lane::reader;
  // Only a cookie this site signed makes a public page skip the caches; any
  // other value is ignored (and costs nothing).
  const std::string& cookie = req.cookie(kEditorCookie);
  if (!admin && !cookie.empty())
    if (auto key = std::atomic_load(&key_)) ex.editor = editor_cookie_valid(*key, cookie, std::time(nullptr));
  // Photo variants are files, not pages: never in the page cache (nginx serves them from disk).
  ex.shared = reads(req) && !admin && !ex.editor && ex.lane != Lane::media;
  ex.canonical = canonical_path(req.segments, ex.match.slash_mismatch ? !req.trailing_slash : req.trailing_slash);
  ex.cache_key = ex.canonical + query_string(req.query);
  if (ex.match.route)
    ex.kind = ex.match.route->kind;
  else
    ex.kind = req.path == "/healthz" || req.path == "/metrics" ? PageKind::internal : PageKind::other;
  if (reads(req) && !admin && no_page_answers(ex))
    if (auto key = old_address_key(req.path, req.raw_query)) ex.old_address = std::move(*key);
  return ex;
}

// No route, a route with an edition that does not exist, or the front door
// with a query (WordPress's /?p=ID): where an old site's address may arrive.
bool App::no_page_answers(const Exchange& ex) const {
  const RouteMatch& m = ex.match;
  if (!m.route) return ex.kind != PageKind::internal;
  if (ex.req.segments.empty()) return !ex.req.raw_query.empty();
  auto editions_now = std::atomic_load(&editions_);
  return m.route->has_edition() && editions_now && !find_edition(*editions_now, m.params[0].text);
}

uint64_t App::cache_generation(const Exchange& ex) const {
  if (!ex.shared || !clock_ || !clock_->fresh_enough(std::time(nullptr))) return 0;
  return clock_->generation();
}

bool App::answer_from_memory(const Exchange& ex, Response& res) {
  if (ex.edge != EdgeError::none) {
    render_plain_error(res, edge_status(ex.edge), cfg_.site_name);
    return true;
  }
  if (is_login(ex)) return refuse_login_in_flood(ex, res);
  if (ex.kind == PageKind::internal && answer_internal(ex, res)) return true;
  const Request& req = ex.req;
  const RouteMatch& m = ex.match;
  uint64_t generation = cache_generation(ex);
  auto editions_now = std::atomic_load(&editions_);
  bool unknown_edition =
      m.route && m.route->has_edition() && editions_now && !find_edition(*editions_now, m.params[0].text);
  if (may_be_old_address(ex)) return false;  // a lane looks it up: one indexed statement
  if (ex.shared && (!m.route || unknown_edition)) return answer_not_found_from_memory(ex, generation, res);
  // One address per page: a second spelling of it (escapes, slashes) is sent to the canonical one.
  if (reads(req) && m.route && m.method_allowed && !unknown_edition && ex.canonical != req.path) {
    res.redirect(301, ex.cache_key);
    set_cache_headers(ex, res);
    return true;
  }
  PageCache* cache = cache_for(ex);
  if (generation && cache)
    if (auto hit = cache->find(ex.cache_key, generation)) {
      res = *hit;
      choose_encoding(req, res);
      answer_conditional(req, res);
      if (metrics_) metrics_->count_cache(ex.kind, true);
      return true;
    }
  return ex.lane == Lane::search && refuse_search_past_rate(ex, res);
}

PageCache* App::cache_for(const Exchange& ex) const {
  return ex.lane == Lane::search ? search_cache_.get() : cache_.get();
}

bool App::refuse_search_past_rate(const Exchange& ex, Response& res) {
  if (search_rate_.allow(ex.req.remote_addr, std::chrono::steady_clock::now())) return false;
  auto editions_now = std::atomic_load(&editions_);  // the route's first segment is its edition
  const Edition* edition = editions_now ? find_edition(*editions_now, ex.match.params[0].text) : nullptr;
  replace_with(res, 429, [&] {
    render_standalone(res, 429, cfg_.site_name, edition ? edition->label("search") : "Search",
                      edition ? edition->label("search_busy") : "Too many searches from your address. Please wait.");
  });
  res.set_header("Retry-After", "30");
  return true;
}

bool App::answer_not_found_from_memory(const Exchange& ex, uint64_t generation, Response& res) {
  auto editions_now = std::atomic_load(&editions_);
  if (!generation || !fragments_ || !editions_now) return false;
  const Edition* edition = ex.req.segments.empty() ? nullptr : find_edition(*editions_now, ex.req.segments[0]);
  if (!edition) edition = &default_edition(*editions_now, cfg_.default_edition);
  auto page = fragments_->find(error_page_key(404, edition->code), generation);
  if (!page) return false;
  res.status = 404;
  res.body = *page;
  set_cache_headers(ex, res);
  return true;
}

void App::answer_with_database(const Exchange& ex, DbConnections& dbs, Response& res) {
  size_t failed = DbServers::kNone;
  for (int attempt = 1;; ++attempt) {
    DbServers::Choice where;
    try {
      res = Response{};
      // The generation is read before rendering, so a page rendered while
      // content changes is stored as already old.
      uint64_t generation = cache_generation(ex);
      PageCache* cache = cache_for(ex);
      if (generation && cache)
        if (auto hit = cache->find(ex.cache_key, generation)) {  // made while this request waited
          res = *hit;
          choose_encoding(ex.req, res);
          answer_conditional(ex.req, res);
          if (metrics_) metrics_->count_cache(ex.kind, true);
          return;
        }
      // A miss once per request, however many servers it takes to answer.
      if (attempt == 1 && metrics_ && ex.shared && cache) metrics_->count_cache(ex.kind, false);
      where = choose_server(ex, dbs.servers(), failed);
      render_and_store(ex, dbs.to(where.server), where.current, where.current ? generation : 0, res);
    } catch (const DbUnavailable& e) {
      // A reader's page is read once more from another server (the one that
      // failed is now marked away, for the next requests too).
      if (attempt == 1 && reads_replicas(ex) && dbs.servers().size() > 1) {
        failed = where.server;
        continue;
      }
      answer_unavailable(ex, e.what(), res);
    } catch (const DbTimeLimit& e) {  // the server stopped a statement at its time limit: as busy as away
      answer_unavailable(ex, e.what(), res);
    } catch (const std::exception& e) {
      log_error(ex.req, e.what());
      replace_with(res, 500, [&] { render_plain_error(res, 500, cfg_.site_name); });
    }
    return;
  }
}

void App::render_and_store(const Exchange& ex, Db& db, bool current, uint64_t generation, Response& res) {
  PageCache* cache = cache_for(ex);
  uint64_t statements_before = db.statements_run();
  render(ex, db, current, res, generation);
  set_cache_headers(ex, res);
  // An old address's 301 is not kept under the page's key (the front door's, for /?p=ID).
  bool stored =
      generation && cache && ex.old_address.empty() && worth_caching(res, db.statements_run() != statements_before);
  // Compressed once for the cache, or now for a client that takes it; never
  // an editor's page (BREACH: it holds a CSRF token).
  if (ex.shared && (stored || accepts_gzip(ex.req))) prepare_gzip(res);
  if (stored) cache->store(ex.cache_key, generation, res);
  choose_encoding(ex.req, res);
  answer_conditional(ex.req, res);
  note_login_outcome(ex, res);
}

void App::answer_busy(const Exchange& ex, Response& res) {
  if (ex.lane == Lane::login) {
    replace_with(res, 429, [&] {
      render_standalone(res, 429, cfg_.site_name, "Too many logins at once",
                        "Too many logins are being checked at this moment. Please try again in a few seconds.");
    });
    res.set_header("Retry-After", "2");
    note_login_outcome(ex, res);
    return;
  }
  answer_503(ex, res);
}

void App::render(const Exchange& ex, Db& db, bool current, Response& res, uint64_t shared_generation) {
  auto editions_now = editions(db);
  auto catalogue_now = catalogue(db, current);
  auto key = signing_key(db);
  const Request& req = ex.req;
  Context ctx{req, res, cfg_, db, *editions_now, *catalogue_now, *key, std::time(nullptr), std::nullopt};
  if (shared_generation && fragments_) {
    ctx.fragments = fragments_.get();
    ctx.generation = shared_generation;
  }
  if (may_be_old_address(ex))
    if (auto target = redirect_target(db, ex.old_address)) {
      res.redirect(301, *target);
      return;
    }
  try {
    dispatch(ctx, ex.match);
  } catch (const HttpError& e) {
    if (in_admin_area(req)) {
      admin_error_page(ctx, e.status, e.message);
      return;
    }
    const Edition* edition = e.edition;
    if (!edition && !req.segments.empty()) edition = ctx.find_edition(req.segments[0]);
    site_error_page(ctx, e.status, edition ? *edition : ctx.default_edition());
  }
}

void App::set_cache_headers(const Exchange& ex, Response& res) const {
  if (ex.editor) {
    res.cache_control = "private, no-cache";
    return;
  }
  if (!ex.shared) return;  // no-store, the default of every response
  if (res.status == 200 || res.status == 404 || res.status == 301)
    res.cache_control = "public, max-age=5, stale-while-revalidate=30";
  if (res.status != 200) return;
  res.set_header("ETag", strong_etag(res.body));
  if (clock_ && clock_->last_modified()) res.set_header("Last-Modified", http_date(clock_->last_modified()));
}

bool App::refuse_login_in_flood(const Exchange& ex, Response& res) {
  std::time_t now = std::time(nullptr);
  auto key = std::atomic_load(&key_);
  if (!key || login_floods_.last_minute(now) < cfg_.login_flood_failures ||
      device_cookie_valid(*key, ex.req.cookie(kDeviceCookie), ex.req.field("name"), now))
    return false;
  login_floods_.note(now);  // the flood goes on while it is refused
  if (metrics_) metrics_->count_login_paused();
  std::call_once(flood_refusal_made_, [this] {  // the same page every time: made once
    Response page;
    replace_with(page, 429, [&] {
      render_standalone(page, 429, cfg_.site_name, "Logins are paused",
                        "Too many failed logins are reaching this site. Logins from browsers that have not logged "
                        "in here before are paused: use the browser you logged in with last time, or try again later.");
    });
    page.set_header("Retry-After", "60");
    flood_refusal_ = std::move(page);
  });
  res = flood_refusal_;
  return true;
}

void App::note_login_outcome(const Exchange& ex, const Response& res) {
  if (is_login(ex) && (res.status == 401 || res.status == 429)) login_floods_.note(std::time(nullptr));
}

void App::note_answer(const Exchange& ex, const Response& res) const {
  if (metrics_) metrics_->count_request(ex.kind, res.status);
}

bool App::answer_internal(const Exchange& ex, Response& res) {
  if (!servers_ || !reads(ex.req)) return false;
  if (ex.req.path == "/healthz") {
    answer_health(res);
    return true;
  }
  auto client = parse_ip(ex.req.remote_addr);
  if (ex.req.path != "/metrics" || !metrics_ || !client || !is_allowed(metrics_allow_, *client)) return false;
  res.content_type = "text/plain; version=0.0.4; charset=utf-8";
  res.body = metrics_->render(servers_->status(std::time(nullptr)));
  return true;
}

// For a load balancer: 200 while this host can serve readers (the primary or
// a replica not too far behind answers, or else its cached pages are still
// served: serve_stale_seconds), 503 when it cannot. "degraded": the primary is
// away (editors cannot save), a replica is away or behind, or only the cache serves.
void App::answer_health(Response& res) {
  std::time_t now = std::time(nullptr);
  auto servers = servers_->status(now);
  bool readers = false, all_well = true;
  Json list = Json::array();
  for (const DbServers::Status& s : servers) {
    bool usable = s.reachable && (s.role == "primary" ||
                                  (s.behind_seconds >= 0 && s.behind_seconds <= cfg_.db_replica_max_lag_seconds));
    readers |= usable;
    all_well &= s.reachable && s.behind_seconds == 0;
    list.push(Json::object()
                  .set("server", s.role)
                  .set("reachable", s.reachable)
                  .set("behind_seconds", static_cast<int64_t>(s.behind_seconds)));
  }
  bool editors = servers.front().reachable;
  bool cache_only = !readers && clock_ && clock_->fresh_enough(now);
  readers |= cache_only;
  res.status = readers ? 200 : 503;
  res.content_type = "application/json";
  res.body = Json::object()
                 .set("status", !readers   ? "down"
                                : all_well ? "ok"
                                           : "degraded")
                 .set("readers", readers)
                 .set("cache_only", cache_only)
                 .set("editors", editors)
                 .set("servers", std::move(list))
                 .dump() +
             "\n";
}

void App::answer_unavailable(const Exchange& ex, const char* what, Response& res) {
  log_error(ex.req, what);
  if ((in_admin_area(ex.req) || ex.lane == Lane::login) && !keeps_text_when_unsaved(ex)) {
    // The primary, where the newsroom's work is kept, is away (readers may still be served from replicas).
    replace_with(res, 503, [&] {
      render_standalone(res, 503, cfg_.site_name, "Saving is unavailable",
                        "The newsroom's database is not answering: the admin area cannot open, and nothing can be "
                        "saved until it is back. Readers are still served the site. Please try again in a minute.");
    });
    res.set_header("Retry-After", "30");
    return;
  }
  answer_503(ex, res);
}

void App::answer_503(const Exchange& ex, Response& res) {
  if (keeps_text_when_unsaved(ex))
    replace_with(res, 503, [&] { render_unsaved(res, cfg_.site_name, ex.canonical, ex.req.form); });
  else
    replace_with(res, 503, [&] { render_unavailable(res, cfg_.site_name); });
}

void App::log_error(const Request& req, const char* what) {
  log_.write("newsline: " + req.method + " " + req.path + ": " + what);
}
