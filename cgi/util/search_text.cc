#include "util/search_text.h"

#include <algorithm>
#include <array>

#include "util/text.h"

namespace {

// InnoDB's innodb_ft_min_token_size and innodb_ft_max_token_size (defaults).
constexpr size_t kMinToken = 3;
constexpr size_t kMaxToken = 84;

// Latin-1 Supplement letters U+00C0..U+00FF without their marks ("" for × and ÷, which separate words).
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // À..Ï
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // Ð..ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // à..ï
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // ð..ÿ
};

// Latin Extended-A (U+0100..U+017F) by ranges of the same base letter.
struct Range {
  char32_t first, last;
  const char* base;
};
constexpr Range kLatinExtendedA[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"},  {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"},
    {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},  {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"},  {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
    {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"},  {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

// Characters inside a word that are dropped, not a break: apostrophes ("don't",
// "Azərbaycan’ın") and combining marks (a letter typed as e + U+0301).
bool is_silent(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC || (c >= 0x300 && c <= 0x36F); }

// Punctuation, symbols, spaces and controls of every script we know of: word breaks.
bool is_break(char32_t c) {
  if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  return c < 0xC0 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
         c >= 0xFFF0;  // specials, U+FFFD among them, and everything past the BMP (emoji)
}

// Appends the folded form of letter or digit `c` to `out`.
void append_folded(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return;
  }
  if (c >= 0xC0 && c <= 0xFF) {
    out += kLatin1[c - 0xC0];
    return;
  }
  for (const Range& r : kLatinExtendedA)
    if (c >= r.first && c <= r.last) {
      out += r.base;
      return;
    }
  if (c == 0x18F || c == 0x259 || c == 0x1DD) {  // Ə ə ǝ
    out += 'e';
    return;
  }
  if (c >= 0x410 && c <= 0x42F)
    c += 0x20;  // А..Я
  else if (c >= 0x400 && c <= 0x40F)
    c += 0x50;  // Ѐ..Џ
  else if (c >= 0x391 && c <= 0x3A9)
    c += 0x20;  // Greek capitals
  else if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x4FF))
    c |= 1;  // Cyrillic pairs: capital even, small odd
  else if (c >= 0x4C1 && c <= 0x4CE && (c & 1))
    c += 1;                                 // Ӂ..Ӎ: capital odd
  if (c == 0x451 || c == 0x450) c = 0x435;  // ё ѐ -> е
  append_utf8(out, c);
}

// Calls `word(folded, begin, end)` for each word of `text`, with the byte
// range it has in `text`: folded, at most kMaxToken characters, padded with
// '_' to kMinToken.
template <typename F>
void for_each_word(std::string_view text, F word) {
  std::string folded;
  size_t chars = 0, begin = 0, end = 0;
  auto finish = [&] {
    if (folded.empty()) return;
    for (; chars < kMinToken; ++chars) folded += '_';
    word(folded, begin, end);
    folded.clear();
    chars = 0;
  };
  for (size_t i = 0; i < text.size();) {
    size_t at = i;
    char32_t c = next_code_point(text, i);
    if (is_silent(c)) continue;
    if (is_break(c)) {
      finish();
      continue;
    }
    if (folded.empty()) begin = at;
    end = i;
    if (chars == kMaxToken) continue;
    append_folded(folded, c);
    ++chars;
  }
  finish();
}

