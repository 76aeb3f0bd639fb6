// One MariaDB connection (one per thread) with its prepared statements.
// Every query goes through select()/execute() with bound parameters; SQL text
// is always a string literal from db/*.cc, never built from request data.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <initializer_list>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/config.h"
#include "util/metrics.h"

typedef struct st_mysql MYSQL;
typedef struct st_mysql_stmt MYSQL_STMT;

// The database cannot be reached, went away, or did not answer in time: a 503.
struct DbUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Any other database error: a bug or a broken schema, answered with a 500.
// `code` is MariaDB's error number (retry decisions look at it, never at the text).
struct DbError : std::runtime_error {
  DbError(const std::string& what, unsigned code = 0) : std::runtime_error(what), code(code) {}
  unsigned code;
  // A deadlock or a lock wait timeout: the transaction may be run again.
  bool retryable() const;
};
// A statement stopped by its own time limit (max_statement_time).
struct DbTimeLimit : DbError {
  using DbError::DbError;
};

// How long a connection may wait. Readers' pages get short limits, so that a
// hanging database turns into a quick 503; the editors' work and maintenance
// longer ones.
struct DbLimits {
  int connect_seconds;
  int read_seconds;  // each wait for the server's answer (the client gives up then)
  int write_seconds;
  int statement_ms = 0;  // max_statement_time of every statement on the server; 0: none
};

// Whether a worker process's connections find the database: shared by all of
// them, so that while it is away requests answer 503 at once instead of each
// waiting for its own timeout. Any statement that succeeds clears it; the
// content clock's poll keeps trying meanwhile (it is the probe).
//
// Each loss also ends an era: a connection made before it may be to a server
// that has restarted since, and is made again before its next statement
// (a write found dead is not retried, so it must not meet one).
class DbHealth {
 public:
  bool away() const { return away_.load(std::memory_order_relaxed); }
  uint64_t era() const { return era_.load(std::memory_order_relaxed); }
  // The database is away or hangs. Every open connection of the process is
  // shut down too: a thread waiting for a hung server's answer (a search may
  // wait 3 s, an editor's save 10 s) gets its 503 now, not at its timeout.
  void lost();
  void found() { away_.store(false, std::memory_order_relaxed); }

  // The socket of each open connection (`owner` a Db), for lost(). A
  // connection leaves before its socket is closed, so no other file that
  // takes its number is ever shut down.
  void opened(const void* owner, int socket);
  void closing(const void* owner);

  // Where this server's statements are counted; nullptr: nowhere.
  StatementCounters* counters = nullptr;

 private:
  std::atomic<bool> away_{false};
  std::atomic<uint64_t> era_{0};
  std::mutex sockets_mutex_;
  std::unordered_map<const void*, int> sockets_;
};

// A bound parameter. Times are UTC seconds since the epoch, bound as DATETIME.
struct Param {
  enum Kind { Int, Str, Blob, Time, Null } kind;
  int64_t i = 0;
  std::string_view s;
  Param(int v) : kind(Int), i(v) {}
  Param(int64_t v) : kind(Int), i(v) {}
  Param(std::string_view v) : kind(Str), s(v) {}
  Param(const std::string& v) : kind(Str), s(v) {}
  Param(const char* v) : kind(Str), s(v) {}
  static Param time(std::time_t t) {
    Param p{static_cast<int64_t>(t)};
    p.kind = Time;
    return p;
  }
  // Bytes that are not text (a photo): bound as a BLOB, never converted.
  static Param blob(std::string_view bytes) {
    Param p{bytes};
    p.kind = Blob;
    return p;
  }
  static Param null() {
    Param p{static_cast<int64_t>(0)};
    p.kind = Null;
    return p;
  }
};

// One result column: integers and DATETIMEs (as UTC epoch seconds) in `i`, text in `s`.
struct Value {
  bool is_null = false;
  int64_t i = 0;
  std::string s;
  // The integer of an integer column, also when MariaDB sent it as text: a
  // UNION column with NULL or '' in some parts arrives as a string. 0 for NULL.
  int64_t number() const { return is_null ? 0 : s.empty() ? i : std::strtoll(s.c_str(), nullptr, 10); }
};
using Row = std::vector<Value>;
using Rows = std::vector<Row>;

