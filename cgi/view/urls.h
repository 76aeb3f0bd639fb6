// Paths of the public site, built in one place. Segments are URL-escaped.
#pragma once
#include <string>

#include "db/content.h"

std::string home_path(const std::string& edition);
std::string all_news_path(const std::string& edition);
std::string category_path(const std::string& edition, const std::string& category_slug);
std::string article_path(const std::string& edition, const Headline& h);
std::string tag_path(const std::string& edition, const std::string& tag_slug);
std::string author_path(const std::string& edition, const std::string& author_slug);
std::string page_path(const std::string& edition, const std::string& page_slug);
std::string corrections_path(const std::string& edition);
// The search page: /{edition}/search (the query in ?q=).
std::string search_path(const std::string& edition);
// The RSS feeds: /{edition}/feed, /{edition}/feed/{category}, /{edition}/feed/tag/{tag}.
std::string feed_path(const std::string& edition);
std::string category_feed_path(const std::string& edition, const std::string& category_slug);
std::string tag_feed_path(const std::string& edition, const std::string& tag_slug);
// An edition's sitemap `file` (sections.xml, news.xml, YYYY-MM-DD.xml): /{edition}/sitemap/{file}.
std::string sitemap_path(const std::string& edition, const std::string& file);
