// This host's photo variants on disk: <media_dir>/<id>/<hash>-<width>.<ext>,
// the very path nginx tries for /media/<id>/<hash>-<width>.<ext> before it
// asks a worker. A missing file is made from the master by whichever worker
// gets there first; the others wait for it on the same lock (flock, so the
// processes of a host share it) and then read what it wrote.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

class VariantStore {
 public:
  // `dir` empty: nothing is kept, every variant is made when asked for.
  explicit VariantStore(std::string dir) : dir_(std::move(dir)) {}
  // The bytes of file `name` of photo `id`, made by `make` when this host does not have it yet.
  std::string get_or_make(int64_t id, const std::string& name, const std::function<std::string()>& make) const;

 private:
  std::string dir_;
};

// A variant's file name, "<hash>-<width>.<ext>", taken apart; false when it is not one.
struct VariantName {
  std::string hash;
  int width = 0;
  std::string extension;  // jpg or webp
};
bool parse_variant_name(const std::string& name, VariantName& out);
