// This host's photo variants on disk: <media_dir>/<id>/<file name below>,
// the very path nginx tries for /media/<id>/<file name> before it
// asks a worker. A missing file is made from the master by whichever worker
// gets there first; the others wait for it on the same lock (flock, so the
// processes of a host share it) and then read what it wrote.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "media/image.h"

class VariantStore {
 public:
  // `dir` empty: nothing is kept, every variant is made when asked for.
  explicit VariantStore(std::string dir) : dir_(std::move(dir)) {}
  // The bytes of file `name` of photo `id`, made by `make` when this host does not have it yet.
  std::string get_or_make(int64_t id, const std::string& name, const std::function<std::string()>& make) const;

 private:
  std::string dir_;
};

// A variant's file name: "<hash>-<width>.<jpg|webp>", or "<hash>-<width>x<height>.jpg" for a crop.
std::string variant_file_name(const std::string& hash, const VariantSpec& spec);
// A variant's file name taken apart; false when it is not one.
struct VariantName {
  std::string hash;
  VariantSpec spec;
};
bool parse_variant_name(const std::string& name, VariantName& out);
