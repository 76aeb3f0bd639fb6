#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>

#include "http/request.h"
#include "http/url.h"

BOOST_AUTO_TEST_SUITE(url)

BOOST_AUTO_TEST_CASE(percent_decoding) {
  BOOST_TEST(*percent_decode("a%20b", false) == "a b");
  BOOST_TEST(*percent_decode("a+b", true) == "a b");
  BOOST_TEST(*percent_decode("a+b", false) == "a+b");
  BOOST_TEST(*percent_decode("%C9%99", false) == "ə");
  BOOST_TEST(!percent_decode("%", false));
  BOOST_TEST(!percent_decode("%4", false));
  BOOST_TEST(!percent_decode("%zz", false));
  BOOST_TEST(!percent_decode("%00", false));     // NUL
  BOOST_TEST(!percent_decode("%0d%0a", false));  // CR LF
  BOOST_TEST(!percent_decode("%ff", false));     // invalid UTF-8
}

BOOST_AUTO_TEST_CASE(utf8_validation) {
  BOOST_TEST(is_valid_utf8("plain"));
  BOOST_TEST(is_valid_utf8("Xəbər lenti — Лента 📰"));
  BOOST_TEST(!is_valid_utf8("\xC0\xAF"));          // overlong '/'
  BOOST_TEST(!is_valid_utf8("\xED\xA0\x80"));      // surrogate
  BOOST_TEST(!is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  BOOST_TEST(!is_valid_utf8("\xE2\x82"));          // truncated
  BOOST_TEST(!is_valid_utf8("\x80"));
}

BOOST_AUTO_TEST_CASE(path_splitting) {
  auto s = split_path("/en/news/country/1-slug");
  BOOST_REQUIRE(s);
  BOOST_TEST((*s == std::vector<std::string>{"en", "news", "country", "1-slug"}));
  BOOST_TEST(split_path("/")->empty());
  BOOST_TEST((*split_path("//en//") == std::vector<std::string>{"en"}));
  BOOST_TEST((*split_path("/%D0%BB") == std::vector<std::string>{"л"}));
  BOOST_TEST(!split_path("/a/%2F"));     // encoded slash
  BOOST_TEST(!split_path("/a/../etc"));  // dot segments
  BOOST_TEST(!split_path("/a/%2e%2e"));
  BOOST_TEST(!split_path("relative"));
}

BOOST_AUTO_TEST_CASE(query_parsing) {
  auto q = parse_query("before=123-4&x=a%20b&flag&&y=");
  BOOST_REQUIRE(q);
  BOOST_TEST(q->size() == 4u);
  BOOST_TEST((*q)[0].first == "before");
  BOOST_TEST((*q)[0].second == "123-4");
  BOOST_TEST((*q)[1].second == "a b");
  BOOST_TEST((*q)[2].first == "flag");
  BOOST_TEST((*q)[3].second == "");
  BOOST_TEST(!parse_query("a=%E0%A4"));
  BOOST_TEST(!parse_query("body=line%0Aline"));                                                // never in a URL
  BOOST_TEST((*parse_query("body=line%0D%0Aline%09x", true))[0].second == "line\r\nline\tx");  // a textarea
  BOOST_TEST(!parse_query("body=nul%00", true));
}

BOOST_AUTO_TEST_CASE(escaping_for_urls) {
  BOOST_TEST(url_escape("a b/<c>") == "a%20b%2F%3Cc%3E");
  BOOST_TEST(url_escape("safe-_.~") == "safe-_.~");
}

namespace {
EdgeError build(const std::map<std::string, std::string>& env, Request& r, std::string body = "") {
  size_t offset = 0;
  return build_request(
      [&](const char* n) -> const char* {
        auto it = env.find(n);
        return it == env.end() ? nullptr : it->second.c_str();
      },
      [&](char* buf, size_t n) {
        size_t k = std::min(n, body.size() - offset);
        body.copy(buf, k, offset);
        offset += k;
        return k;
      },
      r);
}
}  // namespace

BOOST_AUTO_TEST_CASE(request_at_the_edge) {
  Request r;
  BOOST_TEST((build({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/en/news?before=1-2"}}, r) == EdgeError::none));
  BOOST_TEST(r.segments.size() == 2u);
  BOOST_TEST(r.param("before") == "1-2");
  BOOST_TEST(r.raw_query == "before=1-2");
  BOOST_TEST(!r.trailing_slash);

  Request home;
  BOOST_TEST((build({{"REQUEST_METHOD", "HEAD"}, {"REQUEST_URI", "/en/"}}, home) == EdgeError::none));
  BOOST_TEST(home.trailing_slash);

  Request bad;
  BOOST_TEST((build({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/%ff"}}, bad) == EdgeError::bad_request));
  BOOST_TEST((build({{"REQUEST_METHOD", "get"}, {"REQUEST_URI", "/"}}, bad) == EdgeError::bad_request));
  BOOST_TEST((build({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/" + std::string(2000, 'a')}}, bad) ==
              EdgeError::uri_too_long));
  BOOST_TEST((build({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/?q=" + std::string(3000, 'a')}}, bad) ==
              EdgeError::uri_too_long));

  Request https;
  build({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/"}, {"HTTPS", "on"}}, https);
  BOOST_TEST(https.https);
}

BOOST_AUTO_TEST_CASE(form_bodies_and_cookies) {
  std::map<std::string, std::string> post = {{"REQUEST_METHOD", "POST"},
                                             {"REQUEST_URI", "/admin/login"},
                                             {"CONTENT_TYPE", "application/x-www-form-urlencoded"},
                                             {"HTTP_COOKIE", "a=1; nl_login=tok; b"}};
  std::string body = "name=ed&password=p%26w+d&x=1";
  post["CONTENT_LENGTH"] = std::to_string(body.size());
  Request r;
  BOOST_TEST((build(post, r, body) == EdgeError::none));
  BOOST_TEST(r.field("name") == "ed");
  BOOST_TEST(r.field("password") == "p&w d");
  BOOST_TEST(r.cookie("nl_login") == "tok");
  BOOST_TEST(r.cookie("b") == "");

  Request short_body;  // fewer bytes than announced
  BOOST_TEST((build(post, short_body, "name=ed") == EdgeError::bad_request));
  post["CONTENT_LENGTH"] = "99999999";
  Request big;
  BOOST_TEST((build(post, big, "") == EdgeError::body_too_large));
  post["CONTENT_LENGTH"] = "3";
  post["CONTENT_TYPE"] = "multipart/form-data; boundary=x";
  Request multipart;
  BOOST_TEST((build(post, multipart, "a=b") == EdgeError::unsupported_media_type));
  post["CONTENT_LENGTH"] = "-1";
  Request negative;
  BOOST_TEST((build(post, negative, "") == EdgeError::bad_request));
}

BOOST_AUTO_TEST_SUITE_END()
