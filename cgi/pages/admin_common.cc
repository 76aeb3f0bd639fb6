// Shared pieces of the admin pages: error pages, audit rows, the edition a page is about.
#include <map>

#include "context.h"
#include "db/audit.h"
#include "http/response.h"
#include "pages/admin.h"
#include "view/admin_view.h"

void admin_error_page(Context& ctx, int status, const std::string& message) {
  static const std::map<int, std::pair<const char*, const char*>> texts = {
      {400, {"Bad request", "This request cannot be answered as it is."}},
      {403, {"Not allowed", "You may not do this."}},
      {404, {"Not found", "There is nothing at this address."}},
      {405, {"Method not allowed", "This address does not take that kind of request."}},
      {409, {"Conflict", "This cannot be done in the current state."}},
      {429, {"Too many attempts", "Please wait before trying again."}},
  };
  auto it = texts.find(status);
  std::string heading = it != texts.end() ? it->second.first : status_text(status);
  std::string text = !message.empty() ? message : it != texts.end() ? it->second.second : "";
  AdminView view(ctx, heading, "admin/message.tpl");
  fill_message(view.content(), heading, text);
  view.render(ctx.res, status);
}

void audit(Context& ctx, const std::string& action, const std::string& target, const std::string& details,
           const std::string& user_name) {
  int64_t user_id = ctx.session ? ctx.session->user_id : 0;
  const std::string& name = ctx.session ? ctx.session->user_name : user_name;
  write_audit(ctx.db, ctx.now, user_id, name, ctx.req.remote_addr, action, target, details);
}

const Edition& chosen_edition(Context& ctx, const std::string& code) {
  if (code.empty()) return ctx.default_edition();
  const Edition* e = ctx.find_edition(code);
  if (!e) throw HttpError{400, nullptr, "There is no such edition."};
  return *e;
}
