// The route table, beside the handlers it names, and the checks every route's
// declaration asks for before its handler runs.
#include "pages/routes.h"

#include <optional>

#include "auth/crypto.h"
#include "auth/session.h"
#include "context.h"
#include "http/url.h"
#include "pages/admin.h"
#include "pages/pages.h"

const std::vector<Route>& routes() {
  constexpr Access E = Access::editor, A = Access::admin;
  constexpr Csrf S = Csrf::session;
  constexpr Lane Ed = Lane::editor, L = Lane::login, M = Lane::media;
  constexpr PageKind Ad = PageKind::admin, Lg = PageKind::login;
  static const std::vector<Route> table = {
      // The public site
      {"/", "GET HEAD", PageKind::home, site_root},
      {"/robots.txt", "GET HEAD", PageKind::crawler, site_robots},
      {"/sitemap.xml", "GET HEAD", PageKind::crawler, site_sitemap_index},
      {"/{edition}/sitemap/{file}", "GET HEAD", PageKind::crawler, site_edition_sitemap},
      {"/{edition}/", "GET HEAD", PageKind::home, site_home},
      {"/{edition}/news", "GET HEAD", PageKind::listing, site_all_news, Access::anyone, Csrf::none, "before"},
      {"/{edition}/news/{category}", "GET HEAD", PageKind::listing, site_category, Access::anyone, Csrf::none,
       "before"},
      {"/{edition}/news/{category}/{article}", "GET HEAD", PageKind::article, site_article},
      {"/{edition}/tag/{slug}", "GET HEAD", PageKind::listing, site_tag, Access::anyone, Csrf::none, "before"},
      {"/{edition}/author/{slug}", "GET HEAD", PageKind::listing, site_author, Access::anyone, Csrf::none, "before"},
      {"/{edition}/corrections", "GET HEAD", PageKind::listing, site_corrections, Access::anyone, Csrf::none, "before"},
      {"/{edition}/page/{slug}", "GET HEAD", PageKind::page, site_page},
      {"/{edition}/search", "GET HEAD", PageKind::search, site_search, Access::anyone, Csrf::none, "q after",
       Lane::search},
      {"/{edition}/feed", "GET HEAD", PageKind::feed, site_edition_feed},
      {"/{edition}/feed/{category}", "GET HEAD", PageKind::feed, site_category_feed},
      {"/{edition}/feed/tag/{slug}", "GET HEAD", PageKind::feed, site_tag_feed},
      // Photo variants this host has not made yet (nginx serves those it has)
      {"/media/{id}/{file}", "GET HEAD", PageKind::photo, site_photo_variant, Access::anyone, Csrf::none, "", M},
      // Login; the requests that hash a password take the login lane
      {"/admin/login", "GET HEAD", Ad, admin_login_form, Access::anyone, Csrf::none, "next", Ed},
      {"/admin/login", "POST", Lg, admin_login, Access::anyone, Csrf::login, "", L},
      {"/admin/logout", "POST", Ad, admin_logout, E, S, "", Ed},
      {"/admin", "GET HEAD", Ad, admin_home, E, Csrf::none, "", Ed},
      {"/admin/password", "GET HEAD", Ad, admin_password_form, E, Csrf::none, "done", Ed},
      {"/admin/password", "POST", Lg, admin_change_password, E, S, "", L},
      // Articles: editors and admins
      {"/admin/articles", "GET HEAD", Ad, admin_article_list, E, Csrf::none, "edition status category q before done",
       Ed},
      {"/admin/articles/new", "GET HEAD", Ad, admin_article_new, E, Csrf::none, "edition", Ed},
      {"/admin/articles/new", "POST", Ad, admin_article_create, E, S, "", Ed},
      {"/admin/articles/{id}", "GET HEAD", Ad, admin_article_edit, E, Csrf::none, "done", Ed},
      {"/admin/articles/{id}", "POST", Ad, admin_article_save, E, S, "", Ed},
      {"/admin/articles/{id}/preview", "GET HEAD", Ad, admin_article_preview, E, Csrf::none, "", Ed},
      {"/admin/articles/{id}/delete", "GET HEAD", Ad, admin_article_delete_confirm, E, Csrf::none, "", Ed},
      {"/admin/articles/{id}/delete", "POST", Ad, admin_article_delete, E, S, "", Ed},
      {"/admin/articles/{id}/revisions", "GET HEAD", Ad, admin_revision_list, E, Csrf::none, "", Ed},
      {"/admin/articles/{id}/revisions/{rev}", "GET HEAD", Ad, admin_revision_show, E, Csrf::none, "", Ed},
      {"/admin/articles/{id}/revisions/{rev}/restore", "POST", Ad, admin_revision_restore, E, S, "", Ed},
      // Photos: uploads take the media lane (libvips)
      {"/admin/media", "GET HEAD", Ad, admin_media_library, E, Csrf::none, "q before done", Ed},
      {"/admin/media", "POST", Ad, admin_media_upload, E, S, "", M},
      {"/admin/media/{id}", "GET HEAD", Ad, admin_media_edit, E, Csrf::none, "done", Ed},
      {"/admin/media/{id}", "POST", Ad, admin_media_save, E, S, "", Ed},
      {"/admin/articles/{id}/photo", "POST", Ad, admin_article_photo_upload, E, S, "", M},
      {"/admin/articles/{id}/corrections", "POST", Ad, admin_article_correction, E, S, "", Ed},
      // The newsroom: front page, tags, authors, simple pages
      {"/admin/front", "GET HEAD", Ad, admin_front, E, Csrf::none, "edition done", Ed},
      {"/admin/front", "POST", Ad, admin_front_save, E, S, "", Ed},
      {"/admin/redirects", "GET HEAD", Ad, admin_redirects, E, Csrf::none, "q after done", Ed},
      {"/admin/redirects", "POST", Ad, admin_redirect_add, E, S, "", Ed},
      {"/admin/redirects/delete", "POST", Ad, admin_redirect_delete, E, S, "", Ed},
      {"/admin/tags", "GET HEAD", Ad, admin_tags, E, Csrf::none, "edition done", Ed},
      {"/admin/tags/{id}", "POST", Ad, admin_tag_save, E, S, "", Ed},
      {"/admin/tags/{id}/delete", "POST", Ad, admin_tag_delete, E, S, "", Ed},
      {"/admin/authors", "GET HEAD", Ad, admin_authors, E, Csrf::none, "done", Ed},
      {"/admin/authors/{id}", "GET HEAD", Ad, admin_author_edit, E, Csrf::none, "done", Ed},
      {"/admin/authors/{id}", "POST", Ad, admin_author_save, E, S, "", Ed},
      {"/admin/pages", "GET HEAD", Ad, admin_pages, E, Csrf::none, "done", Ed},
      {"/admin/pages/new", "GET HEAD", Ad, admin_page_new, E, Csrf::none, "edition", Ed},
      {"/admin/pages/new", "POST", Ad, admin_page_create, E, S, "", Ed},
      {"/admin/pages/{id}", "GET HEAD", Ad, admin_page_edit, E, Csrf::none, "done", Ed},
      {"/admin/pages/{id}", "POST", Ad, admin_page_save, E, S, "", Ed},
      {"/admin/pages/{id}/delete", "POST", Ad, admin_page_delete, E, S, "", Ed},
      // Categories, users, audit: admins only
      {"/admin/categories", "GET HEAD", Ad, admin_category_list, A, Csrf::none, "done", Ed},
      {"/admin/categories", "POST", Ad, admin_category_create, A, S, "", Ed},
      {"/admin/categories/{id}", "POST", Ad, admin_category_update, A, S, "", Ed},
      {"/admin/categories/{id}/delete", "POST", Ad, admin_category_delete, A, S, "", Ed},
      {"/admin/users", "GET HEAD", Ad, admin_user_list, A, Csrf::none, "done", Ed},
      {"/admin/users", "POST", Lg, admin_user_create, A, S, "", L},
      {"/admin/users/{id}", "POST", Lg, admin_user_update, A, S, "", L},
      {"/admin/audit", "GET HEAD", Ad, admin_audit_log, A, Csrf::none, "before", Ed},
  };
  return table;
}

