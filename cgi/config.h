// Configuration: loaded once at start-up from a file, then overridden by
// NEWSLINE_<KEY> environment variables. Immutable afterwards and shared by
// every thread.
#pragma once
#include <string>
#include <vector>

struct Config {
  // Database
  std::string db_socket;            // unix socket; empty = TCP to db_host
  std::string db_host = "localhost";
  int db_port = 3306;
  std::string db_user = "newsline";
  std::string db_password;
  std::string db_name = "newsline";
  // Migrations and `load` connect as this user (it may create and alter tables;
  // db_user may only read and write rows). Empty: db_user.
  std::string db_migrate_user;
  std::string db_migrate_password;
  int db_connect_timeout = 3;       // seconds
  int db_read_timeout = 5;
  int db_write_timeout = 5;
  // FastCGI
  std::string listen;               // unix socket path; empty = answer one CGI request
  std::string socket_mode = "0600"; // only the owner (the user nginx runs as) may connect
  std::string socket_group;         // optional group given the socket (e.g. www-data)
  int processes = 2;
  int threads = 4;
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
  int login_max_failures = 5;       // per account and per address...
  int login_window_minutes = 15;    // ...within this window; then 429 until failures age out
  // Caches (per worker process; see cache/)
  bool page_cache = true;
  int page_cache_mb = 32;
  bool newsline_cache = true;
  int cache_poll_ms = 250;          // how often a worker asks whether content changed
  std::string template_dir = "templates";
  std::string sql_dir = "sql";
};

struct ConfigKey {
  const char* name;
  const char* help;
};

// Every setting with a one-line description, for --help.
const std::vector<ConfigKey>& config_keys();

// Reads `path` (may be empty: defaults only) then the environment.
// Throws std::runtime_error with a readable message on a bad file or value.
Config load_config(const std::string& path);
