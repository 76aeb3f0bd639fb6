#include "cache/page_cache.h"

std::shared_ptr<const Response> PageCache::find(const std::string& key, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = index_.find(key);
  if (found == index_.end()) return nullptr;
  Position it = found->second;
  if (it->generation != generation) {
    erase(it);
    return nullptr;
  }
  // Asked for again: a page on probation is protected from now on.
  std::shared_ptr<const Response> response = it->response;
  move_to(it, it->segment == kProbation ? kProtected : it->segment);
  evict_locked();
  return response;
}

void PageCache::store(const std::string& key, uint64_t generation, const Response& res) {
  size_t size = res.body.size() + (res.gzipped ? res.gzipped->size() : 0) + key.size() + 256;
  if (size > max_bytes_ / 4) return;  // one huge page must not empty the cache
  auto copy = std::make_shared<const Response>(res);
  Segment segment = res.status == 200 ? kProbation : kMinor;
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = index_.find(key);
  if (found != index_.end()) erase(found->second);
  lists_[segment].push_front({key, generation, std::move(copy), size, segment});
  bytes_[segment] += size;
  index_[key] = lists_[segment].begin();
  evict_locked();
}

void PageCache::move_to(Position it, Segment to) {
  bytes_[it->segment] -= it->bytes;
  bytes_[to] += it->bytes;
  lists_[to].splice(lists_[to].begin(), lists_[it->segment], it);
  it->segment = to;
}

void PageCache::erase(Position it) {
  bytes_[it->segment] -= it->bytes;
  index_.erase(it->key);
  lists_[it->segment].erase(it);
}

void PageCache::evict_locked() {
  while (bytes_[kMinor] > max_bytes_ / 8) erase(std::prev(lists_[kMinor].end()));
  // Protected pages beyond three quarters of the budget go back on probation.
  while (bytes_[kProtected] > max_bytes_ / 4 * 3) move_to(std::prev(lists_[kProtected].end()), kProbation);
  while (bytes_[kProbation] + bytes_[kProtected] + bytes_[kMinor] > max_bytes_) {
    Segment from = !lists_[kProbation].empty() ? kProbation : !lists_[kProtected].empty() ? kProtected : kMinor;
    erase(std::prev(lists_[from].end()));
  }
}

size_t PageCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_[kProbation] + bytes_[kProtected] + bytes_[kMinor];
}

size_t PageCache::entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return index_.size();
}
