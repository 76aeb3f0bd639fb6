#include "auth/session.h"

#include "auth/crypto.h"
#include "db/users.h"

namespace {

// last_seen_at is written at most once a minute, not on every click.
constexpr std::time_t kTouchInterval = 60;

}  // namespace

std::string cookie_value(const Context& ctx, const std::string& name, const std::string& value,
                         const std::string& path, long max_age) {
  std::string c = name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  if (ctx.req.https) c += "; Secure";
  return c;
}

std::optional<Session> current_session(Context& ctx) {
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
  if (ctx.now - row->last_seen_at >= kTouchInterval) touch_session(ctx.db, hash, ctx.now);
  return Session{row->user_id, row->user_name, row->role, row->csrf_token, hash};
}

Session start_session(Context& ctx, const User& user) {
  std::string token = random_token();
  Session s{user.id, user.name, user.role, random_token(), token_hash(token)};
  delete_expired_sessions(ctx.db, ctx.now - ctx.cfg.session_idle_minutes * 60L,
                          ctx.now - ctx.cfg.session_absolute_hours * 3600L);
  insert_session(ctx.db, s.token_hash, user.id, s.csrf_token, ctx.now, ctx.req.remote_addr);
  ctx.res.add_header("Set-Cookie", cookie_value(ctx, kSessionCookie, token, "/admin",
                                                ctx.cfg.session_absolute_hours * 3600L));
  ctx.res.add_header("Set-Cookie", cookie_value(ctx, kEditorCookie, "1", "/", ctx.cfg.session_absolute_hours * 3600L));
  return s;
}

void end_session(Context& ctx, const Session& session) {
  delete_session(ctx.db, session.token_hash);
  ctx.res.add_header("Set-Cookie", cookie_value(ctx, kSessionCookie, "", "/admin", 0));
  ctx.res.add_header("Set-Cookie", cookie_value(ctx, kEditorCookie, "", "/", 0));
}

std::string login_csrf_token(Context& ctx) {
  const std::string& existing = ctx.req.cookie(kLoginCsrfCookie);
  if (existing.size() == 43) return existing;
  std::string token = random_token();
  ctx.res.add_header("Set-Cookie", cookie_value(ctx, kLoginCsrfCookie, token, "/admin/login", 3600));
  return token;
}
