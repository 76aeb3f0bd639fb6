// Logging in and out, and changing one's own password.
#include "auth/crypto.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "context.h"
#include "db/users.h"
#include "pages/admin.h"
#include "util/text.h"
#include "view/admin_view.h"

namespace {

// Where to go after login: only a path inside the admin area, never elsewhere.
std::string safe_next(const std::string& next) {
  bool ok = next.rfind("/admin", 0) == 0 && next.find("//") == std::string::npos &&
            next.find('\\') == std::string::npos && next.rfind("/admin/login", 0) != 0 && next.size() < 1024;
  return ok ? next : "/admin/articles";
}

void render_login(Context& ctx, int status, const std::string& name, const std::string& error) {
  AdminView view(ctx, "Log in", "admin/login.tpl");
  const std::string& next = ctx.req.method == "POST" ? ctx.req.field("next") : ctx.req.param("next");
  fill_login(view.content(), login_csrf_token(ctx.session_scope()), name, safe_next(next), error);
  view.render(ctx.res, status);
}

// Refuses a password check the throttle does not grant: 429 with Retry-After.
// The first refusal of a window is audited, not every one (a flood would
// write thousands of rows a second).
void refuse_if_throttled(Context& ctx, const std::string& account, const char* audit_action) {
  LoginTurn turn = take_login_turn(ctx.db, ctx.cfg, account, ctx.req.remote_addr);
  if (turn.granted) return;
  if (turn.first_refusal) audit(ctx, audit_action, "user " + account, "too many failures; waits grow", account);
  ctx.res.set_header("Retry-After", std::to_string(turn.retry_after));
  throw HttpError{429, nullptr,
                  "Too many failed tries for this account from your address. Try again in " +
                      std::to_string(turn.retry_after) + " seconds."};
}

// A correct password made with older hashing limits is hashed again with today's.
void rehash_if_needed(Context& ctx, const User& user, const std::string& password) {
  if (needs_rehash(user.password_hash)) update_user_password(ctx.db, user.id, hash_password(password), ctx.now);
}

}  // namespace

void admin_login_form(Context& ctx, const RouteParams&) {
  if (current_session(ctx.session_scope())) {
    ctx.res.redirect(303, safe_next(ctx.req.param("next")));
    return;
  }
  render_login(ctx, 200, "", "");
}

void admin_login(Context& ctx, const RouteParams&) {
  std::string name = utf8_truncate(ctx.req.field("name"), 64);
  const std::string& password = ctx.req.field("password");
  refuse_if_throttled(ctx, name, "login_refused");
  std::optional<User> user = find_user_by_name(ctx.db, name);
  // An unknown name costs one password verification too: same answer, same time.
  bool ok =
      user && !user->disabled ? verify_password(user->password_hash, password) : verify_password_of_nobody(password);
  if (!ok) {
    audit(ctx, "login_failed", "user " + name, "", name);
    render_login(ctx, 401, name, "Wrong name or password.");
    return;
  }
  login_succeeded(ctx.db, name, ctx.req.remote_addr);
  rehash_if_needed(ctx, *user, password);
  ctx.session = start_session(ctx.session_scope(), *user);
  audit(ctx, "login", "user " + std::to_string(user->id));
  ctx.res.add_header("Set-Cookie", cookie_value(ctx.session_scope(), kLoginCsrfCookie, "", "/admin/login", 0));
  set_device_cookie(ctx.session_scope(), user->name);
  ctx.res.redirect(303, safe_next(ctx.req.field("next")));
}

void admin_logout(Context& ctx, const RouteParams&) {
  audit(ctx, "logout", "user " + std::to_string(ctx.session->user_id));
  end_session(ctx.session_scope(), *ctx.session);
  ctx.res.redirect(303, "/admin/login");
}

void admin_home(Context& ctx, const RouteParams&) { ctx.res.redirect(303, "/admin/articles"); }

void admin_password_form(Context& ctx, const RouteParams&) {
  AdminView view(ctx, "Password", "admin/password.tpl");
  fill_password(view.content(), {});
  view.render(ctx.res);
}

void admin_change_password(Context& ctx, const RouteParams&) {
  std::vector<std::string> errors;
  const std::string& password = ctx.req.field("password");
  // Checking the current password is a login of its own: throttled and audited the same way.
  refuse_if_throttled(ctx, ctx.session->user_name, "password_check_refused");
  std::optional<User> me = find_user(ctx.db, ctx.session->user_id);
  if (!me || !verify_password(me->password_hash, ctx.req.field("current"))) {
    audit(ctx, "password_check_failed", "user " + std::to_string(ctx.session->user_id));
    errors.push_back("The current password is not right.");
  } else {
    login_succeeded(ctx.db, me->name, ctx.req.remote_addr);
  }
  if (auto problem = password_problem(password)) errors.push_back(*problem);
  if (password != ctx.req.field("confirm")) errors.push_back("The two new passwords differ.");
  if (!errors.empty()) {
    AdminView view(ctx, "Password", "admin/password.tpl");
    fill_password(view.content(), errors);
    view.render(ctx.res, 422);
    return;
  }
  update_user_password(ctx.db, me->id, hash_password(password), ctx.now);
  delete_user_sessions(ctx.db, me->id, ctx.session->token_hash);  // other sessions end
  audit(ctx, "password_change", "user " + std::to_string(me->id));
  ctx.res.redirect(303, "/admin/password?done=password");
}
