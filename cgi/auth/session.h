// Admin sessions. They live in MariaDB, so any worker on any host can serve
// them: a random 256-bit token in an HttpOnly, SameSite=Strict cookie with
// Path=/admin (Secure over HTTPS); the database keeps only its hash.
#pragma once
#include <optional>
#include <string>

#include "context.h"

struct User;

constexpr const char* kSessionCookie = "nl_session";
constexpr const char* kLoginCsrfCookie = "nl_login";
// Set for the whole site while logged in. It grants nothing; it only makes
// public pages skip the caches, so editors always see fresh pages.
constexpr const char* kEditorCookie = "nl_editor";

// The session named by the request's cookie, if it exists and has not expired
// (idle or absolute timeout; an expired one is deleted). Refreshes last-seen.
std::optional<Session> current_session(Context& ctx);

// Starts a new session for `user` (a new token at every login) and sets its cookie.
Session start_session(Context& ctx, const User& user);

// Deletes the session on the server and expires its cookie.
void end_session(Context& ctx, const Session& session);

// The CSRF token of the login form, kept in a short-lived cookie (double
// submit: there is no session yet). Sets the cookie when there is none.
std::string login_csrf_token(Context& ctx);

// A Set-Cookie value for `name`, scoped to `path`; max_age 0 deletes it.
std::string cookie_value(const Context& ctx, const std::string& name, const std::string& value,
                         const std::string& path, long max_age);
