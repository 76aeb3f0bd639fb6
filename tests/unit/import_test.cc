#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "http/old_address.h"
#include "import/wp_body.h"
#include "import/wxr.h"

// The WordPress importer's parts that need no database: the WXR reader on
// WordPress's own test exports (../shared/wxr) and on hostile files, the
// conversion of post bodies to Markdown, and the keys of old addresses.
namespace {

std::string wxr_file(const std::string& name) {
  const char* dir = std::getenv("NEWSLINE_WXR_DIR");
  std::filesystem::path base = dir ? dir : "../shared/wxr";
  return (base / name).string();
}

// Everything a file gave, in order.
struct Collected : WxrSink {
  WxrSite s;
  int sites = 0;
  std::vector<WxrAuthor> authors;
  std::vector<WxrTerm> terms;
  std::vector<WxrItem> items;
  void site(const WxrSite& x) override {
    s = x;
    ++sites;
  }
  void author(const WxrAuthor& a) override { authors.push_back(a); }
  void term(const WxrTerm& t) override { terms.push_back(t); }
  void item(const WxrItem& i) override { items.push_back(i); }
  int count(const std::string& taxonomy) const {
    int n = 0;
    for (const WxrTerm& t : terms) n += t.taxonomy == taxonomy;
    return n;
  }
  const WxrItem* item_with_id(int64_t id) const {
    for (const WxrItem& i : items)
      if (i.post_id == id) return &i;
    return nullptr;
  }
};

Collected read_file(const std::string& name) {
  Collected c;
  read_wxr_file(wxr_file(name), c);
  return c;
}

std::string markdown(const std::string& html) {
  WpBodyHooks hooks;
  hooks.photo = [](const WpImage& image) -> int64_t { return image.attachment_id ? 1000 + image.attachment_id : 0; };
  return wordpress_to_markdown(html, hooks).markdown;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(wxr_reader)

BOOST_AUTO_TEST_CASE(small_export_gives_its_known_contents) {
  Collected c = read_file("small-export.xml");
  BOOST_TEST(c.sites == 1);
  BOOST_TEST(c.s.wxr_version == "1.1");
  BOOST_TEST(c.s.base_site_url == "http://localhost/");
  BOOST_TEST(c.authors.size() == 3u);
  BOOST_TEST(c.authors[1].login == "editor");
  BOOST_TEST(c.authors[1].first_name == "FirstName");
  BOOST_TEST(c.count("category") == 30);
  BOOST_TEST(c.count("post_tag") == 3);
  bool child_found = false;
  for (const WxrTerm& t : c.terms)
    if (t.slug == "foo-bar") {
      child_found = true;
      BOOST_TEST(t.parent_slug == "bar");
      BOOST_TEST(t.name == "Foo");
    }
  BOOST_TEST(child_found);
  BOOST_TEST(c.items.size() == 11u);
  std::map<std::string, int> types, statuses;
  for (const WxrItem& i : c.items) {
    ++types[i.post_type];
    ++statuses[i.post_type + "/" + i.status];
  }
  BOOST_TEST(types["post"] == 6);
  BOOST_TEST(types["page"] == 5);
  BOOST_TEST(statuses["post/publish"] == 5);
  BOOST_TEST(statuses["post/private"] == 1);
  BOOST_TEST(statuses["page/publish"] == 4);
  BOOST_TEST(statuses["page/draft"] == 1);
  const WxrItem* hello = c.item_with_id(1);
  BOOST_REQUIRE(hello);
  BOOST_TEST(hello->title == "Hello world!");
  BOOST_TEST(hello->creator == "author");
  BOOST_TEST(hello->post_date_gmt == "2011-01-18 07:40:14");
  BOOST_TEST(hello->comments == 1);
  BOOST_TEST(hello->meta_value("Post by") == "author");
  BOOST_TEST(hello->terms.size() == 1u);  // the RSS copy of a category (no domain) is left out
  const WxrItem* child = c.item_with_id(4);
  BOOST_REQUIRE(child);
  BOOST_TEST(child->post_parent == 6);
  int many = 0;
  for (const WxrItem& i : c.items)
    if (i.title == "Many Categories")
      for (const WxrItemTerm& t : i.terms) many += t.domain == "category";
  BOOST_TEST(many == 27);
}

BOOST_AUTO_TEST_CASE(namespaces_are_told_by_address_not_prefix) {
  Collected c = read_file("namespace-edge-cases.xml");
  std::vector<std::string> logins;
  for (const WxrAuthor& a : c.authors) logins.push_back(a.login);
  // A "wp:" prefix bound to another address is not WordPress's; "wp2:" bound to 1.1 is.
  BOOST_TEST((logins == std::vector<std::string>{"real_user", "version_conflict"}));
  BOOST_REQUIRE(c.items.size() >= 2u);
  BOOST_TEST(c.items[0].post_id == 1);  // the first of two post_id elements wins
  BOOST_REQUIRE(c.items[0].meta.size() == 1u);
  BOOST_TEST(c.items[0].meta[0].key == "normal_key");  // the postmeta in a made-up namespace is not one
  BOOST_TEST(c.items[1].post_id == 2);                 // <post_id xmlns="…export/1.2/">
}

BOOST_AUTO_TEST_CASE(every_version_and_cdata_edge) {
  Collected v10 = read_file("valid-wxr-1.0.xml");
  BOOST_TEST(v10.s.wxr_version == "1.0");
  BOOST_TEST(v10.items.size() == 6u);
  Collected v11 = read_file("valid-wxr-1.1.xml");
  BOOST_TEST(v11.items.size() == 2u);
  Collected cdata = read_file("cdata-edge.xml");
  BOOST_REQUIRE(cdata.items.size() == 1u);
  BOOST_TEST(cdata.items[0].content == "ends with sequence ]] >");
  Collected terms = read_file("term-formats.xml");
  BOOST_TEST(terms.count("category") == 2);
  BOOST_TEST(terms.count("post_tag") == 3);
  BOOST_TEST(terms.count("custom-taxonomy") == 1);
  BOOST_TEST(terms.count("nav_menu") == 1);
  // crazy-cdata.xml has "]]>" outside a CDATA section: not XML, so refused with where it is.
  BOOST_CHECK_THROW(read_file("crazy-cdata.xml"), WxrError);
  for (const char* name : {"wxr-utf-8-challenges.xml", "crazy-cdata-escaped.xml", "slashes.xml",
                           "test-serialized-postmeta-with-cdata.xml", "authors-multiline.xml"})
    BOOST_CHECK_NO_THROW(read_file(name));
}

BOOST_AUTO_TEST_CASE(malformed_files_stop_with_line_and_column) {
  for (const char* name : {"malformed.xml", "malformed-simple.xml"}) {
    Collected c;
    try {
      read_wxr_file(wxr_file(name), c);
      BOOST_ERROR(name << " was read as if well formed");
    } catch (const WxrError& e) {
      BOOST_TEST(e.line > 0);
      BOOST_TEST(std::string(e.what()).find("malformed XML at line") == 0);
    }
    BOOST_TEST(c.items.empty());  // the unclosed item is not handed over
  }
  Collected c;
  BOOST_CHECK_THROW(read_wxr_memory("<html><body>no</body></html>", c), WxrError);
  BOOST_CHECK_THROW(read_wxr_memory("", c), WxrError);
  BOOST_CHECK_THROW(read_wxr_file(wxr_file("no-such-file.xml"), c), WxrError);
}

BOOST_AUTO_TEST_CASE(billion_laughs_and_outside_entities_are_refused) {
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n";
  laughs += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    std::string prev = "&lol" + std::to_string(i - 1) + ";";
    std::string ten;
    for (int k = 0; k < 10; ++k) ten += prev;
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"" + ten + "\">\n";
  }
  laughs +=
      "]>\n<rss><channel><item><title>&lol9;</title><wp:post_id xmlns:wp=\"http://wordpress.org/export/1.2/\">"
      "1</wp:post_id></item></channel></rss>\n";
  const std::string xxe =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
      "<!ENTITY web SYSTEM \"http://127.0.0.1:9/x\">]>\n<rss><channel><item><title>&xxe;&web;</title></item>"
      "</channel></rss>\n";
  for (const std::string& file : {laughs, xxe}) {
    Collected c;
    try {
      read_wxr_memory(file, c);
      BOOST_ERROR("a file with a DOCTYPE was read");
    } catch (const WxrError& e) {
      BOOST_TEST(std::string(e.what()).find("refused") != std::string::npos);
    }
    BOOST_TEST(c.items.empty());
  }
}

BOOST_AUTO_TEST_CASE(a_huge_element_is_refused) {
  WxrLimits limits;
  limits.max_text = 1000;
  std::string file = "<rss><channel><item><title>" + std::string(2000, 'x') + "</title></item></channel></rss>";
  Collected c;
  BOOST_CHECK_THROW(read_wxr_memory(file, c, limits), WxrError);
  BOOST_TEST(c.items.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(wordpress_bodies)

BOOST_AUTO_TEST_CASE(classic_text_gets_paragraphs_and_line_breaks) {
  BOOST_TEST(markdown("First line\nsecond line\n\nNew paragraph") == "First line\\\nsecond line\n\nNew paragraph");
  BOOST_TEST(markdown("<p>One</p>\n\n<p>Two</p>") == "One\n\nTwo");
  BOOST_TEST(wordpress_autop("a\n\nb") == "<p>a</p>\n<p>b</p>\n");
}

BOOST_AUTO_TEST_CASE(markup_becomes_markdown) {
  BOOST_TEST(markdown("<h2>Title</h2><p>Some <strong>bold</strong> and <em>italic</em> text.</p>") ==
             "## Title\n\nSome **bold** and *italic* text.");
  BOOST_TEST(markdown("<h1>Top</h1>") == "## Top");  // the page's own title is the only h1
  BOOST_TEST(markdown("<ul><li>one</li><li>two</li></ul>") == "- one\n- two");
  BOOST_TEST(markdown("<ol start=\"3\"><li>c</li><li>d</li></ol>") == "3. c\n4. d");
  BOOST_TEST(markdown("<blockquote><p>Said</p><p>twice</p></blockquote>") == "> Said\n>\n> twice");
  BOOST_TEST(markdown("<p><a href=\"https://example.org/a b\">a link</a></p>") ==
             "[a link](<https://example.org/a%20b>)");
  BOOST_TEST(markdown("<pre>int x = 1;\n</pre>") == "```\nint x = 1;\n```");
  BOOST_TEST(markdown("<p>a<br>b</p>") == "a\\\nb");
  BOOST_TEST(markdown("<hr>") == "* * *");
}

BOOST_AUTO_TEST_CASE(text_that_looks_like_markdown_stays_text) {
  BOOST_TEST(markdown("<p>2 * 3 = 6, a_b, [x]</p>") == "2 \\* 3 = 6, a\\_b, \\[x\\]");
  BOOST_TEST(markdown("<p># not a heading</p>") == "\\# not a heading");
  BOOST_TEST(markdown("<p>1. not a list</p>") == "1\\. not a list");
  BOOST_TEST(markdown("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == "\\<script\\>alert(1)\\</script\\>");
  BOOST_TEST(markdown("<p>Tom &amp;amp; Jerry</p>") == "Tom \\&amp; Jerry");
}

BOOST_AUTO_TEST_CASE(what_newsline_cannot_show_is_dropped_and_counted) {
  WpBody body = wordpress_to_markdown(
      "<p>Before</p><script>alert(1)</script><form><input name=q></form>"
      "<p><a href=\"javascript:alert(1)\">click</a></p>",
      {});
  BOOST_TEST(body.markdown == "Before\n\nclick");
  BOOST_TEST(body.dropped["script"] == 1);
  BOOST_TEST(body.dropped["form"] == 1);
  BOOST_TEST(body.dropped["unsafe link"] == 1);
  WpBody video = wordpress_to_markdown("<iframe src=\"https://www.youtube.com/embed/xyz\"></iframe>", {});
  BOOST_TEST(video.markdown == "<https://www.youtube.com/embed/xyz>");
  BOOST_TEST(video.dropped["iframe kept as a link"] == 1);
}

BOOST_AUTO_TEST_CASE(shortcodes) {
  std::map<std::string, int> dropped;
  BOOST_TEST(markdown("[caption id=\"attachment_12\" align=\"alignnone\" width=\"300\"]"
                      "<a href=\"x.jpg\"><img class=\"size-medium wp-image-12\" src=\"x-300x200.jpg\" alt=\"A cat\">"
                      "</a> The cat[/caption]") == "![A cat](media:1012)");
  BOOST_TEST(markdown("[gallery ids=\"5,6\"]") == "![](media:1005)\n\n![](media:1006)");
  BOOST_TEST(markdown("[embed]https://youtu.be/abc[/embed]") == "<https://youtu.be/abc>");
  BOOST_TEST(markdown("https://twitter.com/x/status/1") == "<https://twitter.com/x/status/1>");
  BOOST_TEST(expand_shortcodes("a [[gallery]] b", dropped) == "a [gallery] b");
  BOOST_TEST(expand_shortcodes("[Update] news", dropped) == "[Update] news");
  BOOST_TEST(expand_shortcodes("[contact-form-7 id=\"3\"] x [plugin]inner[/plugin]", dropped) == " x inner");
  BOOST_TEST(dropped["shortcode [contact-form-7]"] == 1);
  BOOST_TEST(dropped["shortcode [plugin]"] == 1);
  BOOST_TEST(markdown("[video src=\"https://old.example/v.mp4\"]") ==
             "[https://old.example/v.mp4](<https://old.example/v.mp4>)");
}

BOOST_AUTO_TEST_CASE(a_gallery_that_names_no_ids_shows_the_posts_own_attachments) {
  WpBodyHooks hooks;
  hooks.photo = [](const WpImage& image) -> int64_t { return 1000 + image.attachment_id; };
  hooks.post_attachments = [] { return std::vector<int64_t>{5, 6}; };
  BOOST_TEST(wordpress_to_markdown("[gallery columns=\"2\"]", hooks).markdown == "![](media:1005)\n\n![](media:1006)");
  WpBody none = wordpress_to_markdown("[gallery]", {});
  BOOST_TEST(none.markdown == "");
  BOOST_TEST(none.dropped["gallery without ids"] == 1);
}

BOOST_AUTO_TEST_CASE(gutenberg_blocks_and_captions) {
  std::string blocks =
      "<!-- wp:paragraph -->\n<p>Block text</p>\n<!-- /wp:paragraph -->\n\n"
      "<!-- wp:image {\"id\":7} -->\n<figure class=\"wp-block-image\"><img src=\"a.jpg\" alt=\"Alt\" "
      "class=\"wp-image-7\"/><figcaption>Caption</figcaption></figure>\n<!-- /wp:image -->\n\n"
      "<!-- wp:embed {\"url\":\"https://youtu.be/q\"} -->\n<figure class=\"wp-block-embed\"><div "
      "class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/q\n</div></figure>\n<!-- /wp:embed -->";
  WpImage seen;
  WpBodyHooks hooks;
  hooks.photo = [&](const WpImage& image) -> int64_t {
    seen = image;
    return 70;
  };
  BOOST_TEST(wordpress_to_markdown(blocks, hooks).markdown == "Block text\n\n![Alt](media:70)\n\n<https://youtu.be/q>");
  BOOST_TEST(seen.attachment_id == 7);
  BOOST_TEST(seen.caption == "Caption");
  BOOST_TEST(seen.src == "a.jpg");
  WpBody missing = wordpress_to_markdown("<p>Text <img src=\"gone.jpg\"></p>", {});
  BOOST_TEST(missing.markdown == "Text");
  BOOST_TEST(missing.dropped["photo not found"] == 1);
}

BOOST_AUTO_TEST_CASE(tables_become_rows) {
  BOOST_TEST(markdown("<table><tr><th>Name</th><th>Votes</th></tr><tr><td>A</td><td>10</td></tr></table>") ==
             "- **Name** · **Votes**\n- A · 10");
}

BOOST_AUTO_TEST_CASE(plain_text_of_titles) {
  BOOST_TEST(wordpress_plain_text("Tom &amp; Jerry&#8217;s <em>show</em>") == "Tom & Jerry\u2019s show");
  BOOST_TEST(wordpress_plain_text("  spaced\n out ") == "spaced out");
  BOOST_TEST(wordpress_plain_text(std::string("bad \xff byte")) == "bad \xef\xbf\xbd byte");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(old_addresses)

BOOST_AUTO_TEST_CASE(what_wordpress_treats_as_one_address_is_one_key) {
  BOOST_TEST(*old_address_key("/2011/01/hello-world/", "") == "/2011/01/hello-world");
  BOOST_TEST(*old_address_key("/2011/01/Hello-World", "") == "/2011/01/hello-world");
  BOOST_TEST(*old_address_key("/%d0%bf%d1%80", "") == "/%D0%BF%D1%80");
  BOOST_TEST(*old_address_key("/\xd0\xbf\xd1\x80/", "") == "/%D0%BF%D1%80");
  BOOST_TEST(*old_address_key("/%7Euser/%61", "") == "/~user/a");
  BOOST_TEST(*old_address_key("/", "p=12&utm_source=x") == "/?p=12");
  BOOST_TEST(*old_address_key("/", "page_id=2&p=1") == "/?p=1&page_id=2");
  BOOST_TEST(*old_address_key_of_url("http://localhost/?p=1") == "/?p=1");
  BOOST_TEST(*old_address_key_of_url("https://old.example/category/bar/foo-bar/#x") == "/category/bar/foo-bar");
  BOOST_TEST(!old_address_key_of_url("javascript:alert(1)"));
  BOOST_TEST(!old_address_key("/" + std::string(2000, 'a'), ""));
}

BOOST_AUTO_TEST_SUITE_END()
