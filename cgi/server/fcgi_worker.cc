// One FastCGI worker process: its accepting threads, which answer from
// memory what they can, the lanes that answer the rest with the database, and
// the content poller. The supervisor (fcgi_supervisor.cc) forks it.
#include "server/fcgi_worker.h"

#include <fcgiapp.h>
#include <fcntl.h>
#include <grp.h>
#include <malloc.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "app.h"
#include "auth/throttle.h"
#include "cache/content_clock.h"
#include "db/db.h"
#include "db/servers.h"
#include "http/fcgi_records.h"
#include "http/response.h"
#include "server/content_poller.h"
#include "server/lane_pool.h"
#include "util/addresses.h"
#include "util/config.h"
#include "util/log.h"

namespace {

// Connections from the shared listening socket, for the accepting threads.
// They wait in accept() itself, so that the kernel hands connections to the
// idle threads in turn (every worker's cache warms); the socket's receive
// timeout (kAcceptWakeMs, set by open_listener) wakes them now and then to see
// whether their process is stopping. A worker thus stops accepting without
// shutting the socket, which the workers of a reload go on accepting on.
// On a TCP socket, a connection from an address not in cfg.listen_allow is
// closed before a byte of it is read (libfcgi must never parse a stranger's records).
class Acceptor {
 public:
  Acceptor(const Config& cfg, int listen_fd, const std::atomic<bool>& stopping)
      : listen_fd_(listen_fd),
        tcp_(listens_on_tcp(cfg.listen)),
        allowed_(parse_ip_list("listen_allow", cfg.listen_allow)),
        stopping_(stopping) {}

  // The next connection, or -1 once the process is stopping.
  int next() {
    while (!stopping_.load(std::memory_order_acquire)) {
      sockaddr_storage peer{};
      socklen_t length = sizeof peer;
      int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_CLOEXEC);
      if (fd >= 0) {
        if (!tcp_ || allowed(peer)) return fd;
        close(fd);
        continue;
      }
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
        usleep(10000);  // out of descriptors: a connection is waiting, so wait rather than spin
      // EAGAIN: the timeout, to look at `stopping_` again
    }
    return -1;
  }

 private:
  bool allowed(const sockaddr_storage& peer) {
    auto ip = peer_ip(peer);
    if (ip && is_allowed(allowed_, *ip)) return true;
    refusals_.write("newsline: refused a FastCGI connection from an address not in listen_allow");
    return false;
  }

  int listen_fd_;
  bool tcp_;
  std::vector<IpAddress> allowed_;
  const std::atomic<bool>& stopping_;
  RateLimitedLog refusals_{1, 5};
};

// One accepted FastCGI request, from the connection to the last byte of its
// answer. libfcgi reads the request from the connection given to it (with
// keepConnection set, FCGX_Accept_r takes it instead of accepting one); it has
// no listening socket, so after a malformed request it returns instead of
// waiting in accept(). The connection is closed here, not by libfcgi, whose
// close waits for the peer with select() on an fd_set (undefined past 1023).
struct Accepted {
  explicit Accepted(int connection) {
    FCGX_InitRequest(&fcgx, -1, 0);
    fcgx.ipcFd = connection;
    fcgx.keepConnection = 1;
  }
  ~Accepted() {
    FCGX_Free(&fcgx, 0);
    if (fcgx.ipcFd >= 0) close(fcgx.ipcFd);
  }
  FCGX_Request fcgx;
};

// Writes the answer in one writev of its FastCGI records, then frees the
// request and closes the connection (nginx.conf.example keeps fastcgi_keep_conn off).
void reply(const App& app, Accepted& accepted, const Exchange& ex, const Response& res) {
  app.note_answer(ex, res);
  // The input's end (nginx's empty stdin record) is read first: a socket closed
  // with input unread is reset, and the reset can cut the reply nginx is still
  // reading (seen after an upload). A body refused unread is not drained (64 KB at most).
  char rest[4096];
  for (int read = 0; read < 16 && FCGX_GetStr(rest, sizeof rest, accepted.fcgx.in) > 0; ++read) {
  }
  std::string head = serialize_head(res);
  bool with_body = ex.req.method != "HEAD";
  ResponseRecords(accepted.fcgx.requestId, head, with_body ? std::string_view(res.body) : std::string_view())
      .write_to(accepted.fcgx.ipcFd);
}

