// FastCGI serving. Debian's libfcgi 2.4.2 carries only part of the
// CVE-2025-23016 fix, so the socket must be reachable by nginx alone: it is a
// unix socket created with mode 0600 (then cfg.socket_mode / socket_group),
// and a worker that dies anyway is restarted by the supervisor.
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
#include "server/adapters.h"
#include "server/content_poller.h"
#include "server/lane_pool.h"
#include "util/addresses.h"
#include "util/config.h"
#include "util/log.h"

namespace {

sigset_t control_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGCHLD);
  return set;
}

constexpr int kAcceptWakeMs = 200;

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

pid_t spawn_worker(App& app, int listen_fd, PoolMetrics* metrics, size_t slot) {
  pid_t pid = fork();
  if (pid == 0) _exit(run_worker(app, listen_fd, metrics, slot));
  if (pid < 0) std::perror("newsline: fork");
  return pid;
}

// A TCP socket on cfg.listen (see Acceptor for who may use it).
int open_tcp_listener(const Config& cfg) {
  auto address = parse_tcp_address(cfg.listen);  // checked when the settings were read
  int fd = address ? socket(address->addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0) : -1;
  int on = 1;
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
      bind(fd, reinterpret_cast<const sockaddr*>(&address->addr), address->length) != 0 || listen(fd, 1024) != 0) {
    std::fprintf(stderr, "newsline: cannot listen on %s: %s\n", cfg.listen.c_str(), std::strerror(errno));
    if (fd >= 0) close(fd);
    return -1;
  }
  timeval wake{0, kAcceptWakeMs * 1000};  // see Acceptor
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wake, sizeof wake);
  return fd;
}

int open_listener(const Config& cfg) {
  if (listens_on_tcp(cfg.listen)) return open_tcp_listener(cfg);
  struct stat st;
  if (lstat(cfg.listen.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) {
      std::fprintf(stderr, "newsline: %s exists and is not a socket\n", cfg.listen.c_str());
      return -1;
    }
    unlink(cfg.listen.c_str());
  }
  mode_t old = umask(0177);  // born 0600: no moment where others could connect
  int fd = FCGX_OpenSocket(cfg.listen.c_str(), 1024);
  umask(old);
  if (fd < 0) {
    std::fprintf(stderr, "newsline: cannot listen on %s\n", cfg.listen.c_str());
    return -1;
  }
  // The socket is given to nginx's group and opened to it, or not served at all.
  auto refuse = [&](const char* what) {
    std::fprintf(stderr, "newsline: cannot %s %s: %s\n", what, cfg.listen.c_str(), std::strerror(errno));
    close(fd);
    unlink(cfg.listen.c_str());
    return -1;
  };
  mode_t mode = static_cast<mode_t>(std::strtol(cfg.socket_mode.c_str(), nullptr, 8)) & 0660;
  if (!cfg.socket_group.empty()) {
    errno = 0;
    struct group* g = getgrnam(cfg.socket_group.c_str());
    if (!g) {
      if (errno == 0) errno = ENOENT;
      return refuse(("give to group " + cfg.socket_group).c_str());
    }
    if (chown(cfg.listen.c_str(), static_cast<uid_t>(-1), g->gr_gid) != 0)
      return refuse(("give to group " + cfg.socket_group).c_str());
  }
  if (chmod(cfg.listen.c_str(), mode) != 0) return refuse("set the mode of");
  fcntl(fd, F_SETFD, FD_CLOEXEC);         // not for the photo helper; a reload keeps it on purpose
  timeval wake{0, kAcceptWakeMs * 1000};  // see Acceptor
  if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wake, sizeof wake) != 0) return refuse("set the timeout of");
  return fd;
}

// What a reload hands to the program it becomes: the listening socket's
// descriptor, and the workers still running, which it stops once it has its own.
constexpr const char* kInheritedListener = "NEWSLINE_LISTEN_FD";
constexpr const char* kPreviousWorkers = "NEWSLINE_PREVIOUS_WORKERS";

// Whether `fd` is the socket cfg.listen names.
bool is_listening_on(int fd, const Config& cfg) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return false;
  if (!listens_on_tcp(cfg.listen))
    return addr.ss_family == AF_UNIX && cfg.listen == reinterpret_cast<const sockaddr_un&>(addr).sun_path;
  auto wanted = parse_tcp_address(cfg.listen);
  return wanted && wanted->length == len && std::memcmp(&wanted->addr, &addr, len) == 0;
}

