"""`newsline import wordpress` on WordPress's own test exports (../shared/wxr,
written by WordPress's importer authors, not by us), into a site of its own:
the export's known counts, a second run that adds nothing, an article an
editor changed here kept, every old address a 301 to a page, hostile and
malformed files refused with nothing imported, and every shared file either
imported or refused with a message."""
import html
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

from stackfixture import ADMIN_PASSWORD, REPO, Client, http  # (it puts scripts/ on the path)
from stack import throwaway_stack  # noqa: E402

WXR_DIR = os.environ.get("NEWSLINE_WXR_DIR") or os.path.join(REPO, "..", "shared", "wxr")
SMALL = os.path.join(WXR_DIR, "small-export.xml")
WP = "{http://wordpress.org/export/1.1/}"


def small_export_items():
    """(post_id, post_type, status, link, title) of each item of small-export.xml, read by Python's own parser."""
    root = ET.parse(SMALL).getroot()
    return [(int(i.find(WP + "post_id").text), i.find(WP + "post_type").text, i.find(WP + "status").text,
             i.find("link").text, i.find("title").text) for i in root.iter("item")]


def billion_laughs():
    entities = ['<!ENTITY lol "lol">', '<!ENTITY lol1 "%s">' % ("&lol;" * 10)]
    entities += ['<!ENTITY lol%d "%s">' % (n, ("&lol%d;" % (n - 1)) * 10) for n in range(2, 10)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n%s\n]>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">'
            '<channel><item><title>&lol9;</title><wp:post_id>90</wp:post_id><wp:post_type>post</wp:post_type>'
            '<wp:status>publish</wp:status></item></channel></rss>\n' % "\n".join(entities))


XXE = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY file SYSTEM "file:///etc/passwd">'
       '<!ENTITY web SYSTEM "http://127.0.0.1:9/x">]>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
       '<item><title>&file;&web;</title><wp:post_id>91</wp:post_id><wp:post_type>post</wp:post_type>'
       '<wp:status>publish</wp:status></item></channel></rss>\n')


def polylang_export():
    """A Polylang site of our own: an English story that links to its Russian
    translation, which comes later in the file, and a German one (no such edition)."""
    def post(pid, lang, group, category, slug, title, body):
        return ("<item><title>%s</title><link>https://poly.example/%s/%s/</link><content:encoded><![CDATA[%s]]>"
                "</content:encoded><wp:post_id>%d</wp:post_id><wp:post_date_gmt>2024-06-01 09:00:00</wp:post_date_gmt>"
                "<wp:post_name>%s</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                '<category domain="category" nicename="%s"><![CDATA[%s]]></category>'
                '<category domain="language" nicename="%s"><![CDATA[%s]]></category>'
                '<category domain="post_translations" nicename="%s"><![CDATA[%s]]></category></item>\n'
                % (title, lang, slug, body, pid, slug, category, category, lang, lang, group, group))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">'
            "<channel><title>Poly</title><link>https://poly.example</link><wp:wxr_version>1.2</wp:wxr_version>"
            "<wp:base_site_url>https://poly.example</wp:base_site_url>\n"
            '<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>world</wp:category_nicename>'
            "<wp:cat_name><![CDATA[World]]></wp:cat_name></wp:category>\n"
            '<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>mir</wp:category_nicename>'
            "<wp:cat_name><![CDATA[Мир]]></wp:cat_name></wp:category>\n"
            "<wp:term><wp:term_id>10</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>en"
            "</wp:term_slug><wp:term_name>English</wp:term_name></wp:term>\n"
            "<wp:term><wp:term_id>11</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>ru"
            "</wp:term_slug><wp:term_name>Русский</wp:term_name></wp:term>\n"
            "<wp:term><wp:term_id>12</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>de"
            "</wp:term_slug><wp:term_name>Deutsch</wp:term_name></wp:term>\n"
            + post(501, "en", "pll_a", "world", "summit-in-baku", "Summit in Baku",
                   '<p>Read it <a href="https://poly.example/ru/%d1%81%d0%b0%d0%bc%d0%bc%d0%b8%d1%82/">in Russian</a>.</p>')
            + post(502, "ru", "pll_a", "mir", "%d1%81%d0%b0%d0%bc%d0%bc%d0%b8%d1%82", "Саммит в Баку",
                   "<p>Текст.</p>")
            + post(503, "de", "pll_b", "world", "gipfel", "Gipfel in Baku", "<p>Text.</p>")
            + "</channel></rss>\n")


