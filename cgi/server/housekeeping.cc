#include "server/housekeeping.h"

#include <cstdio>
#include <exception>

#include "db/article_links.h"
#include "db/db.h"
#include "db/throttle.h"
#include "util/config.h"

void Housekeeping::run(Db& db, std::time_t now) {
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
