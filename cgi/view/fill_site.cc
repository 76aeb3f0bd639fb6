// Fill functions of the public site's content templates, one per template.

#include "db/newsroom.h"
#include "db/search.h"
#include "http/response.h"
#include "util/markdown.h"
#include "util/time_format.h"
#include "view/photo.h"
#include "view/search_page.h"
#include "view/urls.h"
#include "view/view.h"

namespace {

// The links to the newest page and to the next (older) one of a keyset listing.
void fill_pager(ctemplate::TemplateDictionary& d, const Edition& e, const std::string& base_path,
                const std::string& next_cursor, bool is_first_page) {
  if (!is_first_page) {
    auto* first = d.AddSectionDictionary("FIRST_PAGE");
    first->SetValue("URL", base_path);
    first->SetValue("LABEL", e.label("newest"));
  }
  if (!next_cursor.empty()) {
    auto* more = d.AddSectionDictionary("NEXT_PAGE");
    more->SetValue("BASE_URL", base_path);
    more->SetValue("CURSOR", next_cursor);
    more->SetValue("LABEL", e.label("older"));
  }
}

// A story's photo, small, beside its headline in a list.
void add_thumbnail(ctemplate::TemplateDictionary* item, const std::string& edition, const Headline& h) {
  auto* thumb = item->AddSectionDictionary("THUMB");
  thumb->SetValue("URL", article_path(edition, h));
  add_picture(*thumb, "PICTURE", h.photo, PhotoPlace::thumbnail);
}

void fill_extras(ctemplate::TemplateDictionary& d, const Edition& e, const Article& a, const ArticleExtras& x) {
  if (!x.authors.empty()) {
    auto* authors = d.AddSectionDictionary("AUTHORS");
    authors->SetValue("BY", e.label("by"));
    for (const Byline& b : x.authors) {
      auto* author = authors->AddSectionDictionary("AUTHOR");
      author->SetValue("URL", author_path(e.code, b.author.slug));
      author->SetValue("NAME", b.author.name);
      if (!b.role.empty()) author->SetValueAndShowSection("TEXT", b.role, "ROLE");
    }
    if (!a.source.empty()) authors->SetValueAndShowSection("SOURCE", a.source, "SOURCE_SECTION");
  }
  if (!x.corrections.empty()) {
    auto* list = d.AddSectionDictionary("CORRECTIONS");
    list->SetValue("LABEL", e.label("corrections"));
    for (const Correction& c : x.corrections) {
      LocalTime noted(c.noted_at);
      auto* item = list->AddSectionDictionary("CORRECTION");
      item->SetValue("LABEL", e.label("correction"));
      item->SetValue("WHEN", noted.time_date());
      item->SetValue("ISO", noted.iso8601());
      item->SetValue("TEXT", c.text);
    }
  }
  if (!x.tags.empty()) {
    auto* tags = d.AddSectionDictionary("TAGS");
    tags->SetValue("LABEL", e.label("tags"));
    for (const Tag& t : x.tags) {
      auto* tag = tags->AddSectionDictionary("TAG");
      tag->SetValue("URL", tag_path(e.code, t.slug));
      tag->SetValue("NAME", t.name);
    }
  }
}

}  // namespace

void fill_article(ctemplate::TemplateDictionary& d, const Edition& e, const Article& a,
                  const std::vector<Headline>& related, const ArticleExtras* extras) {
  fill_headline(&d, e.code, a, true);
  auto* crumbs = d.AddSectionDictionary("BREADCRUMBS");
  crumbs->SetValue("LABEL", e.label("breadcrumbs"));
  crumbs->SetValue("HOME_URL", home_path(e.code));
  crumbs->SetValue("HOME", e.name);
  crumbs->SetValue("CATEGORY_URL", category_path(e.code, a.category_slug));
  crumbs->SetValue("CATEGORY", a.category_name);
  if (a.lead_written && !a.lead.empty()) d.SetValueAndShowSection("TEXT", a.lead, "LEAD");
  // Edited after it was published (a minute's grace for the publishing save itself).
  if (a.updated_at > a.published_at + 60) {
    LocalTime updated(a.updated_at);
    auto* u = d.AddSectionDictionary("UPDATED");
    u->SetValue("LABEL", e.label("updated"));
    u->SetValue("WHEN", updated.time_date());
    u->SetValue("ISO", updated.iso8601());
  }
  if (a.photo.id) add_figure(d, "LEAD_PHOTO", a.photo, PhotoPlace::lead, e);
  d.SetValue("BODY_HTML", a.body_html.empty() ? markdown_to_html(a.body) : a.body_html);
  if (extras) fill_extras(d, e, a, *extras);
  bool by_records = extras && !extras->authors.empty();  // they replace the free-text byline
  if (!by_records && (!a.author.empty() || !a.source.empty())) {
    auto* byline = d.AddSectionDictionary("BYLINE");
    byline->SetValue("AUTHOR", a.author);
    byline->SetValue("SOURCE", a.source);
    if (!a.author.empty() && !a.source.empty()) byline->ShowSection("SEPARATOR");
  }
  if (!related.empty()) {
    auto* section = d.AddSectionDictionary("RELATED_SECTION");
    section->SetValue("RELATED_LABEL", e.label("related"));
    for (const Headline& h : related) fill_headline(section->AddSectionDictionary("RELATED"), e.code, h, true);
  }
}

