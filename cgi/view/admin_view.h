// Admin pages: the admin layout (templates/admin/layout.tpl) around one content
// template, and one fill function per admin template. Like the public site, no
// HTML is built in C++ and every template auto-escapes.
#pragma once
#include <ctemplate/template.h>

#include <optional>
#include <string>
#include <vector>

#include "db/articles.h"
#include "db/audit.h"
#include "db/categories.h"
#include "db/imports.h"
#include "db/media.h"
#include "db/newsroom.h"
#include "db/users.h"

struct Context;
struct Response;
struct Edition;

class AdminView {
 public:
  // A page titled `title` whose main column is `content_template` (admin/...).
  AdminView(const Context& ctx, const std::string& title, const char* content_template);
  ctemplate::TemplateDictionary& content() { return *content_; }
  void render(Response& res, int status = 200);

 private:
  ctemplate::TemplateDictionary layout_;
  ctemplate::TemplateDictionary* content_;
};

// What an article form shows: the draft, its problems, the choices.
struct ArticleFormData {
  const ArticleDraft& draft;
  std::string related_text;  // as typed, or the stored ids
  std::string published_text;
  std::vector<std::string> errors;
  const std::vector<Edition>& editions;
  const std::vector<CategoryRow>& categories;
  const Photo* lead_photo = nullptr;  // the chosen lead photo, when it exists
  int max_upload_mb = 20;
  std::string breaking_text;  // as typed, or the stored time
};

// ERRORS/ERROR sections with TEXT, one per error (none: nothing).
void fill_errors(ctemplate::TemplateDictionary& d, const std::vector<std::string>& errors);
// One `section` per edition with VALUE, LABEL and SELECTED for `selected`.
void fill_edition_options(ctemplate::TemplateDictionary& d, const char* section, const std::vector<Edition>& editions,
                          const std::string& selected);

// The photo upload form (admin/photo_upload.tpl) included as `name` in `d`,
// with the words typed so far (after a refused upload).
struct UploadForm {
  std::string url, heading, button;
  std::string alt, caption, credit;
  int max_mb = 20;
};
void add_upload_form(ctemplate::TemplateDictionary& d, const char* name, const UploadForm& form);

void fill_login(ctemplate::TemplateDictionary& d, const std::string& csrf, const std::string& name,
                const std::string& next, const std::string& error);
void fill_article_list(ctemplate::TemplateDictionary& d, const std::vector<AdminListItem>& items,
                       const AdminListFilter& filter, const std::vector<Edition>& editions,
                       const std::vector<CategoryRow>& categories, const std::string& next_query,
                       const std::vector<std::string>& errors);
void fill_article_form(ctemplate::TemplateDictionary& d, const ArticleFormData& form);
void fill_conflict(ctemplate::TemplateDictionary& d, const ArticleDraft& theirs, const std::string& saved_by,
                   const ArticleFormData& yours);
void fill_delete_confirm(ctemplate::TemplateDictionary& d, const ArticleDraft& a);
void fill_revision_list(ctemplate::TemplateDictionary& d, const ArticleDraft& a, const std::vector<RevisionInfo>& revs);
void fill_revision_show(ctemplate::TemplateDictionary& d, const ArticleDraft& rev, const std::string& category_name);
void fill_category_list(ctemplate::TemplateDictionary& d, const std::vector<CategoryRow>& categories,
                        const std::vector<Edition>& editions, const std::vector<std::string>& errors);
void fill_user_list(ctemplate::TemplateDictionary& d, const std::vector<User>& users, int64_t current_user,
                    const std::vector<std::string>& errors);
void fill_password(ctemplate::TemplateDictionary& d, const std::vector<std::string>& errors);
void fill_audit(ctemplate::TemplateDictionary& d, const std::vector<AuditEntry>& entries, int64_t next_before);
void fill_message(ctemplate::TemplateDictionary& d, const std::string& heading, const std::string& text);

// The newsroom's pages and the photo library (fill_newsroom.cc).
// A slot of the front page: what the editor typed, and the article it names, if any.
struct FrontSlot {
  std::string typed;
  std::optional<ArticleDraft> article;
};
void fill_front(ctemplate::TemplateDictionary& d, const std::vector<Edition>& editions, const std::string& edition,
                const std::vector<std::string>& errors, const std::vector<FrontSlot>& slots);
void fill_tag_list(ctemplate::TemplateDictionary& d, const std::vector<Edition>& editions, const std::string& edition,
                   const std::vector<Tag>& tags);
// `edition`: the one whose address of an author's page is shown.
void fill_author_list(ctemplate::TemplateDictionary& d, const std::vector<Author>& authors, const std::string& edition);
void fill_author_form(ctemplate::TemplateDictionary& d, const Author& a, const std::string& photo_text,
                      const std::vector<std::string>& errors, const std::string& edition);
void fill_page_list(ctemplate::TemplateDictionary& d, const std::vector<SimplePage>& pages);
void fill_page_form(ctemplate::TemplateDictionary& d, const SimplePage& pg, const std::string& position_text,
                    const std::vector<std::string>& errors, const std::vector<Edition>& editions);
// A page of the photo library: the photo just uploaded (if any), the upload
// form, the search words and the photos, `more` when an older page exists.
struct MediaLibraryPage {
  std::optional<Photo> done;
  std::vector<std::string> errors;
  UploadForm upload;
  std::string words;
  std::vector<LibraryItem> items;
  bool more = false;
};
void fill_media_library(ctemplate::TemplateDictionary& d, const MediaLibraryPage& page);
void fill_photo_form(ctemplate::TemplateDictionary& d, const Photo& p, const std::vector<std::string>& errors);
struct RedirectsPage {
  std::string q;
  std::vector<Redirect> found;
  bool more = false;
  std::vector<std::string> errors;
  std::string new_old, new_target;  // the add form as sent (after a refusal)
};
void fill_redirects(ctemplate::TemplateDictionary& d, const RedirectsPage& page);
// 503 for an editor's form that met a database outage: a page of its own (no
// database) with every field sent, in a form that sends them again to `action`.
void render_unsaved(Response& res, const std::string& site_name, const std::string& action,
                    const std::vector<std::pair<std::string, std::string>>& fields);
