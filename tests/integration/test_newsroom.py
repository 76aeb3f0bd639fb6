"""The newsroom's content as editors make it and readers see it: tags,
authors, corrections, simple pages, translations, breaking news and the
curated front page, each fresh within a second like every page."""
import html
import re
import subprocess
import time
import unittest

from stackfixture import http, sql, sql_change, stack, within_a_second
from integration.test_admin import (AdminTestCase, admin, baku_input, create_article, edit_form_fields,
                                    public_article_url)


def top_story_titles(page):
    block = re.search(r'<div class="top-stories">(.*?)</div>\s*(?:<section class="block"|<p class="more")', page, re.S)
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', block.group(1)) if block else []


class Newsroom(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.editor = admin()
        self.max_tag = int(sql("SELECT COALESCE(MAX(id), 0) FROM tags").strip())
        self.max_author = int(sql("SELECT COALESCE(MAX(id), 0) FROM authors").strip())
        self.max_page = int(sql("SELECT COALESCE(MAX(id), 0) FROM pages").strip())
        self.front = [line.split("\t") for line in sql("SELECT edition, position, article_id FROM front_slots")
                      .strip().splitlines() if line]

    def tearDown(self):
        sql_change("DELETE FROM front_slots")
        for edition, position, article in self.front:  # the demo's pinned stories again
            sql_change("INSERT INTO front_slots VALUES ('%s', %s, %s)" % (edition, position, article))
        super().tearDown()
        sql_change("DELETE FROM tags WHERE id > %d" % self.max_tag)
        sql_change("DELETE FROM authors WHERE id > %d" % self.max_author)
        sql_change("DELETE FROM pages WHERE id > %d" % self.max_page)
        sql_change("UPDATE articles SET translation_group = NULL WHERE id = 43 AND translation_group <> 1")
        sql_change("UPDATE articles SET translation_group = 1 WHERE id IN (1, 43, 47)")

    def save_form(self, article, **changes):
        form = self.editor.get("/admin/articles/%d" % article)
        fields = edit_form_fields(form)
        fields["tags"] = html.unescape(re.search(r'name="tags" value="([^"]*)"', form.text).group(1))
        fields["authors"] = html.unescape(re.search(r'<textarea name="authors"[^>]*>(.*?)</textarea>', form.text,
                                                    re.S).group(1))
        fields["lead"] = html.unescape(re.search(r'<textarea name="lead"[^>]*>(.*?)</textarea>', form.text,
                                                 re.S).group(1))
        fields["action"] = "save"
        fields.update(changes)
        return self.editor.post("/admin/articles/%d" % article, fields, from_page=form)

    def test_tags_have_pages_and_an_index(self):
        article = create_article(self.editor, "Solar farm opens in Nakhchivan", action="publish",
                                 tags="Energy, Nakhchivan , Energy")
        url = public_article_url(article)
        page = http(url).text
        self.assertIn('<a href="/en/tag/energy" rel="tag">#Energy</a> <a href="/en/tag/nakhchivan" rel="tag">'
                      '#Nakhchivan</a>', page)
        tag_page = http("/en/tag/energy")
        self.assertEqual(tag_page.status, 200)
        self.assertIn("<h1>#Energy</h1>", tag_page.text)
        self.assertIn(url, tag_page.text)
        self.assertEqual(http("/en/tag/no-such-tag").status, 404)
        self.assertEqual(http("/az/tag/energy").status, 404)  # tags belong to an edition
        index = self.editor.get("/admin/tags?edition=en").text
        tag_id = int(re.search(r'action="/admin/tags/(\d+)"><input type="hidden" name="csrf" value="[^"]+">'
                               r'<input name="name" value="Energy"', index).group(1))
        r = self.editor.post("/admin/tags/%d" % tag_id, {"name": "Renewable energy"}, from_page=self.editor.last)
        self.assertEqual(r.status, 303)
        within_a_second(lambda: "<h1>#Renewable energy</h1>" in http("/en/tag/energy").text, "the renamed tag")
        within_a_second(lambda: "#Renewable energy</a>" in http(url).text, "the renamed tag on the article")
        self.assertIn("Renewable energy", sql("SELECT links FROM article_bodies WHERE article_id = %d" % article))
        # Unpublished, the article leaves the tag page.
        self.assertEqual(self.save_form(article, action="unpublish").status, 303)
        within_a_second(lambda: url not in http("/en/tag/energy").text, "the unpublished story gone from its tag")

    def test_authors_link_to_their_pages(self):
        article = create_article(self.editor, "Parliament passes budget", action="publish",
                                 authors="Aysel Karimova\nTural Hasanov (translated by)", author="", source="EDnews")
        url = public_article_url(article)
        byline = re.search(r'<p class="byline">(.*?)</p>', http(url).text).group(1)
        self.assertEqual(byline, 'By <a href="/en/author/aysel-karimova" rel="author">Aysel Karimova</a>, translated by '
                                 '<a href="/en/author/tural-hasanov" rel="author">Tural Hasanov</a>\\\\EDnews')
        author_page = http("/en/author/aysel-karimova")
        self.assertEqual(author_page.status, 200)
        self.assertIn("<h1>Aysel Karimova</h1>", author_page.text)
        self.assertIn(url, author_page.text)
        self.assertNotIn(url, http("/az/author/aysel-karimova").text)  # the az page lists az articles only
        author_id = int(sql("SELECT id FROM authors WHERE slug = 'aysel-karimova'").strip())
        edit = self.editor.get("/admin/authors/%d" % author_id)
        r = self.editor.post("/admin/authors/%d" % author_id, {"name": "Aysel Karimova", "bio": "Covers parliament.",
                                                               "photo": "1"}, from_page=edit)
        self.assertEqual(r.status, 303)
        within_a_second(lambda: "Covers parliament." in http("/en/author/aysel-karimova").text, "the bio")
        self.assertIn('<a class="thumb">', http("/en/author/aysel-karimova").text)
        r = self.editor.post("/admin/authors/%d" % author_id, {"name": "Aysel Karimova", "photo": "99999999"},
                             from_page=edit)
        self.assertEqual(r.status, 422)
        # The seed article keeps its free-text byline.
        seed = http(public_article_url(1)).text
        self.assertIn('<p class="byline">Madina Mammadova\\\\EDnews</p>', seed)

    def test_corrections_are_dated_and_listed(self):
        article = create_article(self.editor, "Exports grew in April", action="publish")
        form = self.editor.get("/admin/articles/%d" % article)
        r = self.editor.post("/admin/articles/%d/corrections" % article,
                             {"text": "An earlier version said exports grew by 12%; they grew by 2%."}, from_page=form)
        self.assertEqual(r.status, 303)
        url = public_article_url(article)
        within_a_second(lambda: "they grew by 2%." in http(url).text, "the correction")
        note = re.search(r'<aside class="corrections-note"[^>]*>(.*?)</aside>', http(url).text).group(1)
        self.assertRegex(note, r"<strong>Correction</strong> <time datetime=\"[^\"]+\+04:00\">\d\d:\d\d \d\d\.\d\d\.\d{4}"
                               r"</time>: An earlier version")
        listing = http("/en/corrections").text
        self.assertIn(url, listing)
        self.assertLess(listing.index(url), listing.index("OPEC+"))  # newest first
        self.assertEqual(self.editor.post("/admin/articles/%d/corrections" % article, {"text": "  "},
                                          from_page=form).status, 422)
        self.assertIn("correction", sql("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1"))

    def test_simple_pages_in_the_footer(self):
        form = self.editor.get("/admin/pages/new")
        r = self.editor.post("/admin/pages/new", {"edition": "en", "title": "Editorial policy", "slug": "",
                                                  "position": "5", "body": "We **correct** errors openly."},
                             from_page=form)
        self.assertEqual(r.status, 303, r.text[:2000])
        page_id = int(re.search(r"/admin/pages/(\d+)", r.header("Location")).group(1))
        within_a_second(lambda: '<a href="/en/page/editorial-policy">Editorial policy</a>' in http("/en/news").text,
                        "the footer link")
        page = http("/en/page/editorial-policy").text
        self.assertIn("<p>We <strong>correct</strong> errors openly.</p>", page)
        self.assertNotIn("editorial-policy", http("/az/").text)  # per edition
        r = self.editor.post("/admin/pages/new", {"edition": "en", "title": "Again", "slug": "editorial-policy",
                                                  "position": "1", "body": ""}, from_page=form)
        self.assertEqual(r.status, 422)
        edit = self.editor.get("/admin/pages/%d" % page_id)
        self.assertEqual(self.editor.post("/admin/pages/%d/delete" % page_id, {}, from_page=edit).status, 303)
        within_a_second(lambda: http("/en/page/editorial-policy").status == 404, "the deleted page gone")

    def test_translations_in_the_edition_switcher(self):
        article = create_article(self.editor, "Ombudsman appeal, second part", action="publish")
        self.assertEqual(self.save_form(article, translation_of="47").status, 303)
        url = public_article_url(article)

        def switcher(path):
            nav = re.search(r'<nav class="editions"[^>]*>(.*?)</nav>', http(path).text).group(1)
            return dict((code, href) for href, code in re.findall(r'<a href="([^"]+)" lang="(\w\w)"', nav))
        within_a_second(lambda: switcher(url)["ru"] == public_article_url(47), "the link to the translation")
        self.assertEqual(switcher(url)["az"], public_article_url(43))  # the whole group
        self.assertEqual(switcher(public_article_url(47))["en"] in (url, public_article_url(1)), True)
        self.assertEqual(self.save_form(article, translation_of="2").status, 422)  # same edition
        self.assertEqual(self.save_form(article, translation_of="").status, 303)
        within_a_second(lambda: switcher(url)["ru"] == "/ru/", "the link gone again")
        # The other articles of the group let go of it too (their stored links were written again).
        within_a_second(lambda: switcher(public_article_url(47))["en"] == public_article_url(1),
                        "the other articles' link gone (every worker)")
        self.assertNotIn("second-part", sql("SELECT links FROM article_bodies WHERE article_id = 47"))

    def test_article_links_are_stored_and_read_from_the_tables_until_then(self):
        article = create_article(self.editor, "Grain harvest ends early", action="publish", tags="Farming",
                                 authors="Leyla Aliyeva")
        url = public_article_url(article)

        def links():
            return sql("SELECT COALESCE(links, 'NULL') FROM article_bodies WHERE article_id = %d" % article).strip()
        stored = links()
        self.assertIn("Farming", stored)
        self.assertIn("Leyla Aliyeva", stored)
        shown = ['<a href="/en/tag/farming" rel="tag">#Farming</a>',
                 '<a href="/en/author/leyla-aliyeva" rel="author">Leyla Aliyeva</a>']
        for fragment in shown:
            self.assertIn(fragment, http(url).text)
        # Without stored links (not written yet), the page reads the tables and shows the same.
        sql_change("UPDATE article_bodies SET links = NULL WHERE article_id = %d; "
                   "INSERT IGNORE INTO article_links_due VALUES (%d)" % (article, article))
        self.assertEqual(links(), "NULL")
        for fragment in shown:
            self.assertIn(fragment, http(url).text)
        # Damaged links are not believed either.
        sql_change("UPDATE article_bodies SET links = 't1:' WHERE article_id = %d" % article)
        for fragment in shown:
            self.assertIn(fragment, http(url).text)
        # `newsline load` (as after SQL written by hand) writes every missing one; the queue empties.
        sql("UPDATE article_bodies SET links = NULL WHERE article_id = %d" % article)
        stack().newsline("load", stdout=subprocess.DEVNULL)
        self.assertEqual(links(), stored)
        self.assertEqual(sql("SELECT COUNT(*) FROM article_links_due").strip(), "0")

    def test_related_stories_are_stored_with_the_links_and_follow_their_changes(self):
        target = create_article(self.editor, "Harvest begins in Quba", action="publish")
        article = create_article(self.editor, "Apple prices fall", action="publish", related=str(target))
        url = public_article_url(article)

        def related():
            block = re.search(r'<(?:section|aside|nav)[^>]*class="related"[^>]*>(.*?)</(?:section|aside|nav)>',
                              http(url).text, re.S)
            return block.group(1) if block else ""
        self.assertIn("Harvest begins in Quba", related())
        self.assertIn("Harvest begins in Quba", sql("SELECT links FROM article_bodies WHERE article_id = %d" % article))
        # The related story renamed: the page that shows it follows, on every worker, with no query of the tables.
        self.assertEqual(self.save_form(target, title="Harvest begins in Quba and Qusar").status, 303)
        within_a_second(lambda: "Harvest begins in Quba and Qusar" in related(), "the related story's new title")
        self.assertIn("Quba and Qusar", sql("SELECT links FROM article_bodies WHERE article_id = %d" % article))
        # Unpublished, it leaves the page.
        self.assertEqual(self.save_form(target, action="unpublish").status, 303)
        within_a_second(lambda: "Harvest begins" not in related(), "the unpublished related story gone")

    def test_breaking_news_banner_comes_and_goes_on_time(self):
        article = create_article(self.editor, "Earthquake felt in Shamakhi", action="publish",
                                 breaking_until=baku_input(time.time() + 4))
        url = public_article_url(article)
        within_a_second(lambda: 'class="breaking-banner"' in http("/en/news/politics").text, "the breaking banner")
        page = http("/en/").text
        self.assertRegex(page, r'<p class="breaking-banner" role="status"><strong>Breaking</strong> <a href="%s">'
                               r'Earthquake felt in Shamakhi</a></p>' % re.escape(url))
        self.assertIn('<li class="breaking"><strong class="breaking-mark">Breaking</strong> <a href="%s">' % url, page)
        self.assertNotIn("breaking-banner", http("/az/").text)  # the edition's own
        time.sleep(4.2)
        within_a_second(lambda: "breaking-banner" not in http("/en/").text and
                        "breaking-banner" not in http(url).text, "the banner gone when it ended")

    def test_front_page_is_curated(self):
        a = create_article(self.editor, "Pinned story one", action="publish")
        b = create_article(self.editor, "Pinned story two", action="publish")
        front = self.editor.get("/admin/front?edition=en")
        r = self.editor.post("/admin/front", {"edition": "en", "slot": [str(b), str(a), "", "", ""]}, from_page=front)
        self.assertEqual(r.status, 303)
        within_a_second(lambda: top_story_titles(http("/en/").text)[:2] == ["Pinned story two", "Pinned story one"],
                        "the pinned stories on top")
        home = http("/en/").text
        blocks = home.split('<div class="top-stories">')[1].split("</div>", 1)[1].split('<aside class="newsline"')[0]
        self.assertNotIn("Pinned story", blocks)  # not repeated below
        self.assertIn('<section class="block" aria-labelledby="block-country">', home)
        r = self.editor.post("/admin/front", {"edition": "en", "slot": ["43"]}, from_page=front)
        self.assertEqual(r.status, 422)
        self.assertIn("is not of this edition", html.unescape(r.text))
        self.assertEqual(self.editor.post("/admin/front", {"edition": "az", "slot": [""]}, from_page=front).status, 303)
        # With none pinned, the newest three are on top.
        az_home = http("/az/").text
        self.assertEqual(len(top_story_titles(az_home)), 3)

    def test_updated_time_when_edited_after_publishing(self):
        article = create_article(self.editor, "Bridge reopens", action="publish")
        url = public_article_url(article)
        self.assertNotIn('class="updated"', http(url).text)
        sql_change("UPDATE articles SET published_at = published_at - INTERVAL 2 HOUR WHERE id = %d" % article)
        self.assertEqual(self.save_form(article, body="The bridge reopened at noon.").status, 303)
        within_a_second(lambda: 'class="updated">Updated <time' in http(url).text, "the update time")

    def test_breadcrumbs_and_the_editors_list(self):
        page = http(public_article_url(42)).text
        self.assertIn('<nav class="breadcrumbs" aria-label="You are here"><ol><li><a href="/en/">English</a></li>'
                      '<li><a href="/en/news/politics">Politics</a></li></ol></nav>', page)
        listing = self.editor.get("/admin/articles?edition=en&status=published").text
        row = re.search(r'<tr><td class="thumb-cell">(.*?)</tr>', listing, re.S).group(1)
        self.assertRegex(row, r'<img src="/media/\d+/[0-9a-f]{16}-320\.jpg" alt="" width="96"')
        for label in ("No.", "Title", "Author", "Edition", "Category", "Status", "Published", "Changed"):
            self.assertIn('data-label="%s"' % label, row)  # each cell named on a phone

    def test_tag_pages_are_paged_by_cursor(self):
        ids = [create_article(self.editor, "Paged story %d" % i, action="publish", tags="Paging") for i in range(3)]
        first = http("/en/tag/paging").text.split('<aside class="newsline"')[0]
        self.assertEqual(len(re.findall(r"Paged story", first)), 3)
        # A page after a cursor (signed by the site) holds only the older stories.
        newest = ids[-1]
        t = sql("SELECT UNIX_TIMESTAMP(published_at) FROM articles WHERE id = %d" % newest).strip()
        cursor = stack().newsline("cursor", t, str(newest), capture_output=True, text=True).stdout.strip()
        older = http("/en/tag/paging?before=" + cursor).text
        self.assertNotIn("Paged story 2", older.split('<aside class="newsline"')[0])
        self.assertIn("Paged story 0", older.split('<aside class="newsline"')[0])
        self.assertEqual(http("/en/tag/paging?before=made-up").status, 400)


if __name__ == "__main__":
    unittest.main()
