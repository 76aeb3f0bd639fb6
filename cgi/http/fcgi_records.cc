#include "http/fcgi_records.h"

#include <fastcgi.h>
#include <limits.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace {

constexpr size_t kMaxContent = 65535;  // a record's content length is 16 bits

size_t records_for(std::string_view bytes) { return (bytes.size() + kMaxContent - 1) / kMaxContent; }

}  // namespace

ResponseRecords::ResponseRecords(int request_id, std::string_view head, std::string_view body)
    : request_id_(request_id) {
  headers_.reserve(records_for(head) + records_for(body));  // iov_ points into headers_
  add_stream(head);
  add_stream(body);
  Header stream_end = header(FCGI_STDOUT, 0), request_end = header(FCGI_END_REQUEST, sizeof(FCGI_EndRequestBody));
  std::memcpy(end_.data(), stream_end.data(), 8);
  std::memcpy(end_.data() + 8, request_end.data(), 8);
  // The END_REQUEST body: appStatus 0, FCGI_REQUEST_COMPLETE (0), reserved; end_ is zeroed.
  iov_.push_back({end_.data(), end_.size()});
}

ResponseRecords::Header ResponseRecords::header(unsigned char type, size_t content_length) const {
  return {FCGI_VERSION_1,
          type,
          static_cast<unsigned char>(request_id_ >> 8),
          static_cast<unsigned char>(request_id_ & 0xff),
          static_cast<unsigned char>(content_length >> 8),
          static_cast<unsigned char>(content_length & 0xff),
          0 /* no padding */,
          0};
}

void ResponseRecords::add_stream(std::string_view bytes) {
  for (size_t at = 0; at < bytes.size(); at += kMaxContent) {
    size_t n = std::min(kMaxContent, bytes.size() - at);
    headers_.push_back(header(FCGI_STDOUT, n));
    iov_.push_back({headers_.back().data(), headers_.back().size()});
    iov_.push_back({const_cast<char*>(bytes.data() + at), n});
  }
}

bool ResponseRecords::write_to(int fd) const {
  std::vector<iovec> left = iov_;
  size_t first = 0;
  while (first < left.size()) {
    int count = static_cast<int>(std::min<size_t>(left.size() - first, IOV_MAX));
    ssize_t n = writev(fd, &left[first], count);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    // Skip what was written, and resume a partly written piece where it stopped.
    for (size_t written = static_cast<size_t>(n); written > 0;) {
      size_t part = std::min(written, left[first].iov_len);
      left[first].iov_base = static_cast<char*>(left[first].iov_base) + part;
      left[first].iov_len -= part;
      written -= part;
      if (left[first].iov_len == 0) ++first;
    }
  }
  return true;
}
