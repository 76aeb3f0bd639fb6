#include "util/log.h"

#include <chrono>
#include <cstdio>

std::string RateLimitedLog::write(const std::string& line, double now_seconds) {
  std::string out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tokens_ = std::min(burst_, tokens_ + (now_seconds - last_) * per_second_);
    last_ = now_seconds;
    if (tokens_ < 1) {
      ++held_back_;
      return "";
    }
    tokens_ -= 1;
    out = line;
    if (held_back_) out += " (and " + std::to_string(held_back_) + " lines not written before this one)";
    held_back_ = 0;
  }
  out += "\n";
  std::fputs(out.c_str(), out_);
  return out;
}

void RateLimitedLog::write(const std::string& line) {
  using namespace std::chrono;
  write(line, duration<double>(steady_clock::now().time_since_epoch()).count());
}
