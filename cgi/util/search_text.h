// Words as the search index keeps them, and what a reader's query asks of it.
//
// MariaDB's collations know neither Azerbaijani's dotless ı nor that a reader
// without an Azerbaijani keyboard types "Seki" for "Şəki". So the FULLTEXT
// index is built over text folded here, and every query is folded the same
// way: lower case; Latin letters without their marks (ə→e, ı and İ→i, ş→s,
// ç→c, ğ→g, ö→o, ü→u, é→e ...); Russian ё→е. "Şəki", "ŞƏKİ", "şəki" and
// "Seki" are one word. A word shorter than InnoDB's smallest token (3
// characters by default) is padded with '_' to it ("AB" is kept as "ab_"),
// so short words are found too; nothing else in the folded text has a '_'.
#pragma once
#include <string>
#include <string_view>
#include <vector>

// The folded words of `text`, separated by single spaces.
std::string search_words(std::string_view text);

// One folded word of a query: found as itself, or as the start of longer words
// (Azerbaijani and Russian add endings: "Şəki" finds "Şəkidə", "Москва" "Москве").
// Words of one or two letters only as themselves.
struct SearchTerm {
  std::string word;
  bool prefix = false;
};

struct SearchQuery {
  std::vector<SearchTerm> terms;  // every one must be in an article
  bool too_long = false;          // refused: more than kMaxSearchQueryBytes
  bool empty() const { return terms.empty(); }
  // The terms for MATCH ... AGAINST (... IN BOOLEAN MODE): "+seki* +festival*".
  // Only folded letters, digits and '_' reach it, never an operator a reader typed.
  std::string boolean_expression() const;
};

constexpr size_t kMaxSearchQueryBytes = 200;
constexpr size_t kMaxSearchTerms = 6;

// A reader's query in edition `edition`. The edition's commonest words ("və",
// "the", "и") are left out unless the query has nothing else; words past the
// sixth are ignored.
SearchQuery parse_search_query(std::string_view q, std::string_view edition);

// A piece of text to show, marked when it is a word the query found.
struct TextPiece {
  std::string text;
  bool hit = false;
};

// All of `text` in pieces, its words that match `query` marked.
std::vector<TextPiece> highlight_all(std::string_view text, const SearchQuery& query);
// About `max_chars` characters of `text` around its first word that matches
// `query` (from the start when none does), in pieces, with "…" where cut.
std::vector<TextPiece> highlight_snippet(std::string_view text, const SearchQuery& query, size_t max_chars = 240);
