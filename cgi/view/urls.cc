#include "view/urls.h"

#include "http/url.h"

std::string home_path(const std::string& edition) { return "/" + url_escape(edition) + "/"; }

std::string all_news_path(const std::string& edition) { return "/" + url_escape(edition) + "/news"; }

std::string category_path(const std::string& edition, const std::string& category_slug) {
  return all_news_path(edition) + "/" + url_escape(category_slug);
}

std::string article_path(const std::string& edition, const Headline& h) {
  std::string path = category_path(edition, h.category_slug);
  path += '/';
  path += std::to_string(h.id);
  path += '-';
  path += url_escape(h.slug);
  return path;
}

std::string tag_path(const std::string& edition, const std::string& tag_slug) {
  return "/" + url_escape(edition) + "/tag/" + url_escape(tag_slug);
}

std::string author_path(const std::string& edition, const std::string& author_slug) {
  return "/" + url_escape(edition) + "/author/" + url_escape(author_slug);
}

std::string page_path(const std::string& edition, const std::string& page_slug) {
  return "/" + url_escape(edition) + "/page/" + url_escape(page_slug);
}

std::string corrections_path(const std::string& edition) { return "/" + url_escape(edition) + "/corrections"; }

std::string search_path(const std::string& edition) { return "/" + url_escape(edition) + "/search"; }

std::string feed_path(const std::string& edition) { return "/" + url_escape(edition) + "/feed"; }

std::string category_feed_path(const std::string& edition, const std::string& category_slug) {
  return feed_path(edition) + "/" + url_escape(category_slug);
}

std::string tag_feed_path(const std::string& edition, const std::string& tag_slug) {
  return feed_path(edition) + "/tag/" + url_escape(tag_slug);
}

std::string sitemap_path(const std::string& edition, const std::string& file) {
  return home_path(edition) + "sitemap/" + url_escape(file);
}
