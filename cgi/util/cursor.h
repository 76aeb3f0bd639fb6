// Keyset pagination: a listing page is "the articles published before this
// one", so a deep page costs what the first costs. The cursor travels in the
// URL as "<unix seconds>-<article id>-<MAC>": the time and id of the last
// article shown, signed by the site. A cursor the site did not hand out is
// refused before any query, so random cursors cannot each cost a statement
// and a cache entry; the pages that exist are the only ones that can be asked for.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

class SigningKey;

struct Cursor {
  std::time_t published_at;
  int64_t id;
};

std::string format_cursor(const Cursor& c, const SigningKey& key);
// nullopt unless `s` is a cursor format_cursor made with `key`, its time within the DATETIME range.
std::optional<Cursor> parse_cursor(const std::string& s, const SigningKey& key);
