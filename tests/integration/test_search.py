"""Search in all three editions, as readers use it: the box in the header,
Azerbaijani and Russian words in any case, what is and is not found, paging,
hostile queries, the time limit and the per-address rate."""
import html
import itertools
import re
import time
import unittest
import urllib.parse

from stackfixture import http, spare_workers, sql, stack, within_a_second
from integration.test_admin import AdminTestCase, admin, create_article, edit_form_fields

# Each search comes from a loopback address of its own: the per-address rate
# (tested on its own below) must not refuse the searches of the other tests.
_sources = ("127.0.%d.%d" % (i // 250 + 1, i % 250 + 1) for i in itertools.count())


def search(edition, q=None, after=None, port=None, source=None, **params):
    query = {}
    if q is not None:
        query["q"] = q
    if after is not None:
        query["after"] = after
    query.update(params)
    path = "/%s/search" % edition + ("?" + urllib.parse.urlencode(query) if query else "")
    return http(path, port=port, source=source or next(_sources))


def result_links(page):
    block = re.search(r'<ol class="results">(.*?)</ol>', page.text, re.S)
    return re.findall(r'<h2><a href="([^"]+)"', block.group(1)) if block else []


def category_of(edition):
    return sql("SELECT MIN(id) FROM categories WHERE edition = '%s'" % edition).strip()


class Search(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.editor = admin()

    def publish(self, edition, title, body, **kw):
        article = create_article(self.editor, title, action="publish", edition=edition, category=category_of(edition),
                                 body=body, **kw)
        return article, sql("SELECT slug FROM articles WHERE id = %d" % article).strip()

    def found(self, edition, q, article):
        return any(re.search(r"/%d-" % article, link) for link in result_links(search(edition, q)))

    def test_the_box_is_in_every_header(self):
        for path in ("/az/", "/en/news", "/ru/news/politika"):
            page = http(path).text
            form = re.search(r'<form class="site-search" role="search" action="(/\w\w/search)" method="get">(.*?)</form>',
                             page, re.S)
            self.assertIsNotNone(form, path)
            self.assertEqual(form.group(1), path[:3] + "/search")
            self.assertIn('<label class="visually-hidden" for="site-search-q">', form.group(2))
            self.assertIn('<input id="site-search-q" type="search" name="q"', form.group(2))

    def test_azerbaijani_words_are_found_in_any_case_and_spelling(self):
        article, _ = self.publish("az", "ŞƏKİ festivalı başladı", "Şəkidə ipək festivalı açıldı. Qonaqlar BAKIDAN gəlib.")
        within_a_second(lambda: self.found("az", "Şəki", article), "the new article in search")
        for q in ("Şəki", "ŞƏKİ", "şəki", "Seki", "SEKI", "şəki festivalı", "Bakı", "BAKI", "bakıdan"):
            self.assertTrue(self.found("az", q, article), q)
        page = search("az", "şəki")
        self.assertIn("<mark>ŞƏKİ</mark>", page.text)  # the title's word, marked as written
        self.assertIn("<mark>Şəkidə</mark>", page.text)  # the body's, in the snippet
        # Another edition's search does not find it.
        self.assertFalse(self.found("en", "Şəki", article))

    def test_russian_words_are_found_with_other_endings(self):
        article, _ = self.publish("ru", "Переговоры в МОСКВЕ завершились", "Стороны обсудили поставки нефти и газа.")
        within_a_second(lambda: self.found("ru", "москва", article), "the new article in search")
        for q in ("Москва", "МОСКВА", "москве", "переговоры", "нефть газ"):
            self.assertTrue(self.found("ru", q, article), q)
        self.assertIn("<mark>МОСКВЕ</mark>", search("ru", "москва").text)

    def test_english_with_common_and_short_words(self):
        article, _ = self.publish("en", "Zanzibarite talks in the EU", "The EU and the AU met about zanzibarite.")
        within_a_second(lambda: self.found("en", "zanzibarite", article), "the new article in search")
        self.assertTrue(self.found("en", "the zanzibarite", article))  # "the" is left out
        self.assertTrue(self.found("en", "EU zanzibarite", article))    # two letters: padded, still found
        self.assertTrue(self.found("en", "au", article))
        self.assertFalse(self.found("en", "zanzibarite Mars", article))  # every word must be in it
        # A query of common words alone still searches.
        self.assertEqual(search("en", "the and").status, 200)

    def test_only_what_readers_may_see_is_found_and_edits_show_at_once(self):
        draft = create_article(self.editor, "Quixotical draft", action="save", body="A quixotical draft.")
        later = create_article(self.editor, "Quixotical plan", action="schedule", body="Quixotical.",
                               published_at=time.strftime("%Y-%m-%dT%H:%M", time.gmtime(time.time() + 4 * 3600 + 86400)))
        article, _ = self.publish("en", "Quixotical news", "A quixotical story.")
        within_a_second(lambda: self.found("en", "quixotical", article), "the new article in search")
        self.assertFalse(self.found("en", "quixotical", draft))
        self.assertFalse(self.found("en", "quixotical", later))
        # A new word replaces the old one.
        page = self.editor.get("/admin/articles/%d" % article)
        fields = edit_form_fields(page)
        fields.update(title="Zeugmatic news", lead="", body="A zeugmatic story.", action="save")
        self.assertEqual(self.editor.post("/admin/articles/%d" % article, fields, from_page=page).status, 303)
        within_a_second(lambda: self.found("en", "zeugmatic", article), "the edited words in search")
        within_a_second(lambda: not self.found("en", "quixotical", article), "the old words leaving search")
        # Unpublished: gone.
        page = self.editor.get("/admin/articles/%d" % article)
        fields = edit_form_fields(page)
        fields["action"] = "unpublish"
        self.assertEqual(self.editor.post("/admin/articles/%d" % article, fields, from_page=page).status, 303)
        within_a_second(lambda: not self.found("en", "zeugmatic", article), "the unpublished article leaving search")

    def test_pages_follow_each_other_without_gaps_or_repeats(self):
        made = [self.publish("en", "Borborygmic report %d" % i, "Borborygmic text number %d." % i)[0] for i in range(23)]
        within_a_second(lambda: len(result_links(search("en", "borborygmic"))) == 20, "the new articles in search")
        first = search("en", "borborygmic")
        links = result_links(first)
        nxt = re.search(r'<a rel="next" href="/en/search\?q=borborygmic&amp;after=([^"]+)">', first.text)
        self.assertIsNotNone(nxt, first.text)
        second = search("en", "borborygmic", after=html.unescape(urllib.parse.unquote(nxt.group(1))))
        self.assertEqual(second.status, 200)
        links += result_links(second)
        self.assertNotIn('rel="next"', second.text)
        ids = [int(re.search(r"/(\d+)-", link).group(1)) for link in links]
        self.assertEqual(sorted(ids), sorted(made))
        # As relevant as each other: the newest first.
        self.assertEqual(ids, sorted(made, reverse=True))

    def test_hostile_and_empty_queries_get_a_clear_page(self):
        for q in ("", "   ", "+*~<>@\"()", "\"'); DROP TABLE articles; --", "' OR 1=1 --", "%", "_", "\\",
                  "<script>alert(1)</script>", "a" * 200, "ab" * 60, "\u202e\u200b", "🙂 🙂"):
            r = search("en", q)
            self.assertEqual(r.status, 200, q)
            self.assertIn('<form class="search-form" role="search"', r.text, q)
            self.assertIn('name="robots" content="noindex, follow"', r.text, q)
            self.assertNotIn("<script>alert", r.text, q)
        self.assertEqual(sql("SELECT COUNT(*) > 0 FROM articles").strip(), "1")
        self.assertIn("Type one or more words", search("en", "").text)
        self.assertEqual(search("en", "x\ty").status, 400)  # control characters: refused at the edge
        too_long = search("en", "a" * 201)
        self.assertEqual(too_long.status, 400)
        self.assertIn("at most 200 characters", too_long.text)
        for cursor in ("x", "1.5_2", "_", "1_0", "9" * 30 + "_1"):
            self.assertEqual(search("en", "baku", after=cursor).status, 400, cursor)
        self.assertEqual(search("en", "baku", after="-5_7").status, 200)  # a cursor past the end: no results
        self.assertEqual(search("xx", "baku").status, 404)
        self.assertEqual(http("/en/search?q=baku&q=other&junk=1", source=next(_sources)).status, 200)

    def test_results_are_kept_for_the_content_version_in_their_own_cache(self):
        from integration.test_fast_path import Counted
        for _ in range(12):  # every worker process has made it
            self.assertEqual(search("en", "energy talks").status, 200)
        with Counted() as counted:
            for _ in range(50):
                self.assertEqual(search("en", "energy talks").status, 200)
        self.assertLessEqual(counted.extra, 0, "a search asked for again ran its statement again")
        # The same pages for a worker without that cache: each search is a statement.
        with spare_workers(search_cache_mb="0") as port:
            with Counted() as counted:
                for _ in range(20):
                    self.assertEqual(search("en", "energy talks", port=port).status, 200)
            self.assertGreater(counted.extra, 5)  # (polls of both process groups are estimated: well above 0)

    def test_search_pages_are_not_indexed(self):
        r = search("en", "energy")
        self.assertEqual(r.status, 200)
        self.assertIn('<meta name="robots" content="noindex, follow">', r.text)
        self.assertNotIn('rel="canonical"', r.text)
        self.assertIn("Disallow: /*/search", http("/robots.txt").text)


class Bounds(AdminTestCase):
    def test_each_address_has_a_rate_and_cached_results_cost_nothing(self):
        stack()
        with spare_workers(search_per_minute="6") as port:  # 5 at once, then one every 10 s
            answers = [search("en", "ratelimited%d" % i, port=port, source="127.0.9.1").status for i in range(7)]
            self.assertEqual(answers[:5], [200] * 5)
            self.assertEqual(answers[5:], [429, 429])
            refused = search("en", "ratelimited9", port=port, source="127.0.9.1")
            self.assertEqual(refused.header("Retry-After"), "30")
            self.assertIn("Too many searches", refused.text)
            # Another address is not held back; the results already made are still served.
            self.assertEqual(search("en", "ratelimited0", port=port, source="127.0.9.2").status, 200)
            self.assertEqual(search("en", "ratelimited0", port=port, source="127.0.9.1").status, 200)

    def test_a_search_past_its_time_limit_gets_a_clear_page(self):
        first_new = int(sql("SELECT MAX(id) FROM articles").strip()) + 1
        # Thousands of stories with one word: ranking them all outlasts a millisecond.
        sql("INSERT INTO articles (edition, category_id, slug, title, status, published_at) "
            "SELECT 'en', %s, CONCAT('slow-', seq), CONCAT('Slow ', seq), 'published', "
            "UTC_TIMESTAMP() - INTERVAL seq MINUTE FROM seq_1_to_4000" % category_of("en"))
        sql("INSERT INTO article_search (article_id, edition, published_at, words) SELECT id, edition, published_at,"
            " 'ponderous slow story' FROM articles WHERE id >= %d" % first_new)
        with spare_workers(search_statement_ms="1") as port:
            # The edition, catalogue and news line are read (and kept) by a page of the reader lane first.
            self.assertEqual(http("/en/news", port=port).status, 200)
            r = search("en", "ponderous", port=port)
            self.assertEqual(r.status, 503)
            self.assertIn("This search took too long", r.text)
            self.assertEqual(r.header("Retry-After"), "10")
        self.assertEqual(http("/en/news").status, 200)


if __name__ == "__main__":
    unittest.main()
