#include "auth/address_rate.h"

#include <algorithm>
#include <functional>

#include "auth/throttle.h"

AddressRate::AddressRate(int per_minute, int burst, size_t slots)
    : per_second_(per_minute / 60.0), burst_(std::max(1, burst)), slots_(std::max<size_t>(1, slots)) {}

bool AddressRate::allow(const std::string& address, std::chrono::steady_clock::time_point now) {
  size_t hash = std::hash<std::string>{}(address_key(address));
  std::lock_guard<std::mutex> lock(mutex_);
  Slot& slot = slots_[hash % slots_.size()];
  double elapsed = std::chrono::duration<double>(now - slot.refilled).count();
  slot.tokens = std::min(burst_, slot.tokens + elapsed * per_second_);
  slot.refilled = now;
  if (slot.tokens < 1) return false;
  slot.tokens -= 1;
  return true;
}
