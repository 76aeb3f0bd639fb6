#include "view/view.h"

#include <cstdio>

#include "context.h"
#include "http/response.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/sidebars.h"
#include "view/templates.h"
#include "view/urls.h"

PageView::PageView(const Context& ctx, const Edition& edition, const std::string& title, const char* content_template)
    : ctx_(ctx), edition_(edition), layout_("layout") {
  layout_.SetValue(TPL_NAME("LANG"), edition.code);
  layout_.SetValue(TPL_NAME("EDITION"), edition.code);
  layout_.SetValue(TPL_NAME("SITE_NAME"), ctx.cfg.site_name);
  layout_.SetValue(TPL_NAME("PAGE_TITLE"), title);
  layout_.SetValue(TPL_NAME("HOME_URL"), home_path(edition.code));
  layout_.SetValue(TPL_NAME("ALL_NEWS_URL"), all_news_path(edition.code));
  layout_.SetValue(TPL_NAME("ALL_NEWS"), edition.label("all_news"));
  layout_.SetValue(TPL_NAME("SECTIONS"), edition.label("sections"));
  layout_.SetValue(TPL_NAME("MENU"), edition.label("menu"));
  layout_.SetValue(TPL_NAME("SEARCH_URL"), search_path(edition.code));
  layout_.SetValue(TPL_NAME("SEARCH"), edition.label("search"));
  layout_.SetValue(TPL_NAME("SEARCH_BUTTON"), edition.label("search_button"));
  for (const Category* c : ctx.catalogue.in_edition(edition.code)) {
    auto* section = layout_.AddSectionDictionary(TPL_NAME("SECTION"));
    section->SetValue(TPL_NAME("URL"), category_path(edition.code, c->slug));
    section->SetValue(TPL_NAME("NAME"), c->name);
  }
  for (const Edition& e : ctx.editions) {
    auto* link = layout_.AddSectionDictionary(TPL_NAME("EDITION_LINK"));
    link->SetValue(TPL_NAME("URL"), home_path(e.code));
    edition_links_[e.code] = link;
    link->SetValue(TPL_NAME("CODE"), e.code);
    link->SetValue(TPL_NAME("NAME"), e.name);
    if (&e == &edition) link->ShowSection(TPL_NAME("CURRENT"));
  }
  if (const Headline* breaking = ctx.catalogue.breaking(edition.code, ctx.now)) {
    auto* banner = layout_.AddSectionDictionary(TPL_NAME("BREAKING"));
    banner->SetValue(TPL_NAME("LABEL"), edition.label("breaking"));
    banner->SetValue(TPL_NAME("URL"), article_path(edition.code, *breaking));
    banner->SetValue(TPL_NAME("TITLE"), breaking->title);
  }
  for (const FooterLink& page : ctx.catalogue.footer(edition.code)) {
    auto* link = layout_.AddSectionDictionary(TPL_NAME("FOOTER_LINK"));
    link->SetValue(TPL_NAME("URL"), page_path(edition.code, page.slug));
    link->SetValue(TPL_NAME("TITLE"), page.title);
  }
  layout_.SetValue(TPL_NAME("CORRECTIONS_URL"), corrections_path(edition.code));
  layout_.SetValue(TPL_NAME("CORRECTIONS"), edition.label("corrections"));
  layout_.SetValue(TPL_NAME("OG_TYPE"), "website");
  layout_.SetValue(TPL_NAME("LOCALE"), edition.label("locale"));
  layout_.SetValue(TPL_NAME("TWITTER_CARD"), "summary");
  add_feed(ctx.cfg.site_name + " (" + edition.name + ")", feed_path(edition.code));
  description_ = layout_.AddSectionDictionary(TPL_NAME("DESCRIPTION"));
  set_description(edition.label("description"));
  content_ = layout_.AddIncludeDictionary(TPL_NAME("CONTENT"));
  content_->SetFilename(content_template);
}

void PageView::set_description(const std::string& text) {
  description_->SetValue(TPL_NAME("TEXT"), utf8_truncate(text, 300));
}

void PageView::set_robots(const std::string& content) {
  if (!robots_) robots_ = layout_.AddSectionDictionary(TPL_NAME("ROBOTS"));
  robots_->SetValue(TPL_NAME("CONTENT"), content);
}

void PageView::add_alternate(const std::string& hreflang, const std::string& url) {
  auto* link = layout_.AddSectionDictionary(TPL_NAME("ALTERNATE"));
  link->SetValue(TPL_NAME("LANG"), hreflang);
  link->SetValue(TPL_NAME("URL"), url);
}