// The commonest words of each edition's language, folded: a query of them
// alone is searched as typed, otherwise they are left out (each is in most
// articles: reading its list would cost much and sort nothing).
bool is_stop_word(std::string_view word, std::string_view edition) {
  static const std::vector<std::string_view> en = {"the", "and", "for", "with", "from", "that", "this", "was", "are",
                                                   "his", "her", "its", "has",  "have", "a__",  "an_",  "of_", "in_",
                                                   "on_", "to_", "at_", "by_",  "is_",  "as_",  "be_",  "it_", "or_"};
  static const std::vector<std::string_view> az = {"ve_",  "ile",  "bu_",  "da_", "de_",  "ki_",  "ucun", "bir",
                                                   "olan", "olub", "onun", "her", "kimi", "amma", "ya_"};
  static const std::vector<std::string_view> ru = {"и__", "в__", "во_", "не_", "на_", "с__", "со_", "что",
                                                   "по_", "к__", "о__", "об_", "от_", "за_", "из_", "для",
                                                   "это", "как", "его", "ее_", "но_", "а__", "же_", "до_"};
  const auto& list = edition == "az" ? az : edition == "ru" ? ru : en;
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_cyrillic_vowel_or_sign(std::string_view last) {
  static const std::string_view endings[] = {"а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й", "ъ"};
  return std::find(std::begin(endings), std::end(endings), last) != std::end(endings);
}

// A query word as a term: a word of one or two letters (padded) as itself,
// longer ones also as the start of longer words ("газ" finds "газа"); a
// Russian word of five or more letters without its last vowel or sign (its
// ending), "москва" -> "москв*".
SearchTerm term_of(const std::string& folded) {
  SearchTerm t{folded, false};
  if (folded.find('_') != std::string::npos) return t;
  size_t chars = utf8_length(folded);
  t.prefix = true;
  unsigned char first = folded[0];
  if (chars >= 5 && (first == 0xD0 || first == 0xD1) && folded.size() >= 2) {
    size_t cut = folded.size() - 2;  // Cyrillic letters are two bytes
    if (is_cyrillic_vowel_or_sign(std::string_view(folded).substr(cut))) t.word.resize(cut);
  }
  return t;
}

bool matches(const std::string& folded, const SearchQuery& query) {
  for (const SearchTerm& t : query.terms)
    if (t.prefix ? folded.compare(0, t.word.size(), t.word) == 0 : folded == t.word) return true;
  return false;
}

struct Hit {
  size_t begin, end;
};

std::vector<Hit> hits_in(std::string_view text, const SearchQuery& query) {
  std::vector<Hit> hits;
  for_each_word(text, [&](const std::string& folded, size_t begin, size_t end) {
    if (matches(folded, query)) hits.push_back({begin, end});
  });
  return hits;
}

// `text` between bytes `from` and `to`, split at the hits.
std::vector<TextPiece> pieces(std::string_view text, size_t from, size_t to, const std::vector<Hit>& hits) {
  std::vector<TextPiece> out;
  size_t at = from;
  for (const Hit& h : hits) {
    if (h.begin < from || h.end > to) continue;
    if (h.begin > at) out.push_back({std::string(text.substr(at, h.begin - at)), false});
    out.push_back({std::string(text.substr(h.begin, h.end - h.begin)), true});
    at = h.end;
  }
  if (to > at) out.push_back({std::string(text.substr(at, to - at)), false});
  return out;
}

// The byte offset `chars` characters after (or, negative, before) `at`.
size_t move_by_chars(std::string_view text, size_t at, long chars) {
  for (; chars > 0 && at < text.size(); --chars) do
      ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
  for (; chars < 0 && at > 0; ++chars) do
      --at;
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
  return at;
}

}  // namespace

std::string search_words(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_word(text, [&](const std::string& folded, size_t, size_t) {
    if (!out.empty()) out += ' ';
    out += folded;
  });
  return out;
}

std::string SearchQuery::boolean_expression() const {
  std::string expr;
  for (const SearchTerm& t : terms) {
    if (!expr.empty()) expr += ' ';
    expr += '+' + t.word + (t.prefix ? "*" : "");
  }
  return expr;
}

SearchQuery parse_search_query(std::string_view q, std::string_view edition) {
  SearchQuery query;
  if (q.size() > kMaxSearchQueryBytes) {
    query.too_long = true;
    return query;
  }
  std::vector<std::string> words, common;
  for_each_word(q, [&](const std::string& folded, size_t, size_t) {
    auto& list = is_stop_word(folded, edition) ? common : words;
    if (std::find(list.begin(), list.end(), folded) == list.end()) list.push_back(folded);
  });
  if (words.empty()) words = common;
  if (words.size() > kMaxSearchTerms) words.resize(kMaxSearchTerms);
  for (const std::string& w : words) query.terms.push_back(term_of(w));
  return query;
}

std::vector<TextPiece> highlight_all(std::string_view text, const SearchQuery& query) {
  return pieces(text, 0, text.size(), hits_in(text, query));
}

std::vector<TextPiece> highlight_snippet(std::string_view text, const SearchQuery& query, size_t max_chars) {
  std::vector<Hit> hits = hits_in(text, query);
  size_t from = 0;
  if (!hits.empty()) {
    from = move_by_chars(text, hits.front().begin, -static_cast<long>(max_chars / 4));
    if (from > 0) {  // start at a word: after the space found first
      size_t space = text.find(' ', from);
      from = space != std::string_view::npos && space < hits.front().begin ? space + 1 : hits.front().begin;
    }
  }
  size_t to = move_by_chars(text, from, static_cast<long>(max_chars));
  if (to < text.size()) {  // end at a word too
    size_t space = text.rfind(' ', to);
    if (space != std::string_view::npos && space > from) to = space;
  }
  std::vector<TextPiece> out = pieces(text, from, to, hits);
  if (from > 0) out.insert(out.begin(), TextPiece{"… ", false});
  if (to < text.size()) out.push_back({" …", false});
  return out;
}
