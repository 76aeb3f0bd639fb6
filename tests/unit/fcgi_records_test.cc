#include <boost/test/unit_test.hpp>

#include <fastcgi.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "http/fcgi_records.h"

namespace {

struct Record {
  int version, type, request_id;
  std::string content;
};

// Writes the records into a socket pair and parses what comes out the other end.
std::vector<Record> round_trip(int request_id, const std::string& head, const std::string& body) {
  int fds[2];
  BOOST_REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
  std::string bytes;
  std::thread reader([&] {
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[1], buf, sizeof buf)) > 0) bytes.append(buf, static_cast<size_t>(n));
  });
  bool sent = ResponseRecords(request_id, head, body).write_to(fds[0]);
  close(fds[0]);
  reader.join();
  close(fds[1]);
  BOOST_TEST(sent);
  std::vector<Record> records;
  for (size_t at = 0; at + 8 <= bytes.size();) {
    auto byte = [&](size_t i) { return static_cast<unsigned char>(bytes[at + i]); };
    size_t length = byte(4) << 8 | byte(5), padding = byte(6);
    BOOST_REQUIRE(at + 8 + length + padding <= bytes.size());
    records.push_back({byte(0), byte(1), byte(2) << 8 | byte(3), bytes.substr(at + 8, length)});
    at += 8 + length + padding;
  }
  return records;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fcgi_records)

BOOST_AUTO_TEST_CASE(a_large_body_is_split_into_records_and_the_request_ended) {
  std::string head = "Status: 200 OK\r\nContent-Type: text/html\r\n\r\n", body;
  for (int i = 0; body.size() < 200000; ++i) body += "line " + std::to_string(i) + " — Xəbər lenti\n";
  std::vector<Record> records = round_trip(513, head, body);
  BOOST_REQUIRE(records.size() >= 6);  // head, at least four body records, the stream's end, END_REQUEST
  std::string stdout_bytes;
  for (size_t i = 0; i + 2 < records.size(); ++i) {
    BOOST_TEST(records[i].type == FCGI_STDOUT);
    BOOST_TEST(!records[i].content.empty());
    BOOST_TEST(records[i].content.size() <= 65535u);
    stdout_bytes += records[i].content;
  }
  BOOST_TEST(stdout_bytes == head + body);
  const Record& stream_end = records[records.size() - 2];
  BOOST_TEST(stream_end.type == FCGI_STDOUT);
  BOOST_TEST(stream_end.content.empty());
  const Record& end = records.back();
  BOOST_TEST(end.type == FCGI_END_REQUEST);
  BOOST_TEST(end.content == std::string(8, '\0'));  // appStatus 0, FCGI_REQUEST_COMPLETE
  for (const Record& r : records) {
    BOOST_TEST(r.version == FCGI_VERSION_1);
    BOOST_TEST(r.request_id == 513);
  }
}

BOOST_AUTO_TEST_CASE(a_head_request_sends_the_head_alone) {
  std::vector<Record> records = round_trip(1, "Status: 304 Not Modified\r\n\r\n", "");
  BOOST_REQUIRE(records.size() == 3u);
  BOOST_TEST(records[0].content == "Status: 304 Not Modified\r\n\r\n");
  BOOST_TEST(records[1].content.empty());
  BOOST_TEST(records[2].type == FCGI_END_REQUEST);
}

BOOST_AUTO_TEST_CASE(a_closed_peer_is_reported_not_fatal) {
  int fds[2];
  BOOST_REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
  close(fds[1]);
  signal(SIGPIPE, SIG_IGN);
  BOOST_TEST(!ResponseRecords(1, "Status: 200 OK\r\n\r\n", std::string(100000, 'x')).write_to(fds[0]));
  close(fds[0]);
}

BOOST_AUTO_TEST_SUITE_END()
