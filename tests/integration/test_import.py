"""`newsline import wordpress` on WordPress's own test exports (../shared/wxr,
written by WordPress's importer authors, not by us), into a site of its own:
the export's known counts, a second run that adds nothing, an article an
editor changed here kept, every old address a 301 to a page, hostile and
malformed files refused with nothing imported, and every shared file either
imported or refused with a message."""
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

from stackfixture import ADMIN_PASSWORD, REPO, http  # (it puts scripts/ on the path)
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

    def run_import(self, path, *options):
        """(the command's result, the report's lines split on tabs)."""
        report = os.path.join(self.work, os.path.basename(path) + ".report")
        if os.path.exists(report):
            os.unlink(report)
        result = self.stack.newsline("import", "wordpress", path, "--report", report, *options, check=False,
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

    def test_1_small_export_imports_with_its_known_counts(self):
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

    def test_2_a_second_run_adds_nothing(self):
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

    def test_3_old_addresses_answer_301_to_a_page(self):
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
        self.assertEqual(self.get("/no/such/old/address/").status, 404)
        self.assertEqual(self.get("/?p=%d" % private).status, 302)  # a draft now: no way to it from outside
        self.assertEqual(self.get("/?p=999999").status, 302)  # the front door (to the edition), not an old address

    def test_4_an_article_changed_here_is_kept_and_a_change_there_arrives(self):
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

    def test_5_hostile_and_malformed_files_are_refused_with_nothing_imported(self):
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

    def test_6_every_shared_export_imports_or_is_refused_with_a_message(self):
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
