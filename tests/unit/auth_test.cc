// Passwords, tokens, slugs and Markdown: the pieces the admin's safety rests on.
#include <boost/test/unit_test.hpp>

#include <set>

#include "auth/crypto.h"
#include "http/url.h"
#include "util/markdown.h"
#include "util/slug.h"
#include "util/text.h"

namespace {
struct Sodium {
  Sodium() { BOOST_REQUIRE(crypto_init()); }
};
}  // namespace

BOOST_FIXTURE_TEST_SUITE(passwords_and_tokens, Sodium)

BOOST_AUTO_TEST_CASE(argon2id_hashes_verify_only_the_right_password) {
  std::string hash = hash_password("correct horse battery staple");
  BOOST_TEST(hash.rfind("$argon2id$", 0) == 0u);
  BOOST_TEST(hash.find("correct") == std::string::npos);
  BOOST_TEST(verify_password(hash, "correct horse battery staple"));
  BOOST_TEST(!verify_password(hash, "correct horse battery stapl"));
  BOOST_TEST(!verify_password(hash, ""));
  BOOST_TEST(hash != hash_password("correct horse battery staple"));  // salted
  // No truncation: a difference at the 200th character still matters.
  std::string long_one(199, 'a');
  std::string long_hash = hash_password(long_one + "b");
  BOOST_TEST(verify_password(long_hash, long_one + "b"));
  BOOST_TEST(!verify_password(long_hash, long_one + "c"));
  BOOST_TEST(!verify_password_of_nobody("anything"));
}

BOOST_AUTO_TEST_CASE(password_rules_are_length_only) {
  BOOST_TEST(password_problem("short").has_value());
  BOOST_TEST(password_problem("7 chars").has_value());
  BOOST_TEST(!password_problem("8 chars!").has_value());
  BOOST_TEST(!password_problem("aaaaaaaa").has_value());  // no composition rules
  BOOST_TEST(!password_problem("пароль12").has_value());  // 8 characters, 14 bytes
  BOOST_TEST(password_problem("əəəə").has_value());       // 8 bytes, 4 characters
  BOOST_TEST(!password_problem(std::string(64, 'x')).has_value());
  BOOST_TEST(!password_problem(std::string(1024, 'x')).has_value());
  BOOST_TEST(password_problem(std::string(1025, 'x')).has_value());
}

BOOST_AUTO_TEST_CASE(tokens_are_256_random_bits) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string t = random_token();
    BOOST_TEST(t.size() == 43u);  // 32 bytes, base64url without padding
    BOOST_TEST(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
               std::string::npos);
    seen.insert(t);
  }
  BOOST_TEST(seen.size() == 1000u);
  std::string t = random_token();
  BOOST_TEST(token_hash(t).size() == 64u);
  BOOST_TEST(token_hash(t) == token_hash(t));
  BOOST_TEST(token_hash(t) != token_hash(random_token()));
  BOOST_TEST(token_hash("abc") == "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");  // BLAKE2b-256
}

