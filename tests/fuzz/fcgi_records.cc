// The FastCGI records of a response, written in one writev(): read back as
// nginx reads them, they carry the head and the body exactly, in records of
// at most 65,535 bytes for this request id, then the stream's end and
// END_REQUEST. Bodies are made long (a piece repeated) to cross record and
// IOV_MAX boundaries.
#include <fastcgi.h>
#include <fuzzer/FuzzedDataProvider.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "http/fcgi_records.h"

namespace {

struct Record {
  int type, id;
  std::string content;
};

std::vector<Record> read_records(const std::string& bytes) {
  std::vector<Record> out;
  size_t at = 0;
  while (at < bytes.size()) {
    FUZZ_CHECK(bytes.size() - at >= 8);
    const auto* h = reinterpret_cast<const unsigned char*>(bytes.data() + at);
    FUZZ_CHECK(h[0] == FCGI_VERSION_1);
    size_t length = (h[4] << 8) | h[5], padding = h[6];
    FUZZ_CHECK(bytes.size() - at - 8 >= length + padding);
    out.push_back({h[1], (h[2] << 8) | h[3], bytes.substr(at + 8, length)});
    at += 8 + length + padding;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  int id = in.ConsumeIntegralInRange<int>(1, 65535);
  std::string head = in.ConsumeRandomLengthString(300);
  size_t repeat = in.ConsumeIntegralInRange<size_t>(1, 3000);
  std::string piece = in.ConsumeRemainingBytesAsString(), body;
  for (size_t i = 0; i < repeat && body.size() < (4u << 20); ++i) body += piece;

  int fd = memfd_create("records", MFD_CLOEXEC);
  FUZZ_CHECK(fd >= 0);
  ResponseRecords(id, head, body).write_to(fd);
  std::string written(static_cast<size_t>(lseek(fd, 0, SEEK_CUR)), '\0');
  FUZZ_CHECK(pread(fd, written.data(), written.size(), 0) == static_cast<ssize_t>(written.size()));
  close(fd);

  std::vector<Record> records = read_records(written);
  FUZZ_CHECK(records.size() >= 2);
  std::string stream;
  for (size_t i = 0; i + 2 < records.size(); ++i) {
    FUZZ_CHECK(records[i].type == FCGI_STDOUT && records[i].id == id && !records[i].content.empty());
    stream += records[i].content;
  }
  FUZZ_CHECK(stream == head + body);
  const Record& end_of_stream = records[records.size() - 2];
  const Record& end_of_request = records.back();
  FUZZ_CHECK(end_of_stream.type == FCGI_STDOUT && end_of_stream.id == id && end_of_stream.content.empty());
  FUZZ_CHECK(end_of_request.type == FCGI_END_REQUEST && end_of_request.id == id);
  FUZZ_CHECK(end_of_request.content == std::string(8, '\0'));  // status 0, FCGI_REQUEST_COMPLETE
  return 0;
}
