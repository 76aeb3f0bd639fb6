#include "cache/page_cache.h"

std::shared_ptr<const Response> PageCache::find(const std::string& key, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  if (it->second->generation != generation) {
    bytes_ -= it->second->bytes;
    lru_.erase(it->second);
    index_.erase(it);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->response;
}

void PageCache::store(const std::string& key, uint64_t generation, const Response& res) {
  size_t size = res.body.size() + key.size() + 256;
  if (size > max_bytes_ / 4) return;  // one huge page must not empty the cache
  auto copy = std::make_shared<const Response>(res);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(key);
  if (it != index_.end()) {
    bytes_ -= it->second->bytes;
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front({key, generation, std::move(copy), size});
  index_[key] = lru_.begin();
  bytes_ += size;
  evict_locked();
}

void PageCache::evict_locked() {
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    bytes_ -= lru_.back().bytes;
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

size_t PageCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

size_t PageCache::entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return lru_.size();
}
