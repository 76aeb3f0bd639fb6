#include <boost/test/unit_test.hpp>

#include "db/article_links.h"
#include "util/cursor.h"
#include "util/json.h"
#include "util/signing.h"
#include "util/time_format.h"

// Text formats of our own: times, cursors, signatures, packed links.
BOOST_AUTO_TEST_SUITE(formats)

BOOST_AUTO_TEST_CASE(times_show_in_baku) {
  BOOST_REQUIRE(set_display_zone("Asia/Baku"));
  std::time_t t = 1747290120;  // 2025-05-15 06:22:00 UTC
  BOOST_TEST(format_time_date(t) == "10:22 15.05.2025");
  BOOST_TEST(format_date(t) == "15.05.2025");
  BOOST_TEST(format_clock(t) == "10:22");
  BOOST_TEST(format_iso8601(t) == "2025-05-15T10:22:00+04:00");
  BOOST_TEST(format_rfc822(t) == "Thu, 15 May 2025 06:22:00 +0000");  // feeds: UTC, English names
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
  for (const char* bad :
       {"", "-", "1-", "-1", "1747290120", "a-1", "1-a", "1--2", "0-1", "1-0", "99999999999999999999-1",
        "1-99999999999999999999", "1 -2", "1-2 ", "253402300800-1", "1' OR '1'='1-2", "01747290120-42-x"})
    BOOST_TEST(!parse_cursor(std::string(bad) + "-" + mac, test_key()), bad);
}

// The packed links of an article page (db/article_links.h): what is packed
// comes back whole, whatever bytes its texts hold; damage is refused whole.
BOOST_AUTO_TEST_CASE(packed_links_round_trip_and_refuse_damage) {
  ArticleExtras x;
  x.tags.push_back(Tag{7, "", "human-rights", "Human rights", 0});
  x.tags.push_back(Tag{9, "", "x", "12:\nt3:abc\n", 0});  // a name that looks like the format
  x.authors.push_back(Byline{Author{3, "aysel", "Aysel Kərimova", "", 0, {}}, "translated by"});
  x.corrections.push_back(Correction{5, 1747290120, "It said 12%;\nit is 2%.", {}});
  Translation out_now, scheduled;
  out_now.edition = "az";
  out_now.headline.id = 43;
  out_now.headline.category_id = 8;
  out_now.headline.slug = "ombudsman";
  out_now.headline.title = "Ombudsman çağırıb";
  out_now.headline.published_at = 1747290000;
  scheduled = out_now;
  scheduled.edition = "ru";
  scheduled.headline.published_at = 1747290000 + 3600;
  x.translations = {out_now, scheduled};
  Headline first, second, later;  // related stories, in the editor's order
  first.id = 7;
  first.category_id = 2;
  first.slug = "first";
  first.title = "Zəngilan: first";
  first.published_at = 1747290000;
  second = first;
  second.id = 3;
  second.title = "second";
  later = first;
  later.id = 9;
  later.published_at = 1747290000 + 3600;
  x.related = {first, later, second};
  std::string packed = pack_extras(x);

  SiteCatalogue no_categories;
  auto back = unpack_extras(packed, no_categories, 1747290000 + 60);
  BOOST_REQUIRE(back.has_value());
  BOOST_TEST(back->tags.size() == 2u);
  BOOST_TEST(back->tags[1].name == "12:\nt3:abc\n");
  BOOST_TEST(back->authors[0].author.name == "Aysel Kərimova");
  BOOST_TEST(back->authors[0].role == "translated by");
  BOOST_TEST(back->corrections[0].text == "It said 12%;\nit is 2%.");
  BOOST_TEST(back->corrections[0].noted_at == 1747290120);
  BOOST_REQUIRE(back->translations.size() == 1u);  // the scheduled one is not out yet
  BOOST_TEST(back->translations[0].headline.title == "Ombudsman çağırıb");
  BOOST_REQUIRE(back->related.size() == 2u);  // in their order, the scheduled one left out
  BOOST_TEST(back->related[0].id == 7);
  BOOST_TEST(back->related[0].title == "Zəngilan: first");
  BOOST_TEST(back->related[0].category_id == 2);
  BOOST_TEST(back->related[1].id == 3);
  BOOST_TEST(unpack_extras(packed, no_categories, 1747290000 + 3600)->translations.size() == 2u);
  BOOST_TEST(unpack_extras(packed, no_categories, 1747290000 + 3600)->related.size() == 3u);
  BOOST_TEST(unpack_extras("", no_categories, 0)->tags.empty());

  for (size_t cut = 1; cut < packed.size(); ++cut)  // every truncation is refused, never read in part
    if (packed[cut - 1] != '\n') BOOST_TEST(!unpack_extras(packed.substr(0, cut), no_categories, 0).has_value());
  BOOST_TEST(!unpack_extras("t1:7\n", no_categories, 0).has_value());            // too few fields
  BOOST_TEST(!unpack_extras("t1:x1:a1:b\n", no_categories, 0).has_value());      // an id that is no number
  BOOST_TEST(!unpack_extras("t99999999999:a\n", no_categories, 0).has_value());  // a length past the end
  BOOST_TEST(!unpack_extras("Z1:7\n", no_categories, 0).has_value());            // an unknown kind
}

// JSON-LD goes into a <script> element: nothing in a value may end it, and
// the text stays JSON whatever bytes a headline holds.
BOOST_AUTO_TEST_CASE(json_is_safe_inside_a_script_element) {
  std::string title = "Quote \"x\" </script><script>alert(1)</script> & <!-- \\ \n\t\x01\x7f";
  std::string out = Json::object().set("headline", title).set("n", 42).set("ok", true).set("none", Json()).dump();
  BOOST_TEST(out ==
             "{\"headline\":\"Quote \\\"x\\\" \\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e "
             "\\u0026 \\u003c!-- \\\\ \\n\\t\\u0001\\u007f\",\"n\":42,\"ok\":true,\"none\":null}");
  BOOST_TEST(out.find('<') == std::string::npos);
  // Letters of every edition pass as they are; line and paragraph separators
  // (which end a line in older JavaScript) and bytes that are not UTF-8 do not.
  BOOST_TEST(Json("Şəki ŞƏKİ Шеки").dump() == "\"Şəki ŞƏKİ Шеки\"");
  BOOST_TEST(Json("a\u2028b\u2029c").dump() == "\"a\\u2028b\\u2029c\"");
  BOOST_TEST(Json(std::string("x\xff"
                              "y\xc0\xaf"
                              "z\xed\xa0\x80"))
                 .dump() == "\"x\\ufffdy\\ufffd\\ufffdz\\ufffd\\ufffd\\ufffd\"");
  BOOST_TEST(Json(std::string("cut \xd0")).dump() == "\"cut \\ufffd\"");
  BOOST_TEST(Json::array().push(1).push(Json::array()).push(Json::object()).dump() == "[1,[],{}]");
}

BOOST_AUTO_TEST_SUITE_END()
