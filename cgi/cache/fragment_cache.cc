#include "cache/fragment_cache.h"

std::shared_ptr<const std::string> FragmentCache::find(const std::string& key, uint64_t generation) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  return it != entries_.end() && it->second.generation == generation ? it->second.html : nullptr;
}

void FragmentCache::store(const std::string& key, uint64_t generation, std::shared_ptr<const std::string> html) {
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = entries_[key];
  if (e.html && e.generation > generation) return;  // a thread that rendered later already kept a newer one
  e = Entry{generation, std::move(html)};
}
