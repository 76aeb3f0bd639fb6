#include <boost/test/unit_test.hpp>

#include "router.h"

BOOST_AUTO_TEST_SUITE(router)

namespace {
RouteMatch match(const std::string& method, std::vector<std::string> segments, bool slash) {
  return match_route(routes(), method, segments, slash);
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_page_has_its_route) {
  BOOST_TEST(std::string(match("GET", {}, false).route->pattern) == "/");
  BOOST_TEST(std::string(match("GET", {"en"}, true).route->pattern) == "/{edition}/");
  BOOST_TEST(std::string(match("GET", {"en", "news"}, false).route->pattern) == "/{edition}/news");
  auto cat = match("GET", {"az", "news", "olke"}, false);
  BOOST_TEST(std::string(cat.route->pattern) == "/{edition}/news/{category}");
  BOOST_TEST((cat.params == RouteParams{"az", "olke"}));
  auto art = match("HEAD", {"en", "news", "country", "1-slug"}, false);
  BOOST_TEST(std::string(art.route->pattern) == "/{edition}/news/{category}/{article}");
  BOOST_TEST((art.params == RouteParams{"en", "country", "1-slug"}));
  BOOST_TEST(art.method_allowed);
  BOOST_TEST(!art.slash_mismatch);
}

BOOST_AUTO_TEST_CASE(unknown_paths_match_nothing) {
  BOOST_TEST(!match("GET", {"en", "blog"}, false).route);
  BOOST_TEST(!match("GET", {"en", "news", "a", "b", "c"}, false).route);
}

BOOST_AUTO_TEST_CASE(wrong_method_is_not_allowed) {
  auto m = match("POST", {"en", "news"}, false);
  BOOST_TEST(m.route != nullptr);
  BOOST_TEST(!m.method_allowed);
  BOOST_TEST(!match("DELETE", {}, false).method_allowed);
}

BOOST_AUTO_TEST_CASE(trailing_slash_is_canonicalised) {
  BOOST_TEST(match("GET", {"en"}, false).slash_mismatch);         // /en -> /en/
  BOOST_TEST(match("GET", {"en", "news"}, true).slash_mismatch);  // /en/news/ -> /en/news
  BOOST_TEST(!match("GET", {"en"}, true).slash_mismatch);
}

BOOST_AUTO_TEST_SUITE_END()
