"""/robots.txt and the sitemaps: the index names every sitemap (each day that has
articles, with its last change), the day
sitemaps together list every published article of their edition (with its
last change, lead photo and translations), the news sitemap the last 48
hours, the sections sitemap every other page a crawler should know."""
import re
import subprocess
import time
import unittest
import xml.etree.ElementTree as ET

from stackfixture import http, sql, stack
from integration.test_admin import (AdminTestCase, admin, baku_input, create_article, edit_form_fields,
                                    public_article_url)

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "image": "http://www.google.com/schemas/sitemap-image/1.1",
      "xhtml": "http://www.w3.org/1999/xhtml", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def site():
    return "http://127.0.0.1:%d" % stack().port


def fetch(url):
    r = http(url[len(site()):] if url.startswith("http") else url)
    assert r.status == 200, (url, r.status)
    assert r.header("Content-Type") == "application/xml; charset=utf-8", r.header("Content-Type")
    return ET.fromstring(r.body)


def index_entries():
    """(loc, lastmod or None) of every sitemap in /sitemap.xml, in its order."""
    return [(e.find("s:loc", NS).text, getattr(e.find("s:lastmod", NS), "text", None))
            for e in fetch("/sitemap.xml").findall("s:sitemap", NS)]


def days_with_articles(edition):
    """(day, its latest publication or save capped at now, in Baku time) of each
    UTC day up to today with a published article of `edition`, newest first."""
    rows = sql("SELECT DATE_FORMAT(DATE(published_at), '%%Y-%%m-%%d'), DATE_FORMAT(CONVERT_TZ(LEAST(UTC_TIMESTAMP(),"
               " MAX(GREATEST(published_at, COALESCE(updated_at, published_at)))), '+00:00', '+04:00'),"
               " '%%Y-%%m-%%dT%%H:%%i:%%s+04:00') FROM articles WHERE edition = '%s' AND status = 'published'"
               " AND DATE(published_at) <= UTC_DATE() GROUP BY 1 ORDER BY 1 DESC" % edition).strip()
    return [tuple(r.split("\t")) for r in rows.splitlines()]


