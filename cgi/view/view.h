// Rendering: every page is the shared layout (templates/site/layout.tpl) with
// one content template included in it. C++ never builds HTML; templates use
// AUTOESCAPE, so every value is escaped for the context it lands in.
#pragma once
#include <ctemplate/template.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/content.h"
#include "util/cursor.h"

struct Context;
struct Response;

class PageView {
 public:
  // A page of `edition` titled `title`, whose main column is `content_template`.
  PageView(const Context& ctx, const Edition& edition, const std::string& title, const char* content_template);

  // The dictionary of the content template, for its fill_* function.
  ctemplate::TemplateDictionary& content() { return *content_; }
  // <link rel="canonical"> to site_url + path.
  void set_canonical(const std::string& path);
  // The edition switcher's link to `edition` leads to `path` (an article's translation).
  void set_edition_link(const std::string& edition, const std::string& path);
  // Marks the page as an editor's preview (banner, noindex).
  void set_preview();

  // The head beyond title and canonical (view/page_meta.h fills it for each page family).
  // <meta name="description"> and og:description (the edition's own text until set).
  void set_description(const std::string& text);
  // <meta name="robots">, e.g. "noindex" (none: index and follow).
  void set_robots(const std::string& content);
  // <link rel="alternate" hreflang> to `url` (absolute): the page in another language, or x-default.
  void add_alternate(const std::string& hreflang, const std::string& url);
  // og:image (absolute URL, its size and alt) and a large Twitter card.
  void set_social_image(const std::string& url, int width, int height, const std::string& alt);
  // og:type article with its times (ISO 8601 with offset), section and tags.
  void set_article_meta(const std::string& published, const std::string& modified, const std::string& section,
                        const std::vector<std::string>& tags);
  // <link rel="alternate" type="application/rss+xml"> to the feed at `path` (the
  // edition's feed is on every page).
  void add_feed(const std::string& title, const std::string& path);
  // <script type="application/ld+json"> with `json` (util/json.h's output only).
  void set_structured_data(const std::string& json);
  // Expands the page, with its sidebars (view/sidebars.h), into res.body with the given status.
  void render(Response& res, int status = 200);

 private:
  const Context& ctx_;
  const Edition& edition_;
  ctemplate::TemplateDictionary layout_;
  ctemplate::TemplateDictionary* content_;
  std::map<std::string, ctemplate::TemplateDictionary*> edition_links_;
  ctemplate::TemplateDictionary* description_ = nullptr;
  ctemplate::TemplateDictionary* robots_ = nullptr;
};

// A headline's variables in `d`: URL, TITLE, WHEN and ISO (the news line);
// `with_category` adds CATEGORY, CATEGORY_URL and TIME (the content templates).
void fill_headline(ctemplate::TemplateDictionary* d, const std::string& edition, const Headline& h, bool with_category);

struct ArticleExtras;
struct Author;
struct Correction;
struct SimplePage;

// One fill function per content template.
// `extras`: its tags, authors (a byline of links, in place of the free-text
// one) and corrections; nullptr shows none (an editor's preview).
void fill_article(ctemplate::TemplateDictionary& d, const Edition& e, const Article& a,
                  const std::vector<Headline>& related, const ArticleExtras* extras = nullptr);
// An author page's head: photo and bio.
void fill_author_intro(ctemplate::TemplateDictionary& d, const Edition& e, const Author& a);
void fill_corrections(ctemplate::TemplateDictionary& d, const Edition& e, const std::vector<Correction>& items,
                      const std::string& base_path, const std::string& next_cursor, bool is_first_page);
void fill_simple_page(ctemplate::TemplateDictionary& d, const SimplePage& p);
// A section's block on the front page.
struct HomeBlock {
  const Category* category;
  std::vector<Headline> stories;
};
void fill_home(ctemplate::TemplateDictionary& d, const Edition& e, const std::vector<Headline>& top,
               const std::vector<HomeBlock>& blocks);
// `next_cursor`: the ?before= of the next (older) page; empty on the last page.
void fill_listing(ctemplate::TemplateDictionary& d, const Edition& e, const std::string& heading,
                  const std::string& base_path, const std::vector<Headline>& page, const std::string& next_cursor,
                  bool is_first_page);
void fill_error(ctemplate::TemplateDictionary& d, const Edition& e, int status);
struct SearchPage;
void fill_search(ctemplate::TemplateDictionary& d, const Edition& e, const SearchPage& page);

// A page of its own (no layout, no news line, no database): `heading` and `text`.
void render_standalone(Response& res, int status, const std::string& site_name, const std::string& heading,
                       const std::string& text);
// The 503 page, with Retry-After: standalone, needs no database.
void render_unavailable(Response& res, const std::string& site_name);
// The 500 page and pages refused at the edge (400/414) before an edition is known: standalone.
void render_plain_error(Response& res, int status, const std::string& site_name);