// The listening socket a reload handed over, if it is still cfg.listen; else -1.
int inherited_listener(const Config& cfg) {
  const char* text = std::getenv(kInheritedListener);
  if (!text) return -1;
  int fd = std::atoi(text);
  unsetenv(kInheritedListener);
  if (fd < 3 || !is_listening_on(fd, cfg)) {
    if (fd >= 3) close(fd);
    return -1;
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
}

// Stops the workers a reload left running: they finish what they hold.
void stop_previous_workers() {
  const char* text = std::getenv(kPreviousWorkers);
  if (!text) return;
  for (const char* p = text; *p;) {
    char* end = nullptr;
    long pid = std::strtol(p, &end, 10);
    if (pid > 1) kill(static_cast<pid_t>(pid), SIGTERM);
    p = *end ? end + 1 : end;
  }
  unsetenv(kPreviousWorkers);
}

// This process's command line, as it was started.
std::vector<std::string> own_command_line() {
  std::vector<std::string> args;
  FILE* f = std::fopen("/proc/self/cmdline", "re");
  if (!f) return args;
  std::string arg;
  for (int c; (c = std::fgetc(f)) != EOF;) {
    if (c) {
      arg += static_cast<char>(c);
    } else {
      args.push_back(arg);
      arg.clear();
    }
  }
  std::fclose(f);
  return args;
}

// Runs `args` and waits for it; true when it exited 0.
bool runs_cleanly(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return false;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// SIGHUP: the program, configuration and templates now on disk take over
// without a request lost. The new program checks itself first (`newsline
// check`: settings, templates); then this process becomes it (exec: the same
// pid for systemd, the same listening socket), and it starts its workers
// before it stops these. Returns only when the reload was refused.
void reload(int listen_fd, const std::map<pid_t, std::time_t>& workers) {
  std::vector<std::string> args = own_command_line();
  if (args.empty()) {
    std::fprintf(stderr, "newsline: reload refused: cannot read this process's command line\n");
    return;
  }
  std::vector<std::string> check;
  for (const std::string& a : args)
    if (a != "serve") check.push_back(a);
  check.push_back("check");
  if (!runs_cleanly(check)) {
    std::fprintf(stderr,
                 "newsline: reload refused: the new program or its settings do not check out; "
                 "the running workers go on\n");
    return;
  }
  std::string previous;
  for (const auto& w : workers) previous += (previous.empty() ? "" : ",") + std::to_string(w.first);
  setenv(kInheritedListener, std::to_string(listen_fd).c_str(), 1);
  setenv(kPreviousWorkers, previous.c_str(), 1);
  fcntl(listen_fd, F_SETFD, 0);  // kept across the exec
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fprintf(stderr, "newsline: reloading\n");
  execvp(argv[0], argv.data());
  std::fprintf(stderr, "newsline: reload refused: cannot run %s: %s\n", argv[0], std::strerror(errno));
  fcntl(listen_fd, F_SETFD, FD_CLOEXEC);
  unsetenv(kInheritedListener);
  unsetenv(kPreviousWorkers);
}

void stop_workers(std::map<pid_t, std::time_t>& workers) {
  for (const auto& w : workers) kill(w.first, SIGTERM);
  std::time_t deadline = std::time(nullptr) + 10;
  while (!workers.empty() && std::time(nullptr) < deadline) {
    pid_t pid = waitpid(-1, nullptr, WNOHANG);
    if (pid > 0)
      workers.erase(pid);
    else
      usleep(20000);
  }
  for (const auto& w : workers) kill(w.first, SIGKILL);
  while (waitpid(-1, nullptr, 0) > 0) {
  }
}

}  // namespace

int serve_fastcgi(App& app, const Config& cfg) {
  signal(SIGPIPE, SIG_IGN);
  sigset_t set = control_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  if (FCGX_Init() != 0) return 1;
  int listen_fd = inherited_listener(cfg);
  bool reloaded = listen_fd >= 0;
  if (!reloaded) listen_fd = open_listener(cfg);
  if (listen_fd < 0) return 1;
  std::fprintf(stderr, "newsline: serving FastCGI on %s (%d processes x %d threads)%s\n", cfg.listen.c_str(),
               cfg.processes, cfg.threads, reloaded ? ", reloaded" : "");

  // The pool's counters (/metrics), shared with every worker forked from here on.
  PoolMetrics* metrics = PoolMetrics::create_shared();
  std::map<pid_t, std::time_t> workers;  // pid -> start time
  std::map<pid_t, size_t> slots;         // pid -> its slot of the metrics' gauges, handed on to its successor
  for (size_t slot = 0; slot < static_cast<size_t>(cfg.processes); ++slot)
    if (pid_t pid = spawn_worker(app, listen_fd, metrics, slot); pid > 0) {
      workers[pid] = std::time(nullptr);
      slots[pid] = slot;
    }
  stop_previous_workers();

  for (;;) {
    int sig = 0;
    sigwait(&set, &sig);
    if (sig == SIGHUP) {
      reload(listen_fd, workers);
      continue;
    }
    if (sig != SIGCHLD) break;
    int status = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
      if (!workers.count(pid)) continue;  // one of the workers before a reload, done
      std::time_t started = workers[pid];
      workers.erase(pid);
      std::fprintf(stderr, "newsline: worker %d ended (%s %d); starting another\n", static_cast<int>(pid),
                   WIFSIGNALED(status) ? "signal" : "status",
                   WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
      if (std::time(nullptr) - started < 1) sleep(1);  // a worker that dies at once must not spin
      size_t slot = slots[pid];
      slots.erase(pid);
      if (metrics) {
        metrics->count_worker_restart();
        metrics->forget_process(slot);  // what it had queued and in hand died with it
      }
      if (pid_t fresh = spawn_worker(app, listen_fd, metrics, slot); fresh > 0) {
        workers[fresh] = std::time(nullptr);
        slots[fresh] = slot;
      }
    }
  }
  stop_workers(workers);
  close(listen_fd);
  if (!listens_on_tcp(cfg.listen)) unlink(cfg.listen.c_str());
  return 0;
}
