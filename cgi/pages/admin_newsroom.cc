// The newsroom's pages in the admin area (editors): the front page's pinned
// stories, the tags, the authors, the simple pages. Every change bumps the
// content version (readers see it within a second) and writes an audit row,
// in one transaction.
#include <algorithm>

#include "context.h"
#include "db/articles.h"
#include "db/content.h"
#include "db/media.h"
#include "db/newsroom.h"
#include "pages/admin.h"
#include "util/parse.h"
#include "util/slug.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/urls.h"

namespace {

constexpr size_t kFrontSlots = 5;

// The edition named by ?edition= (or a form field), else the default; 400 for an unknown one.
const Edition& chosen_edition(Context& ctx, const std::string& code) {
  if (code.empty()) return ctx.default_edition();
  const Edition* e = ctx.find_edition(code);
  if (!e) throw HttpError{400, nullptr, "There is no such edition."};
  return *e;
}

// ----- Front page -----

void render_front(Context& ctx, const Edition& edition, const std::vector<std::string>& typed,
                  const std::vector<std::string>& errors, int status) {
  AdminView view(ctx, "Front page", "admin/front.tpl");
  auto& d = view.content();
  fill_errors(d, errors);
  fill_edition_options(d, "EDITION_OPTION", ctx.editions, edition.code);
  d.SetValue("EDITION", edition.code);
  d.SetValue("HOME_URL", home_path(edition.code));
  for (size_t i = 0; i < kFrontSlots; ++i) {
    auto* slot = d.AddSectionDictionary("SLOT");
    std::string text = i < typed.size() ? typed[i] : "";
    slot->SetValue("ID", text);
    if (auto id = parse_id(text))
      if (auto a = load_article(ctx.db, *id)) {
        auto* article = slot->AddSectionDictionary("ARTICLE");
        article->SetIntValue("ID", a->id);
        article->SetValue("TITLE", a->title);
        article->SetValue("STATUS", a->status);
      }
  }
  view.render(ctx.res, status);
}

}  // namespace

void admin_front(Context& ctx, const RouteParams&) {
  const Edition& edition = chosen_edition(ctx, ctx.req.param("edition"));
  std::vector<std::string> typed;
  for (int64_t id : pinned_ids(ctx.db, edition.code)) typed.push_back(std::to_string(id));
  render_front(ctx, edition, typed, {}, 200);
}

