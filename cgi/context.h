// Everything one request may use, passed explicitly: no global mutable state.
#pragma once
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "auth/session.h"
#include "cache/fragment_cache.h"
#include "db/content.h"
#include "db/db.h"
#include "http/request.h"
#include "http/response.h"
#include "util/config.h"
#include "util/signing.h"

struct Context {
  const Request& req;
  Response& res;
  const Config& cfg;
  Db& db;
  const std::vector<Edition>& editions;
  const SiteCatalogue& catalogue;    // categories, footer pages and breaking stories of the current content
  const SigningKey& key;             // signs editor cookies, login form tokens and cursors
  std::time_t now;                   // one clock reading per request: every query sees the same "now"
  std::optional<Session> session;    // set by dispatch() for routes that need a login
  const Edition* edition = nullptr;  // set by dispatch() for "/{edition}/..." routes: the edition of the address
  // Rendered fragments of the current content, on shared pages only (see App::answer):
  // nullptr for editors, who always get fresh pages, and when the cache is off.
  FragmentCache* fragments = nullptr;
  uint64_t generation = 0;  // the ContentClock generation read before this request's queries

  // What the session functions (auth/session.h) read and answer with.
  SessionScope session_scope() { return {req, res, cfg, db, key, now}; }

  // The edition with this code, or nullptr.
  const Edition* find_edition(const std::string& code) const { return ::find_edition(editions, code); }
  // The configured default edition (or the first one).
  const Edition& default_edition() const { return ::default_edition(editions, cfg.default_edition); }
};

// Thrown by a handler to answer with an error page in the site layout
// (404 for an unknown article, category or edition). `edition` picks the
// language of the page (in the site layout, with its sidebars); nullptr means the default edition.
struct HttpError {
  int status;
  const Edition* edition = nullptr;
  std::string message = "";  // shown on admin error pages
};
