// The worker's error log (stderr), at a bounded rate: a flood of failing
// requests costs neither the disk nor the time to write each line. Lines past
// the budget are counted, and their number is told at the end of the next line
// written.
#pragma once
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

class RateLimitedLog {
 public:
  // At most `per_second` lines a second on average, `burst` at once, to `out`.
  RateLimitedLog(double per_second, double burst, FILE* out = stderr)
      : per_second_(per_second), burst_(burst), out_(out), tokens_(burst) {}

  // Writes `line` (with a newline) when the budget allows, at `now_seconds` on a
  // steady clock; returns what was written, "" when it was held back.
  std::string write(const std::string& line, double now_seconds);
  // The same, at the current time.
  void write(const std::string& line);

 private:
  const double per_second_, burst_;
  FILE* const out_;
  std::mutex mutex_;
  double tokens_;
  double last_ = 0;
  uint64_t held_back_ = 0;
};
