"""The short run of `make lighthouse`: Google's Lighthouse with Debian's
chromium on an article with its lead photo, on a phone, must score 100 for
SEO, accessibility and best practices and at least 95 for performance (make
lighthouse runs every page family on a phone and a desktop). The report is
kept in test-output/lighthouse/."""
import os
import sys
import unittest

from stackfixture import REPO, stack

sys.path.insert(0, os.path.join(REPO, "scripts"))
import lighthouse  # noqa: E402


class Lighthouse(unittest.TestCase):
    def test_an_article_on_a_phone_is_at_the_bar(self):
        s = stack()
        failures = lighthouse.run("http://127.0.0.1:%d" % s.port, pages=["article"], forms=["mobile"])
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main()
