// Tells a worker process when its cached pages stopped being true. The content
// poller (server/content_poller.h) reads each MariaDB server's content version
// and next scheduled publication and notes them here; the generation moves on
// when the newest version seen changes, whatever process or host changed it,
// and when a scheduled article's time comes. Cached pages are stamped with the
// generation they were made in. Each server's version is noted in DbServers,
// which sends readers to servers that have the newest content.
//
// While MariaDB hangs or is down no reading comes and the generation stays:
// cached pages go on being served, for at most cfg.serve_stale_seconds after
// the last reading.
#pragma once
#include <atomic>
#include <cstdint>
#include <ctime>
#include <mutex>

struct Config;
class DbServers;

class ContentClock {
 public:
  ContentClock(const Config& cfg, DbServers& servers) : cfg_(cfg), servers_(servers) {}

  // The current generation; 0 until the first reading (nothing is cached then).
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  // When readers' content last changed (for Last-Modified); 0 when unknown.
  std::time_t last_modified() const { return last_modified_.load(std::memory_order_acquire); }
  // True while a cached page may still be served: the content was confirmed
  // current no longer than cfg.serve_stale_seconds ago.
  bool fresh_enough(std::time_t now) const;

  // Server `server` read at `now`: content `version`, last changed at
  // `changed_at`, next scheduled publication at `next_due` (0: none). Bumps
  // the generation when the newest version changed or a due time passed.
  void note_reading(size_t server, int64_t version, std::time_t changed_at, std::time_t next_due, std::time_t now);

 private:
  const Config& cfg_;
  DbServers& servers_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<std::time_t> confirmed_at_{0};  // the last reading, from any server
  std::atomic<std::time_t> last_modified_{0};
  std::mutex mutex_;  // the servers' pollers take turns in note_reading()
  std::time_t next_due_ = 0;
};
