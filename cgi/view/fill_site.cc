// Fill functions of the public site's content templates, one per template.

#include "db/newsroom.h"
#include "db/search.h"
#include "http/response.h"
#include "util/markdown.h"
#include "util/time_format.h"
#include "view/photo.h"
#include "view/search_page.h"
#include "view/templates.h"
#include "view/urls.h"
#include "view/view.h"

namespace {

// The links to the newest page and to the next (older) one of a keyset listing.
void fill_pager(ctemplate::TemplateDictionary& d, const Edition& e, const std::string& base_path,
                const std::string& next_cursor, bool is_first_page) {
  if (!is_first_page) {
    auto* first = d.AddSectionDictionary(TPL_NAME("FIRST_PAGE"));
    first->SetValue(TPL_NAME("URL"), base_path);
    first->SetValue(TPL_NAME("LABEL"), e.label("newest"));
  }
  if (!next_cursor.empty()) {
    auto* more = d.AddSectionDictionary(TPL_NAME("NEXT_PAGE"));
    more->SetValue(TPL_NAME("BASE_URL"), base_path);
    more->SetValue(TPL_NAME("CURSOR"), next_cursor);
    more->SetValue(TPL_NAME("LABEL"), e.label("older"));
  }
}

// A story's photo, small, beside its headline in a list.
void add_thumbnail(ctemplate::TemplateDictionary* item, const std::string& edition, const Headline& h) {
  auto* thumb = item->AddSectionDictionary(TPL_NAME("THUMB"));
  thumb->SetValue(TPL_NAME("URL"), article_path(edition, h));
  add_picture(*thumb, "PICTURE", h.photo, PhotoPlace::thumbnail);
}

void fill_extras(ctemplate::TemplateDictionary& d, const Edition& e, const Article& a, const ArticleExtras& x) {
  if (!x.authors.empty()) {
    auto* authors = d.AddSectionDictionary(TPL_NAME("AUTHORS"));
    authors->SetValue(TPL_NAME("BY"), e.label("by"));
    for (const Byline& b : x.authors) {
      auto* author = authors->AddSectionDictionary(TPL_NAME("AUTHOR"));
      author->SetValue(TPL_NAME("URL"), author_path(e.code, b.author.slug));
      author->SetValue(TPL_NAME("NAME"), b.author.name);
      if (!b.role.empty()) author->SetValueAndShowSection(TPL_NAME("TEXT"), b.role, TPL_NAME("ROLE"));
    }
    if (!a.source.empty()) authors->SetValueAndShowSection(TPL_NAME("SOURCE"), a.source, TPL_NAME("SOURCE_SECTION"));
  }
  if (!x.corrections.empty()) {
    auto* list = d.AddSectionDictionary(TPL_NAME("CORRECTIONS"));
    list->SetValue(TPL_NAME("LABEL"), e.label("corrections"));
    for (const Correction& c : x.corrections) {
      LocalTime noted(c.noted_at);
      auto* item = list->AddSectionDictionary(TPL_NAME("CORRECTION"));
      item->SetValue(TPL_NAME("LABEL"), e.label("correction"));
      item->SetValue(TPL_NAME("WHEN"), noted.time_date());
      item->SetValue(TPL_NAME("ISO"), noted.iso8601());
      item->SetValue(TPL_NAME("TEXT"), c.text);
    }
  }
  if (!x.tags.empty()) {
    auto* tags = d.AddSectionDictionary(TPL_NAME("TAGS"));
    tags->SetValue(TPL_NAME("LABEL"), e.label("tags"));
    for (const Tag& t : x.tags) {
      auto* tag = tags->AddSectionDictionary(TPL_NAME("TAG"));
      tag->SetValue(TPL_NAME("URL"), tag_path(e.code, t.slug));
      tag->SetValue(TPL_NAME("NAME"), t.name);
    }
  }
}

}  // namespace

