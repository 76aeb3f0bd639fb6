// What guards the fast path and the login: the typed validators at the edge,
// signed values, the throttle's arithmetic, the page cache's segments and the
// log's rate.
#include <boost/test/unit_test.hpp>

#include <zlib.h>

#include <algorithm>
#include <string>

#include "auth/crypto.h"
#include "auth/flood_watch.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "cache/page_cache.h"
#include "http/compression.h"
#include "http/request.h"
#include "http/response.h"
#include "util/log.h"
#include "util/parse.h"
#include "util/signing.h"

namespace {
struct Sodium {
  Sodium() { BOOST_REQUIRE(crypto_init()); }
};

Response page(size_t bytes, int status = 200) {
  Response res;
  res.status = status;
  res.body.assign(bytes, 'x');
  return res;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(validators)

BOOST_AUTO_TEST_CASE(ids_are_positive_decimal_numbers_of_at_most_15_digits) {
  BOOST_TEST(*parse_id("1") == 1);
  BOOST_TEST(*parse_id("999999999999999") == 999999999999999LL);
  for (const char* bad :
       {"", "0", "00", "01", "-1", "+1", " 1", "1 ", "1e3", "0x10", "1000000000000000", "99999999999999999999", "١"})
    BOOST_TEST(!parse_id(bad), bad);
  BOOST_TEST(*parse_number("0", 0, 5) == 0);
  BOOST_TEST(!parse_number("6", 0, 5));
  BOOST_TEST(*parse_number("32767", 0, 32767) == 32767);
}

BOOST_AUTO_TEST_CASE(slugs_are_short_ascii_url_text) {
  BOOST_TEST(is_slug_text("azerbaijani-ombudsperson", 200));
  BOOST_TEST(is_slug_text("Old_Slug.v2~x", 200));
  BOOST_TEST(is_slug_text(std::string(100, 'a'), 100));
  BOOST_TEST(!is_slug_text(std::string(101, 'a'), 100));
  for (const char* bad : {"", "\xc3\xa7", "a b", "a/b", "a%20b", "a'b", "a\"b", "<x>", "a\nb"})
    BOOST_TEST(!is_slug_text(bad, 200), bad);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(signed_values, Sodium)

BOOST_AUTO_TEST_CASE(each_purpose_signs_with_a_key_of_its_own) {
  SigningKey key(std::string(32, 'k'));
  std::string mac = key.mac(Signed::cursor, "1-2");
  BOOST_TEST(key.verify(Signed::cursor, "1-2", mac));
  BOOST_TEST(!key.verify(Signed::editor_cookie, "1-2", mac));
  BOOST_TEST(!key.verify(Signed::cursor, "1-3", mac));
  BOOST_TEST(!SigningKey(std::string(32, 'j')).verify(Signed::cursor, "1-2", mac));
  BOOST_CHECK_THROW(SigningKey("short"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(only_an_editor_cookie_the_site_signed_and_not_expired_counts) {
  SigningKey key(std::string(32, 'k'));
  std::string value = editor_cookie_value(key, 7, 1000);
  BOOST_TEST(editor_cookie_valid(key, value, 999));
  BOOST_TEST(!editor_cookie_valid(key, value, 1000));  // expired
  BOOST_TEST(!editor_cookie_valid(SigningKey(std::string(32, 'j')), value, 999));
  std::string later = "2000" + value.substr(4);  // a longer life under the same MAC
  BOOST_TEST(!editor_cookie_valid(key, later, 999));
  for (const char* forged : {"1", "x", "", "1.1.1", "99999999999.1.", ".1.abc", "1000.7"})
    BOOST_TEST(!editor_cookie_valid(key, forged, 999), forged);
}

BOOST_AUTO_TEST_CASE(a_device_cookie_counts_for_its_own_user_only) {
  SigningKey key(std::string(32, 'k'));
  std::string value = device_cookie_value(key, "ed.itor", 1000);
  BOOST_TEST(device_cookie_valid(key, value, "ed.itor", 999));
  BOOST_TEST(!device_cookie_valid(key, value, "admin", 999));
  BOOST_TEST(!device_cookie_valid(key, value, "ed.itor", 1000));
  BOOST_TEST(!device_cookie_valid(key, editor_cookie_value(key, 1, 1000), "1", 999));  // another purpose
  BOOST_TEST(!device_cookie_valid(key, "", "", 999));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(flood_watch)

BOOST_AUTO_TEST_CASE(counts_the_last_minute_only) {
  FloodWatch w;
  for (int i = 0; i < 30; ++i) w.note(1000 + i);
  BOOST_TEST(w.last_minute(1029) == 30);
  BOOST_TEST(w.last_minute(1059) == 30);
  BOOST_TEST(w.last_minute(1060) == 29);  // the first one is a minute old
  BOOST_TEST(w.last_minute(1089) == 0);
  w.note(1200);
  w.note(1200);
  BOOST_TEST(w.last_minute(1200) == 2);  // a slot reused a minute later starts again
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(throttle)

BOOST_AUTO_TEST_CASE(waits_grow_after_the_free_failures_up_to_the_longest) {
  BOOST_TEST(throttle_delay(0, 5, 900) == 0);
  BOOST_TEST(throttle_delay(5, 5, 900) == 0);
  BOOST_TEST(throttle_delay(6, 5, 900) == 1);
  BOOST_TEST(throttle_delay(7, 5, 900) == 2);
  BOOST_TEST(throttle_delay(9, 5, 900) == 8);
  BOOST_TEST(throttle_delay(15, 5, 900) == 512);
  BOOST_TEST(throttle_delay(16, 5, 900) == 900);
  BOOST_TEST(throttle_delay(1000000, 5, 900) == 900);
}

BOOST_AUTO_TEST_CASE(ipv6_addresses_count_by_their_64_bit_prefix) {
  BOOST_TEST(address_key("203.0.113.7") == "203.0.113.7");
  BOOST_TEST(address_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
  BOOST_TEST(address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff::9"));
  BOOST_TEST(address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1"));
  BOOST_TEST(address_key("::ffff:203.0.113.7") == "203.0.113.7");
  BOOST_TEST(address_key("") == "");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(page_cache_segments)

BOOST_AUTO_TEST_CASE(a_flood_of_one_time_addresses_never_pushes_out_a_page_readers_return_to) {
  PageCache cache(100000);
  cache.store("/en/news/country/1-seed", 1, page(2000));
  BOOST_TEST(cache.find("/en/news/country/1-seed", 1));  // asked for again: protected
  for (int i = 0; i < 10000; ++i) cache.store("/en/news/country/" + std::to_string(i + 2) + "-x", 1, page(2000));
  BOOST_TEST(cache.find("/en/news/country/1-seed", 1));
  BOOST_TEST(cache.bytes() <= 100000u);
}

BOOST_AUTO_TEST_CASE(not_found_pages_keep_to_an_eighth_of_the_budget) {
  PageCache cache(80000);
  cache.store("/en/", 1, page(2000));
  cache.store("/en/news", 1, page(2000));
  for (int i = 0; i < 1000; ++i) cache.store("/en/news/country/" + std::to_string(i) + "-nothing", 1, page(900, 404));
  BOOST_TEST(cache.find("/en/", 1));
  BOOST_TEST(cache.find("/en/news", 1));
  BOOST_TEST(cache.bytes() <= 2 * (2000 + 300) + 10000u);
  BOOST_TEST(cache.find("/en/news/country/999-nothing", 1));  // the newest are kept
  BOOST_TEST(!cache.find("/en/news/country/0-nothing", 1));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(log_rate)

BOOST_AUTO_TEST_CASE(a_flood_of_errors_writes_a_bounded_number_of_lines) {
  std::FILE* sink = std::tmpfile();
  RateLimitedLog log(10, 20, sink);
  int written = 0;
  std::string last;
  for (int i = 0; i < 10000; ++i) {  // 10,000 lines within one second
    std::string out = log.write("newsline: GET /x: error " + std::to_string(i), 100.0 + i / 10000.0);
    if (!out.empty()) ++written, last = out;
  }
  BOOST_TEST(written <= 30);
  BOOST_TEST(written >= 20);
  std::string after = log.write("newsline: later", 200.0);  // a quiet while later
  BOOST_TEST(after.find("lines not written before this one") != std::string::npos);
  BOOST_TEST(std::count(after.begin(), after.end(), '\n') == 1);
  BOOST_TEST(after.find("newsline: later") != std::string::npos);
  std::fclose(sink);
}

// Pages go out gzipped to clients that take it, compressed once and kept;
// the gzipped copy has its own ETag, and nothing small or binary is compressed.
BOOST_AUTO_TEST_CASE(gzip_is_chosen_by_accept_encoding) {
  Request req;
  for (const char* yes : {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", " deflate , gzip ; q=0.5"}) {
    req.accept_encoding = yes;
    BOOST_TEST(accepts_gzip(req), yes);
  }
  for (const char* no : {"", "br", "deflate", "gzip;q=0", "gzip; q=0.000", "x-gzip2", "identity"}) {
    req.accept_encoding = no;
    BOOST_TEST(!accepts_gzip(req), no);
  }

  Response page;
  page.body = std::string(4000, 'a') + "<p>Şəki</p>";
  page.set_header("ETag", "\"0123456789abcdef\"");
  prepare_gzip(page);
  BOOST_REQUIRE(page.gzipped);
  std::string back(page.body.size(), '\0');
  z_stream z = {};
  BOOST_REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);  // a gzip stream, not raw deflate
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(page.gzipped->data()));
  z.avail_in = static_cast<uInt>(page.gzipped->size());
  z.next_out = reinterpret_cast<Bytef*>(back.data());
  z.avail_out = static_cast<uInt>(back.size());
  BOOST_TEST(inflate(&z, Z_FINISH) == Z_STREAM_END);
  inflateEnd(&z);
  BOOST_TEST(back == page.body);
  BOOST_TEST(page.gzipped->size() < page.body.size() / 10);

  Response plain = page;
  req.accept_encoding = "br";
  choose_encoding(req, plain);
  BOOST_TEST(plain.body == page.body);
  Response packed = page;
  req.accept_encoding = "gzip, br";
  choose_encoding(req, packed);
  BOOST_TEST(packed.body == *page.gzipped);
  for (const Response* r : {&plain, &packed}) {
    auto vary = std::find_if(r->headers.begin(), r->headers.end(), [](auto& h) { return h.first == "Vary"; });
    BOOST_REQUIRE(vary != r->headers.end());
    BOOST_TEST(vary->second == "Accept-Encoding");
  }
  auto tag = [](const Response& r) {
    return std::find_if(r.headers.begin(), r.headers.end(), [](auto& h) { return h.first == "ETag"; })->second;
  };
  BOOST_TEST(tag(plain) == "\"0123456789abcdef\"");
  BOOST_TEST(tag(packed) == "\"0123456789abcdef-gz\"");

  Response small, image, error;
  small.body = "short";
  image.body = std::string(4000, 'x');
  image.content_type = "image/webp";
  error.status = 404;
  error.body = std::string(4000, 'x');
  for (Response* r : {&small, &image, &error}) {
    prepare_gzip(*r);
    BOOST_TEST(!r->gzipped);
  }
}

BOOST_AUTO_TEST_SUITE_END()
