// Rendered public pages kept in a worker's memory: a copy, never the truth.
// Each entry is stamped with the ContentClock generation read before it was
// rendered; an entry of an older generation is never served. Least recently
// used entries go first once the byte budget is reached.
#pragma once
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/response.h"

class PageCache {
 public:
  explicit PageCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The response stored for `key` in `generation`, or nullptr.
  std::shared_ptr<const Response> find(const std::string& key, uint64_t generation);
  // Stores a copy of `res` for `key`, made in `generation`.
  void store(const std::string& key, uint64_t generation, const Response& res);

  size_t bytes() const;
  size_t entries() const;

 private:
  struct Entry {
    std::string key;
    uint64_t generation;
    std::shared_ptr<const Response> response;
    size_t bytes;
  };
  void evict_locked();

  const size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};
