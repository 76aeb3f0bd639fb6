// One HTTP request as the handlers see it: decoded, validated and size-checked
// at the edge by build_request(). Handlers never see libfcgi or the environment.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "http/url.h"

struct Request {
  std::string method;                 // "GET", "HEAD", ...
  std::string path;                   // raw path as sent, without the query
  std::vector<std::string> segments;  // decoded path segments
  bool trailing_slash = false;        // path ends in '/' (and is not just "/")
  std::string raw_query;              // as sent (validated: it decodes cleanly)
  QueryParams query;
  std::string if_none_match;
  std::string remote_addr;
  bool https = false;

  // The first value of query parameter `name`, or "" when absent.
  const std::string& param(const std::string& name) const;
  bool has_param(const std::string& name) const;
};

// Limits at the edge; beyond them a request is refused before any handler runs.
constexpr size_t kMaxPathBytes = 1024;
constexpr size_t kMaxQueryBytes = 2048;

enum class EdgeError { none, bad_request, uri_too_long };

// Fills `out` from CGI-style parameters looked up through `param`
// (REQUEST_METHOD, REQUEST_URI, ...). Returns why the request is refused, if it is.
using ParamLookup = std::function<const char*(const char*)>;
EdgeError build_request(const ParamLookup& param, Request& out);
