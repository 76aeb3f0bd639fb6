// Which MariaDB server a page is read from: the primary and read replicas,
// with the content versions the content clock noted for each.
#include <boost/test/unit_test.hpp>

#include <set>

#include "db/servers.h"
#include "util/config.h"

namespace {

Config two_replicas() {
  Config cfg;
  cfg.db_socket = "/run/primary.sock";
  cfg.db_replicas = parse_servers("/run/replica1.sock, 10.0.0.7:3307");
  cfg.db_replica_max_lag_seconds = 10;
  return cfg;
}

constexpr size_t kReplica1 = 1, kReplica2 = 2;
constexpr std::time_t kNow = 1'800'000'000;

}  // namespace

BOOST_AUTO_TEST_SUITE(db_servers)

BOOST_AUTO_TEST_CASE(replicas_are_read_from_a_list_of_sockets_and_host_port_pairs) {
  auto servers = parse_servers(" /run/r1.sock ,db2, 10.0.0.7:3307,");
  BOOST_TEST(servers.size() == 3u);
  BOOST_TEST(servers[0].socket == "/run/r1.sock");
  BOOST_TEST(servers[1].host == "db2");
  BOOST_TEST(servers[1].port == 3306);
  BOOST_TEST(servers[2].name() == "10.0.0.7:3307");
  BOOST_CHECK_THROW(parse_servers("db2:99999"), std::runtime_error);
  BOOST_CHECK_THROW(parse_servers("db 2:3306"), std::runtime_error);
  BOOST_TEST(parse_servers("").empty());
}

BOOST_AUTO_TEST_CASE(without_replicas_everything_is_read_from_the_primary) {
  Config cfg;
  DbServers servers(cfg);
  BOOST_TEST(servers.size() == 1u);
  BOOST_TEST(servers.for_reading(kNow).server == DbServers::kPrimary);
  BOOST_TEST(servers.for_reading(kNow).current);
}

BOOST_AUTO_TEST_CASE(before_the_replicas_versions_are_known_pages_come_from_the_primary) {
  Config cfg = two_replicas();
  DbServers servers(cfg);
  BOOST_TEST(servers.for_reading(kNow).server == DbServers::kPrimary);
  servers.note_version(DbServers::kPrimary, 5, kNow);
  BOOST_TEST(servers.for_reading(kNow).server == DbServers::kPrimary);
}

BOOST_AUTO_TEST_CASE(pages_come_only_from_replicas_that_have_the_newest_content_in_turn) {
  Config cfg = two_replicas();
  DbServers servers(cfg);
  servers.note_version(DbServers::kPrimary, 5, kNow);
  servers.note_version(kReplica1, 5, kNow);
  servers.note_version(kReplica2, 4, kNow);  // not applied the last publication yet
  for (int i = 0; i < 4; ++i) {
    auto c = servers.for_reading(kNow);
    BOOST_TEST(c.server == kReplica1);
    BOOST_TEST(c.current);
  }
  servers.note_version(kReplica2, 5, kNow);
  std::set<size_t> used;
  for (int i = 0; i < 4; ++i) used.insert(servers.for_reading(kNow).server);
  BOOST_TEST((used == std::set<size_t>{kReplica1, kReplica2}));
}

BOOST_AUTO_TEST_CASE(a_publication_sends_readers_to_the_primary_until_a_replica_has_it) {
  Config cfg = two_replicas();
  DbServers servers(cfg);
  for (size_t i : {DbServers::kPrimary, kReplica1, kReplica2}) servers.note_version(i, 5, kNow);
  BOOST_TEST(servers.note_version(DbServers::kPrimary, 6, kNow + 1));  // the newest version moved on
  BOOST_TEST(servers.for_reading(kNow + 1).server == DbServers::kPrimary);
  BOOST_TEST(!servers.note_version(kReplica2, 6, kNow + 1));  // it caught up: nothing new
  BOOST_TEST(servers.for_reading(kNow + 1).server == kReplica2);
}