namespace {

// Login, role and CSRF checks of a route, before its handler runs.
// Returns false when the response (a redirect to the login form) is already set.
bool admit(Context& ctx, const Route& route) {
  std::optional<Session>& session = ctx.session;
  if (route.access != Access::anyone) {
    session = current_session(ctx.session_scope());
    if (!session) {
      if (ctx.req.method != "GET" && ctx.req.method != "HEAD")
        throw HttpError{403, nullptr, "Your session has ended. Log in again, then repeat what you did."};
      ctx.res.redirect(303, "/admin/login?next=" + url_escape(ctx.req.path + query_string(ctx.req.query)));
      return false;
    }
    if (route.access == Access::admin && !session->is_admin())
      throw HttpError{403, nullptr, "Only administrators may do this."};
  }
  bool token_valid =
      route.csrf == Csrf::none || (route.csrf == Csrf::session ? same_token(ctx.req.field("csrf"), session->csrf_token)
                                                               : login_form_token_valid(ctx.session_scope()));
  if (!token_valid)
    throw HttpError{403, nullptr,
                    "This form has expired or did not come from this site. Reload the page and try again."};
  return true;
}

}  // namespace

void dispatch(Context& ctx, const RouteMatch& m) {
  if (!m.route) throw HttpError{404};
  if (!m.method_allowed) {
    ctx.res.set_header("Allow", allowed_methods(routes(), ctx.req.segments, ctx.req.trailing_slash));
    throw HttpError{405};
  }
  // An unknown edition is a 404 at once, not a redirect to another unknown address.
  if (m.route->has_edition()) {
    ctx.edition = ctx.find_edition(m.params[0].text);
    if (!ctx.edition) throw HttpError{404};
  }
  if (m.slash_mismatch) {
    ctx.res.redirect(301, canonical_path(ctx.req.segments, !ctx.req.trailing_slash) + query_string(ctx.req.query));
    return;
  }
  if (admit(ctx, *m.route)) m.route->handler(ctx, m.params);
}
