"""The newsroom's pages in a real browser, on a desktop and on a phone: the
front page with photos, an article with its lead photo, a tag page and the
photo upload form. Screenshots go to test-output/ (look at them)."""
import os
import time
import unittest

from browser.chromium import Chromium
from stackfixture import ADMIN_PASSWORD, OUT, SANITIZED, http, sql, stack

ARTICLE = "/en/news/politics/42-talks-between-azerbaijan-and-armenia-may-be-held-at-level-of-heads-of-state"
PAGES = [("front", "/en/"), ("article", ARTICLE), ("tag", "/en/tag/hikmat-hajiyev")]
SIZES = [("desktop", 1280, 900), ("phone", 390, 844)]


def images_loaded(browser):
    """How many of the photos in the first screen the browser decoded, and how
    many there are (lazy ones load as they come near: given up to 5 s, 20 s
    from a sanitized worker, whose photo helper makes each new size under ASan)."""
    deadline = time.time() + (20 if SANITIZED else 5)
    while True:
        loaded, total = browser.evaluate(
            "(() => { const imgs = [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight);"
            " return [imgs.filter(i => i.complete && i.naturalWidth > 0).length, imgs.length]; })()")
        if loaded == total or time.time() > deadline:
            return loaded, total
        time.sleep(0.1)


class NewsroomPagesInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stack = stack()
        os.makedirs(OUT, exist_ok=True)

    def test_public_pages_on_desktop_and_phone(self):
        for size, width, height in SIZES:
            browser = Chromium(width=width, height=height)
            try:
                for name, path in PAGES:
                    with self.subTest(size=size, page=name):
                        browser.open(self.stack.url(path))
                        loaded, total = images_loaded(browser)  # before the screenshot: the lazy ones too
                        browser.screenshot(os.path.join(OUT, "%s-%s.png" % (name, size)))
                        self.assertGreater(total, 0)
                        self.assertEqual(loaded, total)  # every photo above the fold arrived (nginx or a worker)
                        self.assertLessEqual(browser.evaluate("document.documentElement.scrollWidth"), width)
                        # Width and height are given, so nothing moves as photos load.
                        self.assertEqual(browser.evaluate("[...document.images].filter(i => !i.getAttribute('width')"
                                                          " || !i.getAttribute('height')).length"), 0)
                # The menu on a phone opens without script; on a desktop the bar shows.
                browser.open(self.stack.url("/en/"))
                if size == "phone":
                    self.assertEqual(browser.evaluate("getComputedStyle(document.querySelector('nav.sections')).display"),
                                     "none")
                    browser.evaluate("document.querySelector('.sections-menu summary').click()")
                    self.assertTrue(browser.evaluate("document.querySelector('.sections-menu').open"))
                    browser.screenshot(os.path.join(OUT, "front-phone-menu-open.png"), full_page=False)
                else:
                    self.assertEqual(browser.evaluate("getComputedStyle(document.querySelector('.sections-menu'))"
                                                      ".display"), "none")
            finally:
                browser.close()
        # The lead photo is the article's own, captioned and credited.
        page = http(ARTICLE).text
        self.assertIn('<figure class="photo photo-lead">', page)

    def test_the_upload_form(self):
        for size, width, height in SIZES:
            browser = Chromium(width=width, height=height)
            try:
                sql("DELETE FROM login_throttle")
                browser.open(self.stack.url("/admin/login?next=%2Fadmin%2Fmedia"))
                browser.fill("input[name=name]", "admin")
                browser.fill("input[name=password]", ADMIN_PASSWORD)
                browser.click_and_wait("form[action='/admin/login'] button[type=submit]")
                self.assertEqual(browser.evaluate("location.pathname"), "/admin/media")
                self.assertEqual(browser.evaluate("document.querySelector('form.photo-upload').enctype"),
                                 "multipart/form-data")
                self.assertTrue(browser.evaluate("document.querySelector('input[name=alt]').required"))
                browser.screenshot(os.path.join(OUT, "upload-form-%s.png" % size))
                self.assertLessEqual(browser.evaluate("document.documentElement.scrollWidth"), width)
                browser.open(self.stack.url("/admin/articles/42"))
                browser.screenshot(os.path.join(OUT, "article-form-%s.png" % size))
            finally:
                browser.close()


if __name__ == "__main__":
    unittest.main()
