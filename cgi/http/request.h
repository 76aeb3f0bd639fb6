// One HTTP request as the handlers see it: decoded, validated and size-checked
// at the edge by build_request(). Handlers never see libfcgi or the environment.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "http/multipart.h"
#include "http/url.h"

struct Request {
  std::string method;                 // "GET", "HEAD", ...
  std::string path;                   // raw path as sent, without the query
  std::vector<std::string> segments;  // decoded path segments
  bool trailing_slash = false;        // path ends in '/' (and is not just "/")
  std::string raw_query;              // as sent (validated: it decodes cleanly)
  QueryParams query;
  QueryParams form;                 // decoded POST body fields (urlencoded, or the text parts of a multipart one)
  std::vector<UploadedFile> files;  // the files of a multipart/form-data POST (upload routes only)
  QueryParams cookies;
  std::string if_none_match;
  std::string if_modified_since;
  std::string accept_encoding;
  std::string remote_addr;
  bool https = false;

  // The first value of query parameter `name`, or "" when absent.
  const std::string& param(const std::string& name) const;
  bool has_param(const std::string& name) const;
  // The first value of form field `name`, or "".
  const std::string& field(const std::string& name) const;
  // Every value of form field `name` (checkboxes, multi-selects).
  std::vector<std::string> fields(const std::string& name) const;
  // The file sent as form field `name`, or nullptr.
  const UploadedFile* file(const std::string& name) const;
  // The value of cookie `name`, or "".
  const std::string& cookie(const std::string& name) const;
};

// Limits at the edge; beyond them a request is refused before any handler runs.
constexpr size_t kMaxPathBytes = 1024;
constexpr size_t kMaxQueryBytes = 2048;
constexpr size_t kMaxBodyBytes = 1 << 20;  // an article body and its fields fit easily

enum class EdgeError { none, bad_request, uri_too_long, body_too_large, unsupported_media_type };

// Fills `out` from CGI-style parameters looked up through `param`
// (REQUEST_METHOD, REQUEST_URI, ...) and, for a POST, the body read through
// `read_body` (returns bytes read, 0 at the end). Returns why the request is
// refused, if it is.
using ParamLookup = std::function<const char*(const char*)>;
using BodyReader = std::function<size_t(char*, size_t)>;
// How large a multipart/form-data body the request's address may send (its
// method and path are parsed by then): 0 where no upload is taken (415).
using UploadLimit = std::function<size_t(const Request&)>;
EdgeError build_request(const ParamLookup& param, const BodyReader& read_body, Request& out,
                        const UploadLimit& upload_limit = nullptr);

// Parses a Cookie header ("a=1; b=2"). Malformed pieces are skipped.
QueryParams parse_cookies(const std::string& header);