// The lanes of a worker process and their settings (see Lane in router.h).
// Each queued request holds its connection from nginx: the queues are short
// enough to keep a process's descriptors well under 1024 (libfcgi's limit).
struct Lanes {
  // `slot`: this process's place among the pool's (see PoolMetrics::lane).
  Lanes(const Config& cfg, DbServers& servers, PoolMetrics* metrics, size_t slot)
      : reader(cfg, {cfg.reader_threads, 128, std::chrono::milliseconds(1000), reader_limits(cfg)}, servers,
               counters(metrics, slot, Lane::reader)),
        editor(cfg, {cfg.editor_threads, 64, std::chrono::milliseconds(5000), editor_limits(cfg)}, servers,
               counters(metrics, slot, Lane::editor)),
        login(cfg,
              {cfg.login_threads, 16, std::chrono::milliseconds(2000), editor_limits(cfg), true,
               cfg.login_checks_per_second},
              servers, counters(metrics, slot, Lane::login)),
        // Decoding a photo takes a processor for up to a second: at idle priority, like password checks.
        media(cfg, {cfg.media_threads, 32, std::chrono::milliseconds(10000), editor_limits(cfg), true}, servers,
              counters(metrics, slot, Lane::media)),
        search(cfg, {cfg.search_threads, 32, std::chrono::milliseconds(2000), search_limits(cfg)}, servers,
               counters(metrics, slot, Lane::search)) {}
  static LaneCounters* counters(PoolMetrics* metrics, size_t slot, Lane lane) {
    return metrics ? metrics->lane(slot, static_cast<size_t>(lane)) : nullptr;
  }
  LanePool& operator[](Lane lane) {
    switch (lane) {
      case Lane::reader:
        return reader;
      case Lane::editor:
        return editor;
      case Lane::login:
        return login;
      case Lane::media:
        return media;
      case Lane::search:
        return search;
    }
    return reader;
  }
  void stop() {
    reader.stop();
    editor.stop();
    login.stop();
    media.stop();
    search.stop();
  }
  LanePool reader, editor, login, media, search;
};

// One accepting thread: answers from memory what it can, and queues the rest
// on its lane. It never waits for the database.
void accept_requests(App& app, Lanes& lanes, Acceptor& acceptor) {
  for (int connection; (connection = acceptor.next()) >= 0;) {
    auto accepted = std::make_shared<Accepted>(connection);
    if (FCGX_Accept_r(&accepted->fcgx) < 0) continue;  // not a FastCGI request: closed
    FCGX_Request& fcgx = accepted->fcgx;
    auto ex = std::make_shared<Exchange>(
        app.receive([&](const char* name) { return static_cast<const char*>(FCGX_GetParam(name, fcgx.envp)); },
                    [&](char* buf, size_t n) {
                      int got = FCGX_GetStr(buf, static_cast<int>(n), fcgx.in);
                      return got > 0 ? static_cast<size_t>(got) : 0;
                    }));
    Response res;
    if (app.answer_from_memory(*ex, res)) {
      reply(app, *accepted, *ex, res);
      continue;
    }
    // Logins are hashed one at a time per address: a flood from one address
    // cannot fill the login lane. (Searches are not: many readers share an
    // address behind a carrier's NAT; their rate is bounded in app.cc.)
    std::string one_at_a_time = ex->lane == Lane::login ? address_key(ex->req.remote_addr) : "";
    bool queued = lanes[ex->lane].submit(
        [&app, ex, accepted](DbConnections& dbs, bool expired) {
          Response res;
          if (expired)
            app.answer_busy(*ex, res);
          else
            app.answer_with_database(*ex, dbs, res);
          reply(app, *accepted, *ex, res);
        },
        one_at_a_time);
    if (!queued) {
      app.answer_busy(*ex, res);
      reply(app, *accepted, *ex, res);
    }
  }
}

}  // namespace

sigset_t control_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGCHLD);
  return set;
}

// One worker process: cfg.threads accepting threads and the lanes' threads;
// the main thread waits for a stop signal (libfcgi's own handlers would wake
// only one thread).
int run_worker(App& app, int listen_fd, PoolMetrics* metrics, size_t slot) {
  // A password check's 19 MiB stay with its thread (the heap, not a mapping
  // made and unmapped at every check): page faults and TLB shootdowns of every
  // other thread of the process would come with each check otherwise.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  const Config& cfg = app.config();
  DbServers servers(cfg);
  if (metrics) servers.count_in(*metrics);
  ContentClock clock(cfg, servers);
  ContentPoller poller(cfg, servers, clock);
  app.start_caches(servers, clock, metrics);
  poller.after_each_poll([&app](Db& db) { app.refresh_old_addresses(db); });
  poller.start();
  Lanes lanes(cfg, servers, metrics, slot);
  std::atomic<bool> stopping{false};
  Acceptor acceptor(cfg, listen_fd, stopping);
  std::vector<std::thread> threads;
  for (int i = 0; i < cfg.threads; ++i)
    threads.emplace_back(accept_requests, std::ref(app), std::ref(lanes), std::ref(acceptor));
  sigset_t set = control_signals();
  int sig = 0;
  do {
    sigwait(&set, &sig);
  } while (sig != SIGTERM && sig != SIGINT);  // a reload is the supervisor's (SIGHUP)
  // The accepting threads stop taking connections (within kAcceptWakeMs) and
  // finish the request in hand, the lanes the requests queued. The listening
  // socket stays open: after a reload, the new workers accept on it meanwhile.
  stopping.store(true, std::memory_order_release);
  for (auto& t : threads) t.join();
  lanes.stop();
  poller.stop();
  return 0;
}
