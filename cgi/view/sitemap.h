// Sitemaps (sitemaps.org, with Google's image and news extensions), from
// templates/sitemap/*.tpl, auto-escaped for XML.
#pragma once
#include <string>
#include <vector>

#include "db/sitemaps.h"

struct Context;

// /sitemap.xml: the addresses (paths) of every sitemap.
std::string render_sitemap_index(const Context& ctx, const std::vector<std::string>& paths);
// A month of an edition's articles: each with its last change, lead photo and translations.
std::string render_article_sitemap(const Context& ctx, const Edition& e, const std::vector<SitemapArticle>& articles);
// An edition's other pages: front page, all news, sections, tags, authors, simple pages, corrections.
std::string render_sections_sitemap(const Context& ctx, const Edition& e, const std::vector<std::string>& tags,
                                    const std::vector<std::string>& authors);
// Google News: articles of the last 48 hours.
std::string render_news_sitemap(const Context& ctx, const Edition& e, const std::vector<SitemapArticle>& articles);
