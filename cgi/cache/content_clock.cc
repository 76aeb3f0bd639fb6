#include "cache/content_clock.h"

#include <chrono>
#include <cstdio>
#include <string>

#include "config.h"
#include "db/article_links.h"
#include "db/content.h"
#include "db/db.h"
#include "db/servers.h"
#include "db/throttle.h"

void ContentClock::start() {
  stopping_ = false;
  for (size_t server = 0; server < servers_.size(); ++server) threads_.emplace_back([this, server] { run(server); });
}

void ContentClock::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void ContentClock::advance(size_t server, int64_t version, std::time_t changed_at, std::time_t next_due,
                           std::time_t now) {
  std::lock_guard<std::mutex> lock(advance_mutex_);
  bool moved = servers_.note_version(server, version, now);
  bool due_passed = next_due_ != 0 && now >= next_due_;
  if (moved || due_passed) {
    // A scheduled article that became visible changes pages as a publish does.
    std::time_t modified = due_passed && next_due_ > changed_at ? next_due_ : changed_at;
    last_modified_.store(modified, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_acq_rel);
  }
  // A replica behind the newest content may not know of the next publication
  // yet: the next reading of a current server says when it is.
  if (version >= servers_.newest_version())
    next_due_ = next_due;
  else if (due_passed)
    next_due_ = 0;
}

bool ContentClock::poll_once(size_t server, Db& db, std::string* why) {
  std::time_t now = std::time(nullptr);
  try {
    ContentState s = read_content_state(db, now);
    advance(server, s.version, s.changed_at, s.next_due, now);
    confirmed_at_.store(now, std::memory_order_release);
  } catch (const std::exception& e) {
    // The server is away: nobody can publish there meanwhile, and a scheduled
    // article that comes due waits for it, as the pages that would show it do.
    if (why) *why = e.what();
    return false;
  }
  if (server == DbServers::kPrimary) housekeeping(db, now);
  return true;
}

void ContentClock::housekeeping(Db& db, std::time_t now) {
  if (now - pruned_at_ >= cfg_.housekeeping_seconds) {
    pruned_at_ = now;
    links_due_ = true;
    try {
      prune_old_rows(db, cfg_, now);
    } catch (const std::exception& e) {  // tried again at the next turn
      std::fprintf(stderr, "newsline: pruning old rows: %s\n", e.what());
    }
  }
  if (links_due_) {  // a batch per poll while there are more
    constexpr int kBatch = 50;
    try {
      links_due_ = write_due_links(db, kBatch) == kBatch;
    } catch (const std::exception& e) {  // tried again at the next housekeeping turn
      links_due_ = false;
      std::fprintf(stderr, "newsline: writing article links: %s\n", e.what());
    }
  }
}

bool ContentClock::fresh_enough(std::time_t now) const {
  return now - confirmed_at_.load(std::memory_order_acquire) <= cfg_.serve_stale_seconds;
}

void ContentClock::run(size_t server) {
  const DbServer& where = servers_.server(server);
  Db db(cfg_, where, reader_limits(cfg_), &servers_.health(server), /*probe=*/true);
  std::time_t failing_since = 0;  // the first of the polls failing now
  std::string why;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    std::time_t now = std::time(nullptr);
    if (!poll_once(server, db, &why)) {
      if (!failing_since) {  // once per outage, in the worker's log
        failing_since = now;
        std::fprintf(stderr, "newsline: content poll of %s failed (%s); %s\n", where.name().c_str(), why.c_str(),
                     servers_.size() == 1 ? ("cached pages are served for up to " +
                                             std::to_string(cfg_.serve_stale_seconds) + " s").c_str()
                                          : "pages are read from the other servers meanwhile");
      }
    } else if (failing_since) {
      std::fprintf(stderr, "newsline: content poll of %s works again after %ld s\n", where.name().c_str(),
                   static_cast<long>(now - failing_since));
      failing_since = 0;
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(cfg_.cache_poll_ms), [this] { return stopping_; });
  }
}
