#include "import/wp_photos.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "http/old_address.h"
#include "http/url.h"
#include "import/wp_body.h"
#include "util/text.h"

namespace {

// A path under the uploads copy, or "" when it could leave it.
std::string safe_relative(const std::string& path) {
  if (path.empty() || path[0] == '/' || path.find('\0') != std::string::npos || path.find('\\') != std::string::npos)
    return "";
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return "";
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return path;
}

std::optional<std::string> read_upload(const PhotoSources& s, const std::string& upload_path, std::string& why) {
  std::string relative = safe_relative(upload_path);
  if (relative.empty()) {
    why = "not a path inside the uploads folder: " + upload_path;
    return std::nullopt;
  }
  char root[PATH_MAX], file[PATH_MAX];
  std::string wanted = s.uploads_dir + "/" + relative;
  if (!realpath(s.uploads_dir.c_str(), root) || !realpath(wanted.c_str(), file)) {
    why = "not in the uploads folder: " + relative;
    return std::nullopt;
  }
  std::string inside = std::string(root) + "/";
  if (std::string(file).compare(0, inside.size(), inside) != 0) {
    why = "leads out of the uploads folder: " + relative;
    return std::nullopt;
  }
  int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) close(fd);
    why = "not a file: " + relative;
    return std::nullopt;
  }
  if (static_cast<size_t>(st.st_size) > s.max_bytes) {
    close(fd);
    why = "larger than " + std::to_string(s.max_bytes >> 20) + " MB: " + relative;
    return std::nullopt;
  }
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = read(fd, &bytes[got], bytes.size() - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fd);
  bytes.resize(got);
  return bytes;
}

// ----- Fetching (libcurl) -----

void curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  std::string address;
  std::string bytes;
  size_t max_bytes = 0;
  bool too_big = false;
  CURL* easy = nullptr;
};

size_t on_data(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->bytes.size() + n > t->max_bytes) {
    t->too_big = true;
    return 0;  // ends the transfer
  }
  t->bytes.append(data, n);
  return n;
}

// Why an address may not be fetched, or "".
std::string refusal(const PhotoSources& s, const std::string& address) {
  std::string lower;
  for (char c : address) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0) return "not an http(s) address";
  if (!s.allowed_hosts.count(host_of_url(address)))
    return "on a host not allowed (--allow-host): " + host_of_url(address);
  return "";
}

CURL* make_easy(const PhotoSources& s, Transfer& t) {
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, t.address.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect could lead to any host
  curl_easy_setopt(easy, CURLOPT_TIMEOUT, static_cast<long>(s.timeout_seconds));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(s.max_bytes));
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "Newsline importer");
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
  return easy;
}

Fetched finished(CURL* easy, CURLcode code, Transfer& t) {
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  if (t.too_big || code == CURLE_FILESIZE_EXCEEDED) return {std::nullopt, "larger than the upload limit"};
  if (code != CURLE_OK) return {std::nullopt, std::string("cannot be fetched: ") + curl_easy_strerror(code)};
  if (status != 200) return {std::nullopt, "the old site answered " + std::to_string(status)};
  return {std::move(t.bytes), ""};
}

}  // namespace

std::string host_of_url(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  size_t at = host.rfind('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;  // with its port, when it has one
}

std::string original_upload_path(const std::string& address) {
  static const std::string marker = "/wp-content/uploads/";
  size_t at = address.find(marker);
  if (at == std::string::npos) return "";
  std::string path = address.substr(at + marker.size());
  path = path.substr(0, path.find_first_of("?#"));
  std::optional<std::string> decoded = percent_decode(path, false);
  return wordpress_original_file(decoded ? *decoded : path);
}

void AttachmentIndex::item(const WxrItem& it) {
  if (it.post_type != "attachment" || it.post_id <= 0) return;
  WpAttachment a;
  a.id = it.post_id;
  a.parent = it.post_parent;
  a.url = it.attachment_url.empty() ? it.guid : it.attachment_url;
  a.file = it.meta_value("_wp_attached_file");
  a.title = wordpress_plain_text(it.title);
  a.alt = wordpress_plain_text(it.meta_value("_wp_attachment_image_alt"));
  a.caption = wordpress_plain_text(it.excerpt);
  a.credit = wordpress_plain_text(it.meta_value("_media_credit"));
  std::string key = a.file.empty() ? original_upload_path(a.url) : wordpress_original_file(a.file);
  if (!key.empty()) by_file_[key] = a.id;
  std::string from_url = original_upload_path(a.url);
  if (!from_url.empty()) by_file_[from_url] = a.id;
  if (!a.url.empty()) by_url_[a.url] = a.id;
  if (a.parent > 0) children_[a.parent].push_back(a.id);
  by_id_[a.id] = std::move(a);
}

const WpAttachment* AttachmentIndex::by_id(int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

std::vector<int64_t> AttachmentIndex::children_of(int64_t post) const {
  auto it = children_.find(post);
  return it == children_.end() ? std::vector<int64_t>{} : it->second;
}

const WpAttachment* AttachmentIndex::by_address(const std::string& src) const {
  auto exact = by_url_.find(src);
  if (exact != by_url_.end()) return by_id(exact->second);
  std::string key = original_upload_path(src);
  if (key.empty()) return nullptr;
  auto it = by_file_.find(key);
  return it == by_file_.end() ? nullptr : by_id(it->second);
}

std::optional<std::string> photo_bytes(const PhotoSources& sources, const std::string& address,
                                       const std::string& upload_path, std::string& why) {
  if (!sources.uploads_dir.empty() && !upload_path.empty()) {
    auto bytes = read_upload(sources, upload_path, why);
    if (bytes || !sources.fetch) return bytes;
  }
  if (!sources.fetch) {
    if (why.empty()) why = "no --uploads folder or --fetch to take it from";
    return std::nullopt;
  }
  auto fetched = fetch_all(sources, {address}, 1);
  why = fetched[address].why;
  return std::move(fetched[address].bytes);
}

std::map<std::string, Fetched> fetch_all(const PhotoSources& sources, const std::vector<std::string>& addresses,
                                         int parallel) {
  curl_once();
  std::map<std::string, Fetched> out;
  std::vector<Transfer> transfers;
  transfers.reserve(addresses.size());
  for (const std::string& a : addresses) {
    if (out.count(a)) continue;
    std::string no = refusal(sources, a);
    if (!no.empty()) {
      out[a] = {std::nullopt, no};
      continue;
    }
    out[a] = {std::nullopt, "not fetched"};
    transfers.push_back({a, "", sources.max_bytes, false, nullptr});
  }
  CURLM* multi = curl_multi_init();
  size_t next = 0;
  int running = 0;
  auto start_more = [&] {
    while (next < transfers.size() && running < parallel) {
      transfers[next].easy = make_easy(sources, transfers[next]);
      curl_multi_add_handle(multi, transfers[next].easy);
      ++next;
      ++running;
    }
  };
  start_more();
  while (running > 0) {
    int still = 0;
    curl_multi_perform(multi, &still);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
      out[t->address] = finished(msg->easy_handle, msg->data.result, *t);
      curl_multi_remove_handle(multi, msg->easy_handle);
      curl_easy_cleanup(msg->easy_handle);
      --running;
    }
    start_more();
    if (running > 0) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  }
  curl_multi_cleanup(multi);
  return out;
}
