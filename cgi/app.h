// The application shared by all threads of a worker process: configuration, the
// edition catalogue (a read-only copy loaded from the database on first use),
// the site catalogue (categories, footer pages, breaking stories: reread
// whenever the content version moves on), the
// site's signing key and the caches.
//
// A request is answered in two steps (see serve_fastcgi). The thread that
// accepted it answers what needs no database: requests refused at the edge,
// second spellings of an address (301 to the canonical one), pages in the
// cache and 404s for addresses no route can have. Only the rest goes to a
// lane's threads, which hold the database connections; so a slow or hanging
// database, or a flood of logins, never holds up a cached page.
#pragma once
#include <algorithm>
#include <memory>
#include <mutex>

#include <string>
#include <vector>
#include "http/response.h"

#include "auth/address_rate.h"
#include "auth/flood_watch.h"
#include "cache/content_clock.h"
#include "cache/fragment_cache.h"
#include "cache/old_addresses.h"
#include "cache/page_cache.h"
#include "db/content.h"
#include "http/request.h"
#include "http/router.h"
#include "util/addresses.h"
#include "util/config.h"
#include "util/log.h"
#include "util/metrics.h"
#include "util/signing.h"

class Db;
class DbConnections;
class DbServers;

// One request as the edge made it: decoded and checked, matched to its route,
// with the key its answer is cached under. Built in the thread that accepted
// it, and carried to a lane's thread when it needs the database.
struct Exchange {
  Request req;
  EdgeError edge = EdgeError::none;
  RouteMatch match;
  bool editor = false;    // a proven editor (signed cookie) on a public page: always fresh
  bool shared = false;    // an answer every reader gets alike: cached, public
  std::string canonical;  // the one spelling of the path (escapes, trailing slash)
  std::string cache_key;  // the canonical path and the route's own parameters
  Lane lane = Lane::reader;
  PageKind kind = PageKind::other;  // as /metrics counts it
  // The key of an old site's address (http/old_address.h) this request may
  // be: set for a read no page answers ("" otherwise).
  std::string old_address;
};

class App {
 public:
  explicit App(const Config& cfg) : cfg_(cfg) {}

  // In a worker process (after fork): makes the caches that are on
  // (cfg.page_cache, cfg.newsline_cache), whose pages are as current as
  // `clock` (kept by the server's content poller, which probes each of
  // `servers`), and counts in `metrics` (the pool's, or nullptr). Without it
  // nothing is cached (CGI), and /healthz and /metrics are not answered.
  void start_caches(DbServers& servers, const ContentClock& clock, PoolMetrics* metrics);
  // Reads the old addresses' keys again when the content moved on and they
  // changed (the content poller's thread, after each poll).
  void refresh_old_addresses(Db& db);

  // Decodes and checks a request and matches it to its route. Needs no database.
  Exchange receive(const ParamLookup& params, const BodyReader& body) const;
  // Answers without the database when it can (see above). False: ex.lane must
  // answer it with answer_with_database().
  bool answer_from_memory(const Exchange& ex, Response& res);
  // Answers with the database, in a lane's thread: readers' pages from a
  // server DbServers chooses (a replica, when there are), the rest from the
  // primary. Never throws: bad input is a 4xx page, an unreachable or hanging
  // database a 503 page (a reader's page is tried once more on another server
  // first), anything unexpected a logged 500 without details.
  void answer_with_database(const Exchange& ex, DbConnections& dbs, Response& res);
  // The answer when a lane is full, or a request waited there too long: the
  // 503 page with Retry-After (429 for a login).
  void answer_busy(const Exchange& ex, Response& res);
  // Counts an answer about to be sent (for /metrics).
  void note_answer(const Exchange& ex, const Response& res) const;

  const Config& config() const { return cfg_; }

 private:
  std::shared_ptr<const std::vector<Edition>> editions(Db& db);
  // The catalogue of the content version the clock last saw (reread when it
  // moves on). From a server behind the newest content (`current` false), one
  // read for this request alone.
  std::shared_ptr<const SiteCatalogue> catalogue(Db& db, bool current);
  std::shared_ptr<const SigningKey> signing_key(Db& db);
  // The generation a shared page may be cached in now: 0 (nothing cached)
  // without a clock, before its first poll, or past the staleness allowed.
  uint64_t cache_generation(const Exchange& ex) const;
  // The 404 page of the address's edition, when this generation has one rendered.
  bool answer_not_found_from_memory(const Exchange& ex, uint64_t generation, Response& res);
  bool no_page_answers(const Exchange& ex) const;
  bool may_be_old_address(const Exchange& ex) const;
  // Renders the answer from `db` and caches it under `generation` when it is
  // worth it (0: not cached).
  void render_and_store(const Exchange& ex, Db& db, bool current, uint64_t generation, Response& res);
  void render(const Exchange& ex, Db& db, bool current, Response& res, uint64_t shared_generation);
  // Cache-Control (no-store unless said otherwise here), ETag and Last-Modified.
  void set_cache_headers(const Exchange& ex, Response& res) const;
  // /healthz (for load balancers) and /metrics (for the operator's
  // Prometheus, from cfg.metrics_allow's addresses only), from memory. False
  // for any other request.
  bool answer_internal(const Exchange& ex, Response& res);
  void answer_health(Response& res);
  // The cache of `ex`'s answer: the search results' own for a search, else the page cache (or nullptr).
  PageCache* cache_for(const Exchange& ex) const;
  // A search from an address past cfg.search_per_minute: 429 at once, without the database.
  bool refuse_search_past_rate(const Exchange& ex, Response& res);
  // While this process sees a flood of failed logins, refuses one from a
  // browser without the user's device cookie (429), without a password check.
  bool refuse_login_in_flood(const Exchange& ex, Response& res);
  // Counts a login answered with a wrong password or a refusal.
  void note_login_outcome(const Exchange& ex, const Response& res);
  // Logs `what` (at a bounded rate) and answers the 503 page instead of what was built.
  void answer_unavailable(const Exchange& ex, const char* what, Response& res);
  // The 503 page; an editor's form comes back with its text (render_unsaved).
  void answer_503(const Exchange& ex, Response& res);
  void log_error(const Request& req, const char* what);

  const Config& cfg_;
  std::mutex editions_mutex_;
  std::shared_ptr<const std::vector<Edition>> editions_;  // read with std::atomic_load
  std::mutex catalogue_mutex_;
  std::shared_ptr<const SiteCatalogue> catalogue_;
  uint64_t catalogue_generation_ = 0;
  std::mutex key_mutex_;
  std::shared_ptr<const SigningKey> key_;  // read with std::atomic_load
  DbServers* servers_ = nullptr;
  PoolMetrics* metrics_ = nullptr;
  std::vector<IpAddress> metrics_allow_;
  const ContentClock* clock_ = nullptr;
  std::unique_ptr<PageCache> cache_;
  std::unique_ptr<FragmentCache> fragments_;
  std::unique_ptr<PageCache> search_cache_;
  std::unique_ptr<OldAddresses> old_addresses_;
  uint64_t old_addresses_generation_ = 0;  // the poller's thread only
  AddressRate search_rate_{cfg_.search_per_minute, std::max(5, cfg_.search_per_minute / 2)};
  RateLimitedLog log_{10, 20};
  FloodWatch login_floods_;
  std::once_flag flood_refusal_made_;
  Response flood_refusal_;
};
