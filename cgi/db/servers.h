// The MariaDB servers of a worker process: the primary, which takes every
// write and answers the admin area, sessions, logins and editors' own pages,
// and the read replicas of cfg.db_replicas (MariaDB's own replication), which
// readers' pages, feeds, sitemaps, search and photos are read from.
//
// A page is cached under the content generation it was rendered in, so it must
// come from a server that has applied that content. The content clock reads the
// content version of every server (content_version is replicated like any
// row) and notes it here. A reader's page is read from a server that has the
// newest version seen anywhere ("current"): a replica when one is, else the
// primary (for the moments after a publication, until a replica applies it).
// Replicas only move forward, so a server current at the last poll still is.
// When no current server answers (the primary down and the current replicas
// too), a replica behind by at most cfg.db_replica_max_lag_seconds serves
// pages that are not cached.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "db/db.h"
#include "util/config.h"

class DbServers {
 public:
  static constexpr size_t kPrimary = 0;
  static constexpr size_t kNone = static_cast<size_t>(-1);

  explicit DbServers(const Config& cfg);
  DbServers(const DbServers&) = delete;
  DbServers& operator=(const DbServers&) = delete;

  // Server 0 is the primary, 1... the replicas.
  size_t size() const { return servers_.size(); }
  const DbServer& server(size_t i) const { return servers_[i]; }
  DbHealth& health(size_t i) { return states_[i].health; }
  // Each server's statements are counted in `metrics` from now on.
  void count_in(PoolMetrics& metrics);

  // The content clock read `version` on server i at `now`. True when the
  // newest version moved on: the primary's version is the newest whenever it
  // answers (a restored backup may take it back); a replica's only when higher.
  bool note_version(size_t i, int64_t version, std::time_t now);
  int64_t newest_version() const { return newest_.load(std::memory_order_acquire); }

  struct Choice {
    size_t server = kPrimary;
    bool current = true;  // has the newest content: its page may be cached
  };
  // Where a reader's page is read (see above), other than `failed` (a server
  // that has just failed this request).
  Choice for_reading(std::time_t now, size_t failed = kNone);
  // Where an editor's view of a public page is read: the primary, which has
  // their own writes; a replica only while the primary is away (not cached).
  Choice for_own_writes(std::time_t now, size_t failed = kNone);

  // What /healthz and /metrics report of each server.
  using Status = ServerStatus;
  std::vector<Status> status(std::time_t now) const;

 private:
  struct State {
    DbHealth health;
    std::atomic<int64_t> version{-1};
    std::atomic<std::time_t> current_at{0};  // the last time it was seen with the newest version
  };
  bool usable(size_t i, size_t failed) const { return i != failed && !states_[i].health.away(); }
  bool current(size_t i) const;

  const Config& cfg_;
  std::vector<DbServer> servers_;
  std::unique_ptr<State[]> states_;
  std::atomic<int64_t> newest_{-1};
  std::atomic<unsigned> turn_{0};  // spreads readers over the current replicas
};

// One thread's connections: one per server, each made when first used.
class DbConnections {
 public:
  DbConnections(const Config& cfg, DbServers& servers, DbLimits limits);
  DbServers& servers() { return servers_; }
  Db& primary() { return to(DbServers::kPrimary); }
  Db& to(size_t server);

 private:
  const Config& cfg_;
  DbServers& servers_;
  DbLimits limits_;
  std::vector<std::unique_ptr<Db>> connections_;
};
