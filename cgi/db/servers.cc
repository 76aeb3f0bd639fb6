#include "db/servers.h"

#include "util/metrics.h"

DbServers::DbServers(const Config& cfg) : cfg_(cfg) {
  servers_.push_back(primary_server(cfg));
  servers_.insert(servers_.end(), cfg.db_replicas.begin(), cfg.db_replicas.end());
  states_ = std::make_unique<State[]>(servers_.size());
}

void DbServers::count_in(PoolMetrics& metrics) {
  for (size_t i = 0; i < servers_.size(); ++i) health(i).counters = metrics.server(i);
}

bool DbServers::note_version(size_t i, int64_t version, std::time_t now) {
  State& s = states_[i];
  bool moved = false;
  // The primary's own version going back is a restored backup: it is the truth.
  if (i == kPrimary && version < s.version.load(std::memory_order_relaxed)) {
    newest_.store(version, std::memory_order_release);
    moved = true;
  }
  s.version.store(version, std::memory_order_release);
  int64_t newest = newest_.load(std::memory_order_acquire);
  while (version > newest)
    if (newest_.compare_exchange_weak(newest, version, std::memory_order_acq_rel)) {
      moved = true;
      newest = version;
    }
  if (version >= newest) s.current_at.store(now, std::memory_order_release);
  return moved;
}

bool DbServers::current(size_t i) const {
  if (i == kPrimary) return true;  // every write lands there first
  int64_t newest = newest_.load(std::memory_order_acquire);
  return newest >= 0 && states_[i].version.load(std::memory_order_acquire) >= newest;
}

DbServers::Choice DbServers::for_reading(std::time_t now, size_t failed) {
  size_t replicas = servers_.size() - 1;
  if (replicas == 0) return {};
  unsigned first = turn_.fetch_add(1, std::memory_order_relaxed);
  for (size_t k = 0; k < replicas; ++k) {
    size_t i = 1 + (first + k) % replicas;
    if (usable(i, failed) && current(i)) return {i, true};
  }
  if (usable(kPrimary, failed)) return {kPrimary, true};
  // The freshest replica that is not too far behind, if any: pages not cached.
  size_t best = kNone;
  for (size_t i = 1; i <= replicas; ++i) {
    if (!usable(i, failed) ||
        now - states_[i].current_at.load(std::memory_order_acquire) > cfg_.db_replica_max_lag_seconds)
      continue;
    if (best == kNone || states_[i].version.load() > states_[best].version.load()) best = i;
  }
  if (best == kNone) return {};  // the primary: it fails, and the page is a 503
  return {best, false};
}

DbServers::Choice DbServers::for_own_writes(std::time_t now, size_t failed) {
  if (usable(kPrimary, failed) || servers_.size() == 1) return {};
  Choice c = for_reading(now, failed);
  c.current = false;
  return c;
}

std::vector<DbServers::Status> DbServers::status(std::time_t now) const {
  std::vector<Status> out;
  for (size_t i = 0; i < servers_.size(); ++i) {
    const State& s = states_[i];
    std::time_t at = s.current_at.load(std::memory_order_acquire);
    long behind = current(i) ? 0 : at ? static_cast<long>(now - at) : -1;
    out.push_back({i == kPrimary ? "primary" : "replica" + std::to_string(i), !s.health.away(),
                   s.version.load(std::memory_order_acquire), behind});
  }
  return out;
}

DbConnections::DbConnections(const Config& cfg, DbServers& servers, DbLimits limits)
    : cfg_(cfg), servers_(servers), limits_(limits), connections_(servers.size()) {}

Db& DbConnections::to(size_t server) {
  std::unique_ptr<Db>& db = connections_[server];
  if (!db) db = std::make_unique<Db>(cfg_, servers_.server(server), limits_, &servers_.health(server));
  return *db;
}
