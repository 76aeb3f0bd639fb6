#include "util/config.h"

#include "util/addresses.h"
#include "util/text.h"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>

namespace {

int to_int(const std::string& key, const std::string& v, int min, int max) {
  size_t used = 0;
  long n = 0;
  try {
    n = std::stol(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != v.size() || v.empty() || n < min || n > max)
    throw std::runtime_error(key + ": expected a number from " + std::to_string(min) + " to " + std::to_string(max) +
                             ", got '" + v + "'");
  return static_cast<int>(n);
}

struct Setter {
  const char* help;
  std::function<void(Config&, const std::string&)> set;
};

Setter str(std::string Config::*field, const char* help) {
  return {help, [field](Config& c, const std::string& v) { c.*field = v; }};
}
// Words separated by commas or spaces.
Setter list(std::vector<std::string> Config::*field, const char* help) {
  return {help, [field](Config& c, const std::string& v) {
            std::vector<std::string> words;
            std::string word;
            for (char ch : v + ",") {
              if (ch == ',' || ch == ' ' || ch == '\t') {
                if (!word.empty()) words.push_back(word);
                word.clear();
              } else {
                word += ch;
              }
            }
            c.*field = words;
          }};
}
Setter flag(bool Config::*field, const char* name, const char* help) {
  return {help, [=](Config& c, const std::string& v) {
            if (v == "on" || v == "true" || v == "1")
              c.*field = true;
            else if (v == "off" || v == "false" || v == "0")
              c.*field = false;
            else
              throw std::runtime_error(std::string(name) + ": expected on or off, got '" + v + "'");
          }};
}
Setter num(int Config::*field, const char* name, int min, int max, const char* help) {
  return {help, [=](Config& c, const std::string& v) { c.*field = to_int(name, v, min, max); }};
}

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> table = {
      {"db_socket", str(&Config::db_socket, "MariaDB unix socket path (empty: TCP to db_host:db_port)")},
      {"db_host", str(&Config::db_host, "MariaDB host when db_socket is empty")},
      {"db_port", num(&Config::db_port, "db_port", 1, 65535, "MariaDB TCP port")},
      {"db_user", str(&Config::db_user, "MariaDB user")},
      {"db_password", str(&Config::db_password, "MariaDB password (prefer NEWSLINE_DB_PASSWORD)")},
      {"db_name", str(&Config::db_name, "MariaDB database")},
      {"db_migrate_user", str(&Config::db_migrate_user, "MariaDB user for 'migrate' and 'load' (empty: db_user)")},
      {"db_migrate_password", str(&Config::db_migrate_password, "its password (prefer NEWSLINE_DB_MIGRATE_PASSWORD)")},
      {"db_connect_timeout",
       num(&Config::db_connect_timeout, "db_connect_timeout", 1, 60, "seconds to wait for a connection")},
      {"db_read_timeout", num(&Config::db_read_timeout, "db_read_timeout", 1, 60,
                              "seconds a public page waits for MariaDB's answer (then 503)")},
      {"db_statement_ms", num(&Config::db_statement_ms, "db_statement_ms", 0, 600000,
                              "longest a public page's statement may run on the server, ms (0: no limit)")},
      {"db_editor_timeout", num(&Config::db_editor_timeout, "db_editor_timeout", 1, 600,
                                "seconds an admin page or a login waits for MariaDB's answer")},
      {"db_replicas",
       {"read replicas of the primary, comma-separated: unix socket paths or host:port (readers' pages are read there)",
        [](Config& c, const std::string& v) { c.db_replicas = parse_servers(v); }}},
      {"db_replica_max_lag_seconds", num(&Config::db_replica_max_lag_seconds, "db_replica_max_lag_seconds", 1, 86400,
                                         "a replica that has not shown the newest content for this long is not read "
                                         "(the primary or another replica is)")},
      {"listen", str(&Config::listen,
                     "FastCGI socket: a unix socket's absolute path, or ADDRESS:PORT for nginx on other hosts (with "
                     "listen_allow); empty: answer one request as CGI")},
      {"listen_allow",
       list(&Config::listen_allow, "IP addresses that may connect when 'listen' is TCP: nginx's hosts, nobody else")},
      {"metrics_allow",
       list(&Config::metrics_allow, "client IP addresses that may read /metrics (default 127.0.0.1 ::1)")},
      {"socket_mode", str(&Config::socket_mode, "octal mode of the FastCGI socket (only nginx's user may connect)")},
      {"socket_group", str(&Config::socket_group, "group given the FastCGI socket, e.g. www-data (optional)")},
      {"processes", num(&Config::processes, "processes", 1, 64, "FastCGI worker processes")},
      {"threads",
       num(&Config::threads, "threads", 1, 64,
           "accepting threads per worker process: they answer from memory (cache hits) and never wait for MariaDB")},
      {"reader_threads",
       num(&Config::reader_threads, "reader_threads", 1, 64,
           "threads per worker process for public pages not in the cache, one MariaDB connection each")},
      {"editor_threads", num(&Config::editor_threads, "editor_threads", 1, 64,
                             "threads per worker process for the admin area, one MariaDB connection each")},
      {"login_threads", num(&Config::login_threads, "login_threads", 1, 16,
                            "threads per worker process that check passwords (each argon2id check holds 19 MiB)")},
      {"login_flood_failures", num(&Config::login_flood_failures, "login_flood_failures", 1, 1000000,
                                   "failed or refused logins a worker process sees in a minute before it checks only "
                                   "logins from browsers that logged in before")},
      {"login_checks_per_second",
       num(&Config::login_checks_per_second, "login_checks_per_second", 1, 1000,
           "password checks a worker process starts a second at most (more wait up to 2 s, then 429)")},
      {"site_name", str(&Config::site_name, "site name shown in the header and titles")},
      {"site_url", str(&Config::site_url, "public base URL, no trailing slash (canonical links, redirects)")},
      {"time_zone", str(&Config::time_zone, "zone times are shown in (IANA name)")},
      {"default_edition", str(&Config::default_edition, "edition that / redirects to (az, en, ru)")},
      {"newsline_size", num(&Config::newsline_size, "newsline_size", 1, 200, "headlines in the news line")},
      {"listing_page_size",
       num(&Config::listing_page_size, "listing_page_size", 5, 500, "articles per all-news or category page")},
      {"session_idle_minutes", num(&Config::session_idle_minutes, "session_idle_minutes", 1, 1440,
                                   "admin session ends after this many idle minutes")},
      {"session_absolute_hours", num(&Config::session_absolute_hours, "session_absolute_hours", 1, 168,
                                     "admin session ends this many hours after login")},
      {"login_free_failures",
       num(&Config::login_free_failures, "login_free_failures", 1, 100,
           "failed logins of one account from one address before each next try waits (1 s, 2 s, 4 s ...)")},
      {"login_free_failures_per_address",
       num(&Config::login_free_failures_per_address, "login_free_failures_per_address", 1, 10000,
           "failed logins from one address, any accounts, before each next try waits")},
      {"login_max_delay_seconds",
       num(&Config::login_max_delay_seconds, "login_max_delay_seconds", 1, 86400, "the longest wait between tries")},
      {"login_memory_hours", num(&Config::login_memory_hours, "login_memory_hours", 1, 720,
                                 "failed logins are forgotten this many hours after the last one")},
      {"audit_retention_days", num(&Config::audit_retention_days, "audit_retention_days", 1, 36500,
                                   "audit log rows older than this are deleted")},
      {"housekeeping_seconds", num(&Config::housekeeping_seconds, "housekeeping_seconds", 1, 86400,
                                   "how often a worker prunes old throttle rows, audit rows and sessions")},
      {"page_cache", flag(&Config::page_cache, "page_cache",
                          "on: keep rendered public pages in memory (off: every request asks MariaDB)")},
      {"page_cache_mb",
       num(&Config::page_cache_mb, "page_cache_mb", 1, 4096, "memory for cached pages per worker process, MB")},
      {"newsline_cache",
       flag(&Config::newsline_cache, "newsline_cache",
            "on: keep each edition's rendered news line in memory (off: every page reads it from MariaDB)")},
      {"serve_stale_seconds", num(&Config::serve_stale_seconds, "serve_stale_seconds", 0, 86400,
                                  "while MariaDB is away, cached pages are still served this many seconds after the "
                                  "content was last confirmed")},
      {"cache_poll_ms", num(&Config::cache_poll_ms, "cache_poll_ms", 50, 1000,
                            "how often a worker checks for new content, ms (readers see changes within this)")},
      {"template_dir", str(&Config::template_dir, "directory holding the ctemplate files")},
      {"static_dir", str(&Config::static_dir,
                         "directory nginx serves at /static/ (read at start: each linked file's address carries a "
                         "version of its content)")},
      {"media_dir", str(&Config::media_dir,
                        "directory of this host's photo variants (nginx serves it at /media/; empty: none kept)")},
      {"max_upload_mb",
       num(&Config::max_upload_mb, "max_upload_mb", 1, 200, "largest photo file an editor may upload, in MB")},
      {"max_photo_megapixels", num(&Config::max_photo_megapixels, "max_photo_megapixels", 1, 500,
                                   "most pixels a photo may have (checked before decoding)")},
      {"media_threads", num(&Config::media_threads, "media_threads", 1, 8,
                            "threads per worker process that take uploads and make photo variants")},
      {"search_threads", num(&Config::search_threads, "search_threads", 1, 64,
                             "threads per worker process that run searches, one MariaDB connection each")},
      {"search_statement_ms",
       num(&Config::search_statement_ms, "search_statement_ms", 1, 600000,
           "longest a search's statement may run on the server, ms (then a 503 page asking for a more precise query)")},
      {"search_per_minute", num(&Config::search_per_minute, "search_per_minute", 1, 100000,
                                "searches one client address may run per minute and worker process (results in the "
                                "cache aside; more: 429)")},
      {"search_page_size", num(&Config::search_page_size, "search_page_size", 5, 100, "results per search page")},
      {"search_cache_mb",
       num(&Config::search_cache_mb, "search_cache_mb", 0, 1024,
           "MB per worker process of recent search results, kept apart from the page cache (0: none)")},
      {"sql_dir", str(&Config::sql_dir, "directory holding migrations/ (for 'newsline migrate')")},
  };
  return table;
}

void apply(Config& c, const std::string& key, const std::string& value, const std::string& where) {
  auto it = setters().find(key);
  if (it == setters().end()) throw std::runtime_error(where + ": unknown setting '" + key + "'");
  it->second.set(c, value);
}

std::string env_name(const std::string& key) {
  std::string n = "NEWSLINE_";
  for (char ch : key) n += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return n;
}

}  // namespace