void admin_front_save(Context& ctx, const RouteParams&) {
  const Edition& edition = chosen_edition(ctx, ctx.req.field("edition"));
  std::vector<std::string> typed = ctx.req.fields("slot");
  std::vector<std::string> errors;
  std::vector<int64_t> ids;
  if (typed.size() > kFrontSlots) errors.push_back("At most 5 stories are pinned.");
  for (std::string& text : typed) {
    text = trimmed(text);
    if (text.empty()) continue;
    auto id = parse_id(text);
    std::optional<ArticleDraft> a = id ? load_article(ctx.db, *id) : std::nullopt;
    if (!a || a->status == "deleted")
      errors.push_back("There is no article No. " + text + ".");
    else if (a->edition != edition.code)
      errors.push_back("Article No. " + text + " is not of this edition.");
    else if (std::find(ids.begin(), ids.end(), a->id) == ids.end())
      ids.push_back(a->id);
  }
  if (!errors.empty()) {
    render_front(ctx, edition, typed, errors, 422);
    return;
  }
  std::string list;
  for (int64_t id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
  publish_change(ctx, [&] {
    replace_front_slots(ctx.db, edition.code, ids);
    return Audited{"front_page", "edition " + edition.code, list.empty() ? "none pinned" : list};
  });
  ctx.res.redirect(303, "/admin/front?edition=" + edition.code + "&done=front");
}

// ----- Tags -----

void admin_tags(Context& ctx, const RouteParams&) {
  const Edition& edition = chosen_edition(ctx, ctx.req.param("edition"));
  std::vector<Tag> tags = edition_tags(ctx.db, edition.code);
  AdminView view(ctx, "Tags", "admin/tags.tpl");
  auto& d = view.content();
  fill_edition_options(d, "EDITION_OPTION", ctx.editions, edition.code);
  for (const Tag& t : tags) {
    auto* row = d.AddSectionDictionary("TAG");
    row->SetIntValue("ID", t.id);
    row->SetValue("SLUG", t.slug);
    row->SetValue("NAME", t.name);
    row->SetIntValue("ARTICLES", t.articles);
    row->SetValue("PUBLIC_URL", tag_path(t.edition, t.slug));
  }
  if (tags.empty()) d.ShowSection("EMPTY");
  view.render(ctx.res);
}

namespace {

Tag tag_or_404(Context& ctx, int64_t id) {
  std::optional<Tag> tag = find_tag_by_id(ctx.db, id);
  if (!tag) throw HttpError{404, nullptr, "There is no such tag."};
  return *tag;
}

}  // namespace

void admin_tag_save(Context& ctx, const RouteParams& p) {
  Tag tag = tag_or_404(ctx, p[0].id);
  std::string name = trimmed(ctx.req.field("name"));
  if (name.empty() || utf8_length(name) > 100) throw HttpError{422, nullptr, "A tag's name has 1 to 100 characters."};
  publish_change(ctx, [&] {
    rename_tag(ctx.db, tag.id, name);
    return Audited{"tag_rename", "tag " + std::to_string(tag.id), tag.name + " -> " + name};
  });
  ctx.res.redirect(303, "/admin/tags?edition=" + tag.edition + "&done=tag");
}

void admin_tag_delete(Context& ctx, const RouteParams& p) {
  Tag tag = tag_or_404(ctx, p[0].id);
  publish_change(ctx, [&] {
    delete_tag(ctx.db, tag.id);
    return Audited{"tag_delete", "tag " + std::to_string(tag.id), tag.name};
  });
  ctx.res.redirect(303, "/admin/tags?edition=" + tag.edition + "&done=tag_deleted");
}

// ----- Authors -----

void admin_authors(Context& ctx, const RouteParams&) {
  std::vector<Author> authors = all_authors(ctx.db);
  AdminView view(ctx, "Authors", "admin/authors.tpl");
  auto& d = view.content();
  for (const Author& a : authors) {
    auto* row = d.AddSectionDictionary("AUTHOR");
    row->SetIntValue("ID", a.id);
    row->SetValue("NAME", a.name);
    row->SetValue("SLUG", a.slug);
    row->SetValue("BIO", utf8_truncate(a.bio, 120));
    row->SetValue("PUBLIC_URL", author_path(ctx.default_edition().code, a.slug));
  }
  if (authors.empty()) d.ShowSection("EMPTY");
  view.render(ctx.res);
}

namespace {

void render_author(Context& ctx, const Author& a, const std::string& photo_text, const std::vector<std::string>& errors,
                   int status) {
  AdminView view(ctx, a.name, "admin/author_edit.tpl");
  auto& d = view.content();
  fill_errors(d, errors);
  d.SetIntValue("ID", a.id);
  d.SetValue("NAME", a.name);
  d.SetValue("BIO", a.bio);
  d.SetValue("PHOTO", photo_text);
  d.SetValue("PUBLIC_URL", author_path(ctx.default_edition().code, a.slug));
  view.render(ctx.res, status);
}

Author author_or_404(Context& ctx, int64_t id) {
  std::optional<Author> a = find_author(ctx.db, id);
  if (!a) throw HttpError{404, nullptr, "There is no such author."};
  return *a;
}

}  // namespace

void admin_author_edit(Context& ctx, const RouteParams& p) {
  Author a = author_or_404(ctx, p[0].id);
  render_author(ctx, a, a.photo_id ? std::to_string(a.photo_id) : "", {}, 200);
}

void admin_author_save(Context& ctx, const RouteParams& p) {
  Author a = author_or_404(ctx, p[0].id);
  std::string old_name = a.name;
  a.name = trimmed(ctx.req.field("name"));
  a.bio = trimmed(without_cr(ctx.req.field("bio")));
  std::string photo = trimmed(ctx.req.field("photo"));
  std::vector<std::string> errors;
  if (a.name.empty() || utf8_length(a.name) > 200) errors.push_back("A name has 1 to 200 characters.");
  if (utf8_length(a.bio) > 1000) errors.push_back("The bio is longer than 1000 characters.");
  a.photo_id = 0;
  if (!photo.empty()) {
    auto id = parse_id(photo);
    if (!id || !find_photo(ctx.db, *id))
      errors.push_back("There is no photo No. " + photo + " in the library.");
    else
      a.photo_id = *id;
  }
  if (errors.empty() && a.name != old_name && author_named_exists(ctx.db, a.name))
    errors.push_back("Another author is called " + a.name + ".");
  if (!errors.empty()) {
    render_author(ctx, a, photo, errors, 422);
    return;
  }
  publish_change(ctx, [&] {
    update_author(ctx.db, a);
    return Audited{"author_update", "author " + std::to_string(a.id), a.name};
  });
  ctx.res.redirect(303, "/admin/authors/" + std::to_string(a.id) + "?done=author");
}

// ----- Simple pages -----

void admin_pages(Context& ctx, const RouteParams&) {
  std::vector<SimplePage> pages = edition_pages(ctx.db);
  AdminView view(ctx, "Pages", "admin/pages.tpl");
  auto& d = view.content();
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
  view.render(ctx.res);
}

namespace {

void render_page_form(Context& ctx, const SimplePage& pg, const std::string& position_text,
                      const std::vector<std::string>& errors, int status) {
  AdminView view(ctx, pg.id ? "Page: " + pg.title : "New page", "admin/page_form.tpl");
  auto& d = view.content();
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
    fill_edition_options(*d.AddSectionDictionary("NEW"), "EDITION_OPTION", ctx.editions, pg.edition);
    d.SetValue("ACTION_URL", "/admin/pages/new");
  }
  view.render(ctx.res, status);
}

// Reads and checks the form into `pg`; the problems, if any.
std::vector<std::string> read_page_form(Context& ctx, SimplePage& pg) {
  const Request& r = ctx.req;
  std::vector<std::string> errors;
  if (!pg.id) {
    pg.edition = r.field("edition");
    if (!ctx.find_edition(pg.edition)) errors.push_back("Choose an edition.");
  }
  pg.title = trimmed(r.field("title"));
  if (pg.title.empty() || utf8_length(pg.title) > 200) errors.push_back("A title has 1 to 200 characters.");
  std::string slug = trimmed(r.field("slug"));
  pg.slug = slug.empty() ? slugify(pg.title) : slug;
  if (!is_valid_slug(pg.slug))
    errors.push_back("A slug has only lower-case letters a-z, digits and single hyphens (at most 80).");
  auto position = parse_number(trimmed(r.field("position")), 0, 32767);
  if (!position) errors.push_back("The order is a number from 0 to 32767.");
  pg.position = static_cast<int>(position.value_or(0));
  pg.body = without_cr(r.field("body"));
  if (errors.empty())
    if (auto other = find_page(ctx.db, pg.edition, pg.slug); other && other->id != pg.id)
      errors.push_back("Another page of this edition has the address " + page_path(pg.edition, pg.slug) + ".");
  pg.body_html = render_article_body(ctx, pg.edition, pg.body).html;
  return errors;
}

SimplePage page_or_404(Context& ctx, int64_t id) {
  std::optional<SimplePage> pg = find_page_by_id(ctx.db, id);
  if (!pg) throw HttpError{404, nullptr, "There is no such page."};
  return *pg;
}

}  // namespace

