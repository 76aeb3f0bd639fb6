// A thread per MariaDB server polls it (cfg.cache_poll_ms, 250 ms by default)
// for the content version and the next scheduled publication, and notes each
// reading in the ContentClock. The poll is also the process's probe of the
// database (each server's DbHealth): it keeps trying while the request threads
// do not, and its first success lets them try again. The primary's thread also
// does the Housekeeping.
#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/housekeeping.h"

struct Config;
class ContentClock;
class Db;
class DbServers;

class ContentPoller {
 public:
  ContentPoller(const Config& cfg, DbServers& servers, ContentClock& clock)
      : cfg_(cfg), servers_(servers), clock_(clock), housekeeping_(cfg) {}
  ~ContentPoller() { stop(); }

  // `work` runs after each poll of the primary that succeeded, in the
  // poller's thread (App::refresh_old_addresses). Set before start().
  void after_each_poll(std::function<void(Db&)> work) { after_poll_ = std::move(work); }

  // Starts polling (in a worker process, after fork).
  void start();
  void stop();

  // One poll of `server` (see DbServers). False when it could not be read.
  bool poll_once(size_t server, Db& db, std::string* why = nullptr);

 private:
  void run(size_t server);

  const Config& cfg_;
  DbServers& servers_;
  ContentClock& clock_;
  Housekeeping housekeeping_;  // the primary's thread only
  std::function<void(Db&)> after_poll_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};
