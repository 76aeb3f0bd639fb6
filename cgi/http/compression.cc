#include "http/compression.h"

#include <zlib.h>

#include <stdexcept>

#include "http/request.h"
#include "http/response.h"

namespace {

constexpr size_t kSmallest = 1024;  // below this, gzip saves less than its own header costs in time

bool compressible(const std::string& content_type) {
  return content_type.rfind("text/", 0) == 0 || content_type.rfind("application/xml", 0) == 0 ||
         content_type.rfind("application/rss+xml", 0) == 0;
}

}  // namespace

std::string gzip_compress(std::string_view data) {
  z_stream z = {};
  // 15 + 16: a gzip header and trailer around the deflate stream.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

bool accepts_gzip(const Request& req) {
  const std::string& h = req.accept_encoding;
  for (size_t pos = 0; pos < h.size();) {
    size_t end = std::min(h.find(',', pos), h.size());
    std::string_view item(h.data() + pos, end - pos);
    pos = end + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (coding != "gzip") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view q = item.substr(semi + 1);
    // "q=0", "q=0.0", "q=0.000": refused; any other weight accepts.
    size_t eq = q.find('=');
    if (eq == std::string_view::npos) return true;
    std::string_view v = q.substr(eq + 1);
    return v.find_first_not_of("0. ") != std::string_view::npos;
  }
  return false;
}

void prepare_gzip(Response& res) {
  if (res.status != 200 || res.body.size() < kSmallest || !compressible(res.content_type)) return;
  res.gzipped = std::make_shared<const std::string>(gzip_compress(res.body));
}

void choose_encoding(const Request& req, Response& res) {
  if (!res.gzipped) return;
  res.set_header("Vary", "Accept-Encoding");
  if (!accepts_gzip(req)) return;
  res.body = *res.gzipped;
  res.set_header("Content-Encoding", "gzip");
  for (auto& [name, value] : res.headers)  // another body, another tag: "abc" -> "abc-gz"
    if (name == "ETag" && value.size() > 1 && value.back() == '"') value.insert(value.size() - 1, "-gz");
}
