// Renders every content template with hostile values and checks that nothing
// arrives unescaped, and that ctemplate reports no error while doing so.
#include <boost/test/unit_test.hpp>

#include <ctemplate/template.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "db/newsroom.h"
#include "util/time_format.h"
#include "view/admin_view.h"
#include "view/photo.h"
#include "view/sidebars.h"
#include "view/templates.h"
#include "view/view.h"

namespace {

const std::string kHostile = "<script>alert(1)</script>\"'&<img src=x onerror=alert(2)>";

struct Templates {
  Templates() {
    BOOST_REQUIRE(load_templates("templates"));
    set_display_zone("Asia/Baku");
  }
};

Edition hostile_edition() {
  Edition e{"en", kHostile, {}};
  for (const char* k :
       {"newsline",       "all_news",    "related",        "latest",      "older",       "newest",   "not_found",
        "not_found_text", "no_articles", "photo",          "breadcrumbs", "updated",     "tags",     "by",
        "correction",     "corrections", "no_corrections", "breaking",    "top_stories", "sections", "menu"})
    e.labels[k] = kHostile;
  return e;
}

Article hostile_article() {
  Article a;
  a.id = 7;
  a.slug = "x\"><script>";
  a.title = kHostile;
  a.category_slug = "javascript:alert(1)";
  a.category_name = kHostile;
  a.published_at = 1747290120;
  a.body = kHostile + "\n\n" + kHostile;
  a.author = kHostile;
  a.source = kHostile;
  a.lead = kHostile;
  a.lead_written = true;
  a.updated_at = a.published_at + 3600;
  a.photo = Photo{3, "0123456789abcdef", 1600, 900, kHostile, kHostile, kHostile};
  return a;
}

std::string expand(const char* file, const ctemplate::TemplateDictionary& d) {
  std::string out;
  BOOST_REQUIRE(ctemplate::ExpandTemplate(file, ctemplate::STRIP_BLANK_LINES, &d, &out));
  return out;
}

void check_escaped(const std::string& html) {
  BOOST_TEST(html.find("<script") == std::string::npos);
  BOOST_TEST(html.find("<img src=x") == std::string::npos);
  BOOST_TEST(html.find("&lt;script&gt;") != std::string::npos);
  BOOST_TEST(html.find("href=\"javascript:") == std::string::npos);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(templates, Templates)

BOOST_AUTO_TEST_CASE(article_escapes_every_field) {
  ctemplate::TemplateDictionary d("t");
  Article a = hostile_article();
  ArticleExtras x;
  x.tags.push_back(Tag{1, "en", "x\"><script>", kHostile, 0});
  x.authors.push_back(Byline{Author{1, "x\"><script>", kHostile, kHostile, 0, {}}, kHostile});
  x.corrections.push_back(Correction{1, 1747290120, kHostile, {}});
  fill_article(d, hostile_edition(), a, {a}, &x);
  std::string html = expand("site/article.tpl", d);
  check_escaped(html);
  BOOST_TEST(html.find("10:22 15.05.2025") != std::string::npos);
  BOOST_TEST(html.find("<figure class=\"photo photo-lead\">") != std::string::npos);
  BOOST_TEST(html.find("srcset=\"/media/3/0123456789abcdef-320.webp 320w") != std::string::npos);
  BOOST_TEST(html.find("width=\"960\" height=\"540\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(photos_in_bodies_escape_their_words) {
  Photo p{3, "0123456789abcdef", 800, 600, kHostile, kHostile, kHostile};
  for (bool block : {true, false})
    check_escaped(render_body_photo(p, kHostile, block, hostile_edition()) + "&lt;script&gt;");
}

BOOST_AUTO_TEST_CASE(corrections_page_and_simple_page_escape) {
  ctemplate::TemplateDictionary c("c");
  Correction k{1, 1747290120, kHostile, hostile_article()};
  fill_corrections(c, hostile_edition(), {k}, "/en/corrections", kHostile, false);
  check_escaped(expand("site/corrections.tpl", c));
  ctemplate::TemplateDictionary a("a");
  Author author{1, "x", kHostile, kHostile, 3, Photo{3, "0123456789abcdef", 800, 600, kHostile, "", ""}};
  fill_listing(a, hostile_edition(), kHostile, "/en/author/x", {hostile_article()}, "", true);
  fill_author_intro(a, hostile_edition(), author);
  check_escaped(expand("site/listing.tpl", a));
}

BOOST_AUTO_TEST_CASE(home_and_listing_escape_every_field) {
  Article a = hostile_article();
  ctemplate::TemplateDictionary home("h");
  Category c{1, "en", "x\"><script>", kHostile, 1};
  fill_home(home, hostile_edition(), {a, a}, {HomeBlock{&c, {a, a}}});
  check_escaped(expand("site/home.tpl", home));

  ctemplate::TemplateDictionary listing("l");
  fill_listing(listing, hostile_edition(), kHostile, "/en/news", {a, a}, kHostile, false);
  std::string html = expand("site/listing.tpl", listing);
  check_escaped(html);
  // The cursor sits in a query string: escaped as a URL value there.
  BOOST_TEST(html.find("?before=%3Cscript%3E") != std::string::npos, html);
}

BOOST_AUTO_TEST_CASE(the_news_line_fragment_escapes_every_field) {
  // The layout inserts this fragment with :none, so its own escaping is all there is.
  Article a = hostile_article();
  std::string html = render_newsline(hostile_edition(), {a, a}, 0);
  check_escaped(html);
  BOOST_TEST(html.find("10:22 15.05.2025") != std::string::npos);
  BOOST_TEST(html.find("<aside class=\"newsline\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(error_page_escapes_labels) {
  ctemplate::TemplateDictionary d("e");
  fill_error(d, hostile_edition(), 404);
  std::string html = expand("site/error.tpl", d);
  BOOST_TEST(html.find("<script") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(article_form_keeps_line_breaks_and_escapes) {
  ctemplate::TemplateDictionary d("f");
  ArticleDraft draft;
  draft.body = "line one\n\n<script>x</script> line two";
  draft.title = kHostile;
  std::vector<Edition> editions = {hostile_edition()};
  std::vector<CategoryRow> categories;
  fill_article_form(d, {draft, kHostile, kHostile, {kHostile}, editions, categories, nullptr, 20, kHostile});
  std::string html = expand("admin/article_form.tpl", d);
  BOOST_TEST(html.find("line one\n\n&lt;script&gt;x&lt;/script&gt; line two</textarea>") != std::string::npos);
  BOOST_TEST(html.find("<script") == std::string::npos);
}

// One list of templates (view/templates.cc): every file under templates/ is in
// it, and each declares the AUTOESCAPE context the list says.
BOOST_AUTO_TEST_CASE(every_template_is_listed_once_and_declares_autoescape) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> listed;
  for (const TemplateFile& t : all_templates())
    BOOST_TEST(listed.emplace(t.path, t.escape_context).second, t.path << " is listed twice");
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator("templates")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tpl") continue;
    ++files;
    std::string path = fs::relative(entry.path(), "templates").generic_string();
    BOOST_TEST_CONTEXT(path) {
      BOOST_TEST_REQUIRE(listed.count(path) == 1, "templates/" << path << " is not in all_templates()");
      std::ifstream in(entry.path());
      std::string first;
      std::getline(in, first);
      BOOST_TEST(first.rfind("{{%AUTOESCAPE context=\"" + listed[path] + "\"}}", 0) == 0u);
    }
  }
  BOOST_TEST(files == listed.size(), "a listed template has no file");
}

BOOST_AUTO_TEST_SUITE_END()
