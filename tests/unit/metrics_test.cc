// Addresses in the settings (the TCP FastCGI socket and who may use it) and
// the counters /metrics reports.
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/servers.h"
#include "pages/routes.h"
#include "util/addresses.h"
#include "util/config.h"
#include "util/metrics.h"

namespace {

const Route* route_of(const char* method, const char* path) {
  std::string p = path;
  std::vector<std::string> segments;
  for (size_t start = 1; start <= p.size();) {
    size_t slash = p.find('/', start);
    if (slash == std::string::npos) slash = p.size();
    if (slash > start) segments.push_back(p.substr(start, slash - start));
    start = slash + 1;
  }
  return match_route(routes(), method, segments, p.size() > 1 && p.back() == '/').route;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(addresses)

BOOST_AUTO_TEST_CASE(a_tcp_listen_address_is_numeric_with_a_port) {
  auto v4 = parse_tcp_address("10.0.0.12:9000");
  BOOST_REQUIRE(v4);
  BOOST_TEST(v4->addr.ss_family == AF_INET);
  BOOST_TEST(ntohs(reinterpret_cast<const sockaddr_in&>(v4->addr).sin_port) == 9000);
  auto v6 = parse_tcp_address("[fd00::12]:9000");
  BOOST_REQUIRE(v6);
  BOOST_TEST(v6->addr.ss_family == AF_INET6);
  for (const char* bad : {"localhost:9000", ":9000", "10.0.0.12", "10.0.0.12:", "10.0.0.12:0", "10.0.0.12:65536",
                          "10.0.0.12:90a", "fd00::12:9000", "[fd00::12]", "/run/newsline.sock"})
    BOOST_TEST(!parse_tcp_address(bad), bad);
  BOOST_TEST(listens_on_tcp("10.0.0.12:9000"));
  BOOST_TEST(!listens_on_tcp("/run/newsline/newsline.sock"));
}

BOOST_AUTO_TEST_CASE(an_allow_list_matches_ipv4_however_it_arrives) {
  auto allowed = parse_ip_list("listen_allow", {"10.0.0.11", "fd00::11"});
  BOOST_TEST(is_allowed(allowed, *parse_ip("10.0.0.11")));
  BOOST_TEST(is_allowed(allowed, *parse_ip("::ffff:10.0.0.11")));  // from a dual-stack socket
  BOOST_TEST(is_allowed(allowed, *parse_ip("fd00::11")));
  BOOST_TEST(!is_allowed(allowed, *parse_ip("10.0.0.12")));
  BOOST_TEST(!is_allowed(allowed, *parse_ip("fd00::12")));
  sockaddr_storage peer{};
  auto& in = reinterpret_cast<sockaddr_in&>(peer);
  in.sin_family = AF_INET;
  inet_pton(AF_INET, "10.0.0.11", &in.sin_addr);
  BOOST_TEST(is_allowed(allowed, *peer_ip(peer)));
  BOOST_CHECK_THROW(parse_ip_list("listen_allow", {"nginx-host"}), std::runtime_error);
  BOOST_CHECK_THROW(parse_ip_list("listen_allow", {"10.0.0.0/24"}), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(pool_metrics)

BOOST_AUTO_TEST_CASE(each_route_is_counted_as_its_kind_of_page) {
  auto kind = [](const char* method, const char* path) {
    return std::string(page_kind_name(route_of(method, path)->kind));
  };
  BOOST_TEST(kind("GET", "/en/") == "home");
  BOOST_TEST(kind("GET", "/en/news/country/12-a-story") == "article");
  BOOST_TEST(kind("GET", "/en/news/country") == "listing");
  BOOST_TEST(kind("GET", "/en/tag/baku") == "listing");
  BOOST_TEST(kind("GET", "/en/search") == "search");
  BOOST_TEST(kind("GET", "/en/feed/country") == "feed");
  BOOST_TEST(kind("GET", "/sitemap.xml") == "crawler");
  BOOST_TEST(kind("GET", "/media/3/0123456789abcdef-640.webp") == "photo");
  BOOST_TEST(kind("POST", "/admin/login") == "login");
  BOOST_TEST(kind("GET", "/admin/articles") == "admin");
}

// Each route declares its kind (a row without one does not compile); these
// are the rules the declarations must keep, so that a new route cannot be
// counted with the wrong pages.
BOOST_AUTO_TEST_CASE(every_route_declares_a_kind_that_fits_it) {
  for (const Route& r : routes()) {
    std::string pattern = r.pattern, kind = page_kind_name(r.kind);
    bool admin_path = pattern.rfind("/admin", 0) == 0;
    BOOST_TEST_CONTEXT(pattern << " " << r.methods << ": " << kind) {
      BOOST_TEST(kind != "other");
      BOOST_TEST(kind != "internal");
      BOOST_TEST((r.lane == Lane::login) == (kind == "login"));
      BOOST_TEST((r.lane == Lane::search) == (kind == "search"));
      BOOST_TEST((admin_path && r.lane != Lane::login) == (kind == "admin"));
      if (kind == "feed") BOOST_TEST(pattern.find("/feed") != std::string::npos);
      if (kind == "article") BOOST_TEST(pattern.find("{article}") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_counters_are_shared_with_forked_processes_and_read_as_prometheus_text) {
  PoolMetrics* m = PoolMetrics::create_shared();
  BOOST_REQUIRE(m);
  if (pid_t child = fork(); child == 0) {  // a worker process
    m->count_request(PageKind::article, 200);
    m->count_request(PageKind::article, 200);
    m->count_request(PageKind::other, 418);
    m->count_cache(PageKind::article, true);
    m->server(1)->statements.fetch_add(3);
    _exit(0);
  } else {
    BOOST_REQUIRE(child > 0);
    waitpid(child, nullptr, 0);
  }
  Config cfg;
  cfg.db_replicas = parse_servers("/run/replica.sock");
  DbServers servers(cfg);
  std::string text = m->render(servers.status(1'800'000'000));
  BOOST_TEST(text.find("newsline_requests_total{kind=\"article\",status=\"200\"} 2\n") != std::string::npos);
  BOOST_TEST(text.find("newsline_requests_total{kind=\"other\",status=\"other\"} 1\n") != std::string::npos);
  BOOST_TEST(text.find("newsline_page_cache_total{kind=\"article\",result=\"hit\"} 1\n") != std::string::npos);
  BOOST_TEST(text.find("newsline_db_statements_total{server=\"replica1\"} 3\n") != std::string::npos);
  BOOST_TEST(text.find("# TYPE newsline_lane_queued gauge\n") != std::string::npos);
  BOOST_TEST(text.find("kind=\"home\"") == std::string::npos);  // nothing counted, nothing said
}

BOOST_AUTO_TEST_CASE(a_dead_workers_queue_leaves_the_gauges_and_its_busy_count_stays) {
  PoolMetrics* m = PoolMetrics::create_shared();
  BOOST_REQUIRE(m);
  m->lane(0, 0)->queued.fetch_add(2);  // two processes' reader lanes
  m->lane(1, 0)->queued.fetch_add(3);
  m->lane(1, 0)->busy.fetch_add(4);
  Config cfg;
  DbServers servers(cfg);
  std::string text = m->render(servers.status(1'800'000'000));
  BOOST_TEST(text.find("newsline_lane_queued{lane=\"reader\"} 5\n") != std::string::npos);
  m->forget_process(1);  // killed with 3 requests queued
  text = m->render(servers.status(1'800'000'000));
  BOOST_TEST(text.find("newsline_lane_queued{lane=\"reader\"} 2\n") != std::string::npos);
  BOOST_TEST(text.find("newsline_lane_busy_total{lane=\"reader\"} 4\n") != std::string::npos);
  BOOST_TEST(!m->lane(PoolMetrics::kMaxProcesses, 0));
}

BOOST_AUTO_TEST_SUITE_END()
