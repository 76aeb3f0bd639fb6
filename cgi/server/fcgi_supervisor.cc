// FastCGI serving, the supervisor: the listening socket, the worker
// processes (fcgi_worker.cc) it forks and restarts, and the reload on
// SIGHUP. Debian's libfcgi 2.4.2 carries only part of the
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
#include "server/fcgi_worker.h"
#include "server/lane_pool.h"
#include "util/addresses.h"
#include "util/config.h"
#include "util/log.h"

namespace {

pid_t spawn_worker(App& app, int listen_fd, PoolMetrics* metrics, size_t slot) {
  pid_t pid = fork();
  if (pid == 0) _exit(run_worker(app, listen_fd, metrics, slot));
  if (pid < 0) std::perror("newsline: fork");
  return pid;
}

// A TCP socket on cfg.listen (see Acceptor in fcgi_worker.cc for who may use it).
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
  timeval wake{0, kAcceptWakeMs * 1000};  // see Acceptor (fcgi_worker.cc)
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
  timeval wake{0, kAcceptWakeMs * 1000};  // see Acceptor (fcgi_worker.cc)
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
