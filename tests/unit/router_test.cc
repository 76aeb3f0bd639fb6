// The route table: which page an address is, with typed placeholders checked
// here, and the canonical form of an address (its path and its own parameters).
#include <boost/test/unit_test.hpp>

#include "pages/routes.h"

BOOST_AUTO_TEST_SUITE(router)

namespace {
RouteMatch match(const std::string& method, std::vector<std::string> segments, bool slash) {
  return match_route(routes(), method, segments, slash);
}
std::string pattern(const RouteMatch& m) { return m.route ? m.route->pattern : "(none)"; }
}  // namespace

BOOST_AUTO_TEST_CASE(every_page_has_its_route) {
  BOOST_TEST(pattern(match("GET", {}, false)) == "/");
  BOOST_TEST(pattern(match("GET", {"en"}, true)) == "/{edition}/");
  BOOST_TEST(pattern(match("GET", {"en", "news"}, false)) == "/{edition}/news");
  auto cat = match("GET", {"az", "news", "olke"}, false);
  BOOST_TEST(pattern(cat) == "/{edition}/news/{category}");
  BOOST_TEST(cat.params[0].text == "az");
  BOOST_TEST(cat.params[1].text == "olke");
  auto art = match("HEAD", {"en", "news", "country", "1-slug"}, false);
  BOOST_TEST(pattern(art) == "/{edition}/news/{category}/{article}");
  BOOST_TEST(art.params[2].id == 1);
  BOOST_TEST(art.params[2].slug == "slug");
  BOOST_TEST(art.method_allowed);
  BOOST_TEST(!art.slash_mismatch);
  BOOST_TEST(match("GET", {"en", "news", "country", "77"}, false).params[2].slug == "");
  auto rev = match("GET", {"admin", "articles", "12", "revisions", "3"}, false);
  BOOST_TEST(rev.params[0].id == 12);
  BOOST_TEST(rev.params[1].id == 3);
  BOOST_TEST(pattern(match("GET", {"admin", "articles", "new"}, false)) == "/admin/articles/new");
}

BOOST_AUTO_TEST_CASE(segments_that_cannot_name_anything_match_nothing) {
  BOOST_TEST(!match("GET", {"en", "blog"}, false).route);
  BOOST_TEST(!match("GET", {"en", "news", "a", "b", "c"}, false).route);
  // Editions are two lower-case letters; slugs ASCII and no longer than their columns.
  BOOST_TEST(!match("GET", {"EN"}, true).route);
  BOOST_TEST(!match("GET", {"eng"}, true).route);
  BOOST_TEST(!match("GET", {"en", "news", "\xc3\xa7"}, false).route);               // /en/news/%C3%A7
  BOOST_TEST(!match("GET", {"en", "news", "country", "1-\xc3\xa7"}, false).route);  // MariaDB error 1267 once
  BOOST_TEST(!match("GET", {"en", "news", std::string(101, 'a')}, false).route);
  BOOST_TEST(match("GET", {"en", "news", std::string(100, 'a')}, false).route);
  BOOST_TEST(!match("GET", {"en", "news", "country", "1-" + std::string(201, 'a')}, false).route);
  for (const char* id : {"0-x", "-1-x", "01-x", "abc", "1234567890123456-x", "1 -x", ""})
    BOOST_TEST(!match("GET", {"en", "news", "country", id}, false).route, id);
  BOOST_TEST(!match("GET", {"admin", "articles", "0"}, false).route);
  BOOST_TEST(!match("GET", {"admin", "articles", "x1"}, false).route);
}

BOOST_AUTO_TEST_CASE(wrong_method_is_not_allowed) {
  auto m = match("POST", {"en", "news"}, false);
  BOOST_TEST(m.route != nullptr);
  BOOST_TEST(!m.method_allowed);
  BOOST_TEST(!match("DELETE", {}, false).method_allowed);
  BOOST_TEST(allowed_methods(routes(), {"en", "news"}, false) == "GET,HEAD");
}

BOOST_AUTO_TEST_CASE(trailing_slash_is_canonicalised) {
  BOOST_TEST(match("GET", {"en"}, false).slash_mismatch);         // /en -> /en/
  BOOST_TEST(match("GET", {"en", "news"}, true).slash_mismatch);  // /en/news/ -> /en/news
  BOOST_TEST(!match("GET", {"en"}, true).slash_mismatch);
}

BOOST_AUTO_TEST_CASE(one_canonical_spelling_of_each_address) {
  BOOST_TEST(canonical_path({"en"}, true) == "/en/");
  BOOST_TEST(canonical_path({}, false) == "/");
  BOOST_TEST(canonical_path({"en", "news", "a b"}, false) == "/en/news/a%20b");
  // Only the parameters a page reads, first of each, in the route's order.
  auto listing = match("GET", {"en", "news"}, false);
  QueryParams sent = {{"utm_source", "x"}, {"before", "1-2-abc"}, {"r", "9"}, {"before", "other"}};
  QueryParams kept = declared_params(*listing.route, sent);
  BOOST_REQUIRE(kept.size() == 1u);
  BOOST_TEST(kept[0].second == "1-2-abc");
  BOOST_TEST(query_string(kept) == "?before=1-2-abc");
  BOOST_TEST(declared_params(*match("GET", {"en"}, true).route, sent).empty());
  BOOST_TEST(query_string({}) == "");
  BOOST_TEST(query_string({{"q", "a&b=c"}}) == "?q=a%26b%3Dc");
}

BOOST_AUTO_TEST_CASE(password_hashing_routes_take_the_login_lane) {
  BOOST_TEST((match("POST", {"admin", "login"}, false).route->lane == Lane::login));
  BOOST_TEST((match("POST", {"admin", "password"}, false).route->lane == Lane::login));
  BOOST_TEST((match("POST", {"admin", "users"}, false).route->lane == Lane::login));
  BOOST_TEST((match("POST", {"admin", "users", "3"}, false).route->lane == Lane::login));
  BOOST_TEST((match("GET", {"admin", "articles"}, false).route->lane == Lane::editor));
  BOOST_TEST((match("GET", {"en", "news"}, false).route->lane == Lane::reader));
}

BOOST_AUTO_TEST_SUITE_END()
