// newsline: the Newsline engine. One binary: FastCGI server, CGI program,
// and the maintenance commands (migrate, load).
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "app.h"
#include "auth/crypto.h"
#include "db/article_links.h"
#include "db/articles.h"
#include "db/audit.h"
#include "db/content.h"
#include "db/db.h"
#include "db/feeds.h"
#include "db/media.h"
#include "db/migrate.h"
#include "db/newsroom.h"
#include "db/search.h"
#include "db/site_secrets.h"
#include "db/sitemaps.h"
#include "db/throttle.h"
#include "db/users.h"
#include "import/check_redirects.h"
#include "import/wordpress_import.h"
#include "media/image.h"
#include "media/image_process.h"
#include "server/adapters.h"
#include "util/config.h"
#include "util/cursor.h"
#include "util/parse.h"
#include "util/signing.h"
#include "util/time_format.h"
#include "view/static_files.h"
#include "view/templates.h"
#include "view/view.h"

namespace {

// Maintenance commands connect as the migration user (see maintenance_limits
// for how long they wait).
Config for_maintenance(const Config& cfg) {
  Config c = cfg;
  if (!c.db_migrate_user.empty()) {
    c.db_user = c.db_migrate_user;
    c.db_password = c.db_migrate_password;
  }
  return c;
}

int migrate(const Config& request_cfg, const std::vector<std::string>&) {
  Config cfg = for_maintenance(request_cfg);
  Db db(cfg, maintenance_limits(cfg), nullptr, false, true);
  std::string log;
  std::vector<int64_t> applied = apply_migrations(db, cfg.sql_dir, log);
  std::fputs(log.c_str(), stdout);
  std::printf("%zu migration(s) applied\n", applied.size());
  // Migration 4 moved the bodies into article_bodies, some without a rendering
  // (articles written by SQL): they are rendered once, then. Any later migration
  // need not read every body again (minutes at a million articles).
  constexpr int64_t kBodiesMoved = 4;
  if (!applied.empty() && applied.front() <= kBodiesMoved)
    if (int rendered = render_missing_body_html(db)) std::printf("rendered %d article bodies\n", rendered);
  // Migration 13 made the search index: the articles there are then go into it.
  constexpr int64_t kSearchIndexMade = 13;
  if (!applied.empty() && applied.front() <= kSearchIndexMade && applied.back() >= kSearchIndexMade)
    if (int indexed = index_missing_articles(db)) std::printf("indexed %d articles for search\n", indexed);
  return 0;
}

// Indexes for search the published articles that are not, and counts the
// sitemaps' days again (articles written by SQL).
int search_index(const Config& request_cfg, const std::vector<std::string>&) {
  Config cfg = for_maintenance(request_cfg);
  Db db(cfg, maintenance_limits(cfg));
  std::printf("indexed %d articles for search\n", index_missing_articles(db));
  rebuild_sitemap_days(db);
  bump_content_version(db, std::time(nullptr));  // running workers drop what they cached
  return 0;
}

// Prints, per listing query, each table's access type, key and Extra of EXPLAIN.
int explain(const Config& cfg, const std::vector<std::string>&) {
  Db db(cfg, maintenance_limits(cfg));
  auto queries = explain_listing_queries(db, std::time(nullptr));
  for (auto& q : explain_newsroom_queries(db, std::time(nullptr))) queries.push_back(std::move(q));
  for (auto& q : explain_feed_queries(db, std::time(nullptr))) queries.push_back(std::move(q));
  for (auto& q : explain_sitemap_queries(db, std::time(nullptr))) queries.push_back(std::move(q));
  for (auto& q : explain_search_queries(db, std::time(nullptr))) queries.push_back(std::move(q));
  for (const auto& [name, rows] : queries) {
    std::printf("%s\n", name.c_str());
    // EXPLAIN columns: id select_type table type possible_keys key key_len ref rows Extra
    for (const Row& r : rows)
      std::printf("  table=%s type=%s key=%s rows=%s extra=%s\n", r[2].s.c_str(), r[3].s.c_str(), r[5].s.c_str(),
                  (r[8].s.empty() ? std::to_string(r[8].i) : r[8].s).c_str(), r[9].s.c_str());
  }
  return 0;
}

// Deletes what only ages, as the workers do every cfg.housekeeping_seconds, in batches until none is left.
int prune(const Config& cfg, const std::vector<std::string>&) {
  Db db(cfg, maintenance_limits(cfg));
  PruneCounts total;
  for (;;) {
    PruneCounts n = prune_old_rows(db, cfg, std::time(nullptr));
    total.throttle_rows += n.throttle_rows;
    total.audit_rows += n.audit_rows;
    total.sessions += n.sessions;
    if (n.throttle_rows + n.audit_rows + n.sessions == 0) break;
  }
  std::printf("deleted %llu login throttle rows, %llu audit rows, %llu sessions\n",
              static_cast<unsigned long long>(total.throttle_rows), static_cast<unsigned long long>(total.audit_rows),
              static_cast<unsigned long long>(total.sessions));
  return 0;
}

// newsline cursor TIME ID: a cursor signed with the site's key.
int cursor(const Config& cfg, const std::vector<std::string>& args) {
  auto t = args.size() == 3 ? parse_number(args[1], 1, 253402300799LL) : std::nullopt;
  auto id = args.size() == 3 ? parse_id(args[2]) : std::nullopt;
  if (!t || !id) {
    std::fprintf(stderr, "usage: newsline cursor TIME ID  (Unix seconds, article id)\n");
    return 2;
  }
  Db db(cfg, maintenance_limits(cfg));
  std::string secret = load_site_secret(db, "signing");
  if (secret.empty()) throw std::runtime_error("the site has no signing key: run 'newsline migrate'");
  std::printf("%s\n", format_cursor({static_cast<std::time_t>(*t), *id}, SigningKey(secret)).c_str());
  return 0;
}

// newsline user add NAME --role admin|editor  (password: first line of stdin)
int user_command(const Config& cfg, const std::vector<std::string>& args) {
  if (args.size() != 5 || args[1] != "add" || args[3] != "--role" || (args[4] != "admin" && args[4] != "editor")) {
    std::fprintf(stderr, "usage: newsline user add NAME --role admin|editor  (password on stdin)\n");
    return 2;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto problem = password_problem(password)) {
    std::fprintf(stderr, "newsline: %s\n", problem->c_str());
    return 2;
  }
  Db db(cfg, maintenance_limits(cfg));
  if (find_user_by_name(db, args[2])) {
    std::fprintf(stderr, "newsline: there is already a user '%s'\n", args[2].c_str());
    return 1;
  }
  std::time_t now = std::time(nullptr);
  int64_t id = insert_user(db, args[2], hash_password(password), args[4], now);
  write_audit(db, now, 0, "(command line)", "", "user_create", "user " + std::to_string(id),
              args[2] + " (" + args[4] + ")");
  std::printf("added %s (%s)\n", args[2].c_str(), args[4].c_str());
  return 0;
}

// Photos for the demo content, drawn by libvips (make_demo_photo) and stored
// through the upload's own path (make_master), so they are like any upload.
int demo_photos(const Config& request_cfg, const std::vector<std::string>&) {
  Config cfg = for_maintenance(request_cfg);
  Db db(cfg, maintenance_limits(cfg));
  std::time_t now = std::time(nullptr);
  int made = 0;
  for (const auto& [id, title] : articles_without_lead_photo(db, 200)) {
    ImageRefusal why;
    auto master =
        make_master(make_demo_photo(1600, 900, static_cast<unsigned>(id), "Newsline demo · " + std::to_string(id)),
                    ImageLimits{}, why);
    if (!master) throw std::runtime_error("demo photo: " + why.message);
    NewPhoto p{token_hash(master->bytes).substr(0, 16),
               master->mime,
               image_kind_name(master->source_kind),
               master->width,
               master->height,
               "Demo illustration: a sun over coloured blocks, labelled Newsline demo " + std::to_string(id),
               "For: " + title,
               "Newsline demo image, generated (public domain)"};
    int64_t article = id;  // a structured binding cannot be captured in C++17
    with_transaction(db, [&] {
      set_lead_photo(db, article, insert_photo_rows(db, p, master->bytes, 0, now));
      return true;
    });
    ++made;
  }
  bump_content_version(db, now);
  std::printf("made %d demo photos\n", made);
  return 0;
}

// newsline photo FILE: what an upload of FILE would give.
int check_photo(const Config& cfg, const std::vector<std::string>& args) {
  if (args.size() != 2) {
    std::fprintf(stderr, "usage: newsline photo FILE\n");
    return 2;
  }
  std::ifstream in(args[1], std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + args[1]);
  std::stringstream ss;
  ss << in.rdbuf();
  ImageLimits limits;
  limits.max_bytes = static_cast<size_t>(cfg.max_upload_mb) << 20;
  limits.max_pixels = static_cast<uint64_t>(cfg.max_photo_megapixels) * 1'000'000;
  ImageRefusal why;
  auto master = make_master(ss.str(), limits, why);
  if (!master) {
    std::printf("refused: %s\n", why.message.c_str());
    return 1;
  }
  std::printf("accepted: %s, stored as %s %dx%d, %zu bytes; libvips memory peak %zu bytes\n",
              image_kind_name(master->source_kind), master->mime.c_str(), master->width, master->height,
              master->bytes.size(), master->peak_memory);
  return 0;
}

int load_sql(const Config& request_cfg, const std::vector<std::string>& args) {  // load FILE...
  const std::vector<std::string> files(args.begin() + 1, args.end());
  Config cfg = for_maintenance(request_cfg);
  Db db(cfg, maintenance_limits(cfg), nullptr, false, true);
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + f);
    std::stringstream ss;
    ss << in.rdbuf();
    db.run_script(ss.str());
    std::printf("loaded %s\n", f.c_str());
  }
  render_missing_body_html(db);
  write_missing_links(db);
  index_missing_articles(db);
  rebuild_sitemap_days(db);
  bump_content_version(db, std::time(nullptr));  // running workers drop what they cached
  return 0;
}