class Db {
 public:
  // `health`: shared with the process's other connections (nullptr: this one alone).
  // `probe`: tries the database even while `health` says it is away.
  // `for_scripts`: may run multi-statement scripts (migrations only).
  // A connection to the primary (cfg.db_socket, or db_host and db_port).
  Db(const Config& cfg, DbLimits limits, DbHealth* health = nullptr, bool probe = false, bool for_scripts = false);
  // A connection to `server` (a read replica), as the user of `cfg`.
  Db(const Config& cfg, const DbServer& server, DbLimits limits, DbHealth* health, bool probe = false);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs a read. When the connection turns out to be dead at once (the server
  // restarted, or closed an idle connection), it reconnects and runs it again;
  // a read that timed out is not retried: the request answers 503.
  Rows select(const char* sql, std::initializer_list<Param> params);
  // The same, for parameters put together at run time.
  Rows select(const char* sql, const std::vector<Param>& params);
  // Runs a read prepared just for this call (not cached: `sql` may be a
  // built string, e.g. "EXPLAIN " + a query). Maintenance commands only.
  Rows select_once(const std::string& sql, std::initializer_list<Param> params);
  Rows select_once(const std::string& sql, const std::vector<Param>& params);
  // Runs a write; returns the affected rows. Never retried (it may have happened).
  uint64_t execute(const char* sql, std::initializer_list<Param> params);
  uint64_t last_insert_id() const { return last_insert_id_; }
  // Statements run so far on this connection (tells whether an answer read the database).
  uint64_t statements_run() const { return statements_run_; }

  // Runs a script of several statements (migrations only: trusted files, no parameters).
  void run_script(const std::string& sql);

  void begin();
  void commit();
  void rollback();

 private:
  void connect();
  void disconnect();
  MYSQL_STMT* statement(const char* sql);
  Rows select(const char* sql, const Param* params, size_t count);
  Rows select_once(const std::string& sql, const Param* params, size_t count);
  Rows execute_prepared(MYSQL_STMT* stmt, const Param* params, size_t count, uint64_t* affected);
  MYSQL_STMT* prepare(const char* sql);
  [[noreturn]] void fail(const char* what, unsigned err, const char* msg);
  // A statement answered: the server is there, and the statement is counted.
  void succeeded();

  const Config& cfg_;
  DbServer server_;
  DbLimits limits_;
  DbHealth own_health_;
  DbHealth* health_;
  bool probe_;
  bool for_scripts_;
  MYSQL* conn_ = nullptr;
  uint64_t era_ = 0;  // health_->era() when conn_ was made
  bool in_transaction_ = false;
  // Drops a connection made before the database was last lost (not in the middle of a transaction).
  void forget_stale_connection();
  // Keyed by the statement's text (not its address, which a caller's temporary could reuse).
  std::unordered_map<std::string, MYSQL_STMT*> statements_;
  uint64_t last_insert_id_ = 0;
  uint64_t statements_run_ = 0;
  // When the statement in hand was sent: a connection lost sooner than
  // kDeadAtOnce after was dead already; one lost later timed out waiting.
  std::chrono::steady_clock::time_point waiting_since_;
  static constexpr std::chrono::milliseconds kDeadAtOnce{250};
};

// The limits of each kind of connection, from the configuration.
DbLimits reader_limits(const Config& cfg);       // public pages and the content clock
DbLimits editor_limits(const Config& cfg);       // the admin area and logins
DbLimits search_limits(const Config& cfg);       // search results
DbLimits maintenance_limits(const Config& cfg);  // migrate, load, explain, user add

// Runs `work` inside a transaction, retrying on deadlock / lock wait timeout.
template <typename F>
auto with_transaction(Db& db, F work) {
  for (int attempt = 1;; ++attempt) {
    db.begin();
    try {
      auto result = work();
      db.commit();
      return result;
    } catch (const DbError& e) {
      db.rollback();
      if (!e.retryable() || attempt == 3) throw;
    } catch (...) {
      db.rollback();
      throw;
    }
  }
}
