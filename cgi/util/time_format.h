// Times are stored in UTC and shown in the site's zone. The zone is set for
// the whole process once at start-up (set_display_zone), before any thread starts.
#pragma once
#include <ctime>
#include <optional>
#include <string>

// Makes `zone` (an IANA name such as "Asia/Baku") the zone times are shown in.
// Returns false when the zone is unknown to the system's tzdata.
bool set_display_zone(const std::string& zone);

// A time broken down once in the display zone, for several of the formats below
// (a headline shows two or three of them).
class LocalTime {
 public:
  explicit LocalTime(std::time_t utc);
  std::string time_date() const;  // format_time_date
  std::string date() const;       // format_date
  std::string clock() const;      // format_clock
  std::string iso8601() const;    // format_iso8601
  long day_number() const;        // local_day_number

 private:
  std::string format(const char* pattern) const;
  struct tm tm_;
};

// "10:22 15.05.2025": how the site shows a time.
std::string format_time_date(std::time_t utc);
// "15.05.2025": the heading of a day in listings.
std::string format_date(std::time_t utc);
// "10:22"
std::string format_clock(std::time_t utc);
// "2025-05-15T10:22:00+04:00": for <time datetime>.
std::string format_iso8601(std::time_t utc);
// RFC 822 in UTC, as RSS wants it: "Thu, 15 May 2025 06:22:00 +0000".
std::string format_rfc822(std::time_t utc);
// "10:22 15.05.2025": a time in an editor's form, as the site shows times.
std::string format_input_datetime(std::time_t utc);
// Parses that, or a browser's datetime-local value ("2025-05-15T10:22", seconds
// optional), as a time in the site's zone; nullopt if malformed.
std::optional<std::time_t> parse_input_datetime(const std::string& text);
// A number identifying the local calendar day of `utc` (for grouping listings).
long local_day_number(std::time_t utc);
