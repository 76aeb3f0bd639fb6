// The in-memory caches: what they keep, for which generation, and what they let go.
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "cache/fragment_cache.h"
#include "cache/page_cache.h"

namespace {

std::shared_ptr<const std::string> html(const char* s) { return std::make_shared<const std::string>(s); }

Response page(size_t bytes) {
  Response res;
  res.body.assign(bytes, 'x');
  return res;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fragment_cache)

BOOST_AUTO_TEST_CASE(a_fragment_is_served_only_in_the_generation_it_was_made_in) {
  FragmentCache cache;
  BOOST_TEST(!cache.find("newsline/en", 1));
  cache.store("newsline/en", 1, html("one"));
  BOOST_TEST(*cache.find("newsline/en", 1) == "one");
  BOOST_TEST(!cache.find("newsline/en", 2));
  BOOST_TEST(!cache.find("newsline/az", 1));
}

BOOST_AUTO_TEST_CASE(a_newer_fragment_replaces_an_older_one_and_never_the_reverse) {
  FragmentCache cache;
  cache.store("newsline/en", 2, html("two"));
  cache.store("newsline/en", 1, html("one, rendered by a slower thread"));
  BOOST_TEST(*cache.find("newsline/en", 2) == "two");
  BOOST_TEST(!cache.find("newsline/en", 1));
  cache.store("newsline/en", 3, html("three"));
  BOOST_TEST(*cache.find("newsline/en", 3) == "three");
  BOOST_TEST(!cache.find("newsline/en", 2));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(page_cache)

BOOST_AUTO_TEST_CASE(a_page_of_an_older_generation_is_never_served) {
  PageCache cache(1 << 20);
  cache.store("/en/?", 1, page(100));
  BOOST_TEST(cache.find("/en/?", 1)->body.size() == 100u);
  BOOST_TEST(!cache.find("/en/?", 2));
  BOOST_TEST(cache.entries() == 0u);  // the old page is dropped when found old
}

BOOST_AUTO_TEST_CASE(the_least_recently_used_pages_go_first_when_the_budget_is_full) {
  PageCache cache(10000);
  cache.store("a", 1, page(2000));
  cache.store("b", 1, page(2000));
  cache.store("c", 1, page(2000));
  BOOST_TEST(cache.find("a", 1));  // a is now the most recently used
  cache.store("d", 1, page(2000));
  cache.store("e", 1, page(2000));
  BOOST_TEST(cache.bytes() <= 10000u);
  BOOST_TEST(!cache.find("b", 1));
  BOOST_TEST(cache.find("a", 1));
  BOOST_TEST(cache.find("e", 1));
}

BOOST_AUTO_TEST_CASE(one_page_larger_than_a_quarter_of_the_budget_is_not_kept) {
  PageCache cache(10000);
  cache.store("small", 1, page(100));
  cache.store("huge", 1, page(5000));
  BOOST_TEST(!cache.find("huge", 1));
  BOOST_TEST(cache.find("small", 1));
}

BOOST_AUTO_TEST_SUITE_END()
