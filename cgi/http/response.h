// The response a handler builds. Headers, security headers included, are all
// written by serialize_head(), in one place.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  // Nothing is cached unless App::set_cache_headers says so (public pages).
  std::string cache_control = "no-store";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;
  // The body gzipped (http/compression.h), made once for a public page and
  // cached with it; sent in its place to clients that take gzip.
  std::shared_ptr<const std::string> gzipped;

  // Replaces a header of that name, or adds it.
  void set_header(const std::string& name, const std::string& value);
  // Adds a header even when one of that name exists (Set-Cookie).
  void add_header(const std::string& name, const std::string& value);
  // Sets status 301/302/303 and Location; the body is a one-line note.
  void redirect(int code, const std::string& location);
};

const char* status_text(int status);

// Status line and headers for a CGI/FastCGI response, ending in the blank line.
std::string serialize_head(const Response& res);
