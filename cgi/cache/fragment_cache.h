// Rendered fragments that many pages share (each edition's news line), kept in
// a worker's memory: a copy, never the truth. Like PageCache entries, each is
// stamped with the ContentClock generation read before it was rendered, and one
// of an older generation is never served. There are few keys (one per edition),
// so nothing needs evicting.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

class FragmentCache {
 public:
  // The fragment stored for `key` in `generation`, or nullptr.
  std::shared_ptr<const std::string> find(const std::string& key, uint64_t generation) const;
  // Keeps `html` for `key`, made in `generation`, unless a newer one is already kept.
  void store(const std::string& key, uint64_t generation, std::shared_ptr<const std::string> html);

 private:
  struct Entry {
    uint64_t generation;
    std::shared_ptr<const std::string> html;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};
