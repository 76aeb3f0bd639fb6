// The old site's addresses (imported, or added by hand) as hashes of their
// keys (http/old_address.h), held by every worker: a path that is none of
// them is answered without a statement; one that may be is looked up with one
// indexed statement (db/imports.h redirect_target) in a lane.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "db/db.h"

class OldAddresses {
 public:
  // False when `key` is surely no old address. Never reads the database.
  bool may_hold(const std::string& key) const;
  // Reads the keys again when the redirects changed since the last reading
  // (their version moved). In the content poller's thread.
  void refresh(Db& db);
  size_t size() const;

 private:
  std::shared_ptr<const std::vector<uint64_t>> hashes_;  // sorted
  int64_t version_ = -1;
};