// The binary's own work: check the settings and templates, then serve.
int check(const Config& cfg, const std::vector<std::string>&) {  // what a reload runs first
  if (!load_templates(cfg.template_dir)) return 1;
  std::fprintf(stderr, "newsline: the settings and templates check out\n");
  return 0;
}

int serve(const Config& cfg, bool fastcgi) {
  if (fastcgi && cfg.listen.empty()) {
    std::fprintf(stderr, "newsline: 'serve' needs the 'listen' setting\n");
    return 2;
  }
  if (fastcgi && geteuid() == 0) {
    std::fprintf(stderr,
                 "newsline: will not serve as root; run it as a user of its own (`make deps` creates 'newsline')\n");
    return 2;
  }
  if (!load_templates(cfg.template_dir)) return 1;
  load_static_versions(cfg.static_dir);
  App app(cfg);
  return fastcgi ? serve_fastcgi(app, cfg) : serve_cgi(app);
}

// Every command, once: `--help` prints this table and main() runs from it.
struct Command {
  const char* name;
  const char* usage;  // the name with its arguments, as --help shows it
  const char* help;   // lines after the first are indented under it
  int (*run)(const Config& cfg, const std::vector<std::string>& args);  // args[0] is the name
};

// newsline import wordpress FILE [options]
int import_command(const Config& cfg, const std::vector<std::string>& args) {
  ImportOptions options;
  std::string problem = parse_import_options(args, options);
  if (!problem.empty()) {
    std::fprintf(stderr, "newsline: %s\n", problem.c_str());
    return 2;
  }
  options.progress = isatty(STDERR_FILENO);
  return import_wordpress(cfg, options);
}