class ImportWordPress(unittest.TestCase):
    """The steps run in their number's order, as a newsroom would: import, import again, edit, import a change."""

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="newsline-import-")
        cls.context = throwaway_stack("import", admin_password=ADMIN_PASSWORD)
        cls.stack = cls.context.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.context.__exit__(None, None, None)
        shutil.rmtree(cls.work, ignore_errors=True)

    def run_import(self, path, *options, kind="wordpress"):
        """(the command's result, the report's lines split on tabs)."""
        report = os.path.join(self.work, os.path.basename(path) + ".report")
        if os.path.exists(report):
            os.unlink(report)
        result = self.stack.newsline("import", kind, path, "--report", report, *options, check=False,
                                     capture_output=True, text=True, timeout=300)
        self.assertGreaterEqual(result.returncode, 0, "killed by a signal: %s" % result.stderr)
        lines = []
        if os.path.exists(report):
            with open(report, encoding="utf-8") as f:
                lines = [line.split("\t") for line in f.read().splitlines()]
        return result, lines

    def sql(self, query):
        return self.stack.admin_sql(query, database="newsline").stdout.strip()

    def imported(self, kind):
        return int(self.sql("SELECT COUNT(*) FROM imported_items WHERE kind = '%s'" % kind))

    def article_of_post(self, post_id):
        return self.sql("SELECT newsline_id FROM imported_items WHERE kind = 'post' AND wp_id = %d" % post_id)

    def get(self, path):
        return http(path, port=self.stack.port)

    def test_01_small_export_imports_with_its_known_counts(self):
        result, lines = self.run_import(SMALL)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.imported("post"), 6)
        statuses = self.sql("SELECT a.status, COUNT(*) FROM articles a JOIN imported_items i ON i.kind = 'post'"
                            " AND i.newsline_id = a.id GROUP BY a.status ORDER BY a.status")
        self.assertEqual(statuses.splitlines(), ["draft\t1", "published\t5"])  # the private post is a draft
        self.assertEqual(self.imported("page"), 4)  # the draft page is skipped: Newsline's pages are all public
        self.assertEqual(self.imported("author"), 3)
        names = self.sql("SELECT name FROM authors WHERE name IN ('admin', 'editor', 'author') ORDER BY name")
        self.assertEqual(names.splitlines(), ["admin", "author", "editor"])
        root = ET.parse(SMALL).getroot()
        slugs = [c.find(WP + "category_nicename").text for c in root.iter(WP + "category")]
        self.assertEqual(len(slugs), 30)
        found = self.sql("SELECT COUNT(*) FROM categories WHERE edition = 'en' AND slug IN (%s)"
                         % ",".join("'%s'" % s for s in slugs))
        self.assertEqual(found, "30")
        self.assertEqual(self.sql("SELECT name FROM categories WHERE edition = 'en' AND slug = 'foo-bar'"), "Foo")
        self.assertEqual(self.sql("SELECT COUNT(*) FROM tags WHERE edition = 'en' AND slug IN ('tag1','tag2','tag3')"),
                         "3")
        outcomes = {}
        for what, outcome, _ in lines:
            outcomes.setdefault(what.split()[0], []).append(outcome)
        self.assertEqual(outcomes["post"].count("imported"), 6)
        self.assertEqual(outcomes["page"].count("imported"), 4)
        self.assertEqual(outcomes["page"].count("skipped"), 1)
        self.assertIn("comments not imported: 1", result.stdout)
        # "Hello world!": its author, date (GMT), section and body as the export has them.
        hello = self.article_of_post(1)
        row = self.sql("SELECT a.title, a.status, DATE_FORMAT(a.published_at, '%%Y-%%m-%%d %%H:%%i:%%s'), c.slug, a.slug"
                       " FROM articles a JOIN categories c ON c.id = a.category_id WHERE a.id = %s" % hello)
        self.assertEqual(row.split("\t"), ["Hello world!", "published", "2011-01-18 07:40:14", "uncategorized",
                                           "hello-world"])
        self.assertEqual(self.sql("SELECT au.name FROM article_authors w JOIN authors au ON au.id = w.author_id"
                                  " WHERE w.article_id = %s" % hello), "author")
        page = self.get("/en/news/uncategorized/%s-hello-world" % hello)
        self.assertEqual(page.status, 200)
        self.assertIn("Welcome to WordPress. This is your first post.", page.body.decode())
        # "Many Categories": its section is the first of its 27 categories.
        many = [i for i in small_export_items() if i[4] == "Many Categories"][0][0]
        first = [c.get("nicename") for i in root.iter("item") if i.find("title").text == "Many Categories"
                 for c in i.findall("category") if c.get("domain") == "category"][0]
        self.assertEqual(self.sql("SELECT c.slug FROM articles a JOIN categories c ON c.id = a.category_id"
                                  " WHERE a.id = %s" % self.article_of_post(many)), first)

    def test_02_a_second_run_adds_nothing(self):
        before = self.sql("SELECT COUNT(*) FROM articles"), self.sql("SELECT COUNT(*) FROM pages"), \
            self.sql("SELECT COUNT(*) FROM tags"), self.sql("SELECT COUNT(*) FROM authors"), \
            self.sql("SELECT COUNT(*) FROM categories")
        result, lines = self.run_import(SMALL)
        self.assertEqual(result.returncode, 0, result.stderr)
        after = self.sql("SELECT COUNT(*) FROM articles"), self.sql("SELECT COUNT(*) FROM pages"), \
            self.sql("SELECT COUNT(*) FROM tags"), self.sql("SELECT COUNT(*) FROM authors"), \
            self.sql("SELECT COUNT(*) FROM categories")
        self.assertEqual(before, after)
        items = [(what, outcome) for what, outcome, _ in lines if what.split()[0] in ("post", "page")]
        self.assertEqual(sum(1 for _, o in items if o == "unchanged"), 10, items)

    def test_03_old_addresses_answer_301_to_a_page(self):
        hello = self.article_of_post(1)
        addresses = [re.sub(r"^https?://[^/]+", "", link) for pid, kind, status, link, _ in small_export_items()
                     if status == "publish"]
        private = [pid for pid, kind, status, link, _ in small_export_items() if status == "private"][0]
        addresses += ["/?p=1", "/?p=1&utm_source=mail", "/category/bar/foo-bar/", "/category/bar/foo-bar/feed/",
                      "/tag/tag1/", "/author/editor/", "/feed/"]
        deadline = time.time() + 10  # each worker reads the old addresses after its next content poll
        for address in addresses:
            r = self.get(address)
            while r.status != 301 and time.time() < deadline:
                time.sleep(0.1)
                r = self.get(address)
            self.assertEqual(r.status, 301, address)
            target = r.header("Location")
            self.assertTrue(target.startswith("/") or "127.0.0.1" in target, target)
            landed = self.get(re.sub(r"^https?://[^/]+", "", target))
            self.assertEqual(landed.status, 200, (address, target))
        self.assertTrue(self.get("/?p=1").header("Location").endswith("/%s-hello-world" % hello))
        # The check a newsroom runs before switching: every address listed leads to a page.
        listed = os.path.join(self.work, "old-addresses.txt")
        with open(listed, "w") as f:
            f.write("# from the old sitemap\n" + "\n".join("http://localhost" + a for a in addresses) + "\n")
        site = "http://127.0.0.1:%d" % self.stack.port
        checked = self.stack.newsline("check-redirects", listed, "--site", site, check=False, capture_output=True,
                                      text=True, timeout=60)
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
        self.assertIn("%d addresses: %d lead to a page, 0 do not" % (len(addresses), len(addresses)), checked.stdout)
        with open(listed, "a") as f:
            f.write("http://localhost/2011/01/never-was-a-post/\n")
        checked = self.stack.newsline("check-redirects", listed, "--site", site, check=False, capture_output=True,
                                      text=True, timeout=60)
        self.assertEqual(checked.returncode, 1)
        self.assertIn("http://localhost/2011/01/never-was-a-post/\tanswered 404, not 301", checked.stdout)
        self.assertEqual(self.get("/no/such/old/address/").status, 404)
        self.assertEqual(self.get("/?p=%d" % private).status, 302)  # a draft now: no way to it from outside
        self.assertEqual(self.get("/?p=999999").status, 302)  # the front door (to the edition), not an old address

    def test_04_an_article_changed_here_is_kept_and_a_change_there_arrives(self):
        hello, sample = self.article_of_post(1), None
        self.sql("UPDATE articles SET title = 'Edited in Newsline', revision = revision + 1 WHERE id = %s" % hello)
        with open(SMALL, encoding="utf-8") as f:
            text = f.read()
        changed = text.replace("<title>Hello world!</title>", "<title>Hello from WordPress again</title>")
        changed = changed.replace("<title>Many Categories</title>", "<title>Many Categories, renamed</title>")
        path = os.path.join(self.work, "small-export-changed.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(changed)
        result, lines = self.run_import(path)
        self.assertEqual(result.returncode, 0, result.stderr)
        by_item = {what: (outcome, detail) for what, outcome, detail in lines}
        self.assertEqual(by_item["post 1"][0], "conflict", by_item["post 1"])
        self.assertEqual(self.sql("SELECT title FROM articles WHERE id = %s" % hello), "Edited in Newsline")
        many = [i for i in small_export_items() if i[4] == "Many Categories"][0][0]
        self.assertEqual(by_item["post %d" % many][0], "updated")
        self.assertEqual(self.sql("SELECT title FROM articles WHERE id = %s" % self.article_of_post(many)),
                         "Many Categories, renamed")
        self.assertEqual(self.imported("post"), 6)  # still no duplicate

    def test_05_hostile_and_malformed_files_are_refused_with_nothing_imported(self):
        before = self.sql("SELECT COUNT(*) FROM imported_items")
        for name, text in (("laughs.xml", billion_laughs()), ("xxe.xml", XXE)):
            path = os.path.join(self.work, name)
            with open(path, "w") as f:
                f.write(text)
            started = time.time()
            result, lines = self.run_import(path)
            self.assertLess(time.time() - started, 5)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn("refused", result.stderr)
            self.assertNotIn("root:", result.stdout + result.stderr)
        result, _ = self.run_import(os.path.join(WXR_DIR, "malformed-simple.xml"))
        self.assertNotEqual(result.returncode, 0)
        self.assertRegex(result.stderr, r"malformed XML at line \d+, column \d+")
        self.assertEqual(self.sql("SELECT COUNT(*) FROM imported_items"), before)

    def test_06_editors_add_search_and_remove_redirects(self):
        editor = Client("http://127.0.0.1:%d" % self.stack.port)
        self.assertEqual(editor.login().status, 303)
        page = editor.get("/admin/redirects?q=/category/bar/")
        self.assertEqual(page.status, 200)
        self.assertIn("/category/bar/foo-bar", page.text)
        self.assertNotIn("/category/alpha", page.text)
        hello = self.article_of_post(1)
        target = "/en/news/uncategorized/%s-hello-world" % hello
        added = editor.post("/admin/redirects", {"old": "https://old.example/Spring-Campaign/", "target": target},
                            from_page=page)
        self.assertEqual(added.status, 303)
        deadline = time.time() + 10
        r = self.get("/spring-campaign")
        while r.status != 301 and time.time() < deadline:
            time.sleep(0.1)
            r = self.get("/spring-campaign")
        self.assertEqual((r.status, r.header("Location")), (301, target))
        self.assertIn("redirect_add", self.sql("SELECT action FROM audit_log WHERE target = 'redirect /spring-campaign'"))
        for old, to in (("/en/news", target), ("/x", "https://evil.example/"), ("", target), ("/y", "//evil.example")):
            refused = editor.post("/admin/redirects", {"old": old, "target": to}, from_page=page)
            self.assertEqual(refused.status, 422, (old, to))
        removed = editor.post("/admin/redirects/delete", {"old": "/spring-campaign"}, from_page=page)
        self.assertEqual(removed.status, 303)
        r = self.get("/spring-campaign")
        while r.status != 404 and time.time() < deadline:
            time.sleep(0.1)
            r = self.get("/spring-campaign")
        self.assertEqual(r.status, 404)
        self.assertEqual(editor.post("/admin/redirects/delete", {"old": "/spring-campaign"}, from_page=page).status,
                         404)

    def test_07_polylang_languages_make_editions_and_translations(self):
        path = os.path.join(self.work, "polylang.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(polylang_export())
        result, lines = self.run_import(path)
        self.assertEqual(result.returncode, 0, result.stderr)
        source = "https://poly.example"

        def article(pid):
            return self.sql("SELECT a.id, a.edition, c.slug, a.slug FROM imported_items i JOIN articles a ON"
                            " a.id = i.newsline_id JOIN categories c ON c.id = a.category_id WHERE i.source = '%s'"
                            " AND i.kind = 'post' AND i.wp_id = %d" % (source, pid)).split("\t")
        en, ru, de = article(501), article(502), article(503)
        self.assertEqual(en[1:], ["en", "world", "summit-in-baku"])
        self.assertEqual(ru[1:], ["ru", "mir", "sammit"])
        self.assertEqual(de[1], "en")  # no German edition: the site's own
        self.assertEqual(self.sql("SELECT COUNT(*) FROM categories WHERE edition = 'ru' AND slug = 'world'"), "0")
        en_page = self.get("/en/news/world/%s-summit-in-baku" % en[0]).body.decode()
        self.assertIn('hreflang="ru" href="http://', en_page)  # linked as translations
        # The link to the Russian story, which came later in the file, points at its new address.
        self.assertIn('href="/ru/news/mir/%s-sammit"' % ru[0], en_page)
        self.assertIn(["post 501", "links", "pointed at the stories' new addresses"], lines)

    def test_08_a_cut_file_imports_what_is_whole_and_a_second_run_goes_on(self):
        with open(SMALL, encoding="utf-8") as f:
            whole = f.read().replace("http://localhost/", "http://cut.example/")
        cut_at = whole.index("<item>", whole.index("<title>Parent Page</title>")) + 200
        paths = [os.path.join(self.work, name) for name in ("cut.xml", "whole.xml")]
        for path, text in zip(paths, (whole[:cut_at], whole)):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        imported = lambda: int(self.sql("SELECT COUNT(*) FROM imported_items WHERE source = 'http://cut.example'"
                                        " AND kind IN ('post', 'page')"))
        result, lines = self.run_import(paths[0])
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr, r"malformed XML at line \d+, column \d+")
        before = imported()
        self.assertEqual(before, 4)  # the items before the cut, each whole: hello, sample, child and parent pages
        result, lines = self.run_import(paths[1])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sum(1 for _, outcome, _ in lines if outcome == "unchanged"), before)
        self.assertEqual(imported(), 10)

    def test_09_a_dry_run_reports_and_writes_nothing(self):
        with open(SMALL, encoding="utf-8") as f:
            text = f.read().replace("http://localhost/", "http://dry.example/")
        path = os.path.join(self.work, "dry.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        counts = lambda: [self.sql("SELECT COUNT(*) FROM %s" % t) for t in ("articles", "pages", "imported_items",
                                                                         "redirects", "audit_log")]
        before = counts()
        result, lines = self.run_import(path, "--dry-run")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith("dry run: "), result.stdout)
        self.assertEqual(sum(1 for what, outcome, _ in lines if what.startswith("post ") and outcome == "would import"),
                         6)
        self.assertEqual(counts(), before)

    def test_10_a_date_without_its_gmt_twin_is_read_in_the_old_sites_zone(self):
        export = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                  'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                  'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Zone</title>'
                  "<wp:base_site_url>https://zone.example</wp:base_site_url>"
                  "<item><title>Local time</title><link>https://zone.example/local-time/</link>"
                  "<content:encoded><![CDATA[Text.]]></content:encoded><wp:post_id>601</wp:post_id>"
                  "<wp:post_date>2024-06-01 12:00:00</wp:post_date><wp:post_date_gmt>0000-00-00 00:00:00"
                  "</wp:post_date_gmt><wp:post_name>local-time</wp:post_name><wp:status>publish</wp:status>"
                  "<wp:post_type>post</wp:post_type></item></channel></rss>\n")
        path = os.path.join(self.work, "zone.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(export)
        result, _ = self.run_import(path, "--time-zone", "Asia/Baku")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.sql("SELECT DATE_FORMAT(a.published_at, '%Y-%m-%d %H:%i') FROM articles a JOIN"
                                  " imported_items i ON i.newsline_id = a.id WHERE i.source = 'https://zone.example'"
                                  " AND i.kind = 'post' AND i.wp_id = 601"), "2024-06-01 08:00")  # Baku is UTC+4
        result, _ = self.run_import(path, "--time-zone", "Mars/Olympus")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown time zone", result.stderr)

    def test_11_check_redirects_reads_an_old_sitemap(self):
        locs = [link for pid, kind, status, link, _ in small_export_items() if status == "publish"]
        sitemap = os.path.join(self.work, "post-sitemap.xml")
        with open(sitemap, "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    + "".join("<url><loc>%s</loc></url>" % html.escape(l) for l in locs) + "</urlset>\n")
        checked = self.stack.newsline("check-redirects", sitemap, "--site", "http://127.0.0.1:%d" % self.stack.port,
                                      check=False, capture_output=True, text=True, timeout=60)
        self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
        self.assertIn("%d addresses: %d lead to a page, 0 do not" % (len(locs), len(locs)), checked.stdout)

    def test_12_every_shared_export_imports_or_is_refused_with_a_message(self):
        for name in sorted(os.listdir(WXR_DIR)):
            if not name.endswith(".xml"):
                continue
            result, lines = self.run_import(os.path.join(WXR_DIR, name))
            if result.returncode != 0:
                self.assertIn("newsline: ", result.stderr, name)
            self.assertNotIn("Traceback", result.stderr)
            self.assertIn(result.returncode, (0, 1, 2), (name, result.stderr))


if __name__ == "__main__":
    unittest.main()


def export_with_photos(host):
    """A WordPress export of our own whose posts show photos of its uploads
    folder: a lead photo, a captioned one (named by a resized file), a gallery
    of the post's own attachments (a [gallery] that names none),
    a missing one, a decompression bomb and a polyglot; and a Cyrillic slug."""
    base = "http://%s" % host
    uploads = base + "/wp-content/uploads/2024/05/"

    def attachment(pid, name, alt="", caption="", credit="", parent=0):
        meta = "<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2024/05/%s</wp:meta_value>" \
               "</wp:postmeta>" % name
        if alt:
            meta += "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[%s]]>" \
                    "</wp:meta_value></wp:postmeta>" % alt
        if credit:
            meta += "<wp:postmeta><wp:meta_key>_media_credit</wp:meta_key><wp:meta_value><![CDATA[%s]]>" \
                    "</wp:meta_value></wp:postmeta>" % credit
        return ("<item><title>%s</title><link>%s/?attachment_id=%d</link><wp:post_id>%d</wp:post_id>"
                "<excerpt:encoded><![CDATA[%s]]></excerpt:encoded><wp:post_type>attachment</wp:post_type>"
                "<wp:status>inherit</wp:status><wp:post_parent>%d</wp:post_parent>"
                "<wp:attachment_url>%s%s</wp:attachment_url>%s</item>\n"
                % (name, base, pid, pid, caption, parent, uploads, name, meta))

    def post(pid, slug, title, body, thumbnail=None):
        meta = ("<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>%d</wp:meta_value>"
                "</wp:postmeta>" % thumbnail) if thumbnail else ""
        return ("<item><title>%s</title><link>%s/2024/05/20/%s/</link><dc:creator>aysel</dc:creator>"
                "<content:encoded><![CDATA[%s]]></content:encoded><wp:post_id>%d</wp:post_id>"
                "<wp:post_date_gmt>2024-05-20 08:00:00</wp:post_date_gmt><wp:post_name>%s</wp:post_name>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                '<category domain="category" nicename="photos"><![CDATA[Photos]]></category>%s</item>\n'
                % (title, base, slug, body, pid, slug, meta))

    body = ('Before the photo.\n\n[caption id="attachment_101" width="300"]<a href="%sstreet.png"><img '
            'class="size-medium wp-image-101" src="%sstreet-300x200.png" alt="Street in the body"></a> '
            'Evening in Baku[/caption]\n\n[gallery columns="2"]\n\nGone: <img src="%smissing.png" alt="gone">'
            % (uploads, uploads, uploads))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Photos</title><link>%s</link>'
            '<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>%s</wp:base_site_url>\n'
            '<wp:author><wp:author_id>7</wp:author_id><wp:author_login>aysel</wp:author_login>'
            '<wp:author_display_name><![CDATA[Aysel Məmmədova]]></wp:author_display_name></wp:author>\n'
            % (base, base)
            + attachment(101, "street.png", alt="A street in Baku at dusk", caption="Evening in the old town",
                         credit="Rauf Aliyev")
            + attachment(105, "one.png", alt="First of the gallery", parent=201) + attachment(106, "two.png", parent=201)
            + attachment(102, "bomb.png", alt="bomb") + attachment(103, "poly.png", alt="poly")
            + attachment(104, "missing.png", alt="missing")
            + post(201, "%d1%88%d0%b5%d0%ba%d0%b8-evening", "Şəki evening", body, thumbnail=101)
            + post(202, "hostile-photos", "Hostile photos",
                   '<img class="wp-image-102" src="%sbomb.png"> <img class="wp-image-103" src="%spoly.png">'
                   % (uploads, uploads))
            + "</channel></rss>\n")