void admin_page_new(Context& ctx, const RouteParams&) {
  SimplePage pg;
  const Edition* e = ctx.find_edition(ctx.req.param("edition"));
  pg.edition = (e ? *e : ctx.default_edition()).code;
  render_page_form(ctx, pg, "10", {}, 200);
}

void admin_page_create(Context& ctx, const RouteParams&) {
  SimplePage pg;
  std::vector<std::string> errors = read_page_form(ctx, pg);
  if (!errors.empty()) {
    render_page_form(ctx, pg, ctx.req.field("position"), errors, 422);
    return;
  }
  publish_change(ctx, [&] {
    pg.id = insert_page(ctx.db, pg, ctx.now);
    return Audited{"page_create", "page " + pg.edition + "/" + pg.slug, pg.title};
  });
  ctx.res.redirect(303, "/admin/pages/" + std::to_string(pg.id) + "?done=page");
}

void admin_page_edit(Context& ctx, const RouteParams& p) {
  SimplePage pg = page_or_404(ctx, p[0].id);
  render_page_form(ctx, pg, std::to_string(pg.position), {}, 200);
}

void admin_page_save(Context& ctx, const RouteParams& p) {
  SimplePage pg = page_or_404(ctx, p[0].id);
  std::vector<std::string> errors = read_page_form(ctx, pg);
  if (!errors.empty()) {
    render_page_form(ctx, pg, ctx.req.field("position"), errors, 422);
    return;
  }
  publish_change(ctx, [&] {
    update_page(ctx.db, pg, ctx.now);
    return Audited{"page_update", "page " + std::to_string(pg.id), pg.title};
  });
  ctx.res.redirect(303, "/admin/pages/" + std::to_string(pg.id) + "?done=page");
}

void admin_page_delete(Context& ctx, const RouteParams& p) {
  SimplePage pg = page_or_404(ctx, p[0].id);
  publish_change(ctx, [&] {
    delete_page(ctx.db, pg.id);
    return Audited{"page_delete", "page " + std::to_string(pg.id), pg.title};
  });
  ctx.res.redirect(303, "/admin/pages?done=page_deleted");
}
