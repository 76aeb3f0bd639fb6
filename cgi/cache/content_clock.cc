#include "cache/content_clock.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include "config.h"
#include "db/article_links.h"
#include "db/content.h"
#include "db/db.h"
#include "db/throttle.h"

void ContentClock::start() {
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ContentClock::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ContentClock::advance(int64_t version, std::time_t changed_at, std::time_t next_due, std::time_t now) {
  bool due_passed = next_due_ != 0 && now >= next_due_;
  if (version != version_seen_ || due_passed) {
    // A scheduled article that became visible changes pages as a publish does.
    std::time_t modified = due_passed && next_due_ > changed_at ? next_due_ : changed_at;
    last_modified_.store(modified, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    version_seen_ = version;
  }
  next_due_ = next_due;
}

bool ContentClock::poll_once() {
  thread_local std::unique_ptr<Db> db;
  if (!db) db = std::make_unique<Db>(cfg_, reader_limits(cfg_), health_, /*probe=*/true);
  std::time_t now = std::time(nullptr);
  try {
    ContentState s = read_content_state(*db, now);
    advance(s.version, s.changed_at, s.next_due, now);
    confirmed_at_.store(now, std::memory_order_release);
  } catch (const std::exception& e) {
    // The database is away: nobody can publish meanwhile, and a scheduled
    // article that comes due waits for it, as the pages that would show it do.
    if (!failing_since_) {  // once per outage, in the worker's log
      failing_since_ = now;
      std::fprintf(stderr, "newsline: content poll failed (%s); cached pages are served for up to %d s\n", e.what(),
                   cfg_.serve_stale_seconds);
    }
    return false;
  }
  if (failing_since_) {
    std::fprintf(stderr, "newsline: content poll works again after %ld s\n", static_cast<long>(now - failing_since_));
    failing_since_ = 0;
  }
  if (now - pruned_at_ >= cfg_.housekeeping_seconds) {
    pruned_at_ = now;
    links_due_ = true;
    try {
      prune_old_rows(*db, cfg_, now);
    } catch (const std::exception& e) {  // tried again at the next turn
      std::fprintf(stderr, "newsline: pruning old rows: %s\n", e.what());
    }
  }
  if (links_due_) {  // a batch per poll while there are more
    constexpr int kBatch = 50;
    try {
      links_due_ = write_due_links(*db, kBatch) == kBatch;
    } catch (const std::exception& e) {  // tried again at the next housekeeping turn
      links_due_ = false;
      std::fprintf(stderr, "newsline: writing article links: %s\n", e.what());
    }
  }
  return true;
}

bool ContentClock::fresh_enough(std::time_t now) const {
  return now - confirmed_at_.load(std::memory_order_acquire) <= cfg_.serve_stale_seconds;
}

void ContentClock::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    poll_once();
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(cfg_.cache_poll_ms), [this] { return stopping_; });
  }
}
