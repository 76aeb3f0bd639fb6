#include "view/page_meta.h"

#include <algorithm>

#include "context.h"
#include "db/newsroom.h"
#include "util/json.h"
#include "util/text.h"
#include "util/time_format.h"
#include "view/photo.h"
#include "view/urls.h"

namespace {

Json publisher(const Context& ctx) {
  return Json::object()
      .set("@type", "Organization")
      .set("name", ctx.cfg.site_name)
      .set("url", ctx.cfg.site_url + "/")
      .set("logo", Json::object().set("@type", "ImageObject").set("url", ctx.cfg.site_url + "/static/img/favicon.svg"));
}

Json list_item(int position, const std::string& name, const std::string& url) {
  Json item = Json::object().set("@type", "ListItem").set("position", position).set("name", name);
  if (!url.empty()) item.set("item", url);
  return item;
}

Json people_who_wrote(const Context& ctx, const Edition& e, const Article& a, const ArticleExtras& extras) {
  Json list = Json::array();
  for (const Byline& b : extras.authors)
    list.push(Json::object()
                  .set("@type", "Person")
                  .set("name", b.author.name)
                  .set("url", ctx.cfg.site_url + author_path(e.code, b.author.slug)));
  if (list.empty() && !a.author.empty()) list.push(Json::object().set("@type", "Person").set("name", a.author));
  if (list.empty()) list.push(publisher(ctx));
  return list;
}

}  // namespace

void describe_article(PageView& view, const Context& ctx, const Edition& e, const Article& a,
                      const ArticleExtras& extras, const std::string& path) {
  const std::string url = ctx.cfg.site_url + path;
  const std::string published = format_iso8601(a.published_at);
  const std::string modified = format_iso8601(std::max(a.updated_at, a.published_at));
  if (!a.lead.empty()) view.set_description(a.lead);
  view.set_robots("max-image-preview:large");
  std::vector<std::string> tags;
  for (const Tag& t : extras.tags) tags.push_back(t.name);
  view.set_article_meta(published, modified, a.category_name, tags);

  Json article = Json::object();
  article.set("@type", "NewsArticle")
      .set("headline", utf8_truncate(a.title, 110))
      .set("description", utf8_truncate(a.lead, 300))
      .set("inLanguage", e.code)
      .set("datePublished", published)
      .set("dateModified", modified)
      .set("articleSection", a.category_name)
      .set("mainEntityOfPage", Json::object().set("@type", "WebPage").set("@id", url));
  if (a.photo.id) {
    int w = preview_width(a.photo);
    std::string image = ctx.cfg.site_url + photo_url(a.photo, w, VariantFormat::jpeg);
    view.set_social_image(image, w, scaled_height(a.photo.width, a.photo.height, w), a.photo.alt);
    // Google's article image: the photo in each shape it shows (16:9, 4:3, 1:1).
    Json images = Json::array();
    for (const VariantSpec& crop : crops_for(a.photo.width, a.photo.height))
      images.push(Json::object()
                      .set("@type", "ImageObject")
                      .set("url", ctx.cfg.site_url + photo_url(a.photo, crop))
                      .set("width", crop.width)
                      .set("height", crop.height));
    if (!images.empty()) article.set("image", std::move(images));
  }
  article.set("author", people_who_wrote(ctx, e, a, extras)).set("publisher", publisher(ctx));
  if (!tags.empty()) {
    Json keywords = Json::array();
    for (const std::string& t : tags) keywords.push(t);
    article.set("keywords", std::move(keywords));
  }
  Json crumbs = Json::array()
                    .push(list_item(1, e.name, ctx.cfg.site_url + home_path(e.code)))
                    .push(list_item(2, a.category_name, ctx.cfg.site_url + category_path(e.code, a.category_slug)))
                    .push(list_item(3, a.title, ""));
  Json graph = Json::array()
                   .push(std::move(article))
                   .push(Json::object().set("@type", "BreadcrumbList").set("itemListElement", std::move(crumbs)));
  view.set_structured_data(Json::object().set("@context", "https://schema.org").set("@graph", std::move(graph)).dump());

  if (extras.translations.empty()) return;
  // The same story in each language, this one included; x-default: the site's default edition's.
  const std::string& fallback = ctx.default_edition().code;
  std::string x_default = url;
  view.add_alternate(e.code, url);
  for (const Translation& t : extras.translations) {
    std::string other = ctx.cfg.site_url + article_path(t.edition, t.headline);
    view.add_alternate(t.edition, other);
    if (t.edition == fallback) x_default = other;
  }
  view.add_alternate("x-default", x_default);
}

void describe_home(PageView& view, const Context& ctx, const Edition& e) {
  for (const Edition& other : ctx.editions) view.add_alternate(other.code, ctx.cfg.site_url + home_path(other.code));
  view.add_alternate("x-default", ctx.cfg.site_url + home_path(ctx.default_edition().code));
  view.set_structured_data(Json::object()
                               .set("@context", "https://schema.org")
                               .set("@type", "WebSite")
                               .set("name", ctx.cfg.site_name)
                               .set("url", ctx.cfg.site_url + home_path(e.code))
                               .set("inLanguage", e.code)
                               .dump());
}
