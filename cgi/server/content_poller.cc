#include "server/content_poller.h"

#include <chrono>
#include <cstdio>

#include "cache/content_clock.h"
#include "db/content.h"
#include "db/db.h"
#include "db/servers.h"
#include "util/config.h"

void ContentPoller::start() {
  stopping_ = false;
  for (size_t server = 0; server < servers_.size(); ++server) threads_.emplace_back([this, server] { run(server); });
}

void ContentPoller::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

bool ContentPoller::poll_once(size_t server, Db& db, std::string* why) {
  std::time_t now = std::time(nullptr);
  try {
    ContentState s = read_content_state(db, now);
    clock_.note_reading(server, s.version, s.changed_at, s.next_due, now);
  } catch (const std::exception& e) {
    // The server is away: nobody can publish there meanwhile, and a scheduled
    // article that comes due waits for it, as the pages that would show it do.
    if (why) *why = e.what();
    return false;
  }
  if (server != DbServers::kPrimary) return true;
  housekeeping_.run(db, now);
  if (after_poll_) {
    try {
      after_poll_(db);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "newsline: after the content poll: %s\n", e.what());
    }
  }
  return true;
}

void ContentPoller::run(size_t server) {
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
        std::fprintf(
            stderr, "newsline: content poll of %s failed (%s); %s\n", where.name().c_str(), why.c_str(),
            servers_.size() == 1
                ? ("cached pages are served for up to " + std::to_string(cfg_.serve_stale_seconds) + " s").c_str()
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
