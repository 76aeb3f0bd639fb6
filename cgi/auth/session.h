// Admin sessions. They live in MariaDB, so any worker on any host can serve
// them: a random 256-bit token in an HttpOnly, SameSite=Strict cookie with
// Path=/admin (Secure over HTTPS); the database keeps only its hash.
#pragma once
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "db/db.h"
#include "http/request.h"
#include "http/response.h"
#include "util/config.h"
#include "util/signing.h"

struct User;

// A logged-in editor or admin.
struct Session {
  int64_t user_id = 0;
  std::string user_name;
  std::string role;  // "admin" or "editor"
  std::string csrf_token;
  std::string token_hash;
  bool is_admin() const { return role == "admin"; }
};

// The parts of one request that sessions and their cookies read and answer with
// (a page's Context makes one: Context::session_scope()).
struct SessionScope {
  const Request& req;
  Response& res;
  const Config& cfg;
  Db& db;
  const SigningKey& key;
  std::time_t now;
};

constexpr const char* kSessionCookie = "nl_session";
constexpr const char* kLoginCsrfCookie = "nl_login";
// Set for the whole site while logged in. It grants nothing but fresh pages:
// public pages skip the caches for it. Its value is signed ("<expires>.<user
// id>.<MAC>") and checked without a database read, so only a logged-in
// editor's browser has one; any other value is ignored.
constexpr const char* kEditorCookie = "nl_editor";

// Set at every login, for the login form only: this browser has logged in as
// this user before. While a worker sees a flood of failed logins (see
// auth/flood_watch.h), only logins that carry it are checked. Signed
// ("<expires>.<user name>.<MAC>"), for a year.
constexpr const char* kDeviceCookie = "nl_device";
std::string device_cookie_value(const SigningKey& key, const std::string& user_name, std::time_t expires);
// True when `value` is a device cookie this site signed for `user_name` that has not expired.
bool device_cookie_valid(const SigningKey& key, std::string_view value, const std::string& user_name, std::time_t now);
// Sets the device cookie for `user_name` on this response.
void set_device_cookie(SessionScope ctx, const std::string& user_name);

// The editor cookie's value for `user_id`, good until `expires`.
std::string editor_cookie_value(const SigningKey& key, int64_t user_id, std::time_t expires);
// True when `value` is an editor cookie this site signed that has not expired.
bool editor_cookie_valid(const SigningKey& key, std::string_view value, std::time_t now);

// The session named by the request's cookie, if it exists and has not expired
// (idle or absolute timeout; an expired one is deleted). Refreshes last-seen.
std::optional<Session> current_session(SessionScope ctx);

// Starts a new session for `user` (a new token at every login) and sets its cookie.
Session start_session(SessionScope ctx, const User& user);

// Deletes the session on the server and expires its cookie.
void end_session(SessionScope ctx, const Session& session);

// The CSRF token of the login form, kept in a short-lived cookie (double
// submit: there is no session yet). The token is signed and expires, so a
// script cannot make up a pair of its own. Sets the cookie when there is none.
std::string login_csrf_token(SessionScope ctx);
// True when the login form's field equals its cookie and both are a token this
// site signed that has not expired.
bool login_form_token_valid(SessionScope ctx);

// A Set-Cookie value for `name`, scoped to `path`; max_age 0 deletes it.
std::string cookie_value(SessionScope ctx, const std::string& name, const std::string& value, const std::string& path,
                         long max_age);
