"""The head of public pages as search engines, feed readers and link previews
read it: description, robots, hreflang alternates, OpenGraph, the Twitter
card and JSON-LD, checked field by field against the database."""
import html
import json
import re
import struct
import unittest

from stackfixture import http, sql, stack
from integration.test_admin import AdminTestCase, admin, create_article, public_article_url

def site_url():
    return "http://127.0.0.1:%d" % stack().port


SEED = 1  # the seed article: lead photo, a tag, translations in az and ru


def head(page):
    return page[:page.index("</head>")]


def metas(page, attribute):
    """{name or property: [content, ...]} of the head's <meta> elements."""
    found = {}
    for key, content in re.findall(r'<meta %s="([^"]+)" content="([^"]*)">' % attribute, head(page)):
        found.setdefault(key, []).append(html.unescape(content))
    return found


def structured_data(page):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1, scripts
    return json.loads(scripts[0])


def alternates(page):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', head(page)))


def jpeg_size(data):
    """(width, height) from a JPEG's frame header."""
    frame = re.search(rb"\xff[\xc0\xc2]..\x08(..)(..)", data, re.S)
    height, width = struct.unpack(">HH", frame.group(1) + frame.group(2))
    return width, height


def one(rows):
    return rows.strip().split("\t")


class ArticleHead(AdminTestCase):
    def test_the_seed_article_field_by_field(self):
        site = site_url()
        url = public_article_url(SEED)
        page = http(url).text
        title, lead, photo, published = one(sql(
            "SELECT title, lead, lead_media_id, DATE_FORMAT(CONVERT_TZ(published_at, '+00:00', '+04:00'),"
            " '%%Y-%%m-%%dT%%H:%%i:%%s+04:00') FROM articles WHERE id = %d" % SEED))
        width, height, alt, hash_ = one(sql("SELECT width, height, alt, hash FROM media WHERE id = %s" % photo))
        names = metas(page, "name")
        props = metas(page, "property")
        self.assertEqual(names["description"], [lead])
        self.assertEqual(names["robots"], ["max-image-preview:large"])
        self.assertEqual(names["twitter:card"], ["summary_large_image"])
        self.assertEqual(props["og:type"], ["article"])
        self.assertEqual(props["og:title"], [title])
        self.assertEqual(props["og:description"], [lead])
        self.assertEqual(props["og:url"], [site + url])
        self.assertEqual(props["og:locale"], ["en_US"])
        self.assertEqual(props["og:site_name"], ["Newsline"])
        preview_height = round(int(height) * 1200 / int(width))
        image = "%s/media/%s/%s-1200.jpg" % (site, photo, hash_)
        self.assertEqual(props["og:image"], [image])
        self.assertEqual(props["og:image:width"], ["1200"])
        self.assertEqual(props["og:image:height"], [str(preview_height)])
        self.assertEqual(props["og:image:alt"], [alt])
        r = http(image[len(site):])  # the preview image is there to fetch
        self.assertEqual((r.status, r.header("Content-Type")), (200, "image/jpeg"))
        self.assertEqual(props["article:published_time"], [published])
        self.assertEqual(props["article:modified_time"], [published])
        self.assertEqual(props["article:section"], ["Country"])
        tags = sql("SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = %d"
                   " ORDER BY at.position" % SEED).strip().splitlines()
        self.assertEqual(props["article:tag"], tags)
        # hreflang: the story in each edition, and x-default (the default edition's, English here).
        self.assertEqual(alternates(page), {"en": site + url, "az": site + public_article_url(43),
                                            "ru": site + public_article_url(47), "x-default": site + url})

        data = structured_data(page)
        self.assertEqual(data["@context"], "https://schema.org")
        article, crumbs = data["@graph"]
        self.assertEqual(article["@type"], "NewsArticle")
        self.assertEqual(article["headline"], title)
        self.assertEqual(article["description"], lead)
        self.assertEqual(article["datePublished"], published)
        self.assertEqual(article["dateModified"], published)
        self.assertEqual(article["inLanguage"], "en")
        self.assertEqual(article["mainEntityOfPage"]["@id"], site + url)
        # The photo in the three shapes Google asks for, each as large as it holds, at most 1200 wide.
        crops = []
        for across, down in ((16, 9), (4, 3), (1, 1)):
            units = min(int(width) // across, int(height) // down, 1200 // across)
            crops.append((units * across, units * down))
        self.assertEqual(crops[0], (1200, 675))
        self.assertEqual(article["image"], [
            {"@type": "ImageObject", "url": "%s/media/%s/%s-%dx%d.jpg" % (site, photo, hash_, w, h), "width": w,
             "height": h} for w, h in crops])
        for crop, (w, h) in zip(article["image"], crops):
            r = http(crop["url"][len(site):])
            self.assertEqual((r.status, r.header("Content-Type")), (200, "image/jpeg"))
            self.assertEqual(jpeg_size(r.body), (w, h))
        self.assertEqual(article["author"], [{"@type": "Person", "name": "Madina Mammadova"}])  # the free-text byline
        self.assertEqual(article["publisher"]["@type"], "Organization")
        self.assertEqual(article["publisher"]["name"], "Newsline")
        self.assertTrue(article["publisher"]["logo"]["url"].startswith(site + "/static/"))
        self.assertEqual(article["keywords"], tags)
        self.assertEqual(crumbs["@type"], "BreadcrumbList")
        self.assertEqual([(i["position"], i["name"], i.get("item")) for i in crumbs["itemListElement"]],
                         [(1, "English", site + "/en/"), (2, "Country", site + "/en/news/country"), (3, title, None)])

    def test_authors_and_hostile_text(self):
        editor = admin()
        title = 'Quote "x" </script><script>alert(1)</script> & <!-- done'
        article = create_article(editor, title, action="publish", authors="Leyla Aliyeva",
                                 lead="A lead with </script> in it & more.", tags="Security")
        url = public_article_url(article)
        page = http(url).text
        # Nothing a headline holds can end the script early: its one </script> is its own end.
        script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
        self.assertNotIn("<", script)
        article_data = structured_data(page)["@graph"][0]
        self.assertEqual(article_data["headline"], title)
        self.assertEqual(article_data["description"], "A lead with </script> in it & more.")
        self.assertEqual(article_data["author"], [{"@type": "Person", "name": "Leyla Aliyeva",
                                                   "url": site_url() + "/en/author/leyla-aliyeva"}])
        self.assertNotIn("og:image", metas(page, "property"))  # no photo: no image, the small card
        self.assertEqual(metas(page, "name")["twitter:card"], ["summary"])
        self.assertEqual(alternates(page), {})  # no translations: no alternates
        self.assertEqual(metas(page, "property")["og:title"], [title])


class OtherPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        stack()

    def test_front_pages_name_each_other_and_the_site(self):
        site = site_url()
        for edition, locale in (("en", "en_US"), ("az", "az_AZ"), ("ru", "ru_RU")):
            page = http("/%s/" % edition).text
            description = sql("SELECT text FROM edition_labels WHERE edition = '%s' AND label = 'description'"
                              % edition).strip()
            self.assertEqual(metas(page, "name")["description"], [description])
            self.assertEqual(metas(page, "property")["og:locale"], [locale])
            self.assertEqual(metas(page, "property")["og:type"], ["website"])
            self.assertNotIn("robots", metas(page, "name"))
            self.assertEqual(alternates(page), {"en": site + "/en/", "az": site + "/az/", "ru": site + "/ru/",
                                                "x-default": site + "/en/"})
            self.assertEqual(structured_data(page), {"@context": "https://schema.org", "@type": "WebSite",
                                                     "name": "Newsline", "url": site + "/%s/" % edition,
                                                     "inLanguage": edition})

    def test_listings_describe_the_edition_and_errors_are_not_indexed(self):
        page = http("/en/news/politics").text
        self.assertEqual(len(metas(page, "name")["description"]), 1)
        self.assertNotIn("robots", metas(page, "name"))
        missing = http("/en/news/politics/999999-nothing-here")
        self.assertEqual(missing.status, 404)
        self.assertEqual(metas(missing.text, "name")["robots"], ["noindex"])

    def test_robots_txt_keeps_crawlers_out_of_the_admin_and_search(self):
        r = http("/robots.txt")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "text/plain; charset=utf-8")
        self.assertEqual(r.text.splitlines(), ["User-agent: *", "Disallow: /admin", "Disallow: /*/search", "",
                                               "Sitemap: %s/sitemap.xml" % site_url()])


if __name__ == "__main__":
    unittest.main()
