// The FastCGI floor for `make bench`: a trivial libfcgi responder that answers
// every request with the bytes of one file, with the same shape as newsline
// (processes x threads on a unix socket). Whatever Newsline does beyond this
// is the cost of being a news site.
//
//   fcgi_floor SOCKET FILE [PROCESSES] [THREADS]
#include <fcgiapp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

static void serve(int fd, const std::string* reply) {
  FCGX_Request req;
  FCGX_InitRequest(&req, fd, 0);
  while (FCGX_Accept_r(&req) >= 0) {
    FCGX_PutStr(reply->data(), static_cast<int>(reply->size()), req.out);
    FCGX_Finish_r(&req);
  }
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: fcgi_floor SOCKET FILE [PROCESSES] [THREADS]\n");
    return 2;
  }
  int processes = argc > 3 ? std::atoi(argv[3]) : 2, threads = argc > 4 ? std::atoi(argv[4]) : 4;
  std::ifstream in(argv[2], std::ios::binary);
  std::stringstream body;
  body << in.rdbuf();
  std::string reply = "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                      std::to_string(body.str().size()) + "\r\n\r\n" + body.str();
  FCGX_Init();
  unlink(argv[1]);
  umask(0177);
  int fd = FCGX_OpenSocket(argv[1], 1024);
  if (fd < 0) return 1;
  signal(SIGPIPE, SIG_IGN);
  std::vector<pid_t> children;
  for (int p = 0; p < processes; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      std::vector<std::thread> pool;
      for (int t = 0; t < threads; ++t) pool.emplace_back(serve, fd, &reply);
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
  unlink(argv[1]);
  return 0;
}
