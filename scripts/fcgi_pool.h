// The shape every FastCGI responder of `make bench` shares with newsline:
// PROCESSES forked processes of THREADS threads each, accepting on one unix
// socket (mode 0600; bench.py opens it to nginx's group) until SIGTERM.
#pragma once

#include <fcgiapp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>
#include <vector>

// Runs serve(listen_fd) on every thread of every process; returns the exit code.
template <typename Serve>
int run_fcgi_pool(const char* socket_path, int processes, int threads, Serve serve) {
  FCGX_Init();
  unlink(socket_path);
  umask(0177);
  int fd = FCGX_OpenSocket(socket_path, 1024);
  if (fd < 0) return 1;
  signal(SIGPIPE, SIG_IGN);
  std::vector<pid_t> children;
  for (int p = 0; p < processes; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      std::vector<std::thread> pool;
      for (int t = 0; t < threads; ++t) pool.emplace_back(serve, fd);
      for (auto& t : pool) t.join();
      _exit(0);
    }
    children.push_back(pid);
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  int sig;
  sigwait(&set, &sig);
  for (pid_t c : children) kill(c, SIGKILL);
  while (wait(nullptr) > 0) {
  }
  unlink(socket_path);
  return 0;
}
