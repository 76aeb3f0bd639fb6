// Keyset pagination: a listing page is "the articles published before this
// one", so a deep page costs what the first costs. The cursor travels in the
// URL as "<unix seconds>-<article id>" of the last article shown.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

struct Cursor {
  std::time_t published_at;
  int64_t id;
};

std::string format_cursor(const Cursor& c);
// nullopt unless `s` is exactly two positive decimal numbers joined by '-', in range.
std::optional<Cursor> parse_cursor(const std::string& s);
