#include <cstdio>
#include <cstdlib>

#include "app.h"
#include "db/db.h"
#include "http/adapters.h"
#include "http/response.h"

int serve_cgi(App& app) {
  Db db(app.config());
  Response res;
  app.handle([](const char* name) { return static_cast<const char*>(std::getenv(name)); },
             [](char* buf, size_t n) { return std::fread(buf, 1, n, stdin); }, db, res);
  std::string head = serialize_head(res);
  std::fwrite(head.data(), 1, head.size(), stdout);
  const char* method = std::getenv("REQUEST_METHOD");
  bool is_head = method && std::string(method) == "HEAD";
  if (!is_head) std::fwrite(res.body.data(), 1, res.body.size(), stdout);
  std::fflush(stdout);
  return 0;
}
