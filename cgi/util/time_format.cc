#include "util/time_format.h"

#include <sys/stat.h>

#include <cstdlib>

namespace {

std::string format(std::time_t utc, const char* pattern) {
  struct tm tm;
  localtime_r(&utc, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, pattern, &tm);
  return std::string(buf, n);
}

}  // namespace

bool set_display_zone(const std::string& zone) {
  if (zone.empty() || zone.find("..") != std::string::npos) return false;
  struct stat st;
  if (zone != "UTC" && stat(("/usr/share/zoneinfo/" + zone).c_str(), &st) != 0) return false;
  setenv("TZ", zone.c_str(), 1);
  tzset();
  return true;
}

std::string format_time_date(std::time_t utc) { return format(utc, "%H:%M %d.%m.%Y"); }
std::string format_date(std::time_t utc) { return format(utc, "%d.%m.%Y"); }
std::string format_clock(std::time_t utc) { return format(utc, "%H:%M"); }

std::string format_iso8601(std::time_t utc) {
  std::string s = format(utc, "%Y-%m-%dT%H:%M:%S%z");  // ...+0400
  if (s.size() > 2) s.insert(s.size() - 2, ":");        // ...+04:00
  return s;
}

long local_day_number(std::time_t utc) {
  struct tm tm;
  localtime_r(&utc, &tm);
  return (tm.tm_year + 1900L) * 1000 + tm.tm_yday;
}

std::string format_input_datetime(std::time_t utc) { return format(utc, "%Y-%m-%dT%H:%M"); }

std::optional<std::time_t> parse_input_datetime(const std::string& text) {
  struct tm tm = {};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M", &tm);
  if (end && *end == ':') end = strptime(end, ":%S", &tm);
  if (!end || *end != '\0' || tm.tm_year < 70 || tm.tm_year > 8000) return std::nullopt;
  tm.tm_isdst = -1;
  std::time_t t = mktime(&tm);  // the process zone is the site's zone
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return t;
}
