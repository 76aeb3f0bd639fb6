// The FastCGI floor for `make bench`: a trivial libfcgi responder that answers
// every request with the bytes of one file, with the same shape as newsline
// (processes x threads on a unix socket). Whatever Newsline does beyond this
// is the cost of being a news site.
//
//   fcgi_floor SOCKET FILE [PROCESSES] [THREADS]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "fcgi_pool.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: fcgi_floor SOCKET FILE [PROCESSES] [THREADS]\n");
    return 2;
  }
  int processes = argc > 3 ? std::atoi(argv[3]) : 2, threads = argc > 4 ? std::atoi(argv[4]) : 4;
  std::ifstream in(argv[2], std::ios::binary);
  std::stringstream body;
  body << in.rdbuf();
  const std::string reply = "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                            std::to_string(body.str().size()) + "\r\n\r\n" + body.str();
  return run_fcgi_pool(argv[1], processes, threads, [&reply](int fd) {
    FCGX_Request req;
    FCGX_InitRequest(&req, fd, 0);
    while (FCGX_Accept_r(&req) >= 0) {
      FCGX_PutStr(reply.data(), static_cast<int>(reply.size()), req.out);
      FCGX_Finish_r(&req);
    }
  });
}
