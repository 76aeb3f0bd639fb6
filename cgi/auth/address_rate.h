// A per-address rate for requests that cost a statement no cache can spare
// (searches): each client address (auth/throttle.h's address_key) has a
// bucket of `burst` requests that refills at `per_minute`. Kept in a fixed
// table in the worker's memory, checked by the accepting thread before any
// database work: refusing costs what a cached page costs, and no number of
// addresses can make the table grow. Addresses whose hashes meet share a
// bucket: an address never gets more than its rate, and less only when
// thousands of addresses search at once. Each process counts its own requests.
#pragma once
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

class AddressRate {
 public:
  AddressRate(int per_minute, int burst, size_t slots = 4096);
  // True (and one request counted) when `address` may make one more request at `now`.
  bool allow(const std::string& address, std::chrono::steady_clock::time_point now);

 private:
  struct Slot {
    double tokens = 0;
    std::chrono::steady_clock::time_point refilled{};  // the epoch: a new slot's bucket is full
  };
  const double per_second_;
  const double burst_;
  std::mutex mutex_;
  std::vector<Slot> slots_;
};
