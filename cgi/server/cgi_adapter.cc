#include <cstdio>
#include <cstdlib>

#include "app.h"
#include "db/db.h"
#include "db/servers.h"
#include "http/response.h"
#include "server/adapters.h"

int serve_cgi(App& app) {
  Exchange ex = app.receive([](const char* name) { return static_cast<const char*>(std::getenv(name)); },
                            [](char* buf, size_t n) { return std::fread(buf, 1, n, stdin); });
  Response res;
  if (!app.answer_from_memory(ex, res)) {
    const Config& cfg = app.config();
    DbServers servers(cfg);
    DbConnections dbs(cfg, servers,
                      ex.lane == Lane::reader   ? reader_limits(cfg)
                      : ex.lane == Lane::search ? search_limits(cfg)
                                                : editor_limits(cfg));
    app.answer_with_database(ex, dbs, res);
  }
  std::string head = serialize_head(res);
  std::fwrite(head.data(), 1, head.size(), stdout);
  if (ex.req.method != "HEAD") std::fwrite(res.body.data(), 1, res.body.size(), stdout);
  std::fflush(stdout);
  return 0;
}
