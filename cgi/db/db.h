// One MariaDB connection (one per thread) with its prepared statements.
// Every query goes through select()/execute() with bound parameters; SQL text
// is always a string literal from db/*.cc, never built from request data.
#pragma once
#include <cstdint>
#include <ctime>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct Config;
typedef struct st_mysql MYSQL;
typedef struct st_mysql_stmt MYSQL_STMT;

// The database cannot be reached (or went away and did not come back): a 503.
struct DbUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Any other database error: a bug or a broken schema, answered with a 500.
struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A statement stopped by its own time limit (SET STATEMENT max_statement_time).
struct DbTimeLimit : DbError {
  using DbError::DbError;
};

// A bound parameter. Times are UTC seconds since the epoch, bound as DATETIME.
struct Param {
  enum Kind { Int, Str, Time, Null } kind;
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
};
using Row = std::vector<Value>;
using Rows = std::vector<Row>;

class Db {
 public:
  // `for_scripts`: a connection that may run multi-statement scripts (migrations only).
  explicit Db(const Config& cfg, bool for_scripts = false);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs a read. On a lost connection it reconnects and retries once.
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

  const Config& cfg_;
  bool for_scripts_;
  MYSQL* conn_ = nullptr;
  std::unordered_map<const char*, MYSQL_STMT*> statements_;
  uint64_t last_insert_id_ = 0;
  std::time_t retry_not_before_ = 0;  // backoff after a failed connect
  int backoff_seconds_ = 0;
};

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
      std::string msg = e.what();
      bool retryable = msg.find("[1213]") != std::string::npos || msg.find("[1205]") != std::string::npos;
      if (!retryable || attempt == 3) throw;
    } catch (...) {
      db.rollback();
      throw;
    }
  }
}
