"""Caching that is never wrong for more than a second, HTTP validators, and
queries that stay flat as the data grows."""
import os
import re
import subprocess
import time
import unittest

from stackfixture import OUT, Client, http, pages_never_asked_for, sql, sql_change, stack, within_a_second
from integration.test_admin import admin, create_article, edit_form_fields, public_article_url
from integration.test_site import newsline_items

SEED_PATH = "/en/news/country/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation"


def newsline_titles(page):
    return [title for title, _ in newsline_items(page)]


def com_stmt_execute():
    out = sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'")
    return int(out.split()[1])


class Freshness(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        stack()

    def setUp(self):
        sql("DELETE FROM login_throttle")
        self.max_article_id = int(sql("SELECT MAX(id) FROM articles").strip())

    def tearDown(self):
        sql_change("DELETE FROM articles WHERE id > %d" % self.max_article_id)

    def warm(self, path, n=30):
        for _ in range(n):  # enough requests to reach every worker process and thread
            self.assertEqual(http(path).status, 200)

    def test_every_worker_shows_a_publish_within_a_second(self):
        self.warm("/en/")
        self.warm("/en/news")
        c = admin()
        aid = create_article(c, "Fresh within a second")
        fields = edit_form_fields(c.get("/admin/articles/%d" % aid))
        fields["action"] = "publish"
        self.assertEqual(c.request("/admin/articles/%d" % aid, "POST", fields).status, 303)
        published = time.monotonic()
        for path in ("/en/", "/en/news"):
            # Twenty answers in a row, from whichever workers nginx picks, all show it.
            within_a_second(lambda: "Fresh within a second" in http(path).text,
                            "the publish on every worker (%s)" % path, in_a_row=20)
        self.assertLess(time.monotonic() - published, 2.0)

    def test_unpublish_and_edits_leave_the_caches_too(self):
        c = admin()
        aid = create_article(c, "Soon unpublished", action="publish")
        url = public_article_url(aid)
        within_a_second(lambda: http(url).status == 200, "the publish")
        self.warm(url)
        fields = edit_form_fields(c.get("/admin/articles/%d" % aid))
        fields["title"] = "Edited title"
        c.request("/admin/articles/%d" % aid, "POST", fields)
        within_a_second(lambda: "Edited title" in http(url).text, "the edit", in_a_row=20)
        fields = edit_form_fields(c.get("/admin/articles/%d" % aid))
        fields["action"] = "unpublish"
        c.request("/admin/articles/%d" % aid, "POST", fields)
        within_a_second(lambda: http(url).status == 404, "the unpublish", in_a_row=20)

    def test_a_draft_saved_again_and_again_leaves_the_caches_alone(self):
        # Editors save drafts all day: readers see none of it, so no worker lets go of its pages.
        c = admin()
        aid = create_article(c, "A draft in the works")
        version = lambda: sql("SELECT version FROM content_version WHERE id = 1").strip()
        before = version()
        for n in range(3):
            fields = edit_form_fields(c.get("/admin/articles/%d" % aid))
            fields["body"] = "Paragraph %d of a draft." % n
            self.assertEqual(c.request("/admin/articles/%d" % aid, "POST", fields).status, 303)
        self.assertEqual(version(), before)
        # Published, then saved as a draft again: both changes reach readers.
        fields = edit_form_fields(c.get("/admin/articles/%d" % aid))
        fields["action"] = "publish"
        self.assertEqual(c.request("/admin/articles/%d" % aid, "POST", fields).status, 303)
        published = version()
        self.assertNotEqual(published, before)
        fields = edit_form_fields(c.get("/admin/articles/%d" % aid))
        fields["action"] = "unpublish"
        self.assertEqual(c.request("/admin/articles/%d" % aid, "POST", fields).status, 303)
        self.assertNotEqual(version(), published)

    def test_pages_not_cached_yet_take_a_news_line_no_older_than_a_publish(self):
        # A page the worker has not cached (here: a new query string each time) takes
        # the news line the worker keeps rendered; that copy must follow a publish too.
        self.warm(SEED_PATH)
        pages = pages_never_asked_for(400)
        c = admin()
        create_article(c, "The kept news line follows", action="publish")

        def uncached_page_shows_it():
            return "The kept news line follows" in newsline_titles(http(next(pages)).text)
        within_a_second(uncached_page_shows_it, "the publish in the kept news line", in_a_row=20)
        self.assertNotIn("The kept news line follows", newsline_titles(http("/az/").text))  # its own edition's

    def test_scheduled_time_ends_cached_pages_by_itself(self):
        self.warm("/en/")
        sql_change("INSERT INTO articles (edition, category_id, slug, title, status, published_at) "
                   "VALUES ('en', 1, 'due-soon', 'Due in three seconds', 'published', "
                   "UTC_TIMESTAMP() + INTERVAL 3 SECOND)")
        due = time.monotonic() + 3
        time.sleep(1.2)  # the workers have seen the change; the article is not due yet
        self.assertNotIn("Due in three seconds", http("/en/").text)
        self.warm("/en/")  # cached again, without it
        time.sleep(max(0, due - time.monotonic()))
        within_a_second(lambda: "Due in three seconds" in http("/en/").text,
                        "the scheduled article when its time came", in_a_row=20)

    def test_a_category_rename_reaches_every_page_within_a_second(self):
        # The workers name categories from a catalogue they reread when the content version moves on.
        self.warm(SEED_PATH)
        old = sql("SELECT name FROM categories WHERE id = 1 AND slug = 'country'").strip()
        self.assertTrue(old)
        sql_change("UPDATE categories SET name = 'Regions & Country' WHERE id = 1")
        try:
            within_a_second(lambda: 'class="category" href="/en/news/country">Regions &amp; Country</a>'
                                    in http(SEED_PATH).text, "the category's new name", in_a_row=20)
        finally:
            sql_change("UPDATE categories SET name = '%s' WHERE id = 1" % old.replace("'", "''"))

    def test_a_category_the_workers_have_not_read_yet_is_named(self):
        # A writer that does not bump the version: the workers' catalogues miss the
        # new category, so the pages read it from the database instead.
        for i in range(30):  # every worker renders a page, so it holds a catalogue
            self.assertEqual(http("/en/news?warm=%d" % i).status, 200)
        sql("INSERT INTO categories (edition, slug, name, position) VALUES ('en', 'unseen', 'Unseen desk', 99)")
        try:
            sql("INSERT INTO articles (edition, category_id, slug, title, status, published_at) "
                "SELECT 'en', id, 'in-an-unseen-desk', 'In an unseen desk', 'published', UTC_TIMESTAMP() "
                "FROM categories WHERE slug = 'unseen'")
            aid = int(sql("SELECT id FROM articles WHERE slug = 'in-an-unseen-desk'").strip())
            r = http("/en/news/unseen/%d-in-an-unseen-desk" % aid)
            self.assertEqual(r.status, 200)
            self.assertIn('<a class="category" href="/en/news/unseen">Unseen desk</a>', r.text)
            r = http("/en/news/unseen")
            self.assertEqual(r.status, 200)
            self.assertIn("In an unseen desk", r.text)
            self.assertEqual(http("/en/news/never-was").status, 404)
        finally:
            sql_change("DELETE FROM articles WHERE slug = 'in-an-unseen-desk'")
            sql_change("DELETE FROM categories WHERE slug = 'unseen'")

    def test_a_cached_page_costs_no_database_round_trip(self):
        self.warm(SEED_PATH)
        before = com_stmt_execute()
        start = time.monotonic()
        for _ in range(200):
            self.assertEqual(http(SEED_PATH).status, 200)
        elapsed = time.monotonic() - start
        queries = com_stmt_execute() - before
        # Only the workers' version polls run meanwhile (2 processes, 4 a second).
        self.assertLessEqual(queries, 8 * (elapsed + 1), "%d statements for 200 cached requests" % queries)

    def test_editors_always_get_fresh_pages(self):
        pages = pages_never_asked_for(10)
        self.warm("/en/")
        self.warm(SEED_PATH)
        editor = Client()
        editor.login()
        self.assertEqual(editor.cookie("nl_editor").path, "/")  # logging in sets it for the whole site
        # A writer that does not bump the version: readers keep the cached copy,
        # and pages not cached yet the news line each worker keeps rendered...
        sql("UPDATE articles SET title = 'Quietly changed' WHERE id = 42")
        try:
            self.assertNotIn("Quietly changed", http("/en/").text)
            for page in pages:
                self.assertNotIn("Quietly changed", newsline_titles(http(page).text))
            # ...and so does anyone who made up an editor cookie...
            real = editor.cookie("nl_editor").value
            altered = real[:-1] + ("B" if real[-1] == "A" else "A")  # one character off (never the real one)
            for forged in ("1", "x", altered, "9999999999.1.abc"):
                r = http("/en/", headers={"Cookie": "nl_editor=" + forged})
                self.assertNotIn("Quietly changed", r.text, forged)
                self.assertEqual(r.header("Cache-Control"), "public, max-age=5, stale-while-revalidate=30")
            # ...but a logged-in editor's browser skips the caches.
            r = editor.get("/en/")
            self.assertIn("Quietly changed", r.text)
            self.assertEqual(r.header("Cache-Control"), "private, no-cache")
            self.assertIn("Quietly changed", newsline_titles(editor.get(SEED_PATH).text))
        finally:
            sql_change("UPDATE articles SET title = 'Talks between Azerbaijan and Armenia may be held at level "
                       "of heads of state' WHERE id = 42")


class HttpValidators(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        stack()

    def test_etag_last_modified_and_304(self):
        r = http(SEED_PATH)
        etag, modified = r.header("ETag"), r.header("Last-Modified")
        self.assertRegex(etag, r'^"[0-9a-f]{16}"$')
        self.assertRegex(modified, r"^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$")
        self.assertEqual(r.header("Cache-Control"), "public, max-age=5, stale-while-revalidate=30")
        again = http(SEED_PATH, headers={"If-None-Match": etag})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")
        self.assertEqual(again.header("ETag"), etag)
        self.assertEqual(http(SEED_PATH, headers={"If-None-Match": 'W/"x", ' + etag}).status, 304)
        self.assertEqual(http(SEED_PATH, headers={"If-None-Match": '"0000000000000000"'}).status, 200)
        self.assertEqual(http(SEED_PATH, headers={"If-Modified-Since": modified}).status, 304)
        self.assertEqual(http(SEED_PATH, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status, 200)
        self.assertEqual(http(SEED_PATH, method="HEAD", headers={"If-None-Match": etag}).status, 304)

    def test_a_change_changes_the_etag(self):
        etag = http("/en/").header("ETag")
        sql_change("UPDATE articles SET title = CONCAT(title, ' (updated)') WHERE id = 42")
        try:
            within_a_second(lambda: http("/en/", headers={"If-None-Match": etag}).status == 200, "a new ETag")
        finally:
            sql_change("UPDATE articles SET title = REPLACE(title, ' (updated)', '') WHERE id = 42")

    def test_admin_and_errors_have_no_validators(self):
        r = http("/admin/login")
        self.assertIsNone(r.header("ETag"))
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertIsNone(http("/en/news/nosuch").header("ETag"))


class MicroCache(unittest.TestCase):
    """The micro-cache of nginx.conf.example, uncommented: readers share its
    copy for a second, editors never see it nor fill it."""

    @classmethod
    def setUpClass(cls):
        cls.port = stack().micro_port

    def cache_status(self, path=SEED_PATH, cookie=None):
        r = http(path, port=self.port, headers={"Cookie": cookie} if cookie else {})
        self.assertEqual(r.status, 200)
        return r.header("X-Cache-Status")

    def test_readers_share_a_copy(self):
        self.assertIn("HIT", [self.cache_status() for _ in range(3)])

    def test_editors_bypass_it_and_never_fill_it(self):
        aside = http("/en/").text.split('<aside class="newsline"', 1)[1]
        pages_not_asked_for_yet = re.findall(r'<li><a href="([^"]+)">', aside)[-2:]
        for cookie, path in zip(("nl_editor=1", "nl_session=x"), pages_not_asked_for_yet):
            self.assertEqual(self.cache_status(path, cookie), "BYPASS")
            self.assertEqual(self.cache_status(path), "MISS", "an editor's page was kept for readers")

    def test_a_change_shows_through_it_within_two_seconds(self):
        self.cache_status()
        sql_change("UPDATE articles SET title = CONCAT(title, ' (micro)') WHERE id = 1")
        try:
            deadline = time.monotonic() + 2.5  # the workers' second, then the micro-cache's
            while "(micro)" not in http(SEED_PATH, port=self.port).text:
                self.assertLess(time.monotonic(), deadline, "the change did not show through the micro-cache")
                time.sleep(0.05)
        finally:
            sql_change("UPDATE articles SET title = REPLACE(title, ' (micro)', '') WHERE id = 1")


class FlatQueries(unittest.TestCase):
    def test_every_listing_query_uses_an_index_without_filesort(self):
        s = stack()
        first_new = int(sql("SELECT MAX(id) FROM articles").strip()) + 1
        # A few thousand rows over two years, in every edition and category.
        sql("INSERT INTO articles (edition, category_id, slug, title, status, published_at) "
            "SELECT c.edition, c.id, CONCAT('explain-', seq, '-', c.id), CONCAT('Explained ', seq), "
            "IF(seq % 10 = 0, 'draft', 'published'), UTC_TIMESTAMP() - INTERVAL seq * 97 MINUTE "
            "FROM seq_1_to_250 JOIN categories c")
        sql("INSERT INTO article_related (article_id, related_id, position) "
            "SELECT 1, id, id FROM articles WHERE id >= %d LIMIT 5" % first_new)
        sql("ANALYZE TABLE articles, article_related, categories")
        try:
            out = s.newsline("explain", capture_output=True, text=True).stdout
            os.makedirs(OUT, exist_ok=True)
            with open(os.path.join(OUT, "explain.txt"), "w") as f:
                f.write(out)
            # Search ranks the matches of its FULLTEXT index (a sort of them is its
            # work); only the page's rows are then read, each by its primary key.
            search = re.search(r"^search\n((?:  .*\n)+)", out, re.M)
            self.assertIsNotNone(search, out)
            self.assertRegex(search.group(1), r"table=s type=fulltext key=ft_words ", out)
            for line in search.group(1).splitlines():
                self.assertRegex(line, r"table=(s type=fulltext|<derived2> type=ALL|\w+ type=eq_ref key=PRIMARY) ", out)
            out = out.replace(search.group(0), "")
            tables = re.findall(r"table=(\w*) type=(\w*) key=(\w*) rows=\S* extra=(.*)", out)
            self.assertGreaterEqual(len(tables), 12, out)
            # A page after a cursor must start reading at the cursor (a range); a ref on
            # (edition, status) would read every newer article first.
            deep_pages = re.findall(r"^(?:all news|category), deep page\n((?:  .*\n)+)", out, re.M)
            self.assertEqual(len(deep_pages), 2, out)
            for block in deep_pages:
                self.assertRegex(block, r"table=a type=range key=ix_(edition|category)_feed ", out)
            # The news line and the listings read their feed index alone (it covers every
            # headline column and the lead photo's id), with no lookup of each article's
            # row; the only join is each story's photo, by its primary key.
            listings = re.findall(r"^(?:news line|all news|category)[^\n]*\n((?:  .*\n)+)", out, re.M)
            self.assertEqual(len(listings), 5, out)
            for block in listings:
                for line in block.splitlines():
                    self.assertRegex(line, r"table=a type=range key=ix_(edition|category)_feed .*Using index"
                                           r"|table=m type=eq_ref key=PRIMARY ", out)
            # The editors' list reads, for each kind of filter, a range of the index in
            # its order (at a million articles, a sort took longer than the read timeout).
            admin = re.findall(r"^admin list[^\n]*\n  table=a type=(\w+) key=(\w+)", out, re.M)
            self.assertEqual(len(admin), 5, out)
            for access, key in admin:
                self.assertEqual(access, "range", out)
                self.assertTrue(key.startswith("ix_admin_"), out)
            # A sitemap of tags or authors looks up each one's articles by its feed
            # index, never reads all of article_tags or article_authors.
            named = re.findall(r"^sitemap (?:tags|authors)\n((?:  .*\n)+)", out, re.M)
            self.assertEqual(len(named), 2, out)
            for block in named:
                self.assertRegex(block, r"table=(at|w) type=ref key=ix_(tag|author)_feed ", out)
            for table, access, key, extra in tables:
                if not table:
                    continue
                self.assertNotEqual(access, "ALL", out)
                self.assertNotIn("filesort", extra, out)
                self.assertNotIn("temporary", extra, out)
                self.assertTrue(key, out)
        finally:
            sql("DELETE FROM article_related WHERE article_id = 1 AND related_id >= %d" % first_new)
            sql_change("DELETE FROM articles WHERE id >= %d" % first_new)
