// Logging in and out, and changing one's own password.
#include "auth/crypto.h"
#include "auth/session.h"
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
  fill_login(view.content(), login_csrf_token(ctx), name, safe_next(next), error);
  view.render(ctx.res, status);
}

bool throttled(Context& ctx, const std::string& name) {
  std::time_t since = ctx.now - ctx.cfg.login_window_minutes * 60L;
  return count_login_failures_for_user(ctx.db, name, since) >= ctx.cfg.login_max_failures ||
         count_login_failures_from(ctx.db, ctx.req.remote_addr, since) >= ctx.cfg.login_max_failures;
}

}  // namespace

void admin_login_form(Context& ctx, const RouteParams&) {
  if (current_session(ctx)) {
    ctx.res.redirect(303, safe_next(ctx.req.param("next")));
    return;
  }
  render_login(ctx, 200, "", "");
}

void admin_login(Context& ctx, const RouteParams&) {
  std::string name = utf8_truncate(ctx.req.field("name"), 64);
  const std::string& password = ctx.req.field("password");
  if (throttled(ctx, name)) {
    audit(ctx, "login_refused", "user " + name, "too many failures", name);
    ctx.res.set_header("Retry-After", std::to_string(ctx.cfg.login_window_minutes * 60));
    throw HttpError{429, nullptr,
                    "Too many failed logins for this account or from your address. Try again in " +
                        std::to_string(ctx.cfg.login_window_minutes) + " minutes."};
  }
  std::optional<User> user = find_user_by_name(ctx.db, name);
  // An unknown name costs one password verification too: same answer, same time.
  bool ok = user && !user->disabled ? verify_password(user->password_hash, password)
                                    : verify_password_of_nobody(password);
  if (!ok) {
    record_login_failure(ctx.db, name, ctx.req.remote_addr, ctx.now);
    audit(ctx, "login_failed", "user " + name, "", name);
    render_login(ctx, 401, name, "Wrong name or password.");
    return;
  }
  ctx.session = start_session(ctx, *user);
  forget_login_failures_before(ctx.db, ctx.now - ctx.cfg.login_window_minutes * 60L);
  audit(ctx, "login", "user " + std::to_string(user->id));
  ctx.res.add_header("Set-Cookie", cookie_value(ctx, kLoginCsrfCookie, "", "/admin/login", 0));
  ctx.res.redirect(303, safe_next(ctx.req.field("next")));
}

void admin_logout(Context& ctx, const RouteParams&) {
  audit(ctx, "logout", "user " + std::to_string(ctx.session->user_id));
  end_session(ctx, *ctx.session);
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
  std::optional<User> me = find_user(ctx.db, ctx.session->user_id);
  const std::string& password = ctx.req.field("password");
  if (!me || !verify_password(me->password_hash, ctx.req.field("current")))
    errors.push_back("The current password is not right.");
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
