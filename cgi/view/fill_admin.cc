// Fill functions of the admin templates, one per template.
#include <map>

#include "db/content.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/photo.h"
#include "view/urls.h"

using Dict = ctemplate::TemplateDictionary;

void fill_errors(Dict& d, const std::vector<std::string>& errors) {
  if (errors.empty()) return;
  auto* box = d.AddSectionDictionary("ERRORS");
  for (const std::string& e : errors) box->SetValueAndShowSection("TEXT", e, "ERROR");
}

void fill_edition_options(Dict& d, const char* section, const std::vector<Edition>& editions,
                          const std::string& selected) {
  for (const Edition& e : editions) {
    auto* o = d.AddSectionDictionary(section);
    o->SetValue("VALUE", e.code);
    o->SetValue("LABEL", e.name);
    if (e.code == selected) o->ShowSection("SELECTED");
  }
}

namespace {

std::string when(std::time_t t) { return t ? format_time_date(t) : ""; }

void fill_category_options(Dict& d, const std::vector<CategoryRow>& categories, int64_t selected) {
  for (const CategoryRow& c : categories) {
    auto* o = d.AddSectionDictionary("CATEGORY_OPTION");
    o->SetIntValue("VALUE", c.id);
    o->SetValue("LABEL", c.edition + " / " + c.name);
    if (c.id == selected) o->ShowSection("SELECTED");
  }
}

void fill_draft_fields(Dict& d, const ArticleFormData& f) {
  const ArticleDraft& a = f.draft;
  d.SetIntValue("ID", a.id);
  d.SetIntValue("REVISION", a.revision);
  d.SetValue("TITLE", a.title);
  d.SetValue("SLUG", a.slug);
  d.SetValue("BODY", a.body);
  d.SetValue("LEAD", a.lead);
  if (a.lead_media_id) d.SetIntValue("LEAD_PHOTO_ID", a.lead_media_id);
  if (f.lead_photo) {
    auto* photo = d.AddSectionDictionary("LEAD_PHOTO");
    photo->SetIntValue("ID", f.lead_photo->id);
    photo->SetValue("ALT", f.lead_photo->alt);
    photo->SetValue("THUMB_URL",
                    photo_url(*f.lead_photo, widths_for(f.lead_photo->width).front(), VariantFormat::jpeg));
    photo->SetIntValue("THUMB_HEIGHT", scaled_height(f.lead_photo->width, f.lead_photo->height, 160));
  }
  std::string tags, authors;
  for (const std::string& t : a.tags) tags += (tags.empty() ? "" : ", ") + t;
  for (const auto& [name, role] : a.authors) authors += name + (role.empty() ? "" : " (" + role + ")") + "\n";
  d.SetValue("TAGS", tags);
  d.SetValue("AUTHORS", authors);
  d.SetValue("BREAKING_UNTIL", f.breaking_text);
  if (a.translation_of) d.SetIntValue("TRANSLATION_OF", a.translation_of);
  d.SetValue("AUTHOR", a.author);
  d.SetValue("SOURCE", a.source);
  d.SetValue("STATUS", a.status);
  d.SetValue("PUBLISHED_AT", f.published_text);
  d.SetValue("RELATED", f.related_text);
  fill_edition_options(d, "EDITION_OPTION", f.editions, a.edition);
  fill_category_options(d, f.categories, a.category_id);
  fill_errors(d, f.errors);
}

}  // namespace

void fill_login(Dict& d, const std::string& csrf, const std::string& name, const std::string& next,
                const std::string& error) {
  d.SetValue("LOGIN_CSRF", csrf);
  d.SetValue("NAME", name);
  d.SetValue("NEXT", next);
  if (!error.empty()) fill_errors(d, {error});
}

void fill_article_list(Dict& d, const std::vector<AdminListItem>& items, const AdminListFilter& filter,
                       const std::vector<Edition>& editions, const std::vector<CategoryRow>& categories,
                       const std::string& next_query, const std::vector<std::string>& errors) {
  fill_errors(d, errors);
  fill_edition_options(d, "EDITION_OPTION", editions, filter.edition);
  for (const char* status : {"draft", "published", "deleted"}) {
    auto* o = d.AddSectionDictionary("STATUS_OPTION");
    o->SetValue("VALUE", status);
    if (filter.status == status) o->ShowSection("SELECTED");
  }
  fill_category_options(d, categories, filter.category_id);
  d.SetValue("Q", filter.title_words);
  for (const AdminListItem& i : items) {
    auto* row = d.AddSectionDictionary("ARTICLE");
    row->SetIntValue("ID", i.id);
    row->SetValue("EDITION", i.edition);
    row->SetValue("TITLE", i.title);
    row->SetValue("STATUS", i.status);
    row->SetValue("CATEGORY", i.category_name);
    row->SetValue("PUBLISHED_AT", when(i.published_at));
    row->SetValue("UPDATED_AT", when(i.updated_at));
    row->SetValue("UPDATED_BY", i.updated_by);
    row->SetValue("AUTHOR", i.author);
    if (i.photo.id) {
      auto* thumb = row->AddSectionDictionary("THUMB");
      thumb->SetValue("URL", photo_url(i.photo, widths_for(i.photo.width).front(), VariantFormat::jpeg));
      thumb->SetIntValue("HEIGHT", scaled_height(i.photo.width, i.photo.height, 96));
    }
  }
  if (items.empty()) d.ShowSection("EMPTY");
  if (!next_query.empty()) d.SetValueAndShowSection("NEXT_QUERY", next_query, "NEXT_PAGE");
}

