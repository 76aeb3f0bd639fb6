// Times that arrive as text: If-Modified-Since (IMF-fixdate) from any client,
// If-None-Match's tags, and the publication time an editor types. What parses
// writes back as the same time (the editor's form: as the same text).
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz.h"
#include "http/conditional.h"
#include "util/time_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool zoned = set_display_zone("Asia/Baku");
  FUZZ_CHECK(zoned);
  FuzzedDataProvider in(data, size);
  std::string header = in.ConsumeRandomLengthString(100);
  if (std::time_t t = parse_http_date(header)) FUZZ_CHECK(parse_http_date(http_date(t)) == t);
  std::string tag = strong_etag(header);
  FUZZ_CHECK(etag_matches(tag, tag) && etag_matches("W/" + tag + ", \"x\"", tag));
  etag_matches(in.ConsumeRandomLengthString(200), tag);
  std::string typed = in.ConsumeRemainingBytesAsString();
  if (auto t = parse_input_datetime(typed)) {
    // The form shows minutes (a browser may send seconds too), and a local
    // time in the hour a clock change repeats names two instants: what is
    // shown reads back as a time that is shown the same.
    std::string shown = format_input_datetime(*t);
    auto again = parse_input_datetime(shown);
    FUZZ_CHECK(again && format_input_datetime(*again) == shown);
  }
  return 0;
}
