#include "db/db.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>

#include <sys/socket.h>

#include "util/config.h"

namespace {

bool is_connection_lost(unsigned err) {
  return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == CR_CONNECTION_ERROR ||
         err == CR_CONN_HOST_ERROR || err == CR_SERVER_LOST_EXTENDED || err == ER_CONNECTION_KILLED ||
         err == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */;
}

MYSQL_TIME to_mysql_time(std::time_t t) {
  struct tm tm;
  gmtime_r(&t, &tm);
  MYSQL_TIME mt;
  std::memset(&mt, 0, sizeof mt);
  mt.year = tm.tm_year + 1900;
  mt.month = tm.tm_mon + 1;
  mt.day = tm.tm_mday;
  mt.hour = tm.tm_hour;
  mt.minute = tm.tm_min;
  mt.second = tm.tm_sec;
  mt.time_type = MYSQL_TIMESTAMP_DATETIME;
  return mt;
}

std::time_t from_mysql_time(const MYSQL_TIME& mt) {
  struct tm tm;
  std::memset(&tm, 0, sizeof tm);
  tm.tm_year = mt.year - 1900;
  tm.tm_mon = mt.month - 1;
  tm.tm_mday = mt.day;
  tm.tm_hour = mt.hour;
  tm.tm_min = mt.minute;
  tm.tm_sec = mt.second;
  return timegm(&tm);
}

// Result buffers for one execution of a statement.
struct ResultBinding {
  std::vector<MYSQL_BIND> binds;
  std::vector<std::string> text;
  std::vector<long long> ints;
  std::vector<MYSQL_TIME> times;
  std::vector<unsigned long> lengths;
  std::vector<my_bool> nulls;
  std::vector<enum_field_types> types;
};

bool is_integer(enum_field_types t) {
  return t == MYSQL_TYPE_TINY || t == MYSQL_TYPE_SHORT || t == MYSQL_TYPE_LONG || t == MYSQL_TYPE_LONGLONG ||
         t == MYSQL_TYPE_INT24 || t == MYSQL_TYPE_YEAR;
}
bool is_datetime(enum_field_types t) {
  return t == MYSQL_TYPE_DATETIME || t == MYSQL_TYPE_TIMESTAMP || t == MYSQL_TYPE_DATE;
}

}  // namespace

bool DbError::retryable() const { return code == ER_LOCK_DEADLOCK || code == ER_LOCK_WAIT_TIMEOUT; }

DbLimits reader_limits(const Config& cfg) {
  return {cfg.db_connect_timeout, cfg.db_read_timeout, cfg.db_read_timeout, cfg.db_statement_ms};
}

DbLimits editor_limits(const Config& cfg) {
  return {cfg.db_connect_timeout, cfg.db_editor_timeout, cfg.db_editor_timeout, 0};
}

DbLimits search_limits(const Config& cfg) {
  // The client waits a second longer than the server lets the statement run,
  // so that a slow search ends as the server's time limit (its own page), not as a lost connection.
  int wait = (cfg.search_statement_ms + 999) / 1000 + 1;
  return {cfg.db_connect_timeout, std::max(cfg.db_read_timeout, wait), std::max(cfg.db_read_timeout, wait),
          cfg.search_statement_ms};
}

DbLimits maintenance_limits(const Config& cfg) {
  constexpr int kLongestMigration = 6 * 3600;
  return {std::max(cfg.db_connect_timeout, 10), kLongestMigration, kLongestMigration, 0};
}

Db::Db(const Config& cfg, DbLimits limits, DbHealth* health, bool probe, bool for_scripts)
    : cfg_(cfg),
      server_(primary_server(cfg)),
      limits_(limits),
      health_(health ? health : &own_health_),
      probe_(probe),
      for_scripts_(for_scripts) {}

Db::Db(const Config& cfg, const DbServer& server, DbLimits limits, DbHealth* health, bool probe)
    : cfg_(cfg),
      server_(server),
      limits_(limits),
      health_(health ? health : &own_health_),
      probe_(probe),
      for_scripts_(false) {}

Db::~Db() { disconnect(); }

void DbHealth::lost() {
  away_.store(true, std::memory_order_relaxed);
  era_.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(sockets_mutex_);
  for (const auto& [owner, socket] : sockets_) shutdown(socket, SHUT_RDWR);
}

