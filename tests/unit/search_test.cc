#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "auth/address_rate.h"
#include "db/search.h"
#include "http/url.h"
#include "util/markdown.h"
#include "util/search_text.h"

// Search: folding, query parsing, snippets, cursors, the per-address rate.
BOOST_AUTO_TEST_SUITE(search)

namespace {

std::string marked(const std::vector<TextPiece>& pieces) {
  std::string out;
  for (const TextPiece& p : pieces) out += p.hit ? "[" + p.text + "]" : p.text;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(azerbaijani_letters_fold_to_one_word_in_any_case) {
  BOOST_TEST(search_words("Şəki") == "seki");
  BOOST_TEST(search_words("ŞƏKİ") == "seki");
  BOOST_TEST(search_words("şəki") == "seki");
  BOOST_TEST(search_words("Seki") == "seki");
  BOOST_TEST(search_words("BAKI Bakı bakı") == "baki baki baki");
  BOOST_TEST(search_words("Ağdam, Gəncə; Göyçay! Üçüncü") == "agdam gence goycay ucuncu");
  BOOST_TEST(search_words("İLHAM ƏLİYEV") == "ilham eliyev");
}

BOOST_AUTO_TEST_CASE(malformed_utf8_never_passes_through) {
  // A surrogate, an overlong '/' and a value past U+10FFFF, each as bytes that look like a character
  // (found by the search fuzz target: the surrogate reached MATCH's text as it was).
  for (std::string bad : {"x\xED\xBE\x95y", "x\xC0\xAFy", "x\xF4\x90\x80\x80y"}) {
    BOOST_TEST(is_valid_utf8(search_words(bad)));
    BOOST_TEST(is_valid_utf8(parse_search_query(bad, "ru").boolean_expression()));
  }
}

BOOST_AUTO_TEST_CASE(russian_folds_case_and_yo) {
  BOOST_TEST(search_words("ЁЛКА Ёлка ёлка елка") == "елка елка елка елка");
  BOOST_TEST(search_words("Министр ЗАЯВИЛ") == "министр заявил");
}

BOOST_AUTO_TEST_CASE(short_words_are_padded_and_marks_split_or_vanish) {
  BOOST_TEST(search_words("AB 5 ИИ") == "ab_ 5__ ии_");
  BOOST_TEST(search_words("don't Azərbaycan’ın") == "dont azerbaycanin");
  BOOST_TEST(search_words("e\xCC\x81te") == "ete");  // e + combining acute
  BOOST_TEST(search_words("COVID-19/2025 a_b") == "covid 19_ 2025 a__ b__");
  BOOST_TEST(search_words("  ,.;  ") == "");
  BOOST_TEST(search_words("\xFF\xFEok") == "ok_");  // bad bytes break words, never pass through
  std::string longest(100, 'x');
  BOOST_TEST(search_words(longest) == std::string(84, 'x'));
}

BOOST_AUTO_TEST_CASE(queries_become_required_terms_with_no_operator_of_the_readers) {
  SearchQuery q = parse_search_query("Şəki festival", "az");
  BOOST_TEST(q.boolean_expression() == "+seki* +festival*");
  // MATCH's operators typed by a reader are word breaks, never operators.
  BOOST_TEST(parse_search_query("+a* -\"b\" (c) ~d <e> @f", "en").boolean_expression() == "+b__ +c__ +d__ +e__ +f__");
  BOOST_TEST(parse_search_query("\"'); DROP TABLE articles; --", "en").boolean_expression() ==
             "+drop* +table* +articles*");
  BOOST_TEST(parse_search_query("oil gas", "en").boolean_expression() == "+oil* +gas*");
  BOOST_TEST(parse_search_query("+*~<>@\"()", "en").empty());
  BOOST_TEST(parse_search_query("", "en").empty());
  BOOST_TEST(parse_search_query("AB", "en").boolean_expression() == "+ab_");
}

BOOST_AUTO_TEST_CASE(common_words_are_left_out_unless_alone) {
  BOOST_TEST(parse_search_query("the minister and the talks", "en").boolean_expression() == "+minister* +talks*");
  BOOST_TEST(parse_search_query("the and", "en").boolean_expression() == "+the* +and*");
  BOOST_TEST(parse_search_query("Şəki və Bakı", "az").boolean_expression() == "+seki* +baki*");
  BOOST_TEST(parse_search_query("и в на", "ru").boolean_expression() == "+и__ +в__ +на_");
  BOOST_TEST(parse_search_query("что", "ru").boolean_expression() == "+что*");
}

BOOST_AUTO_TEST_CASE(russian_words_lose_their_ending) {
  BOOST_TEST(parse_search_query("Москва", "ru").boolean_expression() == "+москв*");
  BOOST_TEST(parse_search_query("переговоры нефть", "ru").boolean_expression() == "+переговор* +нефт*");
  BOOST_TEST(parse_search_query("Баку", "ru").boolean_expression() == "+баку*");
}

BOOST_AUTO_TEST_CASE(long_queries_are_refused_and_many_words_cut) {
  BOOST_TEST(parse_search_query(std::string(kMaxSearchQueryBytes + 1, 'a'), "en").too_long);
  BOOST_TEST(!parse_search_query(std::string(kMaxSearchQueryBytes, 'a'), "en").too_long);
  SearchQuery many = parse_search_query("one two three four five six seven eight", "en");
  BOOST_TEST(many.terms.size() == kMaxSearchTerms);
  // The same word twice is one term.
  BOOST_TEST(parse_search_query("Baku BAKU baku", "en").terms.size() == 1u);
}

BOOST_AUTO_TEST_CASE(matched_words_are_marked_as_written) {
  SearchQuery q = parse_search_query("şəki festival", "az");
  BOOST_TEST(marked(highlight_all("ŞƏKİ: Festivalın açılışı Şəkidə", q)) == "[ŞƏKİ]: [Festivalın] açılışı [Şəkidə]");
  SearchQuery ru = parse_search_query("Москва", "ru");
  BOOST_TEST(marked(highlight_all("В Москве и в Москву", ru)) == "В [Москве] и в [Москву]");
  // A short word matches itself only, not the start of longer ones.
  SearchQuery ab = parse_search_query("AB", "en");
  BOOST_TEST(marked(highlight_all("AB and ABC", ab)) == "[AB] and ABC");
}

BOOST_AUTO_TEST_CASE(snippets_start_near_the_first_hit_at_a_word) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "filler" + std::to_string(i) + " ";
  text += "the Baku talks ";
  for (int i = 0; i < 60; ++i) text += "after" + std::to_string(i) + " ";
  SearchQuery q = parse_search_query("baku", "en");
  std::string s = marked(highlight_snippet(text, q, 120));
  BOOST_TEST(s.find("[Baku]") != std::string::npos);
  BOOST_TEST(s.rfind("… filler", 0) == 0);
  BOOST_TEST(s.size() < 200u);
  BOOST_TEST(s.substr(s.size() - 4) == " …");
  // No hit (the title matched): the start of the text.
  std::string start = marked(highlight_snippet(text, parse_search_query("nothing", "en"), 50));
  BOOST_TEST(start.rfind("filler0 ", 0) == 0);
  // Cyrillic is cut at characters, never inside one.
  std::string ru(600, ' ');
  ru = "";
  for (int i = 0; i < 100; ++i) ru += "слово ";
  for (const TextPiece& p : highlight_snippet(ru, parse_search_query("слово", "ru"), 33))
    BOOST_TEST(p.text.find("\xD1 ") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(plain_text_of_markdown) {
  BOOST_TEST(
      markdown_plain_text("# Title\n\nA *bold* [link](http://x) and `code`.\n\n<b>raw</b>\n\n![Alt text](media:1)") ==
      "Title\nA bold link and code.\nraw\nAlt text");  // the tags go, as on the page; their text shows
}

BOOST_AUTO_TEST_CASE(cursors_round_trip_and_refuse_anything_else) {
  for (SearchCursor c : {SearchCursor{123456789, 42}, SearchCursor{-987654321012, 1}, SearchCursor{0, 9}}) {
    auto back = parse_search_cursor(format_search_cursor(c));
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->score == c.score);
    BOOST_TEST(back->id == c.id);
  }
  for (const char* bad :
       {"", "_", "1_", "_1", "1.5_2", "1e5_2", "--1_2", "1_2_3", "1_0", "99999999999999999999_1", "abc", "1 _2"})
    BOOST_TEST(!parse_search_cursor(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(each_address_has_its_own_rate) {
  using namespace std::chrono;
  AddressRate rate(60, 5);  // one a second, five at once
  auto t = steady_clock::time_point{} + hours(1);
  for (int i = 0; i < 5; ++i) BOOST_TEST(rate.allow("192.0.2.1", t));
  BOOST_TEST(!rate.allow("192.0.2.1", t));
  BOOST_TEST(rate.allow("192.0.2.2", t));                       // another address
  BOOST_TEST(rate.allow("192.0.2.1", t + milliseconds(1100)));  // refilled one
  BOOST_TEST(!rate.allow("192.0.2.1", t + milliseconds(1200)));
  // An IPv6 client counts by its /64: a new address in it is the same client.
  for (int i = 0; i < 5; ++i) BOOST_TEST(rate.allow("2001:db8:1:2::" + std::to_string(i + 1), t));
  BOOST_TEST(!rate.allow("2001:db8:1:2::99", t));
}

BOOST_AUTO_TEST_SUITE_END()
