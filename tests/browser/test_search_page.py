"""Search as a reader uses it in a real browser: the box in the header, on a
desktop and on a phone, and the results with the words marked. Screenshots
(search-desktop.png, search-phone.png) go to test-output/: look at them."""
import os
import unittest

from browser.chromium import Chromium
from browser.test_newsroom_pages import images_loaded
from stackfixture import OUT, stack

SIZES = [("desktop", 1280, 900), ("phone", 390, 844)]


class SearchInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stack = stack()
        os.makedirs(OUT, exist_ok=True)

    def test_the_header_box_finds_and_marks_the_words(self):
        for size, width, height in SIZES:
            browser = Chromium(width=width, height=height)
            try:
                browser.open(self.stack.url("/az/"))
                # The box is there to be seen, beside the sections on a desktop, on a line of its own on a phone.
                box = browser.evaluate("(() => { const r = document.querySelector('#site-search-q')"
                                       ".getBoundingClientRect(); return [r.width, r.height, r.right]; })()")
                self.assertGreater(box[0], 100, size)
                self.assertGreater(box[1], 20, size)
                self.assertLessEqual(box[2], width, size)
                browser.fill("#site-search-q", "BAKI")
                browser.click_and_wait(".site-search button")
                self.assertTrue(browser.evaluate("location.pathname") == "/az/search", size)
                marks = browser.evaluate("[...document.querySelectorAll('.results mark')].map(m => m.textContent)")
                self.assertTrue(marks, size)
                self.assertTrue(all(m.lower().startswith("bak") for m in marks), marks)
                self.assertEqual(browser.evaluate("document.querySelector('#search-page-q').value"), "BAKI")
                self.assertLessEqual(browser.evaluate("document.documentElement.scrollWidth"), width)
                images_loaded(browser)  # the results' thumbnails are lazy: in the screenshot too
                browser.screenshot(os.path.join(OUT, "search-%s.png" % size))
            finally:
                browser.close()


if __name__ == "__main__":
    unittest.main()
