// Articles in the admin area: list, create, edit, publish, schedule,
// unpublish, preview, delete, revisions. Every save keeps a revision and
// writes an audit row in the same transaction; a save made against an older
// revision than the stored one is refused with the conflict page.
#include <algorithm>
#include <set>
#include <sstream>

#include "context.h"
#include "db/article_links.h"
#include "db/articles.h"
#include "db/categories.h"
#include "db/content.h"
#include "db/media.h"
#include "db/newsroom.h"
#include "db/search.h"
#include "db/sitemaps.h"
#include "pages/admin.h"
#include "pages/pages.h"
#include "pages/photo_service.h"
#include "util/markdown.h"
#include "util/parse.h"
#include "util/slug.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/urls.h"
#include "view/view.h"

namespace {

constexpr int kListPageSize = 50;
constexpr size_t kMaxRelated = 10;
constexpr size_t kMaxTags = 12;
constexpr size_t kMaxAuthors = 6;

std::string join_ids(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out;
}

// The editor's form, read and checked; `draft` starts from the stored article.
struct ArticleForm {
  ArticleDraft draft;
  std::string action;  // save, publish, schedule, unpublish
  std::string related_text;
  std::string published_text;
  std::vector<std::string> errors;
  std::string breaking_text;
};

// "economy, Baku ,  oil" -> {"economy", "Baku", "oil"}: each once, in order.
std::vector<std::string> split_names(const std::string& text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find(separator, start), text.size());
    std::string name = trimmed(text.substr(start, end - start));
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    start = end + 1;
  }
  return out;
}

// One author per line: "Name", or "Name (role)" such as "(translated by)".
std::vector<std::pair<std::string, std::string>> parse_authors(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& line : split_names(without_cr(text), '\n')) {
    size_t open = line.rfind(" (");
    if (open != std::string::npos && line.back() == ')')
      out.emplace_back(trimmed(line.substr(0, open)), trimmed(line.substr(open + 2, line.size() - open - 3)));
    else
      out.emplace_back(line, "");
  }
  return out;
}

// The newsroom's fields of the form: tags, authors, breaking news, translation.
void read_newsroom_fields(Context& ctx, ArticleForm& f) {
  const Request& r = ctx.req;
  ArticleDraft& a = f.draft;
  a.tags = split_names(r.field("tags"), ',');
  if (a.tags.size() > kMaxTags) f.errors.push_back("At most 12 tags.");
  for (const std::string& t : a.tags)
    if (utf8_length(t) > 100) f.errors.push_back("A tag has at most 100 characters.");
  a.authors = parse_authors(r.field("authors"));
  if (a.authors.size() > kMaxAuthors) f.errors.push_back("At most 6 authors.");
  for (const auto& [name, role] : a.authors)
    if (utf8_length(name) > 200 || utf8_length(role) > 60)
      f.errors.push_back("An author's name has at most 200 characters, a role at most 60.");
  f.breaking_text = trimmed(r.field("breaking_until"));
  a.breaking_until = 0;
  if (!f.breaking_text.empty()) {
    auto t = parse_input_datetime(f.breaking_text);
    if (!t)
      f.errors.push_back("Breaking news until: not a date and time.");
    else
      a.breaking_until = *t;
  }
  std::string translation = trimmed(r.field("translation_of"));
  a.translation_of = 0;
  if (!translation.empty()) {
    auto id = parse_id(translation);
    std::optional<ArticleDraft> other = id ? load_article(ctx.db, *id) : std::nullopt;
    if (!other || other->id == a.id)
      f.errors.push_back("There is no other article No. " + translation + " to link as a translation.");
    else if (other->edition == a.edition)
      f.errors.push_back("A translation is an article of another edition.");
    else
      a.translation_of = other->id;
  }
}

}  // namespace

void load_newsroom_fields(Db& db, ArticleDraft& a) {
  for (const Tag& t : tags_of(db, a.id)) a.tags.push_back(t.name);
  for (const Byline& b : authors_of(db, a.id)) a.authors.emplace_back(b.author.name, b.role);
  a.breaking_until = breaking_until(db, a.id);
  std::vector<int64_t> translations = translations_of(db, a.id);
  a.translation_of = translations.empty() ? 0 : translations.front();
}