void DbHealth::opened(const void* owner, int socket) {
  std::lock_guard<std::mutex> lock(sockets_mutex_);
  sockets_[owner] = socket;
}

void DbHealth::closing(const void* owner) {
  std::lock_guard<std::mutex> lock(sockets_mutex_);
  sockets_.erase(owner);
}

void Db::disconnect() {
  health_->closing(this);
  for (auto& [sql, stmt] : statements_) mysql_stmt_close(stmt);
  statements_.clear();
  if (conn_) mysql_close(conn_);
  conn_ = nullptr;
  in_transaction_ = false;
}

void Db::connect() {
  // While the process knows the database is away, only the probe tries it.
  if (health_->away() && !probe_) throw DbUnavailable("database unavailable");
  MYSQL* m = mysql_init(nullptr);
  if (!m) throw DbUnavailable("mysql_init failed");
  unsigned int connect_timeout = limits_.connect_seconds, read_timeout = limits_.read_seconds,
               write_timeout = limits_.write_seconds;
  mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
  mysql_optionsv(m, MYSQL_OPT_WRITE_TIMEOUT, &write_timeout);
  // utf8mb4 at connect time, so 4-byte characters round-trip; never SET NAMES.
  mysql_optionsv(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  // Every DATETIME we bind or read is UTC, and the server stops a statement
  // that runs past the connection's limit (seconds, fractions allowed; 0: none).
  char init[96];
  std::snprintf(init, sizeof init, "SET time_zone = '+00:00', max_statement_time = %.3f",
                limits_.statement_ms / 1000.0);
  mysql_optionsv(m, MYSQL_INIT_COMMAND, init);
  const char* socket = server_.socket.empty() ? nullptr : server_.socket.c_str();
  if (!mysql_real_connect(m, socket ? nullptr : server_.host.c_str(), cfg_.db_user.c_str(), cfg_.db_password.c_str(),
                          cfg_.db_name.c_str(), socket ? 0 : server_.port, socket,
                          for_scripts_ ? CLIENT_MULTI_STATEMENTS : 0)) {
    std::string msg = mysql_error(m);
    mysql_close(m);
    health_->lost();
    throw DbUnavailable("cannot connect to the database at " + server_.name() + ": " + msg);
  }
  conn_ = m;
  era_ = health_->era();
  health_->opened(this, static_cast<int>(mysql_get_socket(m)));
}

void Db::succeeded() {
  health_->found();
  if (StatementCounters* c = health_->counters) {
    auto took = std::chrono::steady_clock::now() - waiting_since_;
    c->statements.fetch_add(1, std::memory_order_relaxed);
    c->nanoseconds.fetch_add(std::chrono::duration_cast<std::chrono::nanoseconds>(took).count(),
                             std::memory_order_relaxed);
  }
}

void Db::fail(const char* what, unsigned err, const char* msg) {
  if (StatementCounters* c = health_->counters) c->failures.fetch_add(1, std::memory_order_relaxed);
  std::string text = std::string(what) + " [" + std::to_string(err) + "] " + msg;
  if (is_connection_lost(err)) {
    disconnect();
    // A connection that waited for its answer until it gave up means the server
    // hangs: the process stops trying until the probe finds it again. One found
    // dead at once (the server restarted, or closed it while idle) says nothing
    // about the server; the next try makes a new connection.
    if (std::chrono::steady_clock::now() - waiting_since_ > kDeadAtOnce) health_->lost();
    throw DbUnavailable(text);
  }
  // InnoDB's FULLTEXT search, stopped by max_statement_time, reports the
  // handler's HA_ERR_ABORTED_BY_USER (188) rather than ER_STATEMENT_TIMEOUT.
  constexpr unsigned kAbortedByUser = 188;
  if (err == ER_STATEMENT_TIMEOUT || err == ER_QUERY_INTERRUPTED || err == kAbortedByUser) throw DbTimeLimit(text, err);
  throw DbError(text, err);
}

void Db::forget_stale_connection() {
  if (conn_ && !in_transaction_ && era_ != health_->era()) disconnect();
}

MYSQL_STMT* Db::statement(const char* sql) {
  forget_stale_connection();
  if (!conn_) connect();
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  MYSQL_STMT* stmt = prepare(sql);
  statements_.emplace(sql, stmt);
  return stmt;
}

MYSQL_STMT* Db::prepare(const char* sql) {
  if (!conn_) connect();
  MYSQL_STMT* stmt = mysql_stmt_init(conn_);
  if (!stmt) fail("mysql_stmt_init", mysql_errno(conn_), mysql_error(conn_));
  waiting_since_ = std::chrono::steady_clock::now();
  if (mysql_stmt_prepare(stmt, sql, std::strlen(sql)) != 0) {
    unsigned err = mysql_stmt_errno(stmt);
    std::string msg = mysql_stmt_error(stmt);
    mysql_stmt_close(stmt);
    fail("prepare", err, msg.c_str());
  }
  my_bool update_max = 1;
  mysql_stmt_attr_set(stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
  return stmt;
}

Rows Db::select_once(const std::string& sql, std::initializer_list<Param> params) {
  return select_once(sql, params.begin(), params.size());
}

Rows Db::select_once(const std::string& sql, const std::vector<Param>& params) {
  return select_once(sql, params.data(), params.size());
}

Rows Db::select_once(const std::string& sql, const Param* params, size_t count) {
  MYSQL_STMT* stmt = prepare(sql.c_str());
  try {
    Rows rows = execute_prepared(stmt, params, count, nullptr);
    mysql_stmt_close(stmt);
    return rows;
  } catch (...) {
    if (conn_) mysql_stmt_close(stmt);  // a lost connection already closed it
    throw;
  }
}

Rows Db::select(const char* sql, std::initializer_list<Param> params) {
  return select(sql, params.begin(), params.size());
}

Rows Db::select(const char* sql, const std::vector<Param>& params) { return select(sql, params.data(), params.size()); }

Rows Db::select(const char* sql, const Param* params, size_t count) {
  bool had_connection = conn_ != nullptr;
  auto started = std::chrono::steady_clock::now();
  try {
    return execute_prepared(statement(sql), params, count, nullptr);
  } catch (const DbUnavailable&) {
    // A connection found dead at once is made again and the read run once more.
    // One that waited for an answer until its timeout is not: the server is
    // hanging, and a second wait would double the reader's.
    if (!had_connection || std::chrono::steady_clock::now() - started > kDeadAtOnce) throw;
    return execute_prepared(statement(sql), params, count, nullptr);
  }
}

uint64_t Db::execute(const char* sql, std::initializer_list<Param> params) {
  uint64_t affected = 0;
  execute_prepared(statement(sql), params.begin(), params.size(), &affected);
  return affected;
}

Rows Db::execute_prepared(MYSQL_STMT* stmt, const Param* params, size_t count, uint64_t* affected) {
  if (mysql_stmt_param_count(stmt) != count) throw DbError("parameter count mismatch");

  std::vector<MYSQL_BIND> in(count);
  std::vector<long long> ints(count);
  std::vector<MYSQL_TIME> times(count);
  std::vector<unsigned long> lengths(count);
  for (size_t k = 0; k < count; ++k) {
    const Param& p = params[k];
    MYSQL_BIND& b = in[k];
    std::memset(&b, 0, sizeof b);
    switch (p.kind) {
      case Param::Int:
        ints[k] = p.i;
        b.buffer_type = MYSQL_TYPE_LONGLONG;
        b.buffer = &ints[k];
        break;
      case Param::Str:
      case Param::Blob:
        lengths[k] = p.s.size();
        b.buffer_type = p.kind == Param::Blob ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
        b.buffer = const_cast<char*>(p.s.data());
        b.buffer_length = p.s.size();
        b.length = &lengths[k];
        break;
      case Param::Time:
        times[k] = to_mysql_time(static_cast<std::time_t>(p.i));
        b.buffer_type = MYSQL_TYPE_DATETIME;
        b.buffer = &times[k];
        break;
      case Param::Null:
        b.buffer_type = MYSQL_TYPE_NULL;
        break;
    }
  }
  if (!in.empty() && mysql_stmt_bind_param(stmt, in.data()) != 0)
    fail("bind", mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
  ++statements_run_;
  waiting_since_ = std::chrono::steady_clock::now();
  if (mysql_stmt_execute(stmt) != 0) fail("execute", mysql_stmt_errno(stmt), mysql_stmt_error(stmt));

  Rows rows;
  std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> meta(mysql_stmt_result_metadata(stmt), mysql_free_result);
  if (!meta) {
    if (affected) *affected = mysql_stmt_affected_rows(stmt);
    last_insert_id_ = mysql_stmt_insert_id(stmt);
    succeeded();
    return rows;
  }
  if (mysql_stmt_store_result(stmt) != 0) fail("store", mysql_stmt_errno(stmt), mysql_stmt_error(stmt));

  unsigned ncols = mysql_num_fields(meta.get());
  MYSQL_FIELD* fields = mysql_fetch_fields(meta.get());
  ResultBinding r;
  r.binds.resize(ncols);
  r.text.resize(ncols);
  r.ints.resize(ncols);
  r.times.resize(ncols);
  r.lengths.resize(ncols);
  r.nulls.resize(ncols);
  for (unsigned c = 0; c < ncols; ++c) {
    MYSQL_BIND& b = r.binds[c];
    std::memset(&b, 0, sizeof b);
    b.length = &r.lengths[c];
    b.is_null = &r.nulls[c];
    if (is_integer(fields[c].type)) {
      b.buffer_type = MYSQL_TYPE_LONGLONG;
      b.buffer = &r.ints[c];
    } else if (is_datetime(fields[c].type)) {
      b.buffer_type = MYSQL_TYPE_DATETIME;
      b.buffer = &r.times[c];
    } else {
      r.text[c].resize(fields[c].max_length + 1);
      b.buffer_type = MYSQL_TYPE_STRING;
      b.buffer = r.text[c].data();
      b.buffer_length = r.text[c].size();
    }
    r.types.push_back(fields[c].type);
  }
  if (mysql_stmt_bind_result(stmt, r.binds.data()) != 0)
    fail("bind result", mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
  rows.reserve(mysql_stmt_num_rows(stmt));
  int status;
  while ((status = mysql_stmt_fetch(stmt)) == 0 || status == MYSQL_DATA_TRUNCATED) {
    Row row(ncols);
    for (unsigned c = 0; c < ncols; ++c) {
      Value& v = row[c];
      v.is_null = r.nulls[c];
      if (v.is_null) continue;
      if (is_integer(r.types[c]))
        v.i = r.ints[c];
      else if (is_datetime(r.types[c]))
        v.i = from_mysql_time(r.times[c]);
      else
        v.s.assign(r.text[c].data(), std::min<size_t>(r.lengths[c], r.text[c].size()));
    }
    rows.push_back(std::move(row));
  }
  mysql_stmt_free_result(stmt);
  if (status == 1) fail("fetch", mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
  succeeded();
  return rows;
}

void Db::run_script(const std::string& sql) {
  if (!for_scripts_) throw DbError("run_script on a request connection");
  if (!conn_) connect();
  waiting_since_ = std::chrono::steady_clock::now();
  if (mysql_real_query(conn_, sql.data(), sql.size()) != 0) fail("script", mysql_errno(conn_), mysql_error(conn_));
  for (;;) {
    if (MYSQL_RES* res = mysql_store_result(conn_)) mysql_free_result(res);
    int next = mysql_next_result(conn_);
    if (next == -1) break;
    if (next > 0) fail("script", mysql_errno(conn_), mysql_error(conn_));
  }
}

void Db::begin() {
  forget_stale_connection();
  if (!conn_) connect();
  in_transaction_ = true;
  waiting_since_ = std::chrono::steady_clock::now();
  if (mysql_autocommit(conn_, 0) != 0) fail("begin", mysql_errno(conn_), mysql_error(conn_));
}

void Db::commit() {
  in_transaction_ = false;
  waiting_since_ = std::chrono::steady_clock::now();
  if (mysql_commit(conn_) != 0) fail("commit", mysql_errno(conn_), mysql_error(conn_));
  mysql_autocommit(conn_, 1);
}

void Db::rollback() {
  in_transaction_ = false;
  if (!conn_) return;
  mysql_rollback(conn_);
  mysql_autocommit(conn_, 1);
}
