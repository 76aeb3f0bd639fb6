// Configuration: loaded once at start-up from a file, then overridden by
// NEWSLINE_<KEY> environment variables. Immutable afterwards and shared by
// every thread.
#pragma once
#include <string>
#include <vector>

// A MariaDB server: its unix socket, or host and port.
struct DbServer {
  std::string socket;
  std::string host = "localhost";
  int port = 3306;
  std::string name() const { return socket.empty() ? host + ":" + std::to_string(port) : socket; }
};

struct Config {
  // Database: the primary, which takes every write
  std::string db_socket;  // unix socket; empty = TCP to db_host
  std::string db_host = "localhost";
  int db_port = 3306;
  std::string db_user = "newsline";
  std::string db_password;
  std::string db_name = "newsline";
  // Migrations and `load` connect as this user (it may create and alter tables;
  // db_user may only read and write rows). Empty: db_user.
  std::string db_migrate_user;
  std::string db_migrate_password;
  // Time limits (see DbLimits): a reader's page waits at most about
  // db_read_timeout for MariaDB, so that a hanging database is a quick 503.
  int db_connect_timeout = 1;  // seconds
  int db_read_timeout = 1;     // seconds, public pages and the content poll
  int db_statement_ms = 1000;  // max_statement_time of a public page's statements
  int db_editor_timeout = 10;  // seconds, the admin area and logins
  // Read replicas of the primary (MariaDB replication; same user, password and
  // database): readers' pages, feeds, sitemaps, search and photos are read
  // there, and the primary is left the admin area, sessions and logins (see db/servers.h).
  std::vector<DbServer> db_replicas;
  int db_replica_max_lag_seconds = 10;  // a replica further behind is not read
  // FastCGI
  // A unix socket path; or, for workers on a host other than nginx's, a TCP
  // address ("10.0.0.12:9000") that only the listen_allow addresses may use.
  // Empty: answer one CGI request.
  std::string listen;
  std::vector<std::string> listen_allow;  // IP addresses (nginx's hosts) that may connect over TCP
  std::vector<std::string> metrics_allow = {"127.0.0.1", "::1"};  // client addresses that may read /metrics
  std::string socket_mode = "0600";                               // only the owner (the user nginx runs as) may connect
  std::string socket_group;                                       // optional group given the socket (e.g. www-data)
  int processes = 2;
  int threads = 4;                  // accepting threads: they answer from memory, never wait for MariaDB
  int reader_threads = 4;           // public pages not in the cache, one MariaDB connection each
  int editor_threads = 2;           // the admin area
  int login_threads = 1;            // password checks (argon2id, 19 MiB each): logins, password changes
  int login_checks_per_second = 2;  // per process: a login flood costs readers at most this
  int login_flood_failures = 20;    // per process and minute: past this, only known browsers' logins are checked
  // Site
  std::string site_name = "Newsline";
  std::string site_url = "http://127.0.0.1:8080";  // no trailing slash
  std::string time_zone = "Asia/Baku";
  std::string default_edition = "en";
  int newsline_size = 40;
  int listing_page_size = 50;
  // Admin sessions and login throttling
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  // Login throttling (auth/throttle.h): failures that cost nothing, then growing waits.
  int login_free_failures = 5;               // per account and address
  int login_free_failures_per_address = 20;  // per address, whatever the accounts
  int login_max_delay_seconds = 900;
  int login_memory_hours = 24;  // failures are forgotten this long after the last one
  // Pruning, by the content clock's thread: throttle rows, the audit log, expired sessions.
  int audit_retention_days = 365;
  int housekeeping_seconds = 600;
  // Caches (per worker process; see cache/)
  bool page_cache = true;
  int page_cache_mb = 32;
  bool newsline_cache = true;
  int cache_poll_ms = 250;        // how often a worker asks whether content changed
  int serve_stale_seconds = 300;  // while MariaDB is away, cached pages are served this long
  // Photos (media/): uploads are checked against these before any decoding.
  std::string media_dir;  // this host's photo variants, served by nginx; empty: made at every request
  int max_upload_mb = 20;
  int max_photo_megapixels = 50;
  int media_threads = 1;  // per process: uploads and variants being made (libvips)
  // Search (pages/site_search.cc)
  int search_threads = 2;          // per process: searches being run, one MariaDB connection each
  int search_statement_ms = 2000;  // longest a search's statement may run on the server
  int search_per_minute = 60;      // per process and client address: searches past the cache
  int search_page_size = 20;
  int search_cache_mb = 4;  // per process: recent results, apart from the page cache
  std::string template_dir = "templates";
  std::string static_dir = "static";  // read at start: the versions in the static files' addresses
  std::string sql_dir = "sql";
};

// The primary, as db_socket, db_host and db_port name it.
DbServer primary_server(const Config& cfg);
// "/run/mysqld/replica.sock, 10.0.0.7:3306, db2" (port 3306 when not given).
// Throws std::runtime_error on a malformed entry.
std::vector<DbServer> parse_servers(const std::string& list);

struct ConfigKey {
  const char* name;
  const char* help;
};

// Every setting with a one-line description, for --help.
const std::vector<ConfigKey>& config_keys();

// Reads `path` (may be empty: defaults only) then the environment.
// Throws std::runtime_error with a readable message on a bad file or value.
Config load_config(const std::string& path);
