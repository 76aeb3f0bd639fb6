// Fill functions of the public site's content templates, one per template.

#include "http/response.h"
#include "util/markdown.h"
#include "util/time_format.h"
#include "view/photo.h"
#include "view/urls.h"
#include "view/view.h"

namespace {

// A story's photo, small, beside its headline in a list.
void add_thumbnail(ctemplate::TemplateDictionary* item, const std::string& edition, const Headline& h) {
  auto* thumb = item->AddSectionDictionary("THUMB");
  thumb->SetValue("URL", article_path(edition, h));
  add_picture(*thumb, "PICTURE", h.photo, PhotoPlace::thumbnail);
}

}  // namespace

void fill_article(ctemplate::TemplateDictionary& d, const Edition& e, const Article& a,
                  const std::vector<Headline>& related) {
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
  if (!a.author.empty() || !a.source.empty()) {
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

void fill_home(ctemplate::TemplateDictionary& d, const Edition& e, const std::vector<Headline>& stories) {
  d.SetValue("HEADING", e.label("latest"));
  d.SetValue("ALL_NEWS", e.label("all_news"));
  d.SetValue("ALL_NEWS_URL", all_news_path(e.code));
  for (size_t i = 0; i < stories.size(); ++i) {
    auto* s = d.AddSectionDictionary(i == 0 ? "TOP_STORY" : "STORY");
    fill_headline(s, e.code, stories[i], true);
    s->SetValue("LEAD", stories[i].lead);
    if (stories[i].photo.id) {
      if (i == 0)
        add_picture(*s, "PHOTO", stories[i].photo, PhotoPlace::top_story);
      else
        add_thumbnail(s, e.code, stories[i]);
    }
  }
  if (stories.empty()) d.SetValueAndShowSection("NO_ARTICLES", e.label("no_articles"), "EMPTY");
}

void fill_listing(ctemplate::TemplateDictionary& d, const Edition& e, const std::string& heading,
                  const std::string& base_path, const std::vector<Headline>& page,
                  const std::string& next_cursor, bool is_first_page) {
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

void fill_error(ctemplate::TemplateDictionary& d, const Edition& e, int status) {
  if (status == 404) {
    d.SetValue("HEADING", e.label("not_found"));
    d.SetValue("TEXT", e.label("not_found_text"));
  } else {
    d.SetValue("HEADING", std::to_string(status) + " " + status_text(status));
    d.SetValue("TEXT", status == 405 ? "This address answers only GET and HEAD requests."
                                     : "This request cannot be answered.");
  }
  d.SetValue("HOME_URL", home_path(e.code));
  d.SetValue("HOME", e.label("latest"));
}
