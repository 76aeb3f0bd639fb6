// Users (admins only): add, change role, disable or enable, reset another
// user's password. A reset or a disable ends the user's sessions; the last
// active admin cannot be demoted or disabled.
#include "auth/crypto.h"
#include "context.h"
#include "db/users.h"
#include "pages/admin.h"
#include "util/text.h"
#include "view/admin_view.h"

namespace {

void render_list(Context& ctx, const std::vector<std::string>& errors, int status) {
  AdminView view(ctx, "Users", "admin/user_list.tpl");
  fill_user_list(view.content(), list_users(ctx.db), ctx.session->user_id, errors);
  view.render(ctx.res, status);
}

bool valid_user_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
      return false;
  return true;
}

}  // namespace

void admin_user_list(Context& ctx, const RouteParams&) { render_list(ctx, {}, 200); }

void admin_user_create(Context& ctx, const RouteParams&) {
  std::vector<std::string> errors;
  const std::string& name = ctx.req.field("name");
  const std::string& role = ctx.req.field("role");
  const std::string& password = ctx.req.field("password");
  if (!valid_user_name(name)) errors.push_back("A user name has 1 to 64 letters, digits, '.', '_' or '-'.");
  if (role != "admin" && role != "editor") errors.push_back("Choose a role.");
  if (auto problem = password_problem(password)) errors.push_back(*problem);
  if (errors.empty() && find_user_by_name(ctx.db, name)) errors.push_back("There is already a user '" + name + "'.");
  if (!errors.empty()) {
    render_list(ctx, errors, 422);
    return;
  }
  int64_t id = insert_user(ctx.db, name, hash_password(password), role, ctx.now);
  audit(ctx, "user_create", "user " + std::to_string(id), name + " (" + role + ")");
  ctx.res.redirect(303, "/admin/users?done=user");
}

void admin_user_update(Context& ctx, const RouteParams& p) {
  std::optional<User> user = find_user(ctx.db, p[0].id);
  if (!user) throw HttpError{404};
  const std::string& action = ctx.req.field("action");
  std::string target = "user " + std::to_string(user->id);
  bool loses_admin = (action == "role" && ctx.req.field("role") != "admin") || action == "disable";
  if (user->role == "admin" && loses_admin && count_other_active_admins(ctx.db, user->id) == 0) {
    render_list(ctx, {"'" + user->name + "' is the last active admin."}, 422);
    return;
  }
  if (action == "role") {
    const std::string& role = ctx.req.field("role");
    if (role != "admin" && role != "editor") throw HttpError{400};
    update_user_role(ctx.db, user->id, role, ctx.now);
    audit(ctx, "user_role", target, user->name + ": " + user->role + " -> " + role);
  } else if (action == "disable" || action == "enable") {
    update_user_disabled(ctx.db, user->id, action == "disable", ctx.now);
    if (action == "disable") delete_user_sessions(ctx.db, user->id, "");
    audit(ctx, "user_" + action, target, user->name);
  } else if (action == "reset_password") {
    // One's own password is changed on the password page, which asks for the
    // current one: a session left open must not be enough to take the account.
    if (user->id == ctx.session->user_id) {
      render_list(ctx, {"Change your own password on the Password page; it asks for the current one."}, 422);
      return;
    }
    const std::string& password = ctx.req.field("password");
    if (auto problem = password_problem(password)) {
      render_list(ctx, {*problem}, 422);
      return;
    }
    update_user_password(ctx.db, user->id, hash_password(password), ctx.now);
    delete_user_sessions(ctx.db, user->id, "");  // every session of theirs ends
    audit(ctx, "user_password_reset", target, user->name);
  } else {
    throw HttpError{400};
  }
  ctx.res.redirect(303, "/admin/users?done=user");
}