class ImportPhotos(unittest.TestCase):
    """Photos from a copy of wp-content/uploads and from the old site (a local
    nginx on 127.0.0.1 standing for it), through the upload's own checks."""

    @classmethod
    def setUpClass(cls):
        from integration.test_photos import png, png_bomb
        cls.work = tempfile.mkdtemp(prefix="newsline-import-photos-")
        os.chmod(cls.work, 0o755)
        cls.uploads = os.path.join(cls.work, "uploads")
        folder = os.path.join(cls.uploads, "2024", "05")
        os.makedirs(folder)
        for name, data in (("street.png", png(320, 200, lambda y: b"\0" + bytes((x + y) % 256 for x in range(320)))),
                           ("one.png", png(200, 150, lambda y: b"\0" + bytes((x * y) % 256 for x in range(200)))),
                           ("two.png", png(150, 200, lambda y: b"\0" + bytes((x ^ y) % 256 for x in range(150)))),
                           ("bomb.png", png_bomb()),
                           ("poly.png", png(64, 48) + b"<html><script>alert(document.cookie)</script></html>")):
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        for root, dirs, files in os.walk(cls.work):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
            for name in files:
                os.chmod(os.path.join(root, name), 0o644)
        from stack import free_port
        cls.old_port = free_port()
        old_site = ("  server {\n    listen 127.0.0.1:%d;\n    location /wp-content/uploads/ {\n      alias %s/;\n"
                    "    }\n  }\n" % (cls.old_port, cls.uploads))
        cls.context = throwaway_stack("import-photos", admin_password=ADMIN_PASSWORD, extra_http=old_site)
        cls.stack = cls.context.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.context.__exit__(None, None, None)
        shutil.rmtree(cls.work, ignore_errors=True)

    run_import = ImportWordPress.run_import
    sql = ImportWordPress.sql

    def get(self, path):
        return http(path, port=self.stack.port)

    def check_photos(self, lines):
        by_item = {what: (outcome, detail) for what, outcome, detail in lines}
        for pid in (101, 105, 106):
            self.assertEqual(by_item["attachment %d" % pid][0], "imported", by_item)
        self.assertEqual(by_item["attachment 102"][0], "refused")  # the bomb: too many pixels
        self.assertEqual(by_item["attachment 103"][0], "refused")  # the polyglot
        self.assertEqual(by_item["attachment 104"][0], "failed")   # not in the folder
        self.assertIn("no alt text", by_item["attachment 106"][1])
        article = self.sql("SELECT newsline_id FROM imported_items WHERE kind = 'post' AND wp_id = 201")
        street = self.sql("SELECT newsline_id FROM imported_items WHERE kind = 'attachment' AND wp_id = 101")
        self.assertEqual(self.sql("SELECT lead_media_id FROM articles WHERE id = %s" % article), street)
        self.assertEqual(self.sql("SELECT alt, caption, credit FROM media WHERE id = %s" % street).split("\t"),
                         ["A street in Baku at dusk", "Evening in the old town", "Rauf Aliyev"])
        body = self.sql("SELECT body FROM article_bodies WHERE article_id = %s" % article)
        self.assertEqual(body.count("](media:"), 3, body)  # the captioned photo and the gallery's two
        self.assertEqual(self.sql("SELECT slug FROM articles WHERE id = %s" % article), "sheki-evening")
        return article, street

    def test_01_from_a_copy_of_the_uploads_folder(self):
        path = os.path.join(self.work, "photos.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(export_with_photos("127.0.0.1:%d" % self.old_port))
        result, lines = self.run_import(path, "--uploads", self.uploads)
        self.assertEqual(result.returncode, 0, result.stderr)
        article, street = self.check_photos(lines)
        page = self.get("/en/news/photos/%s-sheki-evening" % article)
        self.assertEqual(page.status, 200)
        text = page.body.decode()
        self.assertIn("Evening in the old town", text)
        self.assertEqual(len(re.findall(r'<figure', text)), 4, text)  # the lead photo and three in the body
        # The old addresses of the post, the photo's file (a resized name too) and its attachment page.
        deadline = time.time() + 10
        for old in ("/2024/05/20/%d1%88%d0%b5%d0%ba%d0%b8-evening/", "/wp-content/uploads/2024/05/street.png",
                    "/wp-content/uploads/2024/05/street-300x200.png", "/?attachment_id=101"):
            r = self.get(old)
            while r.status != 301 and time.time() < deadline:
                time.sleep(0.1)
                r = self.get(old)
            self.assertEqual(r.status, 301, old)
            self.assertEqual(self.get(r.header("Location")).status, 200, (old, r.header("Location")))
        # Again: nothing new.
        result, lines = self.run_import(path, "--uploads", self.uploads)
        self.assertEqual(self.sql("SELECT COUNT(*) FROM media WHERE alt = 'A street in Baku at dusk'"), "1")
        self.assertIn(["attachment 101", "unchanged", "photo %s" % street], lines)

    def test_03_a_path_that_leaves_the_uploads_folder_is_refused(self):
        export = export_with_photos("127.0.0.1:%d" % self.old_port).replace("<wp:post_id>105</wp:post_id>",
                                                                            "<wp:post_id>305</wp:post_id>")
        export = export.replace("2024/05/one.png</wp:meta_value>", "../../../../etc/passwd</wp:meta_value>")
        path = os.path.join(self.work, "escape.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(export)
        result, lines = self.run_import(path, "--uploads", self.uploads)
        by_item = {what: (outcome, detail) for what, outcome, detail in lines}
        self.assertEqual(by_item["attachment 305"][0], "failed", by_item)
        self.assertIn("not a path inside the uploads folder", by_item["attachment 305"][1])

    def test_04_fetched_from_the_old_site_a_few_at_a_time(self):
        export = export_with_photos("127.0.0.1:%d" % self.old_port).replace("<title>Photos</title>",
                                                                            "<title>Photos again</title>")
        self.sql("DELETE FROM imported_items")  # as on a fresh site: every photo fetched
        path = os.path.join(self.work, "fetch.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(export)
        result, lines = self.run_import(path, "--fetch")
        self.assertEqual(result.returncode, 0, result.stderr)
        by_item = {what: (outcome, detail) for what, outcome, detail in lines}
        self.assertEqual(by_item["attachment 101"][0], "imported", by_item)
        self.assertEqual(by_item["attachment 104"][0], "failed")
        self.assertIn("answered 404", by_item["attachment 104"][1])
        # Another host is not asked unless --allow-host names it.
        other = export.replace("http://127.0.0.1:%d/wp-content" % self.old_port, "http://127.0.0.2:%d/wp-content"
                               % self.old_port)
        self.sql("DELETE FROM imported_items")
        with open(path, "w", encoding="utf-8") as f:
            f.write(other)
        result, lines = self.run_import(path, "--fetch")
        by_item = {what: (outcome, detail) for what, outcome, detail in lines}
        self.assertIn("not allowed", by_item["attachment 101"][1])

    def test_02_an_imported_story_with_its_photos_in_chromium(self):
        from browser.chromium import Chromium
        from stackfixture import OUT
        article = self.sql("SELECT newsline_id FROM imported_items WHERE kind = 'post' AND wp_id = 201")
        browser = Chromium(width=1280, height=1400)
        try:
            browser.open("http://127.0.0.1:%d/en/news/photos/%s-sheki-evening" % (self.stack.port, article))
            deadline = time.time() + 10
            while time.time() < deadline and browser.evaluate(
                    "[...document.images].some(i => !i.complete || i.naturalWidth == 0)"):
                browser.evaluate("window.scrollBy(0, 400)")
                time.sleep(0.1)
            os.makedirs(OUT, exist_ok=True)
            browser.screenshot(os.path.join(OUT, "imported-article-desktop.png"))
            shown = browser.evaluate("[...document.querySelectorAll('main img')].filter(i => i.naturalWidth > 0).length")
            self.assertEqual(shown, 4)  # the lead photo, the captioned one and the gallery's two
            captions = browser.evaluate("[...document.querySelectorAll('main figcaption')].map(f => f.innerText)")
            self.assertTrue(any("Evening in the old town" in c for c in captions), captions)
            self.assertTrue(any("Rauf Aliyev" in c for c in captions), captions)
        finally:
            browser.close()

    def test_05_a_json_lines_file_from_another_system(self):
        import json
        uploads = "http://127.0.0.1:%d/wp-content/uploads/2024/05/" % self.old_port
        lines = [
            {"id": "cms-77", "edition": "ru", "section": "obshchestvo", "section_name": "Общество",
             "title": "Фестиваль в Шеки", "lead": "Город готовится к фестивалю.",
             "body_markdown": "Первый абзац.\n\n![Улица](%sstreet.png)\n\nВторой абзац." % uploads,
             "authors": ["Rauf Aliyev", "Aysel Məmmədova"], "tags": ["Шеки", "фестиваль"],
             "published_at": "2024-05-21T10:00:00+04:00", "updated_at": "2024-05-22T09:30:00Z",
             "photos": [{"url": uploads + "street.png", "alt": "A street", "caption": "Evening"},
                        {"path": "2024/05/one.png", "alt": "A gallery photo", "lead": True}],
             "old_urls": ["https://cms.example/society/77.html", "https://cms.example/a/77"]},
            {"id": 78, "section": "news", "title": "A story in HTML", "body_html": "<p>Hello <b>there</b></p>",
             "published_at": "2024-05-21T11:00:00Z", "status": "draft"},
            "this line is not JSON",
            {"id": "cms-79", "title": "No time"},
        ]
        path = os.path.join(self.work, "articles.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for line in lines:
                f.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n")
        result, report = self.run_import(path, "--uploads", self.uploads, "--source", "cms.example", kind="jsonl")
        self.assertEqual(result.returncode, 0, result.stderr)
        by_item = {what: (outcome, detail) for what, outcome, detail in report}
        self.assertEqual(by_item["line 3"][0], "refused")
        self.assertIn("not JSON", by_item["line 3"][1])
        self.assertIn("published_at", by_item["line 4"][1])
        row = self.sql("SELECT a.id, a.edition, c.slug, a.slug, a.status, a.lead_media_id IS NOT NULL,"
                       " DATE_FORMAT(a.published_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(a.updated_at, '%Y-%m-%d %H:%i')"
                       " FROM imported_items i JOIN articles a ON a.id = i.newsline_id JOIN categories c ON"
                       " c.id = a.category_id WHERE i.source = 'cms.example' AND i.guid = 'cms-77'").split("\t")
        self.assertEqual(row[1:], ["ru", "obshchestvo", "festival-v-sheki", "published", "1", "2024-05-21 06:00",
                                   "2024-05-22 09:30"])
        body = self.sql("SELECT body FROM article_bodies WHERE article_id = %s" % row[0])
        self.assertRegex(body, r"!\[Улица\]\(media:\d+\)")
        self.assertEqual(self.sql("SELECT GROUP_CONCAT(au.name ORDER BY w.position SEPARATOR '|') FROM article_authors w"
                                  " JOIN authors au ON au.id = w.author_id WHERE w.article_id = %s" % row[0]),
                         "Rauf Aliyev|Aysel Məmmədova")
        self.assertEqual(self.sql("SELECT status FROM articles a JOIN imported_items i ON i.newsline_id = a.id"
                                  " WHERE i.source = 'cms.example' AND i.guid = '78'"), "draft")
        deadline = time.time() + 10
        for old in ("/society/77.html", "/a/77"):
            r = self.get(old)
            while r.status != 301 and time.time() < deadline:
                time.sleep(0.1)
                r = self.get(old)
            self.assertEqual(r.status, 301, old)
            self.assertEqual(self.get(r.header("Location")).status, 200)
        # Again: the same articles, nothing new.
        result, report = self.run_import(path, "--uploads", self.uploads, "--source", "cms.example", kind="jsonl")
        self.assertEqual(sum(1 for what, outcome, _ in report if what.startswith("post") and outcome == "unchanged"), 2)