void fill_home(ctemplate::TemplateDictionary& d, const Edition& e, const std::vector<Headline>& top,
               const std::vector<HomeBlock>& blocks) {
  d.SetValue("HEADING", e.label("top_stories"));
  d.SetValue("ALL_NEWS", e.label("all_news"));
  d.SetValue("ALL_NEWS_URL", all_news_path(e.code));
  if (!top.empty()) {
    auto* section = d.AddSectionDictionary("TOP");
    for (size_t i = 0; i < top.size(); ++i) {
      auto* s = section->AddSectionDictionary("TOP_STORY");
      fill_headline(s, e.code, top[i], true);
      // The first is the page's largest photo, loaded at once; the others below it may wait.
      if (top[i].photo.id)
        add_picture(*s, "PHOTO", top[i].photo, i == 0 ? PhotoPlace::top_story : PhotoPlace::second_story);
      if (!top[i].lead.empty()) s->SetValueAndShowSection("LEAD", top[i].lead, "LEAD_SECTION");
    }
  }
  for (const HomeBlock& b : blocks) {
    auto* block = d.AddSectionDictionary("BLOCK");
    block->SetValue("SLUG", b.category->slug);
    block->SetValue("NAME", b.category->name);
    block->SetValue("URL", category_path(e.code, b.category->slug));
    for (const Headline& h : b.stories) {
      auto* s = block->AddSectionDictionary("STORY");
      fill_headline(s, e.code, h, true);
      if (h.photo.id) add_thumbnail(s, e.code, h);
    }
  }
  if (top.empty() && blocks.empty()) d.SetValueAndShowSection("NO_ARTICLES", e.label("no_articles"), "EMPTY");
}

void fill_listing(ctemplate::TemplateDictionary& d, const Edition& e, const std::string& heading,
                  const std::string& base_path, const std::vector<Headline>& page, const std::string& next_cursor,
                  bool is_first_page) {
  d.SetValue("HEADING", heading);
  ctemplate::TemplateDictionary* day = nullptr;
  long current_day = -1;
  for (const Headline& h : page) {
    long day_number = local_day_number(h.published_at);
    if (!day || day_number != current_day) {
      day = d.AddSectionDictionary("DAY");
      day->SetValue("DATE", format_date(h.published_at));
      current_day = day_number;
    }
    auto* item = day->AddSectionDictionary("ITEM");
    fill_headline(item, e.code, h, true);
    if (h.photo.id) add_thumbnail(item, e.code, h);
  }
  if (page.empty()) d.SetValueAndShowSection("NO_ARTICLES", e.label("no_articles"), "EMPTY");
  fill_pager(d, e, base_path, next_cursor, is_first_page);
}

void fill_error(ctemplate::TemplateDictionary& d, const Edition& e, int status) {
  if (status == 404) {
    d.SetValue("HEADING", e.label("not_found"));
    d.SetValue("TEXT", e.label("not_found_text"));
  } else {
    d.SetValue("HEADING", std::to_string(status) + " " + status_text(status));
    d.SetValue("TEXT",
               status == 405 ? "This address answers only GET and HEAD requests." : "This request cannot be answered.");
  }
  d.SetValue("HOME_URL", home_path(e.code));
  d.SetValue("HOME", e.label("latest"));
}

void fill_author_intro(ctemplate::TemplateDictionary& d, const Edition& e, const Author& a) {
  if (a.bio.empty() && !a.photo.id) return;
  auto* intro = d.AddSectionDictionary("INTRO");
  intro->SetValue("BIO", a.bio);
  if (a.photo.id) add_picture(*intro->AddSectionDictionary("PHOTO"), "PICTURE", a.photo, PhotoPlace::thumbnail);
}

void fill_corrections(ctemplate::TemplateDictionary& d, const Edition& e, const std::vector<Correction>& items,
                      const std::string& base_path, const std::string& next_cursor, bool is_first_page) {
  d.SetValue("HEADING", e.label("corrections"));
  for (const Correction& c : items) {
    LocalTime noted(c.noted_at);
    auto* item = d.AddSectionDictionary("CORRECTION");
    item->SetValue("WHEN", noted.time_date());
    item->SetValue("ISO", noted.iso8601());
    item->SetValue("URL", article_path(e.code, c.article));
    item->SetValue("TITLE", c.article.title);
    item->SetValue("TEXT", c.text);
  }
  if (items.empty()) d.SetValueAndShowSection("NO_CORRECTIONS", e.label("no_corrections"), "EMPTY");
  fill_pager(d, e, base_path, next_cursor, is_first_page);
}

void fill_simple_page(ctemplate::TemplateDictionary& d, const SimplePage& p) {
  d.SetValue("TITLE", p.title);
  d.SetValue("BODY_HTML", p.body_html);
}

namespace {

void add_pieces(ctemplate::TemplateDictionary* d, const char* section, const std::vector<TextPiece>& pieces) {
  for (const TextPiece& p : pieces) {
    auto* piece = d->AddSectionDictionary(section);
    piece->SetValue("TEXT", p.text);
    if (p.hit) piece->ShowSection("HIT");
  }
}

}  // namespace

void fill_search(ctemplate::TemplateDictionary& d, const Edition& e, const SearchPage& page) {
  d.SetValue("HEADING", page.text.empty() ? e.label("search") : e.label("search_for") + " " + page.text);
  d.SetValue("SEARCH_URL", search_path(e.code));
  d.SetValue("SEARCH_LABEL", e.label("search"));
  d.SetValue("BUTTON", e.label("search_button"));
  d.SetValue("QUERY", page.text);
  if (!page.message.empty()) d.SetValueAndShowSection("TEXT", page.message, "MESSAGE");
  if (page.results.empty()) return;
  d.ShowSection("RESULTS");
  for (const SearchResult& r : page.results) {
    auto* item = d.AddSectionDictionary("RESULT");
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
    auto* next = d.AddSectionDictionary("NEXT_PAGE");
    next->SetValue("SEARCH_URL", search_path(e.code));
    next->SetValue("QUERY", page.text);
    next->SetValue("CURSOR", page.next_cursor);
    next->SetValue("LABEL", e.label("search_more"));
  }
}
