// FastCGI serving. Debian's libfcgi 2.4.2 carries only part of the
// CVE-2025-23016 fix, so the socket must be reachable by nginx alone: it is a
// unix socket created with mode 0600 (then cfg.socket_mode / socket_group),
// and a worker that dies anyway is restarted by the supervisor.
#include <fcgiapp.h>
#include <grp.h>
#include <malloc.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "app.h"
#include "auth/throttle.h"
#include "http/lane_pool.h"
#include "config.h"
#include "db/db.h"
#include "http/adapters.h"
#include "http/fcgi_records.h"
#include "http/response.h"

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

// One accepted FastCGI request, from accept to the last byte of its answer.
// The connection is closed here, not by libfcgi, whose close waits for the
// peer with select() on an fd_set (undefined for descriptors past 1023).
struct Accepted {
  explicit Accepted(int listen_fd) { FCGX_InitRequest(&fcgx, listen_fd, 0); }
  ~Accepted() {
    FCGX_Free(&fcgx, 0);
    if (fcgx.ipcFd >= 0) close(fcgx.ipcFd);
  }
  FCGX_Request fcgx;
};

// Writes the answer in one writev of its FastCGI records, then frees the
// request and closes the connection (nginx.conf.example keeps fastcgi_keep_conn off).
void reply(Accepted& accepted, const Exchange& ex, const Response& res) {
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
  Lanes(const Config& cfg, DbHealth* health)
      : reader(cfg, {cfg.reader_threads, 128, std::chrono::milliseconds(1000), reader_limits(cfg)}, health),
        editor(cfg, {cfg.editor_threads, 64, std::chrono::milliseconds(5000), editor_limits(cfg)}, health),
        login(cfg, {cfg.login_threads, 16, std::chrono::milliseconds(2000), editor_limits(cfg), true,
                     cfg.login_checks_per_second},
              health),
        // Decoding a photo takes a processor for up to a second: at idle priority, like password checks.
        media(cfg, {cfg.media_threads, 32, std::chrono::milliseconds(10000), editor_limits(cfg), true}, health),
        search(cfg, {cfg.search_threads, 32, std::chrono::milliseconds(2000), search_limits(cfg)}, health) {}
  LanePool& operator[](Lane lane) {
    switch (lane) {
      case Lane::reader: return reader;
      case Lane::editor: return editor;
      case Lane::login: return login;
      case Lane::media: return media;
      case Lane::search: return search;
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
void accept_requests(App& app, Lanes& lanes, int listen_fd) {
  for (;;) {
    auto accepted = std::make_shared<Accepted>(listen_fd);
    if (FCGX_Accept_r(&accepted->fcgx) < 0) break;
    FCGX_Request& fcgx = accepted->fcgx;
    auto ex = std::make_shared<Exchange>(app.receive(
        [&](const char* name) { return static_cast<const char*>(FCGX_GetParam(name, fcgx.envp)); },
        [&](char* buf, size_t n) {
          int got = FCGX_GetStr(buf, static_cast<int>(n), fcgx.in);
          return got > 0 ? static_cast<size_t>(got) : 0;
        }));
    Response res;
    if (app.answer_from_memory(*ex, res)) {
      reply(*accepted, *ex, res);
      continue;
    }
    // Logins are hashed one at a time per address: a flood from one address
    // cannot fill the login lane. (Searches are not: many readers share an
    // address behind a carrier's NAT; their rate is bounded in app.cc.)
    std::string one_at_a_time = ex->lane == Lane::login ? address_key(ex->req.remote_addr) : "";
    bool queued = lanes[ex->lane].submit(
        [&app, ex, accepted](Db& db, bool expired) {
          Response res;
          if (expired)
            app.answer_busy(*ex, res);
          else
            app.answer_with_database(*ex, db, res);
          reply(*accepted, *ex, res);
        },
        one_at_a_time);
    if (!queued) {
      app.answer_busy(*ex, res);
      reply(*accepted, *ex, res);
    }
  }
}

// One worker process: cfg.threads accepting threads and the lanes' threads;
// the main thread waits for a stop signal (libfcgi's own handlers would wake
// only one thread).
int run_worker(App& app, int listen_fd) {
  // A password check's 19 MiB stay with its thread (the heap, not a mapping
  // made and unmapped at every check): page faults and TLB shootdowns of every
  // other thread of the process would come with each check otherwise.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  DbHealth health;
  app.start_caches(&health);
  const Config& cfg = app.config();
  Lanes lanes(cfg, &health);
  std::vector<std::thread> threads;
  for (int i = 0; i < cfg.threads; ++i)
    threads.emplace_back(accept_requests, std::ref(app), std::ref(lanes), listen_fd);
  sigset_t set = control_signals();
  int sig = 0;
  do {
    sigwait(&set, &sig);
  } while (sig == SIGCHLD);
  FCGX_ShutdownPending();
  // Wakes every thread blocked in accept(); requests in progress and queued finish first.
  shutdown(listen_fd, SHUT_RDWR);
  for (auto& t : threads) t.join();
  lanes.stop();
  return 0;
}

pid_t spawn_worker(App& app, int listen_fd) {
  pid_t pid = fork();
  if (pid == 0) _exit(run_worker(app, listen_fd));
  if (pid < 0) std::perror("newsline: fork");
  return pid;
}

int open_listener(const Config& cfg) {
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
  return fd;
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
  int listen_fd = open_listener(cfg);
  if (listen_fd < 0) return 1;
  std::fprintf(stderr, "newsline: serving FastCGI on %s (%d processes x %d threads)\n", cfg.listen.c_str(),
               cfg.processes, cfg.threads);

  std::map<pid_t, std::time_t> workers;  // pid -> start time
  for (int i = 0; i < cfg.processes; ++i)
    if (pid_t pid = spawn_worker(app, listen_fd); pid > 0) workers[pid] = std::time(nullptr);

  for (;;) {
    int sig = 0;
    sigwait(&set, &sig);
    if (sig != SIGCHLD) break;
    int status = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
      std::time_t started = workers[pid];
      workers.erase(pid);
      std::fprintf(stderr, "newsline: worker %d ended (%s %d); starting another\n", static_cast<int>(pid),
                   WIFSIGNALED(status) ? "signal" : "status",
                   WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
      if (std::time(nullptr) - started < 1) sleep(1);  // a worker that dies at once must not spin
      if (pid_t fresh = spawn_worker(app, listen_fd); fresh > 0) workers[fresh] = std::time(nullptr);
    }
  }
  stop_workers(workers);
  close(listen_fd);
  unlink(cfg.listen.c_str());
  return 0;
}
