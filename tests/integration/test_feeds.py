"""RSS feeds of an edition, a category and a tag, read by a real feed parser
(Debian's python3-feedparser) and checked item by item against the database."""
import calendar
import html
import re
import unittest

import feedparser

from stackfixture import http, sql, stack, within_a_second
from integration.test_admin import AdminTestCase, admin, create_article

ITEM_COLUMNS = ("a.id, a.title, a.lead, TIMESTAMPDIFF(SECOND, '1970-01-01', a.published_at), c.slug, a.slug, c.name,"
                " COALESCE(m.id, ''), COALESCE(m.hash, '')")
ITEM_FROM = (" FROM articles a JOIN categories c ON c.id = a.category_id LEFT JOIN media m ON m.id = a.lead_media_id"
             " WHERE a.status = 'published' AND a.published_at <= UTC_TIMESTAMP()")
NEWEST = " ORDER BY a.published_at DESC, a.id DESC LIMIT 50"


def site():
    return "http://127.0.0.1:%d" % stack().port


def expected(where):
    rows = sql("SELECT " + ITEM_COLUMNS + ITEM_FROM + where + NEWEST).strip().splitlines()
    return [r.split("\t") for r in rows]


def parsed(path):
    r = http(path)
    assert r.status == 200, (path, r.status)
    assert r.header("Content-Type") == "application/rss+xml; charset=utf-8", r.header("Content-Type")
    feed = feedparser.parse(r.body)
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed, r


class Feeds(AdminTestCase):
    def check_items(self, feed, edition, rows):
        self.assertEqual(len(feed.entries), len(rows))
        self.assertGreater(len(rows), 0)
        for entry, (aid, title, lead, published, category_slug, slug, category, photo, hash_) in zip(feed.entries, rows):
            link = "%s/%s/news/%s/%s-%s" % (site(), edition, category_slug, aid, slug)
            self.assertEqual(entry.title, title)
            self.assertEqual(entry.link, link)
            self.assertEqual(entry.id, "%s/article/%s" % (site(), aid))
            self.assertFalse(entry.guidislink)
            self.assertEqual(calendar.timegm(entry.published_parsed), int(published))
            self.assertEqual(html.unescape(entry.summary), lead if lead != "NULL" else "")
            self.assertEqual([t.term for t in entry.tags], [category])
            self.assertTrue(entry.content[0].value)
            if photo:
                self.assertEqual(entry.media_content[0]["url"], "%s/media/%s/%s-1200.jpg" % (site(), photo, hash_))
            else:
                self.assertNotIn("media_content", entry)

    def test_edition_feed_item_by_item(self):
        for edition in ("en", "az", "ru"):
            feed, r = parsed("/%s/feed" % edition)
            self.assertEqual(feed.feed.link, "%s/%s/" % (site(), edition))
            self.assertEqual(feed.feed.language, edition)
            self.check_items(feed, edition, expected(" AND a.edition = '%s'" % edition))
        # The seed's body, whole, with every link and photo address made absolute.
        feed, r = parsed("/en/feed")
        raw = r.text
        self.assertNotRegex(raw, r'(src|href|srcset)=&quot;/')
        self.assertNotIn(", /media/", raw)  # nor any later width of a srcset
        seed = [e for e in feed.entries if e.id.endswith("/article/1")][0]
        self.assertIn("Sabina Aliyeva", seed.content[0].value)

    def test_body_photos_and_links_carry_the_site_address(self):
        body = "See [the seed story](/en/news/country/1).\n\n![The walls](media:1)\n\nMore text."
        article = create_article(admin(), "Walls in the feed", action="publish", body=body)
        within_a_second(lambda: parsed("/en/feed")[0].entries[0].id.endswith("/article/%d" % article), "the article")
        feed, r = parsed("/en/feed")
        content = feed.entries[0].content[0].value
        self.assertIn('href="%s/en/news/country/1"' % site(), content)
        # The body as sent (feedparser's sanitizer drops <picture> and srcset).
        sent = html.unescape(r.text.split("<item>")[1])
        widths = re.findall(r'srcset="([^"]+)"', sent)
        self.assertTrue(widths)
        for srcset in widths:
            for candidate in srcset.split(", "):
                self.assertTrue(candidate.startswith(site() + "/media/1/"), candidate)
        self.assertNotRegex(r.text, r'(src|href|srcset)=&quot;/')
        self.assertNotIn(", /media/", r.text)

    def test_category_and_tag_feeds(self):
        feed, _ = parsed("/en/feed/country")
        self.check_items(feed, "en", expected(" AND c.edition = 'en' AND c.slug = 'country'"))
        feed, _ = parsed("/en/feed/tag/human-rights")
        self.check_items(feed, "en", expected(
            " AND a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id"
            " WHERE t.edition = 'en' AND t.slug = 'human-rights')"))
        for missing in ("/en/feed/no-such-section", "/en/feed/tag/no-such-tag", "/xx/feed"):
            self.assertEqual(http(missing).status, 404, missing)

    def test_pages_name_their_feeds(self):
        page = http("/en/news/country").text
        feeds = re.findall(r'<link rel="alternate" type="application/rss\+xml" title="([^"]+)" href="([^"]+)">', page)
        self.assertEqual([href for _, href in feeds], ["/en/feed", "/en/feed/country"])
        tag_page = http("/en/tag/human-rights").text
        self.assertIn('type="application/rss+xml" title="#Human rights" href="/en/feed/tag/human-rights"', tag_page)

    def test_conditional_get_and_freshness(self):
        first = http("/en/feed")
        self.assertTrue(first.header("ETag"))
        self.assertTrue(first.header("Last-Modified"))
        again = http("/en/feed", headers={"If-None-Match": first.header("ETag")})
        self.assertEqual(again.status, 304)
        # A new article, with text a feed must escape, is in the feed at once, parsed back exactly.
        title = 'Tariffs <b>&</b> "quotas" ]]> in Baku'
        article = create_article(admin(), title, action="publish", lead="Lead with <tags> & ampersands.")
        within_a_second(lambda: parsed("/en/feed")[0].entries[0].title == title, "the new article in the feed")
        feed, r = parsed("/en/feed")
        self.assertNotEqual(r.header("ETag"), first.header("ETag"))
        self.assertEqual(feed.entries[0].title, title)
        # The description is HTML (RSS): the lead is text, so it arrives escaped, and reads as typed.
        self.assertEqual(feed.entries[0].summary, "Lead with &lt;tags&gt; &amp; ampersands.")
        self.assertEqual(html.unescape(feed.entries[0].summary), "Lead with <tags> & ampersands.")
        self.assertTrue(feed.entries[0].id.endswith("/article/%d" % article))


if __name__ == "__main__":
    unittest.main()
