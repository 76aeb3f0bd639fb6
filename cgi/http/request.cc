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

const std::string& Request::field(const std::string& name) const {
  static const std::string empty;
  for (const auto& [k, v] : form)
    if (k == name) return v;
  return empty;
}

std::vector<std::string> Request::fields(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : form)
    if (k == name) out.push_back(v);
  return out;
}

const UploadedFile* Request::file(const std::string& name) const {
  for (const UploadedFile& f : files)
    if (f.field == name) return &f;
  return nullptr;
}

const std::string& Request::cookie(const std::string& name) const {
  static const std::string empty;
  for (const auto& [k, v] : cookies)
    if (k == name) return v;
  return empty;
}

QueryParams parse_cookies(const std::string& header) {
  QueryParams out;
  size_t start = 0;
  while (start < header.size()) {
    size_t semi = header.find(';', start);
    if (semi == std::string::npos) semi = header.size();
    std::string piece = header.substr(start, semi - start);
    size_t b = piece.find_first_not_of(' ');
    size_t eq = piece.find('=');
    if (b != std::string::npos && eq != std::string::npos && eq > b) {
      std::string value = piece.substr(eq + 1);
      while (!value.empty() && value.back() == ' ') value.pop_back();
      if (is_valid_utf8(value)) out.emplace_back(piece.substr(b, eq - b), value);
    }
    start = semi + 1;
  }
  return out;
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

namespace {

// Reads a POST body of exactly CONTENT_LENGTH bytes: a form of at most
// kMaxBodyBytes, or an upload of at most what `upload_limit` allows its address.
EdgeError read_form(const ParamLookup& param, const BodyReader& read_body, Request& out,
                    const UploadLimit& upload_limit) {
  std::string type = get(param, "CONTENT_TYPE");
  std::string length_text = get(param, "CONTENT_LENGTH");
  if (length_text.empty()) return EdgeError::none;  // an empty POST (logout buttons send a token, though)
  if (length_text.size() > 9 || length_text.find_first_not_of("0123456789") != std::string::npos)
    return EdgeError::bad_request;
  size_t length = std::stoul(length_text);
  std::optional<std::string> boundary = multipart_boundary(type);
  size_t limit = boundary && upload_limit ? upload_limit(out) : 0;
  if (boundary && limit == 0) return EdgeError::unsupported_media_type;
  if (length > (boundary ? limit : kMaxBodyBytes)) return EdgeError::body_too_large;
  if (length == 0) return EdgeError::none;
  if (!boundary && type.rfind("application/x-www-form-urlencoded", 0) != 0) return EdgeError::unsupported_media_type;
  std::string body(length, '\0');
  size_t got = 0;
  while (got < length) {
    size_t n = read_body(&body[got], length - got);
    if (n == 0) return EdgeError::bad_request;  // the client sent less than it announced
    got += n;
  }
  if (boundary) return parse_multipart(body, *boundary, out.form, out.files) ? EdgeError::none : EdgeError::bad_request;
  auto form = parse_query(body, true);
  if (!form) return EdgeError::bad_request;
  out.form = std::move(*form);
  return EdgeError::none;
}

}  // namespace

EdgeError build_request(const ParamLookup& param, const BodyReader& read_body, Request& out,
                        const UploadLimit& upload_limit) {
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
  out.cookies = parse_cookies(get(param, "HTTP_COOKIE"));
  out.if_none_match = get(param, "HTTP_IF_NONE_MATCH");
  out.if_modified_since = get(param, "HTTP_IF_MODIFIED_SINCE");
  out.accept_encoding = get(param, "HTTP_ACCEPT_ENCODING");
  out.remote_addr = get(param, "REMOTE_ADDR");
  std::string https = get(param, "HTTPS");
  out.https = !https.empty() && https != "off";
  if (out.method == "POST") return read_form(param, read_body, out, upload_limit);
  return EdgeError::none;
}
