// The threads of one lane (see Lane in router.h): each holds database
// connections of its own (one per server it uses) and answers the requests queued for the lane. The
// queue is bounded and so is the wait in it: a request that cannot be queued,
// or waited longer than the lane allows, is answered "busy" at once, so that
// no reader hangs behind a database that stopped answering.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "db/db.h"
#include "db/servers.h"
#include "util/metrics.h"

struct Config;

class LanePool {
 public:
  struct Settings {
    int threads;
    size_t max_queued;
    std::chrono::milliseconds max_wait;
    DbLimits limits;
    // Its threads run only when no other thread wants a processor (SCHED_IDLE):
    // password checks never take a processor from a reader, however many come.
    bool idle_time_only = false;
    // At most this many requests start a second (0: no limit); one that would
    // wait past max_wait for its turn is answered "busy".
    int max_per_second = 0;
  };
  // Answers one request; `expired` when it waited longer than max_wait (answer "busy" then).
  using Work = std::function<void(DbConnections& dbs, bool expired)>;

  // `counters`: where the lane's queue is counted (PoolMetrics::lane), or nullptr.
  LanePool(const Config& cfg, const Settings& settings, DbServers& servers, LaneCounters* counters);
  ~LanePool();
  LanePool(const LanePool&) = delete;
  LanePool& operator=(const LanePool&) = delete;

  // Queues `work`. False, and nothing queued, when the queue is full or when
  // `one_at_a_time` (a client address) already has a request queued or in hand.
  bool submit(Work work, const std::string& one_at_a_time = "");
  // Answers what is queued, then ends the threads.
  void stop();

 private:
  struct Job {
    Work work;
    std::chrono::steady_clock::time_point queued_at;
    std::string one_at_a_time;
  };
  void run();

  const Config& cfg_;
  const Settings settings_;
  DbServers& servers_;
  LaneCounters* counters_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> queue_;
  std::multiset<std::string> in_hand_;  // one_at_a_time keys queued or being answered
  bool stopping_ = false;
  std::chrono::steady_clock::time_point last_start_;  // of a request, for max_per_second
  std::vector<std::thread> threads_;
};