BOOST_AUTO_TEST_CASE(a_replica_ahead_of_the_primarys_last_reading_raises_the_newest_version) {
  Config cfg = two_replicas();
  DbServers servers(cfg);
  servers.note_version(DbServers::kPrimary, 5, kNow);
  BOOST_TEST(servers.note_version(kReplica1, 6, kNow));
  BOOST_TEST(servers.newest_version() == 6);
  BOOST_TEST(!servers.note_version(DbServers::kPrimary, 6, kNow));
}

BOOST_AUTO_TEST_CASE(a_primary_restored_from_a_backup_takes_the_newest_version_back) {
  Config cfg = two_replicas();
  DbServers servers(cfg);
  servers.note_version(DbServers::kPrimary, 500, kNow);
  BOOST_TEST(servers.note_version(DbServers::kPrimary, 7, kNow + 1));
  BOOST_TEST(servers.newest_version() == 7);
  servers.note_version(kReplica1, 7, kNow + 1);
  BOOST_TEST(servers.for_reading(kNow + 1).server == kReplica1);
}

BOOST_AUTO_TEST_CASE(a_replica_that_is_away_or_just_failed_is_passed_over) {
  Config cfg = two_replicas();
  DbServers servers(cfg);
  for (size_t i : {DbServers::kPrimary, kReplica1, kReplica2}) servers.note_version(i, 5, kNow);
  servers.health(kReplica1).lost();
  for (int i = 0; i < 3; ++i) BOOST_TEST(servers.for_reading(kNow).server == kReplica2);
  BOOST_TEST(servers.for_reading(kNow, kReplica2).server == DbServers::kPrimary);
  servers.health(kReplica1).found();
  BOOST_TEST(servers.for_reading(kNow, kReplica2).server == kReplica1);
}

BOOST_AUTO_TEST_CASE(with_the_primary_away_a_replica_a_little_behind_serves_pages_not_cached) {
  Config cfg = two_replicas();
  DbServers servers(cfg);
  for (size_t i : {DbServers::kPrimary, kReplica1, kReplica2}) servers.note_version(i, 5, kNow);
  servers.note_version(kReplica1, 6, kNow + 2);  // replica 2 has not had the newest since kNow
  servers.health(kReplica1).lost();
  servers.health(DbServers::kPrimary).lost();
  auto c = servers.for_reading(kNow + 5);
  BOOST_TEST(c.server == kReplica2);
  BOOST_TEST(!c.current);
  // Past the lag allowed it is not read at all: the primary is named, and fails (503).
  BOOST_TEST(servers.for_reading(kNow + 11).server == DbServers::kPrimary);
}

BOOST_AUTO_TEST_CASE(editors_read_the_primary_and_a_replica_only_while_it_is_away) {
  Config cfg = two_replicas();
  DbServers servers(cfg);
  for (size_t i : {DbServers::kPrimary, kReplica1, kReplica2}) servers.note_version(i, 5, kNow);
  BOOST_TEST(servers.for_own_writes(kNow).server == DbServers::kPrimary);
  servers.health(DbServers::kPrimary).lost();
  auto c = servers.for_own_writes(kNow);
  BOOST_TEST(c.server != DbServers::kPrimary);
  BOOST_TEST(!c.current);
}

BOOST_AUTO_TEST_CASE(the_status_tells_how_far_behind_each_server_is) {
  Config cfg = two_replicas();
  DbServers servers(cfg);
  for (size_t i : {DbServers::kPrimary, kReplica1}) servers.note_version(i, 5, kNow);
  servers.note_version(DbServers::kPrimary, 6, kNow + 3);
  servers.health(kReplica1).lost();
  auto status = servers.status(kNow + 4);
  BOOST_TEST(status.size() == 3u);
  BOOST_TEST(status[0].role == "primary");
  BOOST_TEST(status[2].role == "replica2");
  BOOST_TEST(status[0].behind_seconds == 0);
  BOOST_TEST(status[1].behind_seconds == 4);
  BOOST_TEST(!status[1].reachable);
  BOOST_TEST(status[2].version == -1);
  BOOST_TEST(status[2].behind_seconds == -1);
}

BOOST_AUTO_TEST_SUITE_END()
