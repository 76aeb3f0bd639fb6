#include "cache/old_addresses.h"

#include <algorithm>
#include <functional>

#include "db/imports.h"

namespace {
uint64_t hash_of(const std::string& key) { return std::hash<std::string>{}(key); }
}  // namespace

bool OldAddresses::may_hold(const std::string& key) const {
  auto hashes = std::atomic_load(&hashes_);
  return hashes && std::binary_search(hashes->begin(), hashes->end(), hash_of(key));
}

void OldAddresses::refresh(Db& db) {
  int64_t version = redirects_version(db);
  if (version == version_) return;
  auto hashes = std::make_shared<std::vector<uint64_t>>();
  for (const std::string& key : all_old_addresses(db)) hashes->push_back(hash_of(key));
  std::sort(hashes->begin(), hashes->end());
  std::atomic_store(&hashes_, std::shared_ptr<const std::vector<uint64_t>>(std::move(hashes)));
  version_ = version;
}

size_t OldAddresses::size() const {
  auto hashes = std::atomic_load(&hashes_);
  return hashes ? hashes->size() : 0;
}