DbServer primary_server(const Config& cfg) {
  DbServer s;
  s.socket = cfg.db_socket;
  s.host = cfg.db_host;
  s.port = cfg.db_port;
  return s;
}

std::vector<DbServer> parse_servers(const std::string& list) {
  std::vector<DbServer> servers;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item = trimmed(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    start = comma == std::string::npos ? list.size() + 1 : comma + 1;
    if (item.empty()) continue;
    DbServer s;
    if (item[0] == '/') {
      s.socket = item;
    } else {
      size_t colon = item.rfind(':');
      s.host = item.substr(0, colon);
      if (colon != std::string::npos) s.port = to_int("db_replicas", item.substr(colon + 1), 1, 65535);
      if (s.host.empty() || s.host.find_first_of(" /") != std::string::npos)
        throw std::runtime_error("db_replicas: expected a socket path or host:port, got '" + item + "'");
    }
    servers.push_back(s);
  }
  return servers;
}

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = [] {
    std::vector<ConfigKey> k;
    for (const auto& [name, setter] : setters()) k.push_back({name.c_str(), setter.help});
    return k;
  }();
  return keys;
}

Config load_config(const std::string& path) {
  Config c;
  if (!path.empty()) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read config file " + path);
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
      ++lineno;
      std::string t = trimmed(line);
      if (t.empty() || t[0] == '#') continue;
      size_t eq = t.find('=');
      if (eq == std::string::npos)
        throw std::runtime_error(path + ":" + std::to_string(lineno) + ": expected key = value");
      apply(c, trimmed(t.substr(0, eq)), trimmed(t.substr(eq + 1)), path + ":" + std::to_string(lineno));
    }
  }
  for (const auto& [key, setter] : setters()) {
    if (const char* v = std::getenv(env_name(key).c_str())) apply(c, key, v, env_name(key));
  }
  while (!c.site_url.empty() && c.site_url.back() == '/') c.site_url.pop_back();
  // Debian's libfcgi carries only part of the CVE-2025-23016 fix: the socket
  // must be one only nginx can open. A unix socket (mode 0600, see
  // socket_mode), or a TCP address whose connections from any address but
  // listen_allow's are closed unread.
  if (listens_on_tcp(c.listen)) {
    if (!parse_tcp_address(c.listen))
      throw std::runtime_error(
          "listen: expected a unix socket's absolute path or ADDRESS:PORT (numeric, e.g. "
          "10.0.0.12:9000), got '" +
          c.listen + "'");
    if (c.listen_allow.empty())
      throw std::runtime_error("listen: a TCP socket needs listen_allow, the addresses of nginx's hosts");
  }
  parse_ip_list("listen_allow", c.listen_allow);
  parse_ip_list("metrics_allow", c.metrics_allow);
  return c;
}
