// Rendering: every page is the shared layout (templates/site/layout.tpl) with
// one content template included in it. C++ never builds HTML; templates use
// AUTOESCAPE, so every value is escaped for the context it lands in.
#pragma once
#include <ctemplate/template.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/content.h"
#include "util/cursor.h"

struct Context;
struct Response;

// Points ctemplate at `dir` and loads every template once, so a broken
// template fails at start-up. Returns false (and logs) when one does not load.
bool load_templates(const std::string& dir);

class PageView {
 public:
  // A page of `edition` titled `title`, whose main column is `content_template`.
  PageView(const Context& ctx, const Edition& edition, const std::string& title, const char* content_template);

  // The dictionary of the content template, for its fill_* function.
  ctemplate::TemplateDictionary& content() { return *content_; }
  // <link rel="canonical"> to site_url + path.
  void set_canonical(const std::string& path);
  // The news line sidebar, as render_newsline() made it.
  void set_newsline(std::shared_ptr<const std::string> html);
  // Marks the page as an editor's preview (banner, noindex).
  void set_preview();
  // Expands the page into res.body with the given status.
  void render(Response& res, int status = 200);

 private:
  const Context& ctx_;
  const Edition& edition_;
  ctemplate::TemplateDictionary layout_;
  ctemplate::TemplateDictionary* content_;
  std::shared_ptr<const std::string> newsline_;
};

// The news line sidebar of `edition` (templates/site/newsline.tpl, auto-escaped),
// a fragment that every page of the edition shows alike.
std::string render_newsline(const Edition& edition, const std::vector<Headline>& headlines);

// A headline's variables in `d`: URL, TITLE, WHEN and ISO (the news line);
// `with_category` adds CATEGORY, CATEGORY_URL and TIME (the content templates).
void fill_headline(ctemplate::TemplateDictionary* d, const std::string& edition, const Headline& h,
                   bool with_category);

// One fill function per content template.
void fill_article(ctemplate::TemplateDictionary& d, const Edition& e, const Article& a,
                  const std::vector<Headline>& related);
void fill_home(ctemplate::TemplateDictionary& d, const Edition& e, const std::vector<Headline>& stories);
// `next_cursor`: the ?before= of the next (older) page; empty on the last page.
void fill_listing(ctemplate::TemplateDictionary& d, const Edition& e, const std::string& heading,
                  const std::string& base_path, const std::vector<Headline>& page,
                  const std::string& next_cursor, bool is_first_page);
void fill_error(ctemplate::TemplateDictionary& d, const Edition& e, int status);

// A page of its own (no layout, no news line, no database): `heading` and `text`.
void render_standalone(Response& res, int status, const std::string& site_name, const std::string& heading,
                       const std::string& text);
// The 503 page, with Retry-After: standalone, needs no database.
void render_unavailable(Response& res, const std::string& site_name);
// The 500 page and pages refused at the edge (400/414) before an edition is known: standalone.
void render_plain_error(Response& res, int status, const std::string& site_name);
