#include "http/multipart.h"

#include <cctype>

namespace {

constexpr size_t kMaxParts = 32;
constexpr size_t kMaxPartHeaders = 4096;

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of parameter `name` in a header value ("form-data; name="x"; filename="y""):
// quoted (with \" escapes) or a bare token. nullopt when absent.
std::optional<std::string> header_param(std::string_view value, std::string_view name) {
  size_t pos = 0;
  while ((pos = value.find(';', pos)) != std::string_view::npos) {
    std::string_view rest = trimmed(value.substr(pos + 1));
    ++pos;
    if (rest.size() <= name.size() || !iequals_prefix(rest, name) || rest[name.size()] != '=') continue;
    rest.remove_prefix(name.size() + 1);
    std::string out;
    if (!rest.empty() && rest.front() == '"') {
      for (size_t i = 1; i < rest.size(); ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) {
          out += rest[++i];
        } else if (rest[i] == '"') {
          return out;
        } else {
          out += rest[i];
        }
      }
      return std::nullopt;  // no closing quote
    }
    return std::string(rest.substr(0, rest.find(';')));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  if (!iequals_prefix(content_type, "multipart/form-data")) return std::nullopt;
  auto boundary = header_param(content_type, "boundary");
  // RFC 2046: 1 to 70 characters.
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  return boundary;
}

bool parse_multipart(std::string_view body, std::string_view boundary, QueryParams& fields,
                     std::vector<UploadedFile>& files) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string separator = "\r\n" + delimiter;
  if (body.substr(0, delimiter.size()) != delimiter) return false;
  size_t pos = delimiter.size();
  for (size_t parts = 0;; ++parts) {
    if (body.substr(pos, 2) == "--") return true;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n" || parts == kMaxParts) return false;
    pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos || headers_end - pos > kMaxPartHeaders) return false;
    std::string_view headers = body.substr(pos, headers_end - pos);
    size_t content = headers_end + 4;
    size_t end = body.find(separator, content);
    if (end == std::string_view::npos) return false;
    std::optional<std::string> name, filename;
    for (size_t line = 0; line <= headers.size();) {
      size_t eol = std::min(headers.find("\r\n", line), headers.size());
      std::string_view h = headers.substr(line, eol - line);
      if (iequals_prefix(h, "content-disposition:")) {
        std::string_view value = trimmed(h.substr(20));
        if (!iequals_prefix(value, "form-data")) return false;
        name = header_param(value, "name");
        filename = header_param(value, "filename");
      }
      line = eol + 2;
    }
    if (!name || name->empty() || !is_valid_utf8(*name)) return false;
    std::string_view data = body.substr(content, end - content);
    if (filename) {
      files.push_back({*name, is_valid_utf8(*filename) ? *filename : "", std::string(data)});
    } else {
      if (!is_valid_utf8(data)) return false;
      fields.emplace_back(*name, std::string(data));
    }
    pos = end + separator.size();
  }
}
