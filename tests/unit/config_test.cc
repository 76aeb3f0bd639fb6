#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "http/response.h"
#include "util/config.h"

BOOST_AUTO_TEST_SUITE(configuration)

BOOST_AUTO_TEST_CASE(file_then_environment) {
  const char* path = "build/test-config.conf";
  {
    std::ofstream f(path);
    f << "# comment\n\nthreads = 7\nsite_url = https://news.example.com/\ndb_name=fromfile\n";
  }
  setenv("NEWSLINE_DB_NAME", "fromenv", 1);
  Config c = load_config(path);
  unsetenv("NEWSLINE_DB_NAME");
  BOOST_TEST(c.threads == 7);
  BOOST_TEST(c.site_url == "https://news.example.com");  // trailing slash dropped
  BOOST_TEST(c.db_name == "fromenv");
  BOOST_TEST(c.time_zone == "Asia/Baku");
  BOOST_TEST(c.newsline_size == 40);
  std::remove(path);
}

BOOST_AUTO_TEST_CASE(bad_settings_are_reported) {
  const char* path = "build/test-config-bad.conf";
  for (const char* content : {"nonsense = 1\n", "threads = many\n", "threads = 0\n", "just words\n"}) {
    {
      std::ofstream f(path);
      f << content;
    }
    BOOST_CHECK_THROW(load_config(path), std::runtime_error);
  }
  std::remove(path);
  BOOST_CHECK_THROW(load_config("build/does-not-exist.conf"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(help_lists_every_setting) {
  bool has_listen = false;
  for (const ConfigKey& k : config_keys()) {
    BOOST_TEST(std::string(k.help).size() > 5u);
    has_listen |= std::string(k.name) == "listen";
  }
  BOOST_TEST(has_listen);
  BOOST_TEST(config_keys().size() >= 20u);
}

BOOST_AUTO_TEST_CASE(headers_are_set_in_one_place) {
  Response r;
  r.body = "hello";
  r.set_header("Location", "/x\r\nSet-Cookie: evil=1");
  std::string h = serialize_head(r);
  BOOST_TEST(h.find("Status: 200 OK\r\n") == 0u);
  BOOST_TEST(h.find("Content-Length: 5\r\n") != std::string::npos);
  BOOST_TEST(h.find("Content-Security-Policy: ") != std::string::npos);
  BOOST_TEST(h.find("X-Content-Type-Options: nosniff") != std::string::npos);
  BOOST_TEST(h.find("X-Frame-Options: DENY") != std::string::npos);
  BOOST_TEST(h.find("\r\nSet-Cookie") == std::string::npos);  // no header splitting
  BOOST_TEST(h.substr(h.size() - 4) == "\r\n\r\n");
}

BOOST_AUTO_TEST_SUITE_END()
