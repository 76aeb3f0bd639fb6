#include "media/variant_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace {

// Reads a whole file; false when it is not there.
bool read_file(const std::string& path, std::string& out) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool ok = fstat(fd, &st) == 0;
  if (ok) {
    out.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (ok && got < out.size()) {
      ssize_t n = read(fd, &out[got], out.size() - got);
      if (n <= 0)
        ok = false;
      else
        got += static_cast<size_t>(n);
    }
  }
  close(fd);
  return ok;
}

// Writes `bytes` to `path` as a whole or not at all: a temporary file renamed
// into place, so nginx never serves half a photo. Readable by the group (nginx).
void write_file_atomically(const std::string& path, const std::string& bytes) {
  std::string temp = path + ".tmp" + std::to_string(getpid());
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) throw std::runtime_error("cannot write " + temp + ": " + std::strerror(errno));
  size_t put = 0;
  while (put < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + put, bytes.size() - put);
    if (n <= 0) {
      close(fd);
      unlink(temp.c_str());
      throw std::runtime_error("cannot write " + temp + ": " + std::strerror(errno));
    }
    put += static_cast<size_t>(n);
  }
  close(fd);
  if (rename(temp.c_str(), path.c_str()) != 0) {
    unlink(temp.c_str());
    throw std::runtime_error("cannot rename " + temp + ": " + std::strerror(errno));
  }
}

class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640)) {
    if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    while (flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  ~FileLock() { close(fd_); }  // closing releases the lock
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

}  // namespace

std::string VariantStore::get_or_make(int64_t id, const std::string& name,
                                      const std::function<std::string()>& make) const {
  if (dir_.empty()) return make();
  std::string photo_dir = dir_ + "/" + std::to_string(id);
  std::string path = photo_dir + "/" + name;
  std::string bytes;
  if (read_file(path, bytes)) return bytes;
  if (mkdir(photo_dir.c_str(), 0750) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot make " + photo_dir + ": " + std::strerror(errno));
  FileLock lock(photo_dir + "/.lock");
  if (read_file(path, bytes)) return bytes;  // made by another worker while this one waited
  bytes = make();
  write_file_atomically(path, bytes);
  return bytes;
}

std::string variant_file_name(const std::string& hash, const VariantSpec& spec) {
  std::string size = std::to_string(spec.width);
  if (spec.height > 0) size += "x" + std::to_string(spec.height);
  return hash + "-" + size + "." + variant_extension(spec.format);
}

namespace {

// Digits to a number: at most four (no photo is wider than 3840), no leading
// zero (one spelling per file, so a client cannot make copies under others).
bool parse_side(std::string_view digits, int& out) {
  if (digits.empty() || digits.size() > 4 || digits[0] == '0') return false;
  out = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return out > 0;
}

}  // namespace

bool parse_variant_name(const std::string& name, VariantName& out) {
  size_t dash = name.find('-'), dot = name.find('.');
  if (dash != 16 || dot == std::string::npos || dot <= dash + 1) return false;
  out.hash = name.substr(0, 16);
  for (char c : out.hash)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  std::string_view size = std::string_view(name).substr(dash + 1, dot - dash - 1);
  std::string_view extension = std::string_view(name).substr(dot + 1);  // all of it, a NUL too
  size_t x = size.find('x');
  out.spec = {};
  if (!parse_side(size.substr(0, x), out.spec.width)) return false;
  if (x != std::string_view::npos && !parse_side(size.substr(x + 1), out.spec.height)) return false;
  if (extension == "webp" && out.spec.height == 0)
    out.spec.format = VariantFormat::webp;
  else if (extension != "jpg")
    return false;
  return true;
}
