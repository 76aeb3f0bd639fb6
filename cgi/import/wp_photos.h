// The old site's photos: its attachments, found by a first reading of the
// export, and where their bytes come from (a copy of wp-content/uploads, or
// the old site itself). The bytes then go through the upload's own door
// (pages/photo_service.h store_photo).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "import/wxr.h"

struct WpAttachment {
  int64_t id = 0;
  int64_t parent = 0;
  std::string url;   // attachment_url: the original file
  std::string file;  // _wp_attached_file: its path under wp-content/uploads
  std::string title, alt, caption, credit;
};

// Every attachment of an export, by id and by the address of any of its
// files (a resized "photo-1024x683.jpg" names its original "photo.jpg").
class AttachmentIndex : public WxrSink {
 public:
  void item(const WxrItem& it) override;
  const WpAttachment* by_id(int64_t id) const;
  const WpAttachment* by_address(const std::string& src) const;
  // The attachments whose parent is `post`, in the file's order.
  std::vector<int64_t> children_of(int64_t post) const;
  size_t size() const { return by_id_.size(); }

 private:
  std::map<int64_t, WpAttachment> by_id_;
  std::map<std::string, int64_t> by_file_;            // uploads path of the original -> id
  std::map<std::string, int64_t> by_url_;             // the address of the original, as given
  std::map<int64_t, std::vector<int64_t>> children_;  // parent -> attachments
};

// The uploads path of an address ("https://x/wp-content/uploads/2024/05/a-300x200.jpg"
// -> "2024/05/a.jpg"): the size WordPress added and "-scaled" taken off. "" when
// the address is not of an uploads folder. (Exposed for its tests.)
std::string original_upload_path(const std::string& address);

// The host of an address, in lower case, with its port when it has one ("" for no address).
std::string host_of_url(const std::string& url);

// Where the bytes of photos come from.
struct PhotoSources {
  std::string uploads_dir;              // --uploads: a copy of wp-content/uploads ("" = none)
  bool fetch = false;                   // --fetch: from the old site over http(s)
  std::set<std::string> allowed_hosts;  // the export's own host and --allow-host ones
  size_t max_bytes = 20u << 20;
  int timeout_seconds = 30;
};

// The bytes of a file of the old site, from the uploads copy (a path that
// leaves it, or is no regular file, is refused) or fetched; nullopt with why.
std::optional<std::string> photo_bytes(const PhotoSources& sources, const std::string& address,
                                       const std::string& upload_path, std::string& why);

// Fetches many addresses at a time (at most `parallel`), each as photo_bytes
// would: an answer or why not, by address.
struct Fetched {
  std::optional<std::string> bytes;
  std::string why;
};
std::map<std::string, Fetched> fetch_all(const PhotoSources& sources, const std::vector<std::string>& addresses,
                                         int parallel = 4);