void fill_article(ctemplate::TemplateDictionary& d, const Edition& e, const Article& a,
                  const std::vector<Headline>& related, const ArticleExtras* extras) {
  fill_headline(&d, e.code, a, true);
  auto* crumbs = d.AddSectionDictionary(TPL_NAME("BREADCRUMBS"));
  crumbs->SetValue(TPL_NAME("LABEL"), e.label("breadcrumbs"));
  crumbs->SetValue(TPL_NAME("HOME_URL"), home_path(e.code));
  crumbs->SetValue(TPL_NAME("HOME"), e.name);
  crumbs->SetValue(TPL_NAME("CATEGORY_URL"), category_path(e.code, a.category_slug));
  crumbs->SetValue(TPL_NAME("CATEGORY"), a.category_name);
  if (a.lead_written && !a.lead.empty()) d.SetValueAndShowSection(TPL_NAME("TEXT"), a.lead, TPL_NAME("LEAD"));
  // Edited after it was published (a minute's grace for the publishing save itself).
  if (a.updated_at > a.published_at + 60) {
    LocalTime updated(a.updated_at);
    auto* u = d.AddSectionDictionary(TPL_NAME("UPDATED"));
    u->SetValue(TPL_NAME("LABEL"), e.label("updated"));
    u->SetValue(TPL_NAME("WHEN"), updated.time_date());
    u->SetValue(TPL_NAME("ISO"), updated.iso8601());
  }
  if (a.photo.id) add_figure(d, "LEAD_PHOTO", a.photo, PhotoPlace::lead, e);
  d.SetValue(TPL_NAME("BODY_HTML"), a.body_html.empty() ? markdown_to_html(a.body) : a.body_html);
  if (extras) fill_extras(d, e, a, *extras);
  bool by_records = extras && !extras->authors.empty();  // they replace the free-text byline
  if (!by_records && (!a.author.empty() || !a.source.empty())) {
    auto* byline = d.AddSectionDictionary(TPL_NAME("BYLINE"));
    byline->SetValue(TPL_NAME("AUTHOR"), a.author);
    byline->SetValue(TPL_NAME("SOURCE"), a.source);
    if (!a.author.empty() && !a.source.empty()) byline->ShowSection(TPL_NAME("SEPARATOR"));
  }
  if (!related.empty()) {
    auto* section = d.AddSectionDictionary(TPL_NAME("RELATED_SECTION"));
    section->SetValue(TPL_NAME("RELATED_LABEL"), e.label("related"));
    for (const Headline& h : related)
      fill_headline(section->AddSectionDictionary(TPL_NAME("RELATED")), e.code, h, true);
  }
}

void fill_home(ctemplate::TemplateDictionary& d, const Edition& e, const std::vector<Headline>& top,
               const std::vector<HomeBlock>& blocks) {
  d.SetValue(TPL_NAME("HEADING"), e.label("top_stories"));
  d.SetValue(TPL_NAME("ALL_NEWS"), e.label("all_news"));
  d.SetValue(TPL_NAME("ALL_NEWS_URL"), all_news_path(e.code));
  if (!top.empty()) {
    auto* section = d.AddSectionDictionary(TPL_NAME("TOP"));
    for (size_t i = 0; i < top.size(); ++i) {
      auto* s = section->AddSectionDictionary(TPL_NAME("TOP_STORY"));
      fill_headline(s, e.code, top[i], true);
      // The first is the page's largest photo, loaded at once; the others below it may wait.
      if (top[i].photo.id)
        add_picture(*s, "PHOTO", top[i].photo, i == 0 ? PhotoPlace::top_story : PhotoPlace::second_story);
      if (!top[i].lead.empty()) s->SetValueAndShowSection(TPL_NAME("LEAD"), top[i].lead, TPL_NAME("LEAD_SECTION"));
    }
  }
  for (const HomeBlock& b : blocks) {
    auto* block = d.AddSectionDictionary(TPL_NAME("BLOCK"));
    block->SetValue(TPL_NAME("SLUG"), b.category->slug);
    block->SetValue(TPL_NAME("NAME"), b.category->name);
    block->SetValue(TPL_NAME("URL"), category_path(e.code, b.category->slug));
    for (const Headline& h : b.stories) {
      auto* s = block->AddSectionDictionary(TPL_NAME("STORY"));
      fill_headline(s, e.code, h, true);
      if (h.photo.id) add_thumbnail(s, e.code, h);
    }
  }
  if (top.empty() && blocks.empty())
    d.SetValueAndShowSection(TPL_NAME("NO_ARTICLES"), e.label("no_articles"), TPL_NAME("EMPTY"));
}

void fill_listing(ctemplate::TemplateDictionary& d, const Edition& e, const std::string& heading,
                  const std::string& base_path, const std::vector<Headline>& page, const std::string& next_cursor,
                  bool is_first_page) {
  d.SetValue(TPL_NAME("HEADING"), heading);
  ctemplate::TemplateDictionary* day = nullptr;
  long current_day = -1;
  for (const Headline& h : page) {
    long day_number = local_day_number(h.published_at);
    if (!day || day_number != current_day) {
      day = d.AddSectionDictionary(TPL_NAME("DAY"));
      day->SetValue(TPL_NAME("DATE"), format_date(h.published_at));
      current_day = day_number;
    }
    auto* item = day->AddSectionDictionary(TPL_NAME("ITEM"));
    fill_headline(item, e.code, h, true);
    if (h.photo.id) add_thumbnail(item, e.code, h);
  }
  if (page.empty()) d.SetValueAndShowSection(TPL_NAME("NO_ARTICLES"), e.label("no_articles"), TPL_NAME("EMPTY"));
  fill_pager(d, e, base_path, next_cursor, is_first_page);
}

