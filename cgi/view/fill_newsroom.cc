// The fill functions of the newsroom's admin pages: the front page's slots,
// tags, authors, simple pages, and the photo library.
#include "media/image.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/photo.h"
#include "view/urls.h"

void fill_front(ctemplate::TemplateDictionary& d, const std::vector<Edition>& editions, const std::string& edition,
                const std::vector<std::string>& errors, const std::vector<FrontSlot>& slots) {
  fill_errors(d, errors);
  fill_edition_options(d, "EDITION_OPTION", editions, edition);
  d.SetValue("EDITION", edition);
  d.SetValue("HOME_URL", home_path(edition));
  for (const FrontSlot& s : slots) {
    auto* slot = d.AddSectionDictionary("SLOT");
    slot->SetValue("ID", s.typed);
    if (!s.article) continue;
    auto* article = slot->AddSectionDictionary("ARTICLE");
    article->SetIntValue("ID", s.article->id);
    article->SetValue("TITLE", s.article->title);
    article->SetValue("STATUS", s.article->status);
  }
}

void fill_tag_list(ctemplate::TemplateDictionary& d, const std::vector<Edition>& editions, const std::string& edition,
                   const std::vector<Tag>& tags) {
  fill_edition_options(d, "EDITION_OPTION", editions, edition);
  for (const Tag& t : tags) {
    auto* row = d.AddSectionDictionary("TAG");
    row->SetIntValue("ID", t.id);
    row->SetValue("SLUG", t.slug);
    row->SetValue("NAME", t.name);
    row->SetIntValue("ARTICLES", t.articles);
    row->SetValue("PUBLIC_URL", tag_path(t.edition, t.slug));
  }
  if (tags.empty()) d.ShowSection("EMPTY");
}

void fill_author_list(ctemplate::TemplateDictionary& d, const std::vector<Author>& authors,
                      const std::string& edition) {
  for (const Author& a : authors) {
    auto* row = d.AddSectionDictionary("AUTHOR");
    row->SetIntValue("ID", a.id);
    row->SetValue("NAME", a.name);
    row->SetValue("SLUG", a.slug);
    row->SetValue("BIO", utf8_truncate(a.bio, 120));
    row->SetValue("PUBLIC_URL", author_path(edition, a.slug));
  }
  if (authors.empty()) d.ShowSection("EMPTY");
}

void fill_author_form(ctemplate::TemplateDictionary& d, const Author& a, const std::string& photo_text,
                      const std::vector<std::string>& errors, const std::string& edition) {
  fill_errors(d, errors);
  d.SetIntValue("ID", a.id);
  d.SetValue("NAME", a.name);
  d.SetValue("BIO", a.bio);
  d.SetValue("PHOTO", photo_text);
  d.SetValue("PUBLIC_URL", author_path(edition, a.slug));
}

void fill_page_list(ctemplate::TemplateDictionary& d, const std::vector<SimplePage>& pages) {
  for (const SimplePage& pg : pages) {
    auto* row = d.AddSectionDictionary("PAGE");
    row->SetIntValue("ID", pg.id);
    row->SetValue("EDITION", pg.edition);
    row->SetValue("TITLE", pg.title);
    row->SetValue("PUBLIC_URL", page_path(pg.edition, pg.slug));
    row->SetIntValue("POSITION", pg.position);
    row->SetValue("UPDATED", format_time_date(pg.updated_at));
  }
  if (pages.empty()) d.ShowSection("EMPTY");
}