namespace {

// Writes them with the article (inside save_article's transaction), and the
// stored links of the article and of its translations, before and after.
void save_newsroom_fields(Context& ctx, const ArticleDraft& a) {
  ArticleLinks links{a.id, a.edition, a.status, a.published_at};
  std::vector<int64_t> tag_ids;
  for (const std::string& name : a.tags) tag_ids.push_back(tag_named(ctx.db, a.edition, name).id);
  replace_article_tags(ctx.db, links, tag_ids);
  std::vector<Byline> authors;
  for (const auto& [name, role] : a.authors) authors.push_back({author_named(ctx.db, name), role});
  replace_article_authors(ctx.db, links, authors);
  set_breaking_until(ctx.db, a.id, a.breaking_until);
  std::vector<int64_t> linked = translations_of(ctx.db, a.id);
  if (a.translation_of == 0 && !linked.empty())
    unlink_translation(ctx.db, a.id);
  else if (a.translation_of && std::find(linked.begin(), linked.end(), a.translation_of) == linked.end())
    link_translations(ctx.db, a.id, a.translation_of);
  std::vector<int64_t> now_linked = translations_of(ctx.db, a.id);
  linked.insert(linked.end(), now_linked.begin(), now_linked.end());
  linked.push_back(a.id);
  refresh_article_links(ctx.db, linked);
}

std::optional<std::vector<int64_t>> parse_ids(const std::string& text) {
  std::vector<int64_t> ids;
  std::string normalised = text;
  std::replace(normalised.begin(), normalised.end(), ',', ' ');
  std::istringstream in(normalised);
  std::string word;
  while (in >> word) {
    auto id = parse_id(word);
    if (!id) return std::nullopt;
    if (std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
  }
  return ids;
}

void check_slug(Context& ctx, ArticleForm& f, bool typed) {
  ArticleDraft& a = f.draft;
  if (!typed) {
    std::string base = a.slug;
    for (int n = 2; slug_taken(ctx.db, a.edition, a.slug, a.id) && n < 100; ++n)
      a.slug = utf8_truncate(base, 74) + "-" + std::to_string(n);
  } else if (slug_taken(ctx.db, a.edition, a.slug, a.id)) {
    f.errors.push_back("Another article of this edition has the slug '" + a.slug + "'.");
  }
}

ArticleForm read_article_form(Context& ctx, const ArticleDraft& stored) {
  const Request& r = ctx.req;
  ArticleForm f{stored, r.field("action"), trimmed(r.field("related")), trimmed(r.field("published_at")), {}, ""};
  ArticleDraft& a = f.draft;
  static const std::set<std::string> actions = {"save", "publish", "schedule", "unpublish"};
  if (!actions.count(f.action)) f.action = "save";

  a.edition = r.field("edition");
  if (!ctx.find_edition(a.edition)) f.errors.push_back("Choose an edition.");
  a.title = trimmed(r.field("title"));
  if (a.title.empty()) f.errors.push_back("The title is empty.");
  if (utf8_length(a.title) > 500) f.errors.push_back("The title is longer than 500 characters.");
  a.body = without_cr(r.field("body"));
  a.lead = trimmed(without_cr(r.field("lead")));
  if (utf8_length(a.lead) > 1000) f.errors.push_back("The lead is longer than 1000 characters.");
  std::string lead_photo = trimmed(r.field("lead_photo"));
  a.lead_media_id = 0;
  if (!lead_photo.empty()) {
    auto id = parse_id(lead_photo);
    if (!id || !find_photo(ctx.db, *id))
      f.errors.push_back("There is no photo No. " + lead_photo + " in the library.");
    else
      a.lead_media_id = *id;
  }
  a.author = trimmed(r.field("author"));
  a.source = trimmed(r.field("source"));
  if (utf8_length(a.author) > 200 || utf8_length(a.source) > 200)
    f.errors.push_back("Author and source may have at most 200 characters.");

  std::optional<CategoryRow> category;
  if (auto category_id = parse_id(r.field("category"))) category = find_category_by_id(ctx.db, *category_id);
  if (!category || category->edition != a.edition)
    f.errors.push_back("Choose a category of the article's edition.");
  else
    a.category_id = category->id;

  std::string slug = trimmed(r.field("slug"));
  bool typed = !slug.empty();
  a.slug = typed ? slug : slugify(a.title);
  if (typed && !is_valid_slug(slug))
    f.errors.push_back("A slug has only lower-case letters a-z, digits and single hyphens (at most 80).");

  if (!f.published_text.empty()) {
    if (auto t = parse_input_datetime(f.published_text))
      a.published_at = *t;
    else
      f.errors.push_back("The publication time is not a date and time.");
  }
  auto related = parse_ids(f.related_text);
  if (!related) {
    f.errors.push_back("Related articles are article numbers separated by commas.");
  } else {
    related->erase(std::remove(related->begin(), related->end(), a.id), related->end());
    if (related->size() > kMaxRelated)
      f.errors.push_back("At most 10 related articles.");
    else if (count_articles_in_edition(ctx.db, a.edition, *related) != static_cast<int>(related->size()))
      f.errors.push_back("Some related articles do not exist in this edition.");
    else
      a.related = *related;
  }
  read_newsroom_fields(ctx, f);
  if (f.errors.empty()) check_slug(ctx, f, typed);

  // What the button asks for.
  if (f.action == "publish") {
    a.status = "published";
    a.published_at = ctx.now;
  } else if (f.action == "schedule") {
    if (f.published_text.empty() || a.published_at <= ctx.now)
      f.errors.push_back("To schedule, give a publication time in the future.");
    a.status = "published";
  } else if (f.action == "unpublish") {
    a.status = "draft";
  }
  if (a.published_at == 0) a.published_at = ctx.now;
  a.revision = parse_number(r.field("revision"), 0, 4294967295LL).value_or(-1);
  RenderedBody body = render_article_body(ctx, a.edition, a.body);
  a.body_html = std::move(body.html);
  a.body_photos = std::move(body.photos);
  return f;
}

void render_form(Context& ctx, const ArticleForm& f, int status, const std::vector<CategoryRow>& categories) {
  std::optional<Photo> lead_photo = f.draft.lead_media_id ? find_photo(ctx.db, f.draft.lead_media_id) : std::nullopt;
  AdminView view(ctx, f.draft.id ? "Edit: " + f.draft.title : "New article", "admin/article_form.tpl");
  fill_article_form(view.content(), {f.draft, f.related_text, f.published_text, f.errors, ctx.editions, categories,
                                     lead_photo ? &*lead_photo : nullptr, ctx.cfg.max_upload_mb, f.breaking_text});
  view.render(ctx.res, status);
}

void render_form(Context& ctx, const ArticleForm& f, int status) {
  render_form(ctx, f, status, list_categories(ctx.db));
}

ArticleForm form_of(const ArticleDraft& a) {
  return {a,
          "save",
          join_ids(a.related),
          a.published_at ? format_input_datetime(a.published_at) : "",
          {},
          a.breaking_until ? format_input_datetime(a.breaking_until) : ""};
}

ArticleDraft article_or_404(Context& ctx, int64_t id) {
  std::optional<ArticleDraft> a = load_article(ctx.db, id);
  if (!a) throw HttpError{404};
  load_newsroom_fields(ctx.db, *a);
  return *a;
}

const char* done_key(const std::string& action, bool created) {
  if (action == "publish") return "published";
  if (action == "schedule") return "scheduled";
  if (action == "unpublish") return "unpublished";
  return created ? "created" : "saved";
}

// Saves `a` (new when a.id == 0) with its revision and audit row, in one
// transaction. False on a conflict: a.revision is no longer the stored one.
// `status_before`: the stored status ("" for a new article). Readers' pages
// change only when the article was or is published (scheduled ones too): a
// draft saved again and again leaves every worker's cached pages in place.
}  // namespace

bool save_article(Context& ctx, ArticleDraft& a, const std::string& old_slug, const std::string& status_before,
                  const std::string& audit_action, const std::function<void()>& also) {
  bool readers_may_see = status_before == "published" || a.status == "published";
  bool is_new = a.id == 0;  // (a retried transaction inserts again: the first insert was rolled back)
  int64_t user = ctx.session->user_id;
  return publish_change(
      ctx,
      [&]() -> std::optional<Audited> {
        auto stored = readers_may_see && !is_new ? article_edition_and_time(ctx.db, a.id) : std::nullopt;
        if (is_new) {
          a.id = insert_article(ctx.db, a, user, ctx.now);
          a.revision = 1;
        } else {
          if (!update_article_if_revision(ctx.db, a, user, ctx.now)) return std::nullopt;
          a.revision += 1;
          if (!old_slug.empty() && old_slug != a.slug) remember_old_slug(ctx.db, a.id, old_slug);
        }
        replace_related(ctx.db, a.id, a.related);
        replace_article_photos(ctx.db, a.id, a.body_photos);
        save_newsroom_fields(ctx, a);
        write_search_entry(ctx.db, a);
        insert_revision(ctx.db, a, user, ctx.session->user_name, ctx.now);
        if (also) also();
        if (readers_may_see) {
          // The stored links of the stories that show it as related (none yet for a new one); the
          // sitemap index's days it leaves and enters.
          if (!is_new) refresh_article_links(ctx.db, clear_links_naming_article(ctx.db, a.id));
          if (stored && !same_sitemap_day(*stored, a.edition, a.published_at))
            refresh_sitemap_day(ctx.db, stored->first, stored->second);
          refresh_sitemap_day(ctx.db, a.edition, a.published_at);
        }
        return Audited{audit_action, "article " + std::to_string(a.id), a.status + ": " + a.title};
      },
      readers_may_see);
}

namespace {

// 409: both versions, the editor's text kept in the form, ready to save over the new revision.
void render_conflict(Context& ctx, ArticleForm f) {
  ArticleDraft theirs = article_or_404(ctx, f.draft.id);
  std::vector<RevisionInfo> revs = list_revisions(ctx.db, theirs.id);
  std::string saved_by =
      revs.empty() ? "someone" : revs.front().user_name + " (" + format_time_date(revs.front().saved_at) + ")";
  f.draft.revision = theirs.revision;
  f.errors.push_back("Not saved: someone else saved this article meanwhile. Your text is below.");
  std::vector<CategoryRow> categories = list_categories(ctx.db);
  AdminView view(ctx, "Conflict: " + theirs.title, "admin/conflict.tpl");
  fill_conflict(view.content(), theirs, saved_by,
                {f.draft, f.related_text, f.published_text, f.errors, ctx.editions, categories, nullptr,
                 ctx.cfg.max_upload_mb, f.breaking_text});
  view.render(ctx.res, 409);
}

}  // namespace

void admin_article_list(Context& ctx, const RouteParams&) {
  const Request& r = ctx.req;
  AdminListFilter filter{r.param("edition"), r.param("status"), 0, utf8_truncate(trimmed(r.param("q")), 200)};
  if (!filter.edition.empty() && !ctx.find_edition(filter.edition)) throw HttpError{400};
  static const std::set<std::string> statuses = {"", "draft", "published", "deleted"};
  if (!statuses.count(filter.status)) throw HttpError{400};
  const std::string& category = r.param("category");
  if (!category.empty()) {
    auto id = parse_id(category);
    if (!id) throw HttpError{400};
    filter.category_id = *id;
  }
  std::optional<Cursor> before;
  if (r.has_param("before") && !(before = parse_cursor(r.param("before"), ctx.key))) throw HttpError{400};

  std::vector<AdminListItem> items;
  std::vector<std::string> errors;
  try {
    items = admin_article_list(ctx.db, filter, before ? before->published_at : 0, before ? before->id : 0,
                               kListPageSize + 1);
  } catch (const DbTimeLimit&) {
    errors.push_back("Searching the titles took too long. Narrow the search by edition, status or category.");
  }
  std::string next_query;
  if (items.size() > static_cast<size_t>(kListPageSize)) {
    items.pop_back();
    next_query = "edition=" + url_escape(filter.edition) + "&status=" + url_escape(filter.status) +
                 "&category=" + url_escape(category) + "&q=" + url_escape(filter.title_words) +
                 "&before=" + format_cursor({items.back().updated_at, items.back().id}, ctx.key);
  }
  std::vector<CategoryRow> categories = list_categories(ctx.db);
  AdminView view(ctx, "Articles", "admin/article_list.tpl");
  fill_article_list(view.content(), items, filter, ctx.editions, categories, next_query, errors);
  view.render(ctx.res);
}

void admin_article_new(Context& ctx, const RouteParams&) {
  ArticleDraft a;
  const Edition* e = ctx.find_edition(ctx.req.param("edition"));
  a.edition = (e ? *e : ctx.default_edition()).code;
  // The edition's first section chosen, not the first of all editions (which the form would refuse).
  std::vector<CategoryRow> categories = list_categories(ctx.db);
  for (const CategoryRow& c : categories)
    if (c.edition == a.edition) {
      a.category_id = c.id;
      break;
    }
  ArticleForm f = form_of(a);
  f.published_text.clear();
  render_form(ctx, f, 200, categories);
}

void admin_article_create(Context& ctx, const RouteParams&) {
  ArticleForm f = read_article_form(ctx, ArticleDraft{});
  if (!f.errors.empty()) {
    render_form(ctx, f, 422);
    return;
  }
  const char* action = f.action == "save" ? "create" : f.action.c_str();
  save_article(ctx, f.draft, "", "", action);
  ctx.res.redirect(303, "/admin/articles/" + std::to_string(f.draft.id) + "?done=" + done_key(f.action, true));
}

void admin_article_edit(Context& ctx, const RouteParams& p) {
  render_form(ctx, form_of(article_or_404(ctx, p[0].id)), 200);
}

void admin_article_save(Context& ctx, const RouteParams& p) {
  ArticleDraft stored = article_or_404(ctx, p[0].id);
  ArticleForm f = read_article_form(ctx, stored);
  if (!f.errors.empty()) {
    render_form(ctx, f, 422);
    return;
  }
  if (!save_article(ctx, f.draft, stored.slug, stored.status, f.action)) {
    render_conflict(ctx, f);
    return;
  }
  ctx.res.redirect(303, "/admin/articles/" + std::to_string(f.draft.id) + "?done=" + done_key(f.action, false));
}

void admin_article_preview(Context& ctx, const RouteParams& p) {
  ArticleDraft a = article_or_404(ctx, p[0].id);
  const Edition* edition_of_draft = ctx.find_edition(a.edition);
  if (!edition_of_draft) throw HttpError{404};
  const Edition& edition = *edition_of_draft;
  std::optional<CategoryRow> category = find_category_by_id(ctx.db, a.category_id);
  Article shown;
  shown.id = a.id;
  shown.slug = a.slug;
  shown.title = a.title;
  shown.category_slug = category ? category->slug : "";
  shown.category_name = category ? category->name : "";
  shown.published_at = a.published_at;
  shown.body = a.body;
  shown.body_html = a.body_html;
  shown.author = a.author;
  shown.source = a.source;
  PageView view(ctx, edition, a.title, "site/article.tpl");
  fill_article(view.content(), edition, shown, related_headlines(ctx.db, ctx.catalogue, a.id, ctx.now));
  view.set_preview();
  view.render(ctx.res);
}

void admin_article_delete_confirm(Context& ctx, const RouteParams& p) {
  ArticleDraft a = article_or_404(ctx, p[0].id);
  AdminView view(ctx, "Delete: " + a.title, "admin/delete_confirm.tpl");
  fill_delete_confirm(view.content(), a);
  view.render(ctx.res);
}

void admin_article_delete(Context& ctx, const RouteParams& p) {
  ArticleDraft a = article_or_404(ctx, p[0].id);
  std::string status_before = a.status;
  a.status = "deleted";
  if (!save_article(ctx, a, a.slug, status_before, "delete")) throw HttpError{409};
  ctx.res.redirect(303, "/admin/articles?done=deleted");
}

void admin_revision_list(Context& ctx, const RouteParams& p) {
  ArticleDraft a = article_or_404(ctx, p[0].id);
  AdminView view(ctx, "Revisions: " + a.title, "admin/revision_list.tpl");
  fill_revision_list(view.content(), a, list_revisions(ctx.db, a.id));
  view.render(ctx.res);
}

void admin_revision_show(Context& ctx, const RouteParams& p) {
  std::optional<ArticleDraft> rev = load_revision(ctx.db, p[0].id, p[1].id);
  if (!rev) throw HttpError{404};
  std::optional<CategoryRow> category = find_category_by_id(ctx.db, rev->category_id);
  AdminView view(ctx, "Revision " + std::to_string(rev->revision), "admin/revision_show.tpl");
  fill_revision_show(view.content(), *rev, category ? category->name : "");
  view.render(ctx.res);
}

void admin_revision_restore(Context& ctx, const RouteParams& p) {
  ArticleDraft current = article_or_404(ctx, p[0].id);
  std::optional<ArticleDraft> rev = load_revision(ctx.db, current.id, p[1].id);
  if (!rev) throw HttpError{404};
  ArticleDraft restored = *rev;
  restored.revision = current.revision;  // restoring is a new save on top of the current revision
  RenderedBody body = render_article_body(ctx, restored.edition, restored.body);
  restored.body_html = std::move(body.html);
  restored.body_photos = std::move(body.photos);
  // Revisions keep the text; the lead and the lead photo stay as they are now.
  restored.lead = current.lead;
  restored.lead_media_id = current.lead_media_id;
  // The slug may belong to another article by now; keep the current one then.
  if (slug_taken(ctx.db, restored.edition, restored.slug, restored.id)) restored.slug = current.slug;
  if (!save_article(ctx, restored, current.slug, current.status, "restore")) throw HttpError{409};
  ctx.res.redirect(303, "/admin/articles/" + std::to_string(current.id) + "?done=restored");
}

void admin_article_photo_upload(Context& ctx, const RouteParams& p) {
  ArticleDraft a = article_or_404(ctx, p[0].id);
  std::vector<std::string> errors;
  std::optional<int64_t> photo = store_uploaded_photo(ctx, errors);
  if (!photo) {
    std::string text;
    for (const std::string& e : errors) text += (text.empty() ? "" : " ") + e;
    throw HttpError{422, nullptr, "The photo was not uploaded. " + text};
  }
  // A save like any other (revision, audit, content version): a form of this
  // article still open elsewhere gets the conflict page, with its text kept,
  // instead of dropping the new photo unseen.
  a.lead_media_id = *photo;
  RenderedBody body = render_article_body(ctx, a.edition, a.body);
  a.body_html = std::move(body.html);
  a.body_photos = std::move(body.photos);
  if (!save_article(ctx, a, a.slug, a.status, "lead_photo")) throw HttpError{409};
  ctx.res.redirect(303, "/admin/articles/" + std::to_string(a.id) + "?done=photo");
}

void admin_article_correction(Context& ctx, const RouteParams& p) {
  ArticleDraft a = article_or_404(ctx, p[0].id);
  std::string text = trimmed(without_cr(ctx.req.field("text")));
  if (text.empty() || utf8_length(text) > 2000)
    throw HttpError{422, nullptr, "A correction says in 1 to 2000 characters what was wrong and what is right."};
  publish_change(ctx, [&] {
    insert_correction(ctx.db, a.id, a.edition, text, ctx.session->user_id, ctx.now);
    return Audited{"correction", "article " + std::to_string(a.id), text};
  });
  ctx.res.redirect(303, "/admin/articles/" + std::to_string(a.id) + "?done=correction");
}