const Command kCommands[] = {
    {"serve", "serve",
     "serve FastCGI on the 'listen' socket (the default when 'listen' is set);\n"
     "SIGTERM stops it, SIGHUP reloads it: the program, settings and templates\n"
     "on disk take over, new workers start, the old ones finish their requests",
     [](const Config& cfg, const std::vector<std::string>&) { return serve(cfg, true); }},
    {"check", "check", "read the settings and templates, as a reload does before it goes ahead", check},
    {"cgi", "cgi", "answer one request as a CGI program (the default otherwise)",
     [](const Config& cfg, const std::vector<std::string>&) { return serve(cfg, false); }},
    {"migrate", "migrate", "apply the migrations in sql_dir/migrations not applied yet", migrate},
    {"load", "load FILE...", "run trusted SQL files (demo content) against the database", load_sql},
    {"explain", "explain", "EXPLAIN every listing query (index use, no filesort)", explain},
    {"cursor", "cursor TIME ID",
     "the signed ?before= value of the listing page after article ID, published\n"
     "at TIME (Unix seconds): for links made by hand, and the bench's deep page",
     cursor},
    {"search-index", "search-index",
     "index the published articles written by SQL for search and sitemaps (load does it too)", search_index},
    {"prune", "prune",
     "delete old login throttle rows, audit rows and expired sessions now\n"
     "(every worker also does it each housekeeping_seconds)",
     prune},
    {"demo-photos", "demo-photos",
     "give the published articles without a lead photo one made here with\n"
     "libvips (the demo content: no photo is downloaded)",
     demo_photos},
    {"photo", "photo FILE", "check FILE as an upload would be and print what it is (or why it is refused)",
     check_photo},
    {"image", "image ...",
     "the photo helper the workers start for each upload and variant (stdin to stdout);\n"
     "it reads no settings",
     nullptr},
    {"import",
     "import wordpress|jsonl FILE [--edition CODE] [--uploads DIR] [--fetch] [--allow-host HOST]\n"
     "       [--time-zone ZONE] [--source NAME] [--report FILE] [--user NAME] [--dry-run]",
     "bring a WordPress export (WXR), or a JSON Lines file of articles, in, or\n"
     "again: each post, page, category, tag, author and photo once, what changed\n"
     "there updated, what an editor changed here kept; old addresses redirect;\n"
     "one line per item in the report (FILE.report unless --report)",
     import_command},
    {"check-redirects", "check-redirects FILE [--site URL]",
     "ask the running site (site_url, or --site) for every old address in FILE\n"
     "(one per line, or an old sitemap): each must answer 301 to a page that\n"
     "answers 200; lists those that do not, and exits 1 if any",
     [](const Config& cfg, const std::vector<std::string>& args) {
       return check_redirects_command(cfg.site_url, args);
     }},
    {"user", "user add NAME --role admin|editor", "add a user; the password is read from the first line of stdin",
     user_command},
};

