// FastCGI serving. Debian's libfcgi 2.4.2 carries only part of the
// CVE-2025-23016 fix, so the socket must be reachable by nginx alone: it is a
// unix socket created with mode 0600 (then cfg.socket_mode / socket_group),
// and a worker that dies anyway is restarted by the supervisor.
#include <fcgiapp.h>
#include <grp.h>
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

void serve_requests(App& app, int listen_fd) {
  Db db(app.config());
  FCGX_Request fcgx;
  FCGX_InitRequest(&fcgx, listen_fd, 0);
  while (FCGX_Accept_r(&fcgx) >= 0) {
    Response res;
    app.handle([&](const char* name) { return static_cast<const char*>(FCGX_GetParam(name, fcgx.envp)); },
               [&](char* buf, size_t n) {
                 int got = FCGX_GetStr(buf, static_cast<int>(n), fcgx.in);
                 return got > 0 ? static_cast<size_t>(got) : 0;
               },
               db, res);
    std::string head = serialize_head(res);
    const char* method = FCGX_GetParam("REQUEST_METHOD", fcgx.envp);
    bool with_body = !method || std::strcmp(method, "HEAD") != 0;
    bool sent = ResponseRecords(fcgx.requestId, head, with_body ? std::string_view(res.body) : std::string_view())
                    .write_to(fcgx.ipcFd);
    // The reply is written: free the request without libfcgi's flush of its own
    // (empty) streams, closing the connection as FCGX_Finish_r would.
    FCGX_Free(&fcgx, !fcgx.keepConnection || !sent || FCGX_GetError(fcgx.in) != 0);
  }
  FCGX_Free(&fcgx, 1);
}

// One worker process: cfg.threads accept loops; the main thread waits for a
// stop signal (libfcgi's own handlers would wake only one thread).
int run_worker(App& app, int listen_fd) {
  app.start_caches();
  std::vector<std::thread> threads;
  for (int i = 0; i < app.config().threads; ++i) threads.emplace_back(serve_requests, std::ref(app), listen_fd);
  sigset_t set = control_signals();
  int sig = 0;
  do {
    sigwait(&set, &sig);
  } while (sig == SIGCHLD);
  FCGX_ShutdownPending();
  // Wakes every thread blocked in accept(); requests in progress finish first.
  shutdown(listen_fd, SHUT_RDWR);
  for (auto& t : threads) t.join();
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
