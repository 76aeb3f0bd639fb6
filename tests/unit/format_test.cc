#include <boost/test/unit_test.hpp>

#include "auth/signing.h"
#include "util/cursor.h"
#include "util/time_format.h"

BOOST_AUTO_TEST_SUITE(formats)

BOOST_AUTO_TEST_CASE(times_show_in_baku) {
  BOOST_REQUIRE(set_display_zone("Asia/Baku"));
  std::time_t t = 1747290120;  // 2025-05-15 06:22:00 UTC
  BOOST_TEST(format_time_date(t) == "10:22 15.05.2025");
  BOOST_TEST(format_date(t) == "15.05.2025");
  BOOST_TEST(format_clock(t) == "10:22");
  BOOST_TEST(format_iso8601(t) == "2025-05-15T10:22:00+04:00");
  // 21:30 UTC is already the next day in Baku.
  BOOST_TEST(format_date(1747344600) == "16.05.2025");
  BOOST_TEST(local_day_number(1747344600) != local_day_number(1747344600 - 3 * 3600));
}

BOOST_AUTO_TEST_CASE(other_zones_and_unknown_zones) {
  BOOST_REQUIRE(set_display_zone("UTC"));
  BOOST_TEST(format_time_date(1747290120) == "06:22 15.05.2025");
  BOOST_TEST(!set_display_zone("Mars/Olympus"));
  BOOST_TEST(!set_display_zone("../../etc/passwd"));
  BOOST_REQUIRE(set_display_zone("Asia/Baku"));
}

const SigningKey& test_key() {
  static const SigningKey key(std::string(32, 'k'));
  return key;
}

BOOST_AUTO_TEST_CASE(cursors_round_trip_signed) {
  Cursor c{1747290120, 42};
  std::string text = format_cursor(c, test_key());
  BOOST_TEST(text.rfind("1747290120-42-", 0) == 0u);
  BOOST_TEST(text.size() == std::string("1747290120-42-").size() + 12);
  auto back = parse_cursor(text, test_key());
  BOOST_REQUIRE(back);
  BOOST_TEST(back->published_at == c.published_at);
  BOOST_TEST(back->id == 42);
}

BOOST_AUTO_TEST_CASE(cursors_the_site_did_not_sign_are_refused) {
  std::string good = format_cursor({1747290120, 42}, test_key());
  std::string mac = good.substr(good.rfind('-', good.size() - 13) + 1);
  // Another position under the same MAC, no MAC, another key's MAC.
  BOOST_TEST(!parse_cursor("1747290120-43-" + good.substr(14), test_key()));
  BOOST_TEST(!parse_cursor("1747290120-42", test_key()));
  BOOST_TEST(!parse_cursor(good, SigningKey(std::string(32, 'x'))));
  BOOST_TEST(!parse_cursor(good.substr(0, good.size() - 1), test_key()));
  for (const char* bad : {"", "-", "1-", "-1", "1747290120", "a-1", "1-a", "1--2", "0-1", "1-0",
                          "99999999999999999999-1", "1-99999999999999999999", "1 -2", "1-2 ",
                          "253402300800-1", "1' OR '1'='1-2", "01747290120-42-x"})
    BOOST_TEST(!parse_cursor(std::string(bad) + "-" + mac, test_key()), bad);
}

BOOST_AUTO_TEST_SUITE_END()
