// A reader's search query and the text it is shown against: what reaches
// MATCH ... AGAINST is only folded words with + and *, never an operator the
// reader typed; the folded index words are valid UTF-8 (MariaDB's utf8mb4
// refuses anything else); highlighting loses and adds nothing.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz.h"
#include "util/search_text.h"

namespace {

std::string joined(const std::vector<TextPiece>& pieces) {
  std::string out;
  for (const TextPiece& p : pieces) out += p.text;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  static const char* const kEditions[] = {"az", "en", "ru"};
  std::string edition = kEditions[in.ConsumeIntegralInRange<int>(0, 2)];
  std::string q = in.ConsumeRandomLengthString(300);
  std::string text = in.ConsumeRemainingBytesAsString();

  SearchQuery query = parse_search_query(q, edition);
  FUZZ_CHECK(query.terms.size() <= kMaxSearchTerms);
  if (q.size() > kMaxSearchQueryBytes) FUZZ_CHECK(query.too_long);
  std::string expression = query.boolean_expression();
  FUZZ_CHECK(is_valid_utf8(expression));
  for (unsigned char c : expression)
    FUZZ_CHECK(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '*' ||
               c == ' ');
  for (const SearchTerm& t : query.terms) FUZZ_CHECK(!t.word.empty() && t.word.find(' ') == std::string::npos);

  std::string words = search_words(text);
  FUZZ_CHECK(is_valid_utf8(words));
  if (!is_valid_utf8(text)) return 0;  // pages show only valid UTF-8 (the database holds no other)
  FUZZ_CHECK(joined(highlight_all(text, query)) == text);
  std::string snippet = joined(highlight_snippet(text, query));
  FUZZ_CHECK(is_valid_utf8(snippet));
  return 0;
}