void PageView::set_social_image(const std::string& url, int width, int height, const std::string& alt) {
  auto* image = layout_.AddSectionDictionary(TPL_NAME("IMAGE"));
  image->SetValue(TPL_NAME("URL"), url);
  image->SetIntValue(TPL_NAME("WIDTH"), width);
  image->SetIntValue(TPL_NAME("HEIGHT"), height);
  image->SetValue(TPL_NAME("ALT"), alt);
  layout_.SetValue(TPL_NAME("TWITTER_CARD"), "summary_large_image");
}

void PageView::set_article_meta(const std::string& published, const std::string& modified, const std::string& section,
                                const std::vector<std::string>& tags) {
  layout_.SetValue(TPL_NAME("OG_TYPE"), "article");
  auto* meta = layout_.AddSectionDictionary(TPL_NAME("ARTICLE_META"));
  meta->SetValue(TPL_NAME("PUBLISHED"), published);
  meta->SetValue(TPL_NAME("MODIFIED"), modified);
  meta->SetValue(TPL_NAME("SECTION"), section);
  for (const std::string& t : tags) meta->AddSectionDictionary(TPL_NAME("TAG"))->SetValue(TPL_NAME("NAME"), t);
}

void PageView::add_feed(const std::string& title, const std::string& path) {
  auto* feed = layout_.AddSectionDictionary(TPL_NAME("FEED"));
  feed->SetValue(TPL_NAME("TITLE"), title);
  feed->SetValue(TPL_NAME("URL"), path);
}

void PageView::set_structured_data(const std::string& json) {
  layout_.SetValueAndShowSection(TPL_NAME("DATA"), json, TPL_NAME("JSON_LD"));
}

void PageView::set_canonical(const std::string& path) {
  layout_.SetValueAndShowSection(TPL_NAME("CANONICAL_URL"), ctx_.cfg.site_url + path, TPL_NAME("CANONICAL"));
}

void fill_headline(ctemplate::TemplateDictionary* d, const std::string& edition, const Headline& h,
                   bool with_category) {
  LocalTime published(h.published_at);
  d->SetValue(TPL_NAME("URL"), article_path(edition, h));
  d->SetValue(TPL_NAME("TITLE"), h.title);
  d->SetValue(TPL_NAME("WHEN"), published.time_date());
  d->SetValue(TPL_NAME("ISO"), published.iso8601());
  if (!with_category) return;
  d->SetValue(TPL_NAME("CATEGORY"), h.category_name);
  d->SetValue(TPL_NAME("CATEGORY_URL"), category_path(edition, h.category_slug));
  d->SetValue(TPL_NAME("TIME"), published.clock());
}

void PageView::set_edition_link(const std::string& edition, const std::string& path) {
  auto it = edition_links_.find(edition);
  if (it != edition_links_.end()) it->second->SetValue(TPL_NAME("URL"), path);
}

void PageView::set_preview() {
  layout_.SetValueAndShowSection(TPL_NAME("PREVIEW_LABEL"), edition_.label("preview"), TPL_NAME("PREVIEW"));
  set_robots("noindex, nofollow");
}

void PageView::render(Response& res, int status) {
  std::vector<std::shared_ptr<const std::string>> sidebars;  // their bytes, until the layout is expanded
  fill_sidebars(layout_, ctx_, edition_, sidebars);
  res.status = status;
  res.body = expand_template("site/layout.tpl", layout_, 32 << 10);  // an article page: about 20 KB
}

void render_standalone(Response& res, int status, const std::string& site_name, const std::string& heading,
                       const std::string& text) {
  ctemplate::TemplateDictionary d("standalone");
  d.SetValue(TPL_NAME("SITE_NAME"), site_name);
  d.SetValue(TPL_NAME("HEADING"), heading);
  d.SetValue(TPL_NAME("TEXT"), text);
  res.status = status;
  res.body = expand_template("site/unavailable.tpl", d);
}

void render_unavailable(Response& res, const std::string& site_name) {
  render_standalone(res, 503, site_name, "Temporarily unavailable",
                    "The news is being updated. Please try again in a few seconds.");
  res.set_header("Retry-After", "5");
}

void render_plain_error(Response& res, int status, const std::string& site_name) {
  render_standalone(res, status, site_name, std::to_string(status) + " " + status_text(status),
                    status >= 500 ? "Something went wrong on our side. Please try again later."
                                  : "The address of this request is not one this site can answer.");
}