void fill_article_form(Dict& d, const ArticleFormData& f) {
  fill_draft_fields(d, f);
  if (f.draft.id) {
    auto* existing = d.AddSectionDictionary("EXISTING");
    existing->SetIntValue("ID", f.draft.id);
    existing->SetValue("STATUS", f.draft.status);
    if (f.draft.status == "published") existing->ShowSection("CAN_UNPUBLISH");
    for (const CategoryRow& c : f.categories)
      if (c.id == f.draft.category_id && f.draft.status == "published") {
        Headline h;
        h.id = f.draft.id;
        h.slug = f.draft.slug;
        h.category_slug = c.slug;
        existing->SetValueAndShowSection("PUBLIC_URL", article_path(f.draft.edition, h), "PUBLIC");
      }
    add_upload_form(*existing, "UPLOAD",
                    {"/admin/articles/" + std::to_string(f.draft.id) + "/photo", "Upload a lead photo",
                     "Upload and use as the lead photo", "", "", "", f.max_upload_mb});
  }
  d.SetValue("ACTION_URL", f.draft.id ? "/admin/articles/" + std::to_string(f.draft.id) : "/admin/articles/new");
  d.SetValue("HEADING", f.draft.id ? "Edit article No. " + std::to_string(f.draft.id) : "New article");
  d.SetValue("EDITION_CODE", f.draft.edition);
}

void add_upload_form(Dict& d, const char* name, const UploadForm& form) {
  auto* u = d.AddIncludeDictionary(name);
  u->SetFilename("admin/photo_upload.tpl");
  u->SetValue("UPLOAD_URL", form.url);
  u->SetValue("UPLOAD_HEADING", form.heading);
  u->SetValue("UPLOAD_BUTTON", form.button);
  u->SetValue("ALT", form.alt);
  u->SetValue("CAPTION", form.caption);
  u->SetValue("CREDIT", form.credit);
  u->SetIntValue("MAX_MB", form.max_mb);
}

void fill_conflict(Dict& d, const ArticleDraft& theirs, const std::string& saved_by, const ArticleFormData& yours) {
  d.SetValue("THEIR_TITLE", theirs.title);
  d.SetValue("THEIR_BODY", theirs.body);
  d.SetValue("THEIR_AUTHOR", theirs.author);
  d.SetValue("THEIR_SOURCE", theirs.source);
  d.SetValue("THEIR_STATUS", theirs.status);
  d.SetIntValue("THEIR_REVISION", theirs.revision);
  d.SetValue("SAVED_BY", saved_by);
  auto* form = d.AddIncludeDictionary("FORM");
  form->SetFilename("admin/article_form.tpl");
  fill_article_form(*form, yours);
}

void fill_delete_confirm(Dict& d, const ArticleDraft& a) {
  d.SetIntValue("ID", a.id);
  d.SetValue("TITLE", a.title);
  d.SetValue("STATUS", a.status);
}

void fill_revision_list(Dict& d, const ArticleDraft& a, const std::vector<RevisionInfo>& revs) {
  d.SetIntValue("ID", a.id);
  d.SetValue("TITLE", a.title);
  for (const RevisionInfo& r : revs) {
    auto* row = d.AddSectionDictionary("REVISION");
    row->SetIntValue("ID", a.id);
    row->SetIntValue("NUMBER", r.revision);
    row->SetValue("USER", r.user_name);
    row->SetValue("SAVED_AT", when(r.saved_at));
    row->SetValue("TITLE", r.title);
    row->SetValue("STATUS", r.status);
    if (r.revision == a.revision) row->ShowSection("CURRENT");
  }
}

