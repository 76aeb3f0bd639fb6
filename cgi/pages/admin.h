// The admin area under /admin, one file per page family. Access (login, role)
// and CSRF are checked by the router before any of these run; each comment
// says who may call it and what it answers.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "context.h"
#include "db/articles.h"
#include "db/content.h"
#include "db/db.h"
#include "http/router.h"

// admin_login.cc
void admin_login_form(Context& ctx, const RouteParams& p);  // anyone: 200 form; 303 when logged in
void admin_login(Context& ctx, const RouteParams& p);   // anyone + login CSRF: 303 on success, 401 wrong, 429 throttled
void admin_logout(Context& ctx, const RouteParams& p);  // editor: 303 to the login form
void admin_home(Context& ctx, const RouteParams& p);    // editor: 303 to the article list
void admin_password_form(Context& ctx, const RouteParams& p);    // editor: 200
void admin_change_password(Context& ctx, const RouteParams& p);  // editor: 303 done; 422 with the form on a bad input

// admin_articles.cc (editors and admins)
void admin_article_list(Context& ctx, const RouteParams& p);            // 200; 400 bad filter or cursor
void admin_article_new(Context& ctx, const RouteParams& p);             // 200 empty form
void admin_article_create(Context& ctx, const RouteParams& p);          // 303 to the edit form; 422 form with errors
void admin_article_edit(Context& ctx, const RouteParams& p);            // 200; 404
void admin_article_save(Context& ctx, const RouteParams& p);            // 303; 422 errors; 409 conflict page; 404
void admin_article_preview(Context& ctx, const RouteParams& p);         // 200 public templates; 404
void admin_article_delete_confirm(Context& ctx, const RouteParams& p);  // 200; 404
void admin_article_delete(Context& ctx, const RouteParams& p);          // 303; 404
void admin_revision_list(Context& ctx, const RouteParams& p);           // 200; 404
void admin_revision_show(Context& ctx, const RouteParams& p);           // 200; 404
void admin_revision_restore(Context& ctx, const RouteParams& p);        // 303; 409 conflict; 404

// admin_categories.cc (admins)
void admin_category_list(Context& ctx, const RouteParams& p);    // 200
void admin_category_create(Context& ctx, const RouteParams& p);  // 303; 422
void admin_category_update(Context& ctx, const RouteParams& p);  // 303; 422; 404
void admin_category_delete(Context& ctx, const RouteParams& p);  // 303; 409 not empty; 404

// admin_users.cc (admins)
void admin_user_list(Context& ctx, const RouteParams& p);    // 200
void admin_user_create(Context& ctx, const RouteParams& p);  // 303; 422
void admin_user_update(Context& ctx, const RouteParams& p);  // 303; 422; 404

// admin_audit.cc (admins)
void admin_audit_log(Context& ctx, const RouteParams& p);  // 200; 400 bad cursor

// admin_media.cc: the photo library (editors)
void admin_media_library(Context& ctx, const RouteParams& p);  // 200; 400 bad page
void admin_media_upload(Context& ctx, const RouteParams& p);   // 303; 422 refused upload (multipart, media lane)
void admin_media_edit(Context& ctx, const RouteParams& p);     // 200; 404
void admin_media_save(Context& ctx, const RouteParams& p);     // 303; 422; 404
// admin_articles.cc: upload a photo and make it the article's lead photo.
void admin_article_photo_upload(Context& ctx, const RouteParams& p);  // 303; 422 refused upload; 409; 404

void admin_article_correction(Context& ctx, const RouteParams& p);  // 303; 422 empty or too long; 404

// The newsroom's pages (editors), one file each: admin_front.cc (the front
// page's pinned stories), admin_tags.cc, admin_authors.cc, admin_pages.cc (simple pages).
void admin_front(Context& ctx, const RouteParams& p);            // 200; 400 unknown edition
void admin_front_save(Context& ctx, const RouteParams& p);       // 303; 422
void admin_redirects(Context& ctx, const RouteParams& p);        // 200
void admin_redirect_add(Context& ctx, const RouteParams& p);     // 303; 422
void admin_redirect_delete(Context& ctx, const RouteParams& p);  // 303; 404
void admin_tags(Context& ctx, const RouteParams& p);             // 200; 400
void admin_tag_save(Context& ctx, const RouteParams& p);         // 303; 422; 404
void admin_tag_delete(Context& ctx, const RouteParams& p);       // 303
void admin_authors(Context& ctx, const RouteParams& p);          // 200
void admin_author_edit(Context& ctx, const RouteParams& p);      // 200; 404
void admin_author_save(Context& ctx, const RouteParams& p);      // 303; 422; 404
void admin_pages(Context& ctx, const RouteParams& p);            // 200
void admin_page_new(Context& ctx, const RouteParams& p);         // 200
void admin_page_create(Context& ctx, const RouteParams& p);      // 303; 422
void admin_page_edit(Context& ctx, const RouteParams& p);        // 200; 404
void admin_page_save(Context& ctx, const RouteParams& p);        // 303; 422; 404
void admin_page_delete(Context& ctx, const RouteParams& p);      // 303; 404

// admin_common.cc: an error page in the admin layout (403, 404, 409, 429, ...).
void admin_error_page(Context& ctx, int status, const std::string& message);
// Writes an audit row for the logged-in user (or `user_name` when there is none).
void audit(Context& ctx, const std::string& action, const std::string& target, const std::string& details = "",
           const std::string& user_name = "");
// The edition named by ?edition= or a form field (`code`), else the default; 400 for an unknown one.
const Edition& chosen_edition(Context& ctx, const std::string& code);

// What a change did, in the audit log's words.
struct Audited {
  std::string action, target, details;
};

// The one way an admin handler changes what readers may see: `change`, the
// content version (so every worker's cached pages stop being true, and none
// sees the change before it is whole) and the audit row, in one transaction.
// `change` returns what it did, or nullopt to roll it all back (a conflict).
// `readers_see_it` false (a draft saved again): the caches are left alone.
// True when the change was written.
template <typename Change>
bool publish_change(Context& ctx, Change change, bool readers_see_it = true) {
  return with_transaction(ctx.db, [&] {
    std::optional<Audited> done = change();
    if (!done) return false;
    if (readers_see_it) bump_content_version(ctx.db, ctx.now);
    audit(ctx, done->action, done->target, done->details);
    return true;
  });
}

// The stored tags, authors, breaking time and translation of article `a`
// (load_article reads the article's own row).
void load_newsroom_fields(Db& db, ArticleDraft& a);

// The one way an article is written, by an editor or by a program (the
// importer): the article and what is kept with it (revision, tags, authors,
// translations, search entry, stored links, sitemap days) in one
// publish_change. `also` runs inside the same transaction, before the
// sitemap days are counted (the importer's record of what it wrote, the
// story's own time of change). False when someone saved the article meanwhile.
bool save_article(Context& ctx, ArticleDraft& a, const std::string& old_slug, const std::string& status_before,
                  const std::string& audit_action, const std::function<void()>& also = nullptr);
