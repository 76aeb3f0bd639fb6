// Sitemaps (sitemaps.org, with Google's image and news extensions), from
// templates/sitemap/*.tpl, auto-escaped for XML.
#pragma once
#include <ctime>
#include <string>
#include <vector>

#include "db/sitemaps.h"

struct Context;

// A sitemap in /sitemap.xml: its path, and when it last changed (0: not said).
struct SitemapEntry {
  std::string path;
  std::time_t modified = 0;
};
std::string render_sitemap_index(const Context& ctx, const std::vector<SitemapEntry>& entries);
// A month of an edition's articles: each with its last change, lead photo and translations.
std::string render_article_sitemap(const Context& ctx, const Edition& e, const std::vector<SitemapArticle>& articles);
// An edition's other pages: front page, all news, sections, tags, authors, simple pages, corrections.
std::string render_sections_sitemap(const Context& ctx, const Edition& e, const std::vector<std::string>& tags,
                                    const std::vector<std::string>& authors);
// Google News: articles of the last 48 hours.
std::string render_news_sitemap(const Context& ctx, const Edition& e, const std::vector<SitemapArticle>& articles);
