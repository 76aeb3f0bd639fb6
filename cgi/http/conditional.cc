#include "http/conditional.h"

#include <cstdio>
#include <ctime>
#include <functional>
#include <string_view>

std::string http_date(std::time_t t) {
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::time_t parse_http_date(const std::string& s) {
  struct tm tm = {};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end != '\0') return 0;
  // Only a date as it is written: timegm would carry a 60th second or a 31st
  // of April into the next day (found by the dates fuzz target).
  std::time_t t = timegm(&tm);
  return http_date(t) == s ? t : 0;
}

std::string strong_etag(const std::string& body) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(std::hash<std::string_view>{}(body)));
  return buf;
}

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match == "*") return true;
  size_t start = 0;
  while (start < if_none_match.size()) {
    size_t comma = if_none_match.find(',', start);
    if (comma == std::string::npos) comma = if_none_match.size();
    std::string tag = if_none_match.substr(start, comma - start);
    size_t b = tag.find_first_not_of(' ');
    tag = b == std::string::npos ? "" : tag.substr(b);
    while (!tag.empty() && tag.back() == ' ') tag.pop_back();
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    if (tag == etag) return true;
    start = comma + 1;
  }
  return false;
}
