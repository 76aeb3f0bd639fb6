// What every fuzz target shares (libFuzzer, built by `make fuzz` with clang,
// ASan and UBSan). A target checks properties of what it parsed, not only
// that nothing crashed; a property that fails aborts with its text, and
// libFuzzer keeps the input that made it fail.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/url.h"

#define FUZZ_CHECK(property)                                                                       \
  do {                                                                                             \
    if (!(property)) {                                                                             \
      std::fprintf(stderr, "property failed: %s (%s:%d)\n", #property, __FILE__, __LINE__);        \
      std::abort();                                                                                \
    }                                                                                              \
  } while (0)

inline std::string_view fuzz_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// True when `s` has no byte below 0x20 and no DEL (what no decoded URL part may hold).
inline bool has_no_controls(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}
