// A whole request at the edge, as nginx hands it over (method, URI, Content-Type,
// Content-Length, Cookie, body): refused with a reason, or taken apart into
// parts that each hold what their parsers promise, and matched to a route.
#include <fuzzer/FuzzedDataProvider.h>

#include <map>

#include "fuzz.h"
#include "http/request.h"
#include "pages/routes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  std::map<std::string, std::string> env;
  for (const char* name : {"REQUEST_METHOD", "REQUEST_URI", "CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_COOKIE"})
    if (in.ConsumeBool()) env[name] = in.ConsumeRandomLengthString(2100);
  std::string body = in.ConsumeRemainingBytesAsString();
  size_t read = 0;
  Request req;
  EdgeError edge = build_request(
      [&](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
      },
      [&](char* buf, size_t n) {
        size_t k = std::min(n, body.size() - read);
        std::copy(body.data() + read, body.data() + read + k, buf);
        read += k;
        return k;
      },
      req, [](const Request&) -> size_t { return 1 << 20; });
  if (edge != EdgeError::none) return 0;
  FUZZ_CHECK(!req.method.empty() && req.method.size() <= 16);
  FUZZ_CHECK(req.path.size() <= kMaxPathBytes && req.raw_query.size() <= kMaxQueryBytes);
  for (const std::string& s : req.segments) FUZZ_CHECK(is_valid_utf8(s) && has_no_controls(s));
  for (const auto& [k, v] : req.form) FUZZ_CHECK(is_valid_utf8(k) && is_valid_utf8(v));
  RouteMatch m = match_route(routes(), req.method, req.segments, req.trailing_slash);
  if (!m.route) return 0;
  QueryParams declared = declared_params(*m.route, req.query);
  FUZZ_CHECK(declared.size() <= req.query.size());
  std::string key = canonical_path(req.segments, m.slash_mismatch ? !req.trailing_slash : req.trailing_slash) +
                    query_string(declared);
  FUZZ_CHECK(!key.empty() && key[0] == '/');
  return 0;
}
