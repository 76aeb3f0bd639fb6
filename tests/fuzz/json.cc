// The JSON writer of structured data (JSON-LD in a <script> element): its
// output never holds '<', '>', '&', a control character, U+2028 or U+2029,
// is valid UTF-8, and its strings read back as what was written (valid UTF-8
// in, the same text out).
#include <fuzzer/FuzzedDataProvider.h>

#include <cctype>

#include "fuzz.h"
#include "util/json.h"
#include "util/text.h"

namespace {

unsigned hex4(std::string_view s, size_t at) {
  FUZZ_CHECK(at + 4 <= s.size());
  unsigned v = 0;
  for (size_t i = at; i < at + 4; ++i) {
    char c = s[i];
    FUZZ_CHECK(std::isxdigit(static_cast<unsigned char>(c)));
    v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

// The text of the JSON string literal at `s` (quotes included), as a reader decodes it.
std::string decode_string(std::string_view s) {
  FUZZ_CHECK(s.size() >= 2 && s.front() == '"' && s.back() == '"');
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    FUZZ_CHECK(c != '"');
    if (c != '\\') {
      out += c;
      continue;
    }
    char e = s[++i];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        unsigned cp = hex4(s, i + 1);
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
          FUZZ_CHECK(s.substr(i + 1, 2) == "\\u");
          unsigned low = hex4(s, i + 3);
          FUZZ_CHECK(low >= 0xDC00 && low <= 0xDFFF);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        append_utf8(out, static_cast<char32_t>(cp));
        break;
      }
      default:
        FUZZ_CHECK(!"an escape JSON does not have");
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  std::string key = in.ConsumeRandomLengthString(100);
  std::string value = in.ConsumeRandomLengthString(2000);
  std::string item = in.ConsumeRemainingBytesAsString();
  std::string dumped = Json::object()
                           .set(key, value)
                           .set("n", static_cast<int64_t>(size) - 1000)
                           .set("list", Json::array().push(item).push(true).push(Json()))
                           .dump();
  FUZZ_CHECK(is_valid_utf8(dumped));
  FUZZ_CHECK(dumped.find_first_of("<>&") == std::string::npos);
  for (unsigned char c : dumped) FUZZ_CHECK(c >= 0x20);
  FUZZ_CHECK(dumped.find("\xE2\x80\xA8") == std::string::npos && dumped.find("\xE2\x80\xA9") == std::string::npos);

  std::string literal;
  append_json_string(literal, value);
  std::string back = decode_string(literal);
  FUZZ_CHECK(is_valid_utf8(back));
  if (is_valid_utf8(value)) FUZZ_CHECK(back == value);
  return 0;
}
