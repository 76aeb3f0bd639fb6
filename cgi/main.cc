// newsline: the Newsline engine. One binary: FastCGI server, CGI program,
// and the maintenance commands (migrate, load).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app.h"
#include "config.h"
#include "db/db.h"
#include "db/migrate.h"
#include "http/adapters.h"
#include "util/time_format.h"
#include "view/view.h"

namespace {

void print_help() {
  std::printf(
      "usage: newsline [--config FILE] [COMMAND]\n\n"
      "Commands:\n"
      "  serve          serve FastCGI on the 'listen' socket (the default when 'listen' is set)\n"
      "  cgi            answer one request as a CGI program (the default otherwise)\n"
      "  migrate        apply the migrations in sql_dir/migrations not applied yet\n"
      "  load FILE...   run trusted SQL files (demo content) against the database\n\n"
      "Settings (config file lines 'key = value'; each overridden by the environment\n"
      "variable NEWSLINE_<KEY>, e.g. NEWSLINE_DB_PASSWORD):\n");
  for (const ConfigKey& k : config_keys()) std::printf("  %-20s %s\n", k.name, k.help);
}

int migrate(const Config& cfg) {
  Db db(cfg, true);
  std::string log;
  int n = apply_migrations(db, cfg.sql_dir, log);
  std::fputs(log.c_str(), stdout);
  std::printf("%d migration(s) applied\n", n);
  return 0;
}

int load_sql(const Config& cfg, const std::vector<std::string>& files) {
  Db db(cfg, true);
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + f);
    std::stringstream ss;
    ss << in.rdbuf();
    db.run_script(ss.str());
    std::printf("loaded %s\n", f.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h" || a == "help") {
      print_help();
      return 0;
    } else if (a == "--config" && i + 1 < argc) {
      config_path = argv[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      config_path = a.substr(9);
    } else {
      args.push_back(a);
    }
  }
  try {
    Config cfg = load_config(config_path);
    if (!set_display_zone(cfg.time_zone)) {
      std::fprintf(stderr, "newsline: unknown time zone '%s'\n", cfg.time_zone.c_str());
      return 2;
    }
    std::string command = args.empty() ? (cfg.listen.empty() ? "cgi" : "serve") : args[0];
    if (command == "migrate") return migrate(cfg);
    if (command == "load") return load_sql(cfg, std::vector<std::string>(args.begin() + 1, args.end()));
    if (command != "serve" && command != "cgi") {
      std::fprintf(stderr, "newsline: unknown command '%s' (try --help)\n", command.c_str());
      return 2;
    }
    if (!load_templates(cfg.template_dir)) return 1;
    App app(cfg);
    if (command == "serve") {
      if (cfg.listen.empty()) {
        std::fprintf(stderr, "newsline: 'serve' needs the 'listen' setting\n");
        return 2;
      }
      return serve_fastcgi(app, cfg);
    }
    return serve_cgi(app);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsline: %s\n", e.what());
    return 1;
  }
}
