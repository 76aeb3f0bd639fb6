// The primary's chores, done by its content poller between polls: pruning what
// only ages (throttle rows, the audit log, expired sessions: prune_old_rows)
// every cfg.housekeeping_seconds, and writing the article links queued then
// (db/article_links.h), a batch per poll until none is left.
#pragma once
#include <ctime>

struct Config;
class Db;

class Housekeeping {
 public:
  explicit Housekeeping(const Config& cfg) : cfg_(cfg) {}
  // A turn, at `now`; failures are logged and tried again at a later turn.
  void run(Db& db, std::time_t now);

 private:
  const Config& cfg_;
  std::time_t pruned_at_ = 0;
  bool links_due_ = true;
};