const Command* find_command(const std::string& name) {
  for (const Command& c : kCommands)
    if (name == c.name) return &c;
  return nullptr;
}

void print_help() {
  std::printf("usage: newsline [--config FILE] [COMMAND]\n\nCommands:\n");
  for (const Command& c : kCommands) {
    std::string usage = c.usage;
    const char* indent = "                 ";
    // A long usage takes a line of its own; the help starts under it.
    if (usage.size() > 14)
      std::printf("  %s\n%s", usage.c_str(), indent);
    else
      std::printf("  %-14s ", usage.c_str());
    for (const char* p = c.help; *p; ++p) {
      std::putchar(*p);
      if (*p == '\n') std::fputs(indent, stdout);
    }
    std::putchar('\n');
  }
  std::printf(
      "\nSettings (config file lines 'key = value'; each overridden by the environment\n"
      "variable NEWSLINE_<KEY>, e.g. NEWSLINE_DB_PASSWORD):\n");
  for (const ConfigKey& k : config_keys()) std::printf("  %-20s %s\n", k.name, k.help);
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
    if (!args.empty() && args[0] == "image") return image_process_main(args);  // reads no settings
    if (!crypto_init()) {
      std::fprintf(stderr, "newsline: libsodium cannot be initialised\n");
      return 1;
    }
    Config cfg = load_config(config_path);
    if (!set_display_zone(cfg.time_zone)) {
      std::fprintf(stderr, "newsline: unknown time zone '%s'\n", cfg.time_zone.c_str());
      return 2;
    }
    std::string name = args.empty() ? (cfg.listen.empty() ? "cgi" : "serve") : args[0];
    const Command* command = find_command(name);
    if (!command || !command->run) {
      std::fprintf(stderr, "newsline: unknown command '%s' (try --help)\n", name.c_str());
      return 2;
    }
    if (args.empty()) args.push_back(name);
    return command->run(cfg, args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsline: %s\n", e.what());
    return 1;
  }
}
