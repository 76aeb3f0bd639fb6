// JSON built as data and written out in one place (structured data in pages:
// JSON-LD). The text is safe inside an HTML <script> element: '<', '>' and '&'
// are written as \u escapes, so no value can close the element or open a
// comment, and every control character, U+2028 and U+2029 are escaped too.
// Bytes that are not UTF-8 become U+FFFD.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

class Json {
 public:
  Json() = default;  // null
  Json(const char* s) : kind_(Kind::string), text_(s) {}
  Json(std::string s) : kind_(Kind::string), text_(std::move(s)) {}
  Json(int64_t n) : kind_(Kind::number), number_(n) {}
  Json(int n) : kind_(Kind::number), number_(n) {}
  Json(bool b) : kind_(b ? Kind::yes : Kind::no) {}
  static Json object() { return Json(Kind::object); }
  static Json array() { return Json(Kind::array); }

  // An object's member (in the order set); returns *this to chain.
  Json& set(std::string key, Json value);
  // An array's next item.
  Json& push(Json value);
  bool empty() const { return members_.empty() && items_.empty(); }

  std::string dump() const;

 private:
  enum class Kind { null, string, number, yes, no, object, array };
  explicit Json(Kind k) : kind_(k) {}
  void write(std::string& out) const;

  Kind kind_ = Kind::null;
  std::string text_;
  int64_t number_ = 0;
  std::vector<std::pair<std::string, Json>> members_;
  std::vector<Json> items_;
};

// `s` as a JSON string literal, quotes included (escaped as above).
void append_json_string(std::string& out, std::string_view s);
