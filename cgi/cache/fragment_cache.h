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
  // The fragment of `key` in `generation`: the one kept, else make() kept now.
  // With no cache (nullptr: an editor, or the cache off), make() every time.
  template <typename Make>
  static std::shared_ptr<const std::string> find_or_make(FragmentCache* cache, const std::string& key,
                                                         uint64_t generation, Make make) {
    if (cache)
      if (auto html = cache->find(key, generation)) return html;
    auto html = std::make_shared<const std::string>(make());
    if (cache) cache->store(key, generation, html);
    return html;
  }

 private:
  struct Entry {
    uint64_t generation;
    std::shared_ptr<const std::string> html;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};
