#include "http/url.h"

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool has_control_char(std::string_view s, bool multiline) {
  for (unsigned char c : s) {
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    unsigned min;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space, bool multiline) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (!is_valid_utf8(out) || has_control_char(out, multiline)) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (path.empty() || path[0] != '/') return std::nullopt;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view raw = path.substr(start, slash - start);
    if (!raw.empty()) {
      auto decoded = percent_decode(raw, false);
      if (!decoded || decoded->find('/') != std::string::npos) return std::nullopt;
      if (*decoded == "." || *decoded == "..") return std::nullopt;
      segments.push_back(std::move(*decoded));
    }
    start = slash + 1;
  }
  return segments;
}

std::optional<QueryParams> parse_query(std::string_view query, bool form_body) {
  QueryParams params;
  size_t start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      auto key = percent_decode(pair.substr(0, eq), true);
      auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true, form_body);
      if (!key || !value) return std::nullopt;
      params.emplace_back(std::move(*key), std::move(*value));
    }
    start = amp + 1;
  }
  return params;
}

namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '~';
}

}  // namespace

std::string url_escape(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  size_t plain = 0;  // slugs are plain: copied in one piece
  while (plain < s.size() && is_unreserved(s[plain])) ++plain;
  std::string out(s.substr(0, plain));
  if (plain == s.size()) return out;
  out.reserve(s.size() + 16);
  for (unsigned char c : s.substr(plain)) {
    if (is_unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}
