// Tells a worker process when its cached pages stopped being true. A thread
// per MariaDB server polls it (cfg.cache_poll_ms, 250 ms by default) for the
// content version and the next scheduled publication; the generation moves on
// when the newest version seen changes, whatever process or host changed it,
// and when a scheduled article's time comes. Cached pages are stamped with the
// generation they were made in. Each server's version is noted in DbServers,
// which sends readers to servers that have the newest content.
//
// While MariaDB hangs or is down the poll fails and the generation stays:
// cached pages go on being served, for at most cfg.serve_stale_seconds after
// the last poll that succeeded. The poll is also the process's probe of the
// database (each server's DbHealth): it keeps trying while the request threads
// do not, and its first success lets them try again. The primary's thread also
// prunes what only ages (prune_old_rows) every cfg.housekeeping_seconds, and
// writes the article links queued then (db/article_links.h), a batch per poll
// until none is left.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <ctime>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct Config;
class Db;
class DbServers;

class ContentClock {
 public:
  ContentClock(const Config& cfg, DbServers& servers) : cfg_(cfg), servers_(servers) {}
  ~ContentClock() { stop(); }

  // Starts polling (in a worker process, after fork).
  void start();
  void stop();

  // The current generation; 0 until the first successful poll (nothing is cached then).
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  // When readers' content last changed (for Last-Modified); 0 when unknown.
  std::time_t last_modified() const { return last_modified_.load(std::memory_order_acquire); }
  // True while a cached page may still be served: the content was confirmed
  // current no longer than cfg.serve_stale_seconds ago.
  bool fresh_enough(std::time_t now) const;

  // One poll of `server` (see DbServers). False when it could not be read.
  bool poll_once(size_t server, Db& db, std::string* why = nullptr);

 private:
  void run(size_t server);
  // Records a state read at `now` on `server`; bumps the generation when the
  // newest version changed or a due time passed.
  void advance(size_t server, int64_t version, std::time_t changed_at, std::time_t next_due, std::time_t now);
  // The primary's chores: pruning and article links.
  void housekeeping(Db& db, std::time_t now);

  const Config& cfg_;
  DbServers& servers_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<std::time_t> confirmed_at_{0};  // the last poll that succeeded, on any server
  std::atomic<std::time_t> last_modified_{0};
  std::mutex advance_mutex_;  // the servers' threads take turns in advance()
  std::time_t next_due_ = 0;
  std::time_t pruned_at_ = 0;  // housekeeping: the primary's thread only
  bool links_due_ = true;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};
