#include "cache/content_clock.h"

#include "db/servers.h"
#include "util/config.h"

void ContentClock::note_reading(size_t server, int64_t version, std::time_t changed_at, std::time_t next_due,
                                std::time_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
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
  confirmed_at_.store(now, std::memory_order_release);
}

bool ContentClock::fresh_enough(std::time_t now) const {
  return now - confirmed_at_.load(std::memory_order_acquire) <= cfg_.serve_stale_seconds;
}
