#include "http/response.h"

void Response::set_header(const std::string& name, const std::string& value) {
  for (auto& h : headers)
    if (h.first == name) {
      h.second = value;
      return;
    }
  headers.emplace_back(name, value);
}

void Response::add_header(const std::string& name, const std::string& value) { headers.emplace_back(name, value); }

void Response::redirect(int code, const std::string& location) {
  status = code;
  set_header("Location", location);
  content_type = "text/plain; charset=utf-8";
  body = "Moved to " + location + "\n";
}

const char* status_text(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 401:
      return "Unauthorized";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

namespace {

// Header values come from our own code, but a stray CR/LF must never split a header.
std::string header_safe(const std::string& v) {
  std::string out;
  for (char c : v)
    if (c != '\r' && c != '\n') out += c;
  return out;
}

}  // namespace

std::string serialize_head(const Response& res) {
  std::string h;
  h.reserve(512);
  h += "Status: " + std::to_string(res.status) + " " + status_text(res.status) + "\r\n";
  h += "Content-Type: " + res.content_type + "\r\n";
  if (res.status != 304) h += "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
  h += "Cache-Control: " + res.cache_control + "\r\n";
  // Security headers: no scripts at all on public pages, no framing, no sniffing.
  h += "Content-Security-Policy: default-src 'self'; script-src 'none'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'\r\n";
  h += "X-Content-Type-Options: nosniff\r\n";
  h += "X-Frame-Options: DENY\r\n";
  h += "Referrer-Policy: strict-origin-when-cross-origin\r\n";
  h += "Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\r\n";
  h += "Cross-Origin-Opener-Policy: same-origin\r\n";
  for (const auto& [name, value] : res.headers) h += name + ": " + header_safe(value) + "\r\n";
  h += "\r\n";
  return h;
}
