#include "auth/flood_watch.h"

void FloodWatch::note(std::time_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t slot = static_cast<size_t>(now % 60);
  if (second_[slot] != now) {
    second_[slot] = now;
    count_[slot] = 0;
  }
  ++count_[slot];
}

int FloodWatch::last_minute(std::time_t now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  int total = 0;
  for (size_t i = 0; i < second_.size(); ++i)
    if (now - second_[i] < 60 && second_[i] <= now) total += count_[i];
  return total;
}
