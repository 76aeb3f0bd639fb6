"""What a reader sees in a real browser at the seed article's URL."""
import os
import re
import unittest

from browser.chromium import Chromium
from stackfixture import OUT, REPO, stack

# A copy of ../shared/seed/ednews-article-page.txt, so the tests need nothing outside the repo.
SEED_FILE = os.path.join(REPO, "tests", "fixtures", "ednews-article-page.txt")
SEED_PATH = "/en/news/country/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation"


def normalise(line):
    return re.sub(r"\s+", " ", line).strip()


class SeedPageInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.url = stack().url(SEED_PATH)
        cls.browser = Chromium()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()

    def test_visible_text_contains_every_seed_line_in_order(self):
        self.browser.open(self.url)
        os.makedirs(OUT, exist_ok=True)
        self.browser.screenshot(os.path.join(OUT, "seed-article-page.png"))
        text = self.browser.evaluate("document.body.innerText")
        with open(os.path.join(OUT, "seed-article-page.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        page_lines = [normalise(l) for l in text.splitlines() if l.strip()]
        with open(SEED_FILE, encoding="utf-8") as f:
            seed_lines = [normalise(l) for l in f.read().splitlines() if l.strip()]
        # From the title to the news line's last entry (the seed's final
        # "Hamısı" is the all-news link, labelled "All news" in the en edition).
        seed_lines = seed_lines[:-1]
        self.assertEqual(len(seed_lines), 91)  # title, meta, 6 paragraphs, byline, related, heading, 40 x 2
        position = 0
        for line in seed_lines:
            try:
                position = page_lines.index(line, position) + 1
            except ValueError:
                self.fail("seed line not found (in order) on the page: %r" % line)
        self.assertIn("All news", page_lines[position:position + 3])

    def test_page_is_styled_and_has_no_scripts(self):
        self.browser.open(self.url)
        self.assertEqual(self.browser.evaluate("document.title"),
                         "Azerbaijani Ombudsperson urges human rights protection and cooperation | Newsline")
        # Nothing that runs: the one <script> is the JSON-LD data block for search engines.
        self.assertEqual(self.browser.evaluate(
            "[...document.scripts].filter(s => s.type !== 'application/ld+json').length"), 0)
        self.assertEqual(self.browser.evaluate("document.scripts.length"), 1)
        # The stylesheet was applied: the news line sits beside the article on a wide screen.
        side_by_side = self.browser.evaluate(
            "document.querySelector('.newsline').getBoundingClientRect().left > "
            "document.querySelector('article h1').getBoundingClientRect().right")
        self.assertTrue(side_by_side)

    def test_phone_width_stacks_the_news_line_below(self):
        phone = Chromium(width=390, height=844)
        try:
            phone.open(self.url)
            phone.screenshot(os.path.join(OUT, "seed-article-page-phone.png"))
            below = phone.evaluate("document.querySelector('.newsline').getBoundingClientRect().top > "
                                   "document.querySelector('.byline').getBoundingClientRect().bottom")
            self.assertTrue(below)
            self.assertLessEqual(phone.evaluate("document.documentElement.scrollWidth"), 390)
        finally:
            phone.close()
