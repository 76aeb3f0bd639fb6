#include "http/old_address.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace {

bool unreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_encoded(std::string& out, unsigned char c) {
  static const char* kHex = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

// Percent-encoding made canonical; `keep` are the reserved characters left as they are.
std::string canonical(std::string_view s, std::string_view keep) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      unsigned char decoded = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      if (unreserved(decoded))
        out += static_cast<char>(std::tolower(decoded));
      else
        append_encoded(out, decoded);
      i += 2;
    } else if (unreserved(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      append_encoded(out, c);
    }
  }
  return out;
}

// The query parameters by which WordPress finds what an address shows.
bool finds_an_item(const std::string& key) {
  static const char* kKeys[] = {"p", "page_id", "attachment_id", "cat", "tag", "author", "feed", "paged", "m"};
  return std::any_of(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return key == k; });
}

}  // namespace

// "photo-1024x683.jpg" -> "photo.jpg"; "photo-scaled.jpg" -> "photo.jpg".
std::string wordpress_original_file(const std::string& path) {
  size_t dot = path.rfind('.');
  size_t slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return path;
  std::string stem = path.substr(0, dot), ext = path.substr(dot);
  const std::string scaled = "-scaled";
  if (stem.size() > scaled.size() && stem.compare(stem.size() - scaled.size(), scaled.size(), scaled) == 0)
    return stem.substr(0, stem.size() - scaled.size()) + ext;
  size_t dash = stem.rfind('-');
  if (dash == std::string::npos) return path;
  std::string size = stem.substr(dash + 1);
  size_t x = size.find('x');
  auto digits = [](const std::string& s) {
    return !s.empty() && s.size() < 6 && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(c); });
  };
  if (x == std::string::npos || !digits(size.substr(0, x)) || !digits(size.substr(x + 1))) return path;
  return stem.substr(0, dash) + ext;
}

std::optional<std::string> old_address_key(std::string_view path, std::string_view query) {
  std::string key = canonical(path.empty() ? "/" : path, "/!$&'()*+,;=:@");
  if (key.empty() || key[0] != '/') key.insert(0, "/");
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  if (key.rfind("/wp-content/uploads/", 0) == 0) key = wordpress_original_file(key);
  std::vector<std::string> params;
  size_t at = 0;
  while (at < query.size()) {
    size_t amp = query.find('&', at);
    std::string_view part = query.substr(at, amp == std::string_view::npos ? std::string_view::npos : amp - at);
    size_t eq = part.find('=');
    std::string name = canonical(part.substr(0, eq), "");
    if (finds_an_item(name) && eq != std::string_view::npos)
      params.push_back(name + "=" + canonical(part.substr(eq + 1), ""));
    if (amp == std::string_view::npos) break;
    at = amp + 1;
  }
  std::sort(params.begin(), params.end());
  for (size_t i = 0; i < params.size(); ++i) key += (i == 0 ? "?" : "&") + params[i];
  if (key.size() > kMaxOldAddressBytes) return std::nullopt;
  return key;
}

std::optional<std::string> old_address_key_of_url(std::string_view url) {
  if (url.substr(0, 1) == "/" && url.substr(0, 2) != "//")
    return old_address_key_of_url("http://host" + std::string(url));
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  std::string scheme(url.substr(0, scheme_end));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(scheme_end + 3);
  size_t path_start = rest.find_first_of("/?#");
  if (path_start == std::string_view::npos) return old_address_key("/", "");
  rest = rest.substr(path_start);
  rest = rest.substr(0, rest.find('#'));
  size_t q = rest.find('?');
  return old_address_key(rest.substr(0, q), q == std::string_view::npos ? "" : rest.substr(q + 1));
}