class Sitemaps(AdminTestCase):
    def setUp(self):
        super().setUp()
        # The articles other tests wrote and removed by SQL are counted again, as an operator's would be.
        stack().newsline("search-index", check=True, stdout=subprocess.DEVNULL)

    def test_the_index_names_the_days_that_have_articles_with_their_last_change(self):
        def expect(edition):
            news = max((m for _, m in days_with_articles(edition)), default=None)
            return ([("%s/%s/sitemap/sections.xml" % (site(), edition), None),
                     ("%s/%s/sitemap/news.xml" % (site(), edition), news)] +
                    [("%s/%s/sitemap/%s.xml" % (site(), edition, day), modified)
                     for day, modified in days_with_articles(edition)])

        def check():
            """The index as expected, within the two seconds a change takes to reach every worker's cache."""
            deadline = time.time() + 2.5
            while True:
                entries = index_entries()
                try:
                    for edition in ("az", "en", "ru"):
                        mine = [e for e in entries if e[0].startswith("%s/%s/sitemap/" % (site(), edition))]
                        self.assertEqual(mine, expect(edition))
                    return entries
                except AssertionError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.1)

        entries = check()
        # Only days with articles: the demo content's first article is years old, and most days have none.
        first = sql("SELECT DATEDIFF(UTC_DATE(), MIN(published_at)) FROM articles WHERE status = 'published'")
        self.assertLess(len(entries), int(first) // 2)
        # The editors' changes keep it, with no command run: a new day, an edit of an
        # old story (its day's lastmod moves), a story moved to another day, one unpublished.
        c = admin()
        old = create_article(c, "A story of long ago", action="publish",
                             published_at=baku_input(int(time.time()) - 86400 * 500 - 3600))
        old_day = sql("SELECT DATE(published_at) FROM articles WHERE id = %d" % old).strip()
        before = dict(check())["%s/en/sitemap/%s.xml" % (site(), old_day)]
        time.sleep(1)  # a later second for its lastmod
        page = c.get("/admin/articles/%d" % old)
        fields = edit_form_fields(page)
        fields["title"] += " (updated)"
        self.assertEqual(c.request("/admin/articles/%d" % old, "POST", fields).status, 303)
        self.assertGreater(dict(check())["%s/en/sitemap/%s.xml" % (site(), old_day)], before)
        moved = create_article(c, "A story of a day with no other", action="publish",
                               published_at=baku_input(int(time.time()) - 86400 * 400 - 3600))
        check()
        page = c.get("/admin/articles/%d" % moved)
        fields = edit_form_fields(page)
        fields["published_at"] = baku_input(int(time.time()) - 86400 * 401 - 3600)
        self.assertEqual(c.request("/admin/articles/%d" % moved, "POST", fields).status, 303)
        check()
        page = c.get("/admin/articles/%d" % moved)
        fields = edit_form_fields(page)
        fields["action"] = "unpublish"
        self.assertEqual(c.request("/admin/articles/%d" % moved, "POST", fields).status, 303)
        check()
        self.assertEqual(http("/robots.txt").text.splitlines()[-1], "Sitemap: %s/sitemap.xml" % site())

    def test_day_sitemaps_list_every_published_article(self):
        locs = [loc for loc, _ in index_entries()]
        listed = {}
        for loc in locs:
            if re.search(r"/en/sitemap/\d{4}-\d\d-\d\d\.xml$", loc):
                root = fetch(loc)
                urls = root.findall("s:url", NS)
                self.assertLessEqual(len(urls), 50000)
                for u in urls:
                    listed[u.find("s:loc", NS).text] = u
        rows = sql("SELECT id, DATE_FORMAT(CONVERT_TZ(GREATEST(published_at, updated_at), '+00:00', '+04:00'),"
                   " '%Y-%m-%dT%H:%i:%s+04:00') FROM articles WHERE edition = 'en' AND status = 'published'"
                   " AND published_at <= UTC_TIMESTAMP()").strip().splitlines()
        expected = {site() + public_article_url(int(r.split("\t")[0])): r.split("\t")[1] for r in rows}
        self.assertEqual(set(listed), set(expected))
        for loc, u in listed.items():
            self.assertEqual(u.find("s:lastmod", NS).text, expected[loc], loc)
        seed = listed[site() + public_article_url(1)]
        self.assertEqual({l.get("hreflang"): l.get("href") for l in seed.findall("xhtml:link", NS)},
                         {"en": site() + public_article_url(1), "az": site() + public_article_url(43),
                          "ru": site() + public_article_url(47)})
        photo, hash_ = sql("SELECT m.id, m.hash FROM articles a JOIN media m ON m.id = a.lead_media_id"
                           " WHERE a.id = 1").split()
        self.assertEqual(seed.find("image:image/image:loc", NS).text,
                         "%s/media/%s/%s-1200.jpg" % (site(), photo, hash_))
        for bad in ("/en/sitemap/1999-01-01.xml", "/en/sitemap/2025-13-01.xml", "/en/sitemap/2025-02-30.xml",
                    "/en/sitemap/2025-5-1.xml", "/en/sitemap/2025-05.xml", "/en/sitemap/other.xml",
                    "/en/sitemap/%04d-01-01.xml" % (time.gmtime().tm_year + 1)):
            self.assertEqual(http(bad).status, 404, bad)

    def test_news_sitemap_has_the_last_two_days(self):
        title = "Harvest festival opens in Quba & Qusar"
        article = create_article(admin(), title, action="publish")
        root = fetch("/en/sitemap/news.xml")
        urls = root.findall("s:url", NS)
        recent = sql("SELECT COUNT(*) FROM articles WHERE edition = 'en' AND status = 'published' AND"
                     " published_at BETWEEN UTC_TIMESTAMP() - INTERVAL 48 HOUR AND UTC_TIMESTAMP()").strip()
        self.assertEqual(len(urls), int(recent))
        mine = [u for u in urls if u.find("s:loc", NS).text == site() + public_article_url(article)]
        self.assertEqual(len(mine), 1)
        news = mine[0].find("news:news", NS)
        self.assertEqual(news.find("news:publication/news:name", NS).text, "Newsline")
        self.assertEqual(news.find("news:publication/news:language", NS).text, "en")
        self.assertEqual(news.find("news:title", NS).text, title)
        self.assertRegex(news.find("news:publication_date", NS).text, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+04:00$")

    def test_sections_sitemap(self):
        locs = [u.find("s:loc", NS).text for u in fetch("/en/sitemap/sections.xml").findall("s:url", NS)]
        for path in ("/en/", "/en/news", "/en/news/country", "/en/news/world", "/en/tag/human-rights",
                     "/en/corrections"):
            self.assertIn(site() + path, locs)
        for loc in locs:  # every address answers
            self.assertEqual(http(loc[len(site()):]).status, 200, loc)


if __name__ == "__main__":
    unittest.main()