void fill_revision_show(Dict& d, const ArticleDraft& rev, const std::string& category_name) {
  d.SetIntValue("ID", rev.id);
  d.SetIntValue("NUMBER", rev.revision);
  d.SetValue("TITLE", rev.title);
  d.SetValue("SLUG", rev.slug);
  d.SetValue("EDITION", rev.edition);
  d.SetValue("CATEGORY", category_name);
  d.SetValue("AUTHOR", rev.author);
  d.SetValue("SOURCE", rev.source);
  d.SetValue("STATUS", rev.status);
  d.SetValue("PUBLISHED_AT", when(rev.published_at));
  d.SetValue("BODY", rev.body);
}

void fill_category_list(Dict& d, const std::vector<CategoryRow>& categories, const std::vector<Edition>& editions,
                        const std::vector<std::string>& errors) {
  fill_errors(d, errors);
  fill_edition_options(d, "EDITION_OPTION", editions, "");
  for (const CategoryRow& c : categories) {
    auto* row = d.AddSectionDictionary("CATEGORY");
    row->SetIntValue("ID", c.id);
    row->SetValue("EDITION", c.edition);
    row->SetValue("SLUG", c.slug);
    row->SetValue("NAME", c.name);
    row->SetIntValue("POSITION", c.position);
    if (c.article_count > kArticleCountCap)
      row->SetValue("ARTICLES", "more than " + std::to_string(kArticleCountCap));
    else
      row->SetIntValue("ARTICLES", c.article_count);
    row->SetValue("PUBLIC_URL", category_path(c.edition, c.slug));
    if (c.article_count == 0) row->ShowSection("CAN_DELETE");
  }
}

void fill_user_list(Dict& d, const std::vector<User>& users, int64_t current_user,
                    const std::vector<std::string>& errors) {
  fill_errors(d, errors);
  for (const User& u : users) {
    auto* row = d.AddSectionDictionary("USER_ROW");
    row->SetIntValue("ID", u.id);
    row->SetValue("NAME", u.name);
    row->SetValue("ROLE", u.role);
    row->ShowSection(u.role == "admin" ? "IS_ADMIN" : "IS_EDITOR");
    row->ShowSection(u.disabled ? "DISABLED" : "ENABLED");
    if (u.id == current_user) row->ShowSection("YOU");
  }
}

void fill_password(Dict& d, const std::vector<std::string>& errors) { fill_errors(d, errors); }

namespace {

// What an audit row's action code means, as the verb of a sentence whose
// subject is the user and whose object is the target ("admin created user 5").
const char* audit_verb(const std::string& action) {
  static const std::map<std::string, const char*> verbs = {
      {"create", "created"},
      {"save", "saved"},
      {"publish", "published"},
      {"schedule", "scheduled"},
      {"unpublish", "unpublished"},
      {"delete", "deleted"},
      {"restore", "restored a revision of"},
      {"lead_photo", "gave a lead photo to"},
      {"correction", "added a correction to"},
      {"login", "logged in as"},
      {"login_failed", "failed to log in as"},
      {"login_refused", "was refused a login (too many failures) as"},
      {"logout", "logged out:"},
      {"password_change", "changed the password of"},
      {"password_check_failed", "mistyped the current password of"},
      {"password_check_refused", "was refused a password check (too many failures) for"},
      {"user_create", "created"},
      {"user_role", "changed the role of"},
      {"user_disable", "disabled"},
      {"user_enable", "enabled"},
      {"user_password_reset", "reset the password of"},
      {"category_create", "created"},
      {"category_update", "changed"},
      {"category_delete", "deleted"},
      {"photo_upload", "uploaded"},
      {"photo_update", "changed the words of"},
      {"front_page", "arranged the front page of"},
      {"tag_rename", "renamed"},
      {"tag_delete", "deleted"},
      {"author_update", "changed"},
      {"page_create", "created"},
      {"page_update", "changed"},
      {"page_delete", "deleted"},
  };
  auto it = verbs.find(action);
  return it == verbs.end() ? nullptr : it->second;
}

}  // namespace

void fill_audit(Dict& d, const std::vector<AuditEntry>& entries, int64_t next_before) {
  for (const AuditEntry& e : entries) {
    auto* row = d.AddSectionDictionary("ENTRY");
    row->SetValue("AT", when(e.at));
    row->SetValue("USER", e.user_name.empty() ? "someone" : e.user_name);
    row->SetValue("ADDRESS", e.remote_addr);
    const char* verb = audit_verb(e.action);
    row->SetValue("VERB", verb ? verb : e.action.c_str());
    row->SetValue("TARGET", e.target);
    row->SetValue("DETAILS", e.details);
  }
  if (next_before > 0) {
    d.SetIntValue("NEXT_BEFORE", next_before);
    d.ShowSection("NEXT_PAGE");
  }
}

void fill_message(Dict& d, const std::string& heading, const std::string& text) {
  d.SetValue("HEADING", heading);
  d.SetValue("TEXT", text);
}