BOOST_AUTO_TEST_CASE(tokens_compare_exactly) {
  std::string t = random_token();
  BOOST_TEST(same_token(t, std::string(t)));
  BOOST_TEST(!same_token(t, t.substr(0, 42)));
  BOOST_TEST(!same_token(t, t + "x"));
  std::string flipped = t;
  flipped[20] = flipped[20] == 'a' ? 'b' : 'a';
  BOOST_TEST(!same_token(t, flipped));
  BOOST_TEST(!same_token("", ""));  // an empty token never matches
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(slugs)

BOOST_AUTO_TEST_CASE(latin_titles) {
  BOOST_TEST(slugify("Azerbaijani Ombudsperson urges human rights protection and cooperation") ==
             "azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation");
  BOOST_TEST(slugify("How does space \"sound\"? -NASA created \"music\"") == "how-does-space-sound-nasa-created-music");
  BOOST_TEST(slugify("Azerbaijan’s tourism: 1,291 hectares") == "azerbaijans-tourism-1-291-hectares");
  BOOST_TEST(slugify("  --  ") == "article");
  BOOST_TEST(slugify("<script>alert(1)</script>") == "script-alert-1-script");
}

BOOST_AUTO_TEST_CASE(azerbaijani_letters) {
  BOOST_TEST(slugify("Şuşada Zadəganlar məclisi") == "shushada-zadeganlar-meclisi");
  BOOST_TEST(slugify("ÇĞÖÜİIƏ çğöüıə") == "chghouiie-chghouie");
  BOOST_TEST(slugify("Xəbər lenti") == "xeber-lenti");
}

BOOST_AUTO_TEST_CASE(russian_letters) {
  BOOST_TEST(slugify("Лента новостей") == "lenta-novostey");
  BOOST_TEST(slugify("Щука, ёж и объявление") == "shchuka-ezh-i-obyavlenie");
  BOOST_TEST(slugify("Цена азербайджанской нефти снизилась") == "tsena-azerbaydzhanskoy-nefti-snizilas");
}

BOOST_AUTO_TEST_CASE(length_and_validity) {
  std::string s = slugify(std::string(200, 'a') + " b");
  BOOST_TEST(s.size() <= 80u);
  BOOST_TEST(is_valid_slug(s));
  BOOST_TEST(is_valid_slug("a-new-slug-2"));
  for (const std::string& bad :
       {std::string(), std::string("-a"), std::string("a-"), std::string("a--b"), std::string("A"), std::string("a b"),
        std::string("a_b"), std::string("ə"), std::string("../x"), std::string(81, 'a')})
    BOOST_TEST(!is_valid_slug(bad), bad);
  BOOST_TEST(utf8_truncate("əəə", 5) == "əə");
  BOOST_TEST(utf8_length("Xəbər") == 5u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(markdown)

BOOST_AUTO_TEST_CASE(renders_the_usual_markdown) {
  BOOST_TEST(markdown_to_html("One.\n\nTwo **bold** and *em*.") ==
             "<p>One.</p>\n<p>Two <strong>bold</strong> and <em>em</em>.</p>\n");
  BOOST_TEST(markdown_to_html("[site](https://example.org/a?b=1&c=2)") ==
             "<p><a href=\"https://example.org/a?b=1&amp;c=2\">site</a></p>\n");
  BOOST_TEST(markdown_to_html("a < b & \"c\"") == "<p>a &lt; b &amp; &quot;c&quot;</p>\n");
}

BOOST_AUTO_TEST_CASE(nothing_an_editor_types_becomes_script) {
  for (const char* evil :
       {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//x>", "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))", "[x](vbscript:msgbox(1))", "![x](javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "<a href=\"javascript:alert(1)\">x</a>",
        "<div onclick=alert(1)>x</div>", "<svg onload=alert(1)>", "<style>*{}</style>"}) {
    std::string html = markdown_to_html(evil);
    BOOST_TEST(html.find("<script") == std::string::npos, evil);
    BOOST_TEST(html.find("javascript:") == std::string::npos, evil);
    BOOST_TEST(html.find("JAVASCRIPT:") == std::string::npos, evil);
    BOOST_TEST(html.find("vbscript:") == std::string::npos, evil);
    BOOST_TEST(html.find("data:text/html") == std::string::npos, evil);
    BOOST_TEST(html.find("<img src=x") == std::string::npos, evil);
    BOOST_TEST(html.find("onerror=") == std::string::npos, evil);
    BOOST_TEST(html.find("<iframe") == std::string::npos, evil);
    BOOST_TEST(html.find("<svg") == std::string::npos, evil);
    BOOST_TEST(html.find("<div") == std::string::npos, evil);
    BOOST_TEST(html.find("<style") == std::string::npos, evil);
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced) { BOOST_TEST(is_valid_utf8(markdown_to_html("bad \xff byte"))); }

BOOST_AUTO_TEST_SUITE_END()
