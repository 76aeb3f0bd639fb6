// Rendered public pages kept in a worker's memory: a copy, never the truth.
// Each entry is stamped with the ContentClock generation read before it was
// rendered; an entry of an older generation is never served.
//
// No client can empty it. Pages (200) come in on probation and are protected
// once asked for a second time (a segmented LRU): a crawl, or a flood of
// addresses each asked for once, only ever replaces pages on probation, never
// the pages readers keep coming back to. Other answers worth keeping (404s
// and redirects that took a query to find out) share at most an eighth of the
// budget among themselves.
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
  enum Segment { kProbation, kProtected, kMinor, kSegments };
  struct Entry {
    std::string key;
    uint64_t generation;
    std::shared_ptr<const Response> response;
    size_t bytes;
    Segment segment;
  };
  using Position = std::list<Entry>::iterator;

  // Moves the entry at `it` to the front of `to`.
  void move_to(Position it, Segment to);
  void erase(Position it);
  void evict_locked();

  const size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> lists_[kSegments];  // each most recently used first
  size_t bytes_[kSegments] = {};
  std::unordered_map<std::string, Position> index_;
};