void fill_page_form(ctemplate::TemplateDictionary& d, const SimplePage& pg, const std::string& position_text,
                    const std::vector<std::string>& errors, const std::vector<Edition>& editions) {
  fill_errors(d, errors);
  d.SetValue("HEADING", pg.id ? pg.title : "New page");
  d.SetValue("TITLE", pg.title);
  d.SetValue("SLUG", pg.slug);
  d.SetValue("EDITION", pg.edition);
  d.SetValue("POSITION", position_text);
  d.SetValue("BODY", pg.body);
  if (pg.id) {
    auto* existing = d.AddSectionDictionary("EXISTING");
    existing->SetIntValue("ID", pg.id);
    existing->SetValue("PUBLIC_URL", page_path(pg.edition, pg.slug));
    d.SetValue("ACTION_URL", "/admin/pages/" + std::to_string(pg.id));
  } else {
    fill_edition_options(*d.AddSectionDictionary("NEW"), "EDITION_OPTION", editions, pg.edition);
    d.SetValue("ACTION_URL", "/admin/pages/new");
  }
}

void fill_media_library(ctemplate::TemplateDictionary& d, const MediaLibraryPage& page) {
  if (page.done) {
    auto* section = d.AddSectionDictionary("DONE");
    section->SetIntValue("ID", page.done->id);
    section->SetValue("ALT", page.done->alt);
  }
  fill_errors(d, page.errors);
  add_upload_form(d, "UPLOAD", page.upload);
  d.SetValue("Q", page.words);
  for (const LibraryItem& item : page.items) {
    const Photo& p = item.photo;
    auto* row = d.AddSectionDictionary("PHOTO");
    row->SetIntValue("ID", p.id);
    row->SetValue("ALT", p.alt);
    row->SetValue("THUMB_URL", photo_url(p, widths_for(p.width).front(), VariantFormat::jpeg));
    row->SetIntValue("THUMB_HEIGHT", scaled_height(p.width, p.height, 320));
    if (!p.caption.empty()) row->SetValueAndShowSection("CAPTION", p.caption, "CAPTION_SECTION");
    if (!p.credit.empty()) row->SetValueAndShowSection("CREDIT", p.credit, "CREDIT_SECTION");
    row->SetIntValue("WIDTH", p.width);
    row->SetIntValue("HEIGHT", p.height);
    row->SetValue("KIND", item.source_kind);
    row->SetValue("UPLOADED_BY", item.uploaded_by);
    row->SetValue("UPLOADED_AT", format_time_date(item.created_at));
  }
  if (page.items.empty()) {
    auto* empty = d.AddSectionDictionary("EMPTY");
    if (!page.words.empty()) empty->ShowSection("SEARCHED");
  }
  if (page.more) d.SetValueAndShowSection("BEFORE", std::to_string(page.items.back().photo.id), "NEXT_PAGE");
}

void fill_photo_form(ctemplate::TemplateDictionary& d, const Photo& p, const std::vector<std::string>& errors) {
  fill_errors(d, errors);
  d.SetIntValue("ID", p.id);
  d.SetValue("ALT", p.alt);
  d.SetValue("CAPTION", p.caption);
  d.SetValue("CREDIT", p.credit);
  d.SetIntValue("WIDTH", p.width);
  d.SetIntValue("HEIGHT", p.height);
  int preview = widths_for(p.width).size() > 1 ? 640 : widths_for(p.width).front();
  d.SetValue("PREVIEW_URL", photo_url(p, preview, VariantFormat::jpeg));
  d.SetIntValue("PREVIEW_HEIGHT", scaled_height(p.width, p.height, 640));
}

void fill_redirects(ctemplate::TemplateDictionary& d, const RedirectsPage& page) {
  fill_errors(d, page.errors);
  d.SetValue("Q", page.q);
  for (const Redirect& r : page.found) {
    auto* row = d.AddSectionDictionary("REDIRECT");
    row->SetValue("OLD", r.old_address);
    row->SetValue("TARGET", r.target);
    row->SetValue("ORIGIN", r.origin);
    row->SetValue("CREATED", format_time_date(r.created_at));
  }
  if (page.found.empty()) d.ShowSection("EMPTY");
  if (page.more) d.SetValueAndShowSection("AFTER", page.found.back().old_address, "NEXT_PAGE");
  d.SetValue("NEW_OLD", page.new_old);
  d.SetValue("NEW_TARGET", page.new_target);
}
