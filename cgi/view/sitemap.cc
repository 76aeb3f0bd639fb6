#include "view/sitemap.h"

#include <ctemplate/template.h>

#include <stdexcept>

#include "context.h"
#include "db/article_links.h"
#include "util/time_format.h"
#include "view/photo.h"
#include "view/templates.h"
#include "view/urls.h"

namespace {

ctemplate::TemplateDictionary* add_url(ctemplate::TemplateDictionary& d, const Context& ctx, const std::string& path) {
  auto* url = d.AddSectionDictionary("URL");
  url->SetValue("LOC", ctx.cfg.site_url + path);
  return url;
}

}  // namespace

std::string render_sitemap_index(const Context& ctx, const std::vector<SitemapEntry>& entries) {
  ctemplate::TemplateDictionary d("sitemap index");
  for (const SitemapEntry& e : entries) {
    auto* sitemap = d.AddSectionDictionary("SITEMAP");
    sitemap->SetValue("LOC", ctx.cfg.site_url + e.path);
    if (e.modified) sitemap->SetValueAndShowSection("DATE", format_iso8601(e.modified), "LASTMOD");
  }
  return expand_template("sitemap/index.tpl", d);
}

std::string render_article_sitemap(const Context& ctx, const Edition& e, const std::vector<SitemapArticle>& articles) {
  ctemplate::TemplateDictionary d("article sitemap");
  for (const SitemapArticle& a : articles) {
    const std::string path = article_path(e.code, a.headline);
    auto* url = add_url(d, ctx, path);
    url->SetValueAndShowSection("DATE", format_iso8601(a.modified), "LASTMOD");
    if (a.links)
      if (auto extras = unpack_extras(*a.links, ctx.catalogue, ctx.now); extras && !extras->translations.empty()) {
        auto* self = url->AddSectionDictionary("ALTERNATE");  // the set names this page too
        self->SetValue("LANG", e.code);
        self->SetValue("HREF", ctx.cfg.site_url + path);
        for (const Translation& t : extras->translations) {
          auto* other = url->AddSectionDictionary("ALTERNATE");
          other->SetValue("LANG", t.edition);
          other->SetValue("HREF", ctx.cfg.site_url + article_path(t.edition, t.headline));
        }
      }
    if (a.headline.photo.id) {
      const Photo& p = a.headline.photo;
      url->AddSectionDictionary("IMAGE")->SetValue(
          "LOC", ctx.cfg.site_url + photo_url(p, preview_width(p), VariantFormat::jpeg));
    }
  }
  return expand_template("sitemap/urlset.tpl", d);
}

std::string render_sections_sitemap(const Context& ctx, const Edition& e, const std::vector<std::string>& tags,
                                    const std::vector<std::string>& authors) {
  ctemplate::TemplateDictionary d("sections sitemap");
  add_url(d, ctx, home_path(e.code));
  add_url(d, ctx, all_news_path(e.code));
  for (const Category* c : ctx.catalogue.in_edition(e.code)) add_url(d, ctx, category_path(e.code, c->slug));
  for (const std::string& t : tags) add_url(d, ctx, tag_path(e.code, t));
  for (const std::string& a : authors) add_url(d, ctx, author_path(e.code, a));
  for (const FooterLink& page : ctx.catalogue.footer(e.code)) add_url(d, ctx, page_path(e.code, page.slug));
  add_url(d, ctx, corrections_path(e.code));
  return expand_template("sitemap/urlset.tpl", d);
}

std::string render_news_sitemap(const Context& ctx, const Edition& e, const std::vector<SitemapArticle>& articles) {
  ctemplate::TemplateDictionary d("news sitemap");
  for (const SitemapArticle& a : articles) {
    auto* url = add_url(d, ctx, article_path(e.code, a.headline));
    url->SetValue("NAME", ctx.cfg.site_name);
    url->SetValue("LANGUAGE", e.code);
    url->SetValue("DATE", format_iso8601(a.headline.published_at));
    url->SetValue("TITLE", a.headline.title);
  }
  return expand_template("sitemap/news.tpl", d);
}
