#include "util/time_format.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

LocalTime::LocalTime(std::time_t utc) { localtime_r(&utc, &tm_); }

std::string LocalTime::format(const char* pattern) const {
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, pattern, &tm_);
  return std::string(buf, n);
}

std::string LocalTime::time_date() const { return format("%H:%M %d.%m.%Y"); }
std::string LocalTime::date() const { return format("%d.%m.%Y"); }
std::string LocalTime::clock() const { return format("%H:%M"); }

std::string LocalTime::iso8601() const {
  std::string s = format("%Y-%m-%dT%H:%M:%S%z");  // ...+0400
  if (s.size() > 2) s.insert(s.size() - 2, ":");  // ...+04:00
  return s;
}

long LocalTime::day_number() const { return (tm_.tm_year + 1900L) * 1000 + tm_.tm_yday; }

bool set_display_zone(const std::string& zone) {
  if (zone.empty() || zone.find("..") != std::string::npos) return false;
  struct stat st;
  if (zone != "UTC" && stat(("/usr/share/zoneinfo/" + zone).c_str(), &st) != 0) return false;
  setenv("TZ", zone.c_str(), 1);
  tzset();
  return true;
}

std::string format_time_date(std::time_t utc) { return LocalTime(utc).time_date(); }
std::string format_date(std::time_t utc) { return LocalTime(utc).date(); }
std::string format_clock(std::time_t utc) { return LocalTime(utc).clock(); }
std::string format_iso8601(std::time_t utc) { return LocalTime(utc).iso8601(); }

std::string format_rfc822(std::time_t utc) {
  // Day and month names in English whatever the locale: the format says so.
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  struct tm tm = {};
  gmtime_r(&utc, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}
long local_day_number(std::time_t utc) { return LocalTime(utc).day_number(); }

std::string format_input_datetime(std::time_t utc) { return LocalTime(utc).time_date(); }

std::optional<std::time_t> parse_input_datetime(const std::string& text) {
  struct tm tm = {};
  // The site's own "HH:MM DD.MM.YYYY", or a browser's datetime-local "YYYY-MM-DDTHH:MM[:SS]".
  const char* end = strptime(text.c_str(), "%H:%M %d.%m.%Y", &tm);
  if (!end || *end != '\0') {
    tm = {};
    end = strptime(text.c_str(), "%Y-%m-%dT%H:%M", &tm);
    if (end && *end == ':') end = strptime(end, ":%S", &tm);
  }
  if (!end || *end != '\0' || tm.tm_year < 70 || tm.tm_year > 8000) return std::nullopt;
  tm.tm_isdst = -1;
  std::time_t t = mktime(&tm);  // the process zone is the site's zone
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return t;
}
