#include "auth/session.h"

#include "auth/crypto.h"
#include "db/users.h"
#include "util/parse.h"
#include "util/signing.h"

namespace {

// last_seen_at is written at most once a minute, not on every click.
constexpr std::time_t kTouchInterval = 60;
constexpr std::time_t kLoginFormLifetime = 3600;

// A signed value "<expires>.<payload>.<MAC of both>", valid until `expires`.
std::string sign_until(const SigningKey& key, Signed purpose, std::time_t expires, const std::string& payload) {
  std::string message = std::to_string(static_cast<int64_t>(expires)) + "." + payload;
  return message + "." + key.mac(purpose, message);
}

bool signed_and_current(const SigningKey& key, Signed purpose, std::string_view value, std::time_t now) {
  size_t first_dot = value.find('.'), last_dot = value.rfind('.');
  if (first_dot == last_dot || value.size() > 200) return false;
  auto expires = parse_number(value.substr(0, first_dot), 1, INT64_MAX);
  if (!expires || *expires <= now) return false;
  return key.verify(purpose, value.substr(0, last_dot), value.substr(last_dot + 1));
}

void set_editor_cookie(SessionScope ctx, int64_t user_id) {
  long lifetime = ctx.cfg.session_idle_minutes * 60L;
  ctx.res.add_header(
      "Set-Cookie",
      cookie_value(ctx, kEditorCookie, editor_cookie_value(ctx.key, user_id, ctx.now + lifetime), "/", lifetime));
}

}  // namespace

std::string editor_cookie_value(const SigningKey& key, int64_t user_id, std::time_t expires) {
  return sign_until(key, Signed::editor_cookie, expires, std::to_string(user_id));
}

bool editor_cookie_valid(const SigningKey& key, std::string_view value, std::time_t now) {
  return signed_and_current(key, Signed::editor_cookie, value, now);
}

std::string device_cookie_value(const SigningKey& key, const std::string& user_name, std::time_t expires) {
  return sign_until(key, Signed::device, expires, user_name);
}

bool device_cookie_valid(const SigningKey& key, std::string_view value, const std::string& user_name, std::time_t now) {
  size_t first_dot = value.find('.'), last_dot = value.rfind('.');
  return first_dot != last_dot && value.substr(first_dot + 1, last_dot - first_dot - 1) == user_name &&
         signed_and_current(key, Signed::device, value, now);
}

void set_device_cookie(SessionScope ctx, const std::string& user_name) {
  constexpr long kYear = 365 * 86400L;
  ctx.res.add_header("Set-Cookie",
                     cookie_value(ctx, kDeviceCookie, device_cookie_value(ctx.key, user_name, ctx.now + kYear),
                                  "/admin/login", kYear));
}

std::string cookie_value(SessionScope ctx, const std::string& name, const std::string& value, const std::string& path,
                         long max_age) {
  std::string c = name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  if (ctx.req.https) c += "; Secure";
  return c;
}

std::optional<Session> current_session(SessionScope ctx) {
  const std::string& token = ctx.req.cookie(kSessionCookie);
  if (token.size() != 43) return std::nullopt;
  std::string hash = token_hash(token);
  std::optional<SessionRow> row = find_session(ctx.db, hash);
  if (!row) return std::nullopt;
  bool idle = ctx.now - row->last_seen_at > ctx.cfg.session_idle_minutes * 60L;
  bool too_old = ctx.now - row->created_at > ctx.cfg.session_absolute_hours * 3600L;
  if (idle || too_old) {
    delete_session(ctx.db, hash);
    return std::nullopt;
  }
  if (ctx.now - row->last_seen_at >= kTouchInterval) {
    touch_session(ctx.db, hash, ctx.now);
    set_editor_cookie(ctx, row->user_id);  // lasts as long as the session may sit idle
  }
  return Session{row->user_id, row->user_name, row->role, row->csrf_token, hash};
}

Session start_session(SessionScope ctx, const User& user) {
  std::string token = random_token();
  Session s{user.id, user.name, user.role, random_token(), token_hash(token)};
  insert_session(ctx.db, s.token_hash, user.id, s.csrf_token, ctx.now, ctx.req.remote_addr);
  ctx.res.add_header("Set-Cookie",
                     cookie_value(ctx, kSessionCookie, token, "/admin", ctx.cfg.session_absolute_hours * 3600L));
  set_editor_cookie(ctx, user.id);
  return s;
}

void end_session(SessionScope ctx, const Session& session) {
  delete_session(ctx.db, session.token_hash);
  ctx.res.add_header("Set-Cookie", cookie_value(ctx, kSessionCookie, "", "/admin", 0));
  ctx.res.add_header("Set-Cookie", cookie_value(ctx, kEditorCookie, "", "/", 0));
}

std::string login_csrf_token(SessionScope ctx) {
  const std::string& existing = ctx.req.cookie(kLoginCsrfCookie);
  // Reused while it has more than half its life left, so an open form stays good.
  if (signed_and_current(ctx.key, Signed::login_form, existing, ctx.now + kLoginFormLifetime / 2)) return existing;
  std::string token = sign_until(ctx.key, Signed::login_form, ctx.now + kLoginFormLifetime, random_token());
  ctx.res.add_header("Set-Cookie", cookie_value(ctx, kLoginCsrfCookie, token, "/admin/login", kLoginFormLifetime));
  return token;
}

bool login_form_token_valid(SessionScope ctx) {
  const std::string& cookie = ctx.req.cookie(kLoginCsrfCookie);
  return same_token(ctx.req.field("csrf"), cookie) && signed_and_current(ctx.key, Signed::login_form, cookie, ctx.now);
}
