// The head of public pages beyond title and canonical, as search engines, feed
// readers and link previews read it: description, hreflang alternates,
// OpenGraph and Twitter card, and JSON-LD built as data (util/json.h).
#pragma once
#include <string>

#include "view/view.h"

struct Context;
struct ArticleExtras;

// An article: its lead as description, large image previews, its lead photo
// (the 1200-wide variant), times, section and tags, alternates to its
// translations, and NewsArticle + BreadcrumbList. `path`: its canonical path.
void describe_article(PageView& view, const Context& ctx, const Edition& e, const Article& a,
                      const ArticleExtras& extras, const std::string& path);
// An edition's front page: alternates to the other editions' and WebSite.
void describe_home(PageView& view, const Context& ctx, const Edition& e);
