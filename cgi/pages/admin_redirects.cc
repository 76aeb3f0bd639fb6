// Redirects (editors): the old addresses an import brought, and those added
// by hand (a campaign's short address, a renamed section): search, add, remove.
#include "context.h"
#include "db/content.h"
#include "db/imports.h"
#include "http/old_address.h"
#include "http/url.h"
#include "pages/admin.h"
#include "util/text.h"
#include "view/admin_view.h"

namespace {

constexpr int kRedirectsPerPage = 50;

// The key of what an editor typed as an old address, or nullopt.
std::optional<std::string> typed_old_address(const std::string& typed) {
  std::string t = trimmed(typed);
  if (t.empty()) return std::nullopt;
  return t[0] == '/' ? old_address_key_of_url("http://site" + t) : old_address_key_of_url(t);
}

// A path of this site an editor typed (or a full address of it), or "".
std::string typed_target(const Context& ctx, const std::string& typed) {
  std::string t = trimmed(typed);
  const std::string& site = ctx.cfg.site_url;
  if (!site.empty() && t.compare(0, site.size(), site) == 0) t = t.substr(site.size());
  if (t.empty() || t[0] != '/' || t.rfind("//", 0) == 0 || t.size() > kMaxOldAddressBytes) return "";
  for (unsigned char c : t)
    if (c < 0x21 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') return "";
  return t;
}

void render_list(Context& ctx, const std::string& q, const std::vector<std::string>& errors, const std::string& new_old,
                 const std::string& new_target, int status) {
  std::string prefix = q.empty() ? "" : typed_old_address(q).value_or(q);
  if (!q.empty() && trimmed(q).back() == '/' && prefix.size() > 1) prefix += '/';  // "/2019/" lists what is under it
  std::vector<Redirect> found = find_redirects(ctx.db, prefix, ctx.req.param("after"), kRedirectsPerPage + 1);
  bool more = found.size() > kRedirectsPerPage;
  if (more) found.pop_back();
  AdminView view(ctx, "Redirects", "admin/redirects.tpl");
  fill_redirects(view.content(), {q, found, more, errors, new_old, new_target});
  view.render(ctx.res, status);
}

}  // namespace

void admin_redirects(Context& ctx, const RouteParams&) {
  render_list(ctx, utf8_truncate(trimmed(ctx.req.param("q")), kMaxOldAddressBytes), {}, "", "", 200);
}

void admin_redirect_add(Context& ctx, const RouteParams&) {
  std::string old_typed = ctx.req.field("old"), target_typed = ctx.req.field("target");
  std::vector<std::string> errors;
  std::optional<std::string> old = typed_old_address(old_typed);
  std::string target = typed_target(ctx, target_typed);
  if (!old) errors.push_back("The old address is not an address (a path such as /2019/05/old-story/, or a full one).");
  if (old && old->size() > 1) {
    std::string first = old->substr(1, old->find_first_of("/?", 1) - 1);
    if (ctx.find_edition(first) || first == "admin" || first == "media" || first == "static")
      errors.push_back("That address is one of this site's own: a redirect there would never be asked for.");
  }
  if (old && *old == "/") errors.push_back("The front door cannot be redirected.");
  if (target.empty()) errors.push_back("Leads to: an address of this site, starting with /.");
  if (!errors.empty()) return render_list(ctx, "", errors, old_typed, target_typed, 422);
  publish_change(ctx, [&] {
    put_redirect(ctx.db, *old, target, "manual", ctx.now);
    bump_redirects_version(ctx.db);
    return Audited{"redirect_add", "redirect " + *old, "to " + target};
  });
  ctx.res.redirect(303, "/admin/redirects?done=redirect&q=" + url_escape(*old));
}

void admin_redirect_delete(Context& ctx, const RouteParams&) {
  std::string old = ctx.req.field("old");
  bool removed = false;
  publish_change(ctx, [&]() -> std::optional<Audited> {
    std::optional<std::string> target = redirect_target(ctx.db, old);
    if (!target || !delete_redirect(ctx.db, old)) return std::nullopt;
    removed = true;
    bump_redirects_version(ctx.db);
    return Audited{"redirect_delete", "redirect " + old, "to " + *target};
  });
  if (!removed) throw HttpError{404, nullptr, "There is no such redirect."};
  ctx.res.redirect(303, "/admin/redirects?done=redirect_deleted");
}
