// The numbers of one worker pool, for /metrics (Prometheus text format):
// requests by page kind and status, page cache hits and misses, statements and
// their time per database server, each lane's queue, worker restarts. They
// live in memory shared by the pool's processes (mapped by the supervisor
// before it forks them), so whichever process answers /metrics speaks for the
// whole pool, and a restarted worker adds to the same counters. Lock-free
// atomics only: a request adds to them without a lock or a system call.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

// What a request asked for, as /metrics counts it.
enum class PageKind : uint8_t {
  home,
  article,
  listing,
  page,
  search,
  feed,
  crawler,
  photo,
  admin,
  login,
  internal,
  other
};
constexpr size_t kPageKinds = 12;
const char* page_kind_name(PageKind kind);

// Statements run on one database server and the time they took: counted by
// every connection to it (DbHealth::counters), in memory shared by the worker processes.
struct StatementCounters {
  std::atomic<uint64_t> statements{0};
  std::atomic<uint64_t> nanoseconds{0};
  std::atomic<uint64_t> failures{0};  // errors, lost connections and time limits
};

// What /healthz and /metrics report of one database server (DbServers::status).
struct ServerStatus {
  std::string role;  // "primary", "replica1", ...
  bool reachable;
  int64_t version;      // -1: not read yet
  long behind_seconds;  // since it last had the newest content (0: current; -1: never had it)
};

// One lane's threads (see LanePool): how many requests wait and are in hand now.
struct LaneCounters {
  std::atomic<int64_t> queued{0};
  std::atomic<int64_t> active{0};
  std::atomic<uint64_t> busy{0};  // answered "busy": the queue was full, or the wait too long
};

class PoolMetrics {
 public:
  static constexpr size_t kMaxServers = 16;    // the primary and up to 15 replicas
  static constexpr size_t kLanes = 5;          // as Lane in router.h
  static constexpr size_t kMaxProcesses = 64;  // as the `processes` setting allows

  // A zeroed block in memory shared with the processes forked after this
  // call; nullptr when it cannot be mapped (then nothing is counted).
  static PoolMetrics* create_shared();

  void count_request(PageKind kind, int status);
  void count_cache(PageKind kind, bool hit);
  void count_login_paused() { login_paused_.fetch_add(1, std::memory_order_relaxed); }
  void count_worker_restart() { worker_restarts_.fetch_add(1, std::memory_order_relaxed); }
  // Server i's statements (nullptr past kMaxServers).
  StatementCounters* server(size_t i) { return i < kMaxServers ? &servers_[i] : nullptr; }
  // The lanes of the worker process in `slot` (0 .. processes - 1; a restarted
  // worker takes the slot of the one it replaces). Each process has its own,
  // so that a worker that dies takes its queue gauges with it (forget_process).
  LaneCounters* lane(size_t slot, size_t lane) { return slot < kMaxProcesses ? &lanes_[slot][lane] : nullptr; }
  // A worker process ended: its queued and in-hand requests went with it.
  void forget_process(size_t slot);

  // The Prometheus text exposition of every counter, and of `servers` as they are now.
  std::string render(const std::vector<ServerStatus>& servers) const;

 private:
  PoolMetrics() = default;
  static constexpr int kStatuses[] = {200, 301, 302, 303, 304, 400, 401, 403, 404,
                                      405, 413, 414, 415, 429, 500, 502, 503};
  static constexpr size_t kStatusSlots = sizeof kStatuses / sizeof kStatuses[0] + 1;  // the last: any other
  static size_t status_slot(int status);

  std::atomic<uint64_t> requests_[kPageKinds][kStatusSlots] = {};
  std::atomic<uint64_t> cache_[kPageKinds][2] = {};  // [kind][hit]
  std::atomic<uint64_t> login_paused_{0};
  std::atomic<uint64_t> worker_restarts_{0};
  std::time_t started_ = std::time(nullptr);
  StatementCounters servers_[kMaxServers];
  LaneCounters lanes_[kMaxProcesses][kLanes];
};