void fill_error(ctemplate::TemplateDictionary& d, const Edition& e, int status) {
  if (status == 404) {
    d.SetValue(TPL_NAME("HEADING"), e.label("not_found"));
    d.SetValue(TPL_NAME("TEXT"), e.label("not_found_text"));
  } else {
    d.SetValue(TPL_NAME("HEADING"), std::to_string(status) + " " + status_text(status));
    d.SetValue(TPL_NAME("TEXT"),
               status == 405 ? "This address answers only GET and HEAD requests." : "This request cannot be answered.");
  }
  d.SetValue(TPL_NAME("HOME_URL"), home_path(e.code));
  d.SetValue(TPL_NAME("HOME"), e.label("latest"));
}

void fill_author_intro(ctemplate::TemplateDictionary& d, const Edition& e, const Author& a) {
  if (a.bio.empty() && !a.photo.id) return;
  auto* intro = d.AddSectionDictionary(TPL_NAME("INTRO"));
  intro->SetValue(TPL_NAME("BIO"), a.bio);
  if (a.photo.id)
    add_picture(*intro->AddSectionDictionary(TPL_NAME("PHOTO")), "PICTURE", a.photo, PhotoPlace::thumbnail);
}

void fill_corrections(ctemplate::TemplateDictionary& d, const Edition& e, const std::vector<Correction>& items,
                      const std::string& base_path, const std::string& next_cursor, bool is_first_page) {
  d.SetValue(TPL_NAME("HEADING"), e.label("corrections"));
  for (const Correction& c : items) {
    LocalTime noted(c.noted_at);
    auto* item = d.AddSectionDictionary(TPL_NAME("CORRECTION"));
    item->SetValue(TPL_NAME("WHEN"), noted.time_date());
    item->SetValue(TPL_NAME("ISO"), noted.iso8601());
    item->SetValue(TPL_NAME("URL"), article_path(e.code, c.article));
    item->SetValue(TPL_NAME("TITLE"), c.article.title);
    item->SetValue(TPL_NAME("TEXT"), c.text);
  }
  if (items.empty()) d.SetValueAndShowSection(TPL_NAME("NO_CORRECTIONS"), e.label("no_corrections"), TPL_NAME("EMPTY"));
  fill_pager(d, e, base_path, next_cursor, is_first_page);
}

void fill_simple_page(ctemplate::TemplateDictionary& d, const SimplePage& p) {
  d.SetValue(TPL_NAME("TITLE"), p.title);
  d.SetValue(TPL_NAME("BODY_HTML"), p.body_html);
}

namespace {

void add_pieces(ctemplate::TemplateDictionary* d, const char* section, const std::vector<TextPiece>& pieces) {
  for (const TextPiece& p : pieces) {
    auto* piece = d->AddSectionDictionary(section);
    piece->SetValue(TPL_NAME("TEXT"), p.text);
    if (p.hit) piece->ShowSection(TPL_NAME("HIT"));
  }
}

}  // namespace

void fill_search(ctemplate::TemplateDictionary& d, const Edition& e, const SearchPage& page) {
  d.SetValue(TPL_NAME("HEADING"), page.text.empty() ? e.label("search") : e.label("search_for") + " " + page.text);
  d.SetValue(TPL_NAME("SEARCH_URL"), search_path(e.code));
  d.SetValue(TPL_NAME("SEARCH_LABEL"), e.label("search"));
  d.SetValue(TPL_NAME("BUTTON"), e.label("search_button"));
  d.SetValue(TPL_NAME("QUERY"), page.text);
  if (!page.message.empty()) d.SetValueAndShowSection(TPL_NAME("TEXT"), page.message, TPL_NAME("MESSAGE"));
  if (page.results.empty()) return;
  d.ShowSection(TPL_NAME("RESULTS"));
  for (const SearchResult& r : page.results) {
    auto* item = d.AddSectionDictionary(TPL_NAME("RESULT"));
    fill_headline(item, e.code, r.headline, true);
    if (r.headline.photo.id) add_thumbnail(item, e.code, r.headline);
    add_pieces(item, "TITLE_PIECE", highlight_all(r.headline.title, page.query));
    // The lead (unless it is the body's first paragraph), then the body: around the first word found.
    std::string text = markdown_plain_text(r.body);
    if (!r.headline.lead.empty() && text.compare(0, r.headline.lead.size(), r.headline.lead) != 0)
      text = r.headline.lead + "\n" + text;
    add_pieces(item, "PIECE", highlight_snippet(text, page.query));
  }
  if (!page.next_cursor.empty()) {
    auto* next = d.AddSectionDictionary(TPL_NAME("NEXT_PAGE"));
    next->SetValue(TPL_NAME("SEARCH_URL"), search_path(e.code));
    next->SetValue(TPL_NAME("QUERY"), page.text);
    next->SetValue(TPL_NAME("CURSOR"), page.next_cursor);
    next->SetValue(TPL_NAME("LABEL"), e.label("search_more"));
  }
}
