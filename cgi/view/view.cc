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

// The names of the variables set for every headline, hashed once (ctemplate
// would otherwise hash each name, and register it under a lock, per headline).
static const ctemplate::StaticTemplateString kUrl = STS_INIT(kUrl, "URL");
static const ctemplate::StaticTemplateString kTitle = STS_INIT(kTitle, "TITLE");
static const ctemplate::StaticTemplateString kWhen = STS_INIT(kWhen, "WHEN");
static const ctemplate::StaticTemplateString kIso = STS_INIT(kIso, "ISO");
static const ctemplate::StaticTemplateString kTime = STS_INIT(kTime, "TIME");
static const ctemplate::StaticTemplateString kCategory = STS_INIT(kCategory, "CATEGORY");
static const ctemplate::StaticTemplateString kCategoryUrl = STS_INIT(kCategoryUrl, "CATEGORY_URL");

PageView::PageView(const Context& ctx, const Edition& edition, const std::string& title, const char* content_template)
    : ctx_(ctx), edition_(edition), layout_("layout") {
  layout_.SetValue("LANG", edition.code);
  layout_.SetValue("EDITION", edition.code);
  layout_.SetValue("SITE_NAME", ctx.cfg.site_name);
  layout_.SetValue("PAGE_TITLE", title);
  layout_.SetValue("HOME_URL", home_path(edition.code));
  layout_.SetValue("ALL_NEWS_URL", all_news_path(edition.code));
  layout_.SetValue("ALL_NEWS", edition.label("all_news"));
  layout_.SetValue("SECTIONS", edition.label("sections"));
  layout_.SetValue("MENU", edition.label("menu"));
  layout_.SetValue("SEARCH_URL", search_path(edition.code));
  layout_.SetValue("SEARCH", edition.label("search"));
  layout_.SetValue("SEARCH_BUTTON", edition.label("search_button"));
  for (const Category* c : ctx.catalogue.in_edition(edition.code)) {
    auto* section = layout_.AddSectionDictionary("SECTION");
    section->SetValue("URL", category_path(edition.code, c->slug));
    section->SetValue("NAME", c->name);
  }
  for (const Edition& e : ctx.editions) {
    auto* link = layout_.AddSectionDictionary("EDITION_LINK");
    link->SetValue("URL", home_path(e.code));
    edition_links_[e.code] = link;
    link->SetValue("CODE", e.code);
    link->SetValue("NAME", e.name);
    if (&e == &edition) link->ShowSection("CURRENT");
  }
  if (const Headline* breaking = ctx.catalogue.breaking(edition.code, ctx.now)) {
    auto* banner = layout_.AddSectionDictionary("BREAKING");
    banner->SetValue("LABEL", edition.label("breaking"));
    banner->SetValue("URL", article_path(edition.code, *breaking));
    banner->SetValue("TITLE", breaking->title);
  }
  for (const FooterLink& page : ctx.catalogue.footer(edition.code)) {
    auto* link = layout_.AddSectionDictionary("FOOTER_LINK");
    link->SetValue("URL", page_path(edition.code, page.slug));
    link->SetValue("TITLE", page.title);
  }
  layout_.SetValue("CORRECTIONS_URL", corrections_path(edition.code));
  layout_.SetValue("CORRECTIONS", edition.label("corrections"));
  layout_.SetValue("OG_TYPE", "website");
  layout_.SetValue("LOCALE", edition.label("locale"));
  layout_.SetValue("TWITTER_CARD", "summary");
  add_feed(ctx.cfg.site_name + " (" + edition.name + ")", feed_path(edition.code));
  description_ = layout_.AddSectionDictionary("DESCRIPTION");
  set_description(edition.label("description"));
  content_ = layout_.AddIncludeDictionary("CONTENT");
  content_->SetFilename(content_template);
}

void PageView::set_description(const std::string& text) { description_->SetValue("TEXT", utf8_truncate(text, 300)); }

void PageView::set_robots(const std::string& content) {
  if (!robots_) robots_ = layout_.AddSectionDictionary("ROBOTS");
  robots_->SetValue("CONTENT", content);
}

void PageView::add_alternate(const std::string& hreflang, const std::string& url) {
  auto* link = layout_.AddSectionDictionary("ALTERNATE");
  link->SetValue("LANG", hreflang);
  link->SetValue("URL", url);
}

void PageView::set_social_image(const std::string& url, int width, int height, const std::string& alt) {
  auto* image = layout_.AddSectionDictionary("IMAGE");
  image->SetValue("URL", url);
  image->SetIntValue("WIDTH", width);
  image->SetIntValue("HEIGHT", height);
  image->SetValue("ALT", alt);
  layout_.SetValue("TWITTER_CARD", "summary_large_image");
}

void PageView::set_article_meta(const std::string& published, const std::string& modified, const std::string& section,
                                const std::vector<std::string>& tags) {
  layout_.SetValue("OG_TYPE", "article");
  auto* meta = layout_.AddSectionDictionary("ARTICLE_META");
  meta->SetValue("PUBLISHED", published);
  meta->SetValue("MODIFIED", modified);
  meta->SetValue("SECTION", section);
  for (const std::string& t : tags) meta->AddSectionDictionary("TAG")->SetValue("NAME", t);
}

void PageView::add_feed(const std::string& title, const std::string& path) {
  auto* feed = layout_.AddSectionDictionary("FEED");
  feed->SetValue("TITLE", title);
  feed->SetValue("URL", path);
}

void PageView::set_structured_data(const std::string& json) { layout_.SetValueAndShowSection("DATA", json, "JSON_LD"); }

void PageView::set_canonical(const std::string& path) {
  layout_.SetValueAndShowSection("CANONICAL_URL", ctx_.cfg.site_url + path, "CANONICAL");
}

void fill_headline(ctemplate::TemplateDictionary* d, const std::string& edition, const Headline& h,
                   bool with_category) {
  LocalTime published(h.published_at);
  d->SetValue(kUrl, article_path(edition, h));
  d->SetValue(kTitle, h.title);
  d->SetValue(kWhen, published.time_date());
  d->SetValue(kIso, published.iso8601());
  if (!with_category) return;
  d->SetValue(kCategory, h.category_name);
  d->SetValue(kCategoryUrl, category_path(edition, h.category_slug));
  d->SetValue(kTime, published.clock());
}

void PageView::set_edition_link(const std::string& edition, const std::string& path) {
  auto it = edition_links_.find(edition);
  if (it != edition_links_.end()) it->second->SetValue("URL", path);
}

void PageView::set_preview() {
  layout_.SetValueAndShowSection("PREVIEW_LABEL", edition_.label("preview"), "PREVIEW");
  set_robots("noindex, nofollow");
}

void PageView::render(Response& res, int status) {
  std::vector<std::shared_ptr<const std::string>> sidebars;  // their bytes, until the layout is expanded
  fill_sidebars(layout_, ctx_, edition_, sidebars);
  res.status = status;
  res.body = expand_template("site/layout.tpl", layout_);
}

void render_standalone(Response& res, int status, const std::string& site_name, const std::string& heading,
                       const std::string& text) {
  ctemplate::TemplateDictionary d("standalone");
  d.SetValue("SITE_NAME", site_name);
  d.SetValue("HEADING", heading);
  d.SetValue("TEXT", text);
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
