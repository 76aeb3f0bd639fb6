#include "http/request.h"

#include <cstring>

const std::string& Request::param(const std::string& name) const {
  static const std::string empty;
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return empty;
}

bool Request::has_param(const std::string& name) const {
  for (const auto& kv : query)
    if (kv.first == name) return true;
  return false;
}

namespace {

std::string get(const ParamLookup& param, const char* name) {
  const char* v = param(name);
  return v ? v : "";
}

bool is_token(const std::string& method) {
  if (method.empty() || method.size() > 16) return false;
  for (char c : method)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

}  // namespace

EdgeError build_request(const ParamLookup& param, Request& out) {
  out.method = get(param, "REQUEST_METHOD");
  if (!is_token(out.method)) return EdgeError::bad_request;

  // REQUEST_URI is what the client sent; nginx's normalised DOCUMENT_URI would
  // hide "..", "//" and escapes we want to judge ourselves.
  std::string uri = get(param, "REQUEST_URI");
  if (uri.empty()) uri = get(param, "SCRIPT_NAME") + get(param, "PATH_INFO");
  std::string query;
  size_t q = uri.find('?');
  if (q != std::string::npos) {
    query = uri.substr(q + 1);
    uri.resize(q);
  } else {
    query = get(param, "QUERY_STRING");
  }
  if (uri.size() > kMaxPathBytes || query.size() > kMaxQueryBytes) return EdgeError::uri_too_long;
  if (uri.empty()) uri = "/";

  auto segments = split_path(uri);
  auto params = parse_query(query);
  if (!segments || !params) return EdgeError::bad_request;
  out.path = uri;
  out.segments = std::move(*segments);
  out.trailing_slash = uri.size() > 1 && uri.back() == '/';
  out.raw_query = query;
  out.query = std::move(*params);
  out.if_none_match = get(param, "HTTP_IF_NONE_MATCH");
  out.remote_addr = get(param, "REMOTE_ADDR");
  std::string https = get(param, "HTTPS");
  out.https = !https.empty() && https != "off";
  return EdgeError::none;
}
