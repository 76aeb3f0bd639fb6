"""What an editor sees in a real browser when MariaDB goes away while they
write: the form they sent comes back with their text and a button to send it
again, other admin pages say saving is unavailable, and once the database is
back the same button saves. Screenshots go to test-output/."""
import os
import time
import unittest

from browser.chromium import Chromium
from integration.test_admin import create_article
from stackfixture import ADMIN_PASSWORD, OUT, Client, sql, sql_change, stack


class EditorThroughAnOutage(unittest.TestCase):
    def test_the_text_survives_and_is_saved_once_the_database_is_back(self):
        s = stack()
        sql("DELETE FROM login_throttle")
        editor = Client()
        self.assertEqual(editor.login().status, 303)
        article = create_article(editor, "Written through an outage")
        self.addCleanup(sql_change, "DELETE FROM articles WHERE id = %d" % article)
        b = Chromium(width=1100, height=900)
        self.addCleanup(b.close)
        os.makedirs(OUT, exist_ok=True)
        b.open(s.url("/admin/articles/%d" % article))
        b.fill("input[name=name]", "admin")
        b.fill("input[name=password]", ADMIN_PASSWORD)
        b.click_and_wait("form[action='/admin/login'] button[type=submit]")
        self.assertEqual(b.evaluate("location.pathname"), "/admin/articles/%d" % article)
        paragraph = "A paragraph written while the database was away, with <angle> brackets."
        b.fill("textarea[name=body]", paragraph)
        s.stop_one("mariadb")
        try:
            b.click_and_wait("button[name=action][value=save]")
            self.assertEqual(b.evaluate("document.querySelector('h1').innerText"),
                             "Not saved: the database is not answering")
            self.assertEqual(b.evaluate("document.querySelector('textarea[name=body]').value"), paragraph)
            b.screenshot(os.path.join(OUT, "admin-not-saved.png"))
            unsaved_page = b.evaluate("location.pathname")
            other = Chromium(width=1100, height=900)
            try:  # the same editor's other tab: the article list
                for cookie in b.call("Network.getCookies", session=True)["cookies"]:
                    other.call("Network.setCookie", {k: cookie[k] for k in ("name", "value", "domain", "path")},
                               session=True)
                other.open(s.url("/admin/articles"))
                self.assertEqual(other.evaluate("document.querySelector('h1').innerText"), "Saving is unavailable")
                other.screenshot(os.path.join(OUT, "admin-saving-unavailable.png"))
            finally:
                other.close()
        finally:
            s.start_mariadb()
        self.assertEqual(unsaved_page, "/admin/articles/%d" % article)
        # Back: the button on the page the editor still has saves the text they wrote.
        # (Until every worker has found it again, the answer may be the same page once more.)
        for _ in range(20):
            b.click_and_wait("section.unsaved button[type=submit]")
            if b.evaluate("document.querySelector('section.unsaved') === null"):
                break
            time.sleep(0.25)
        self.assertIn("Saved.", b.evaluate("document.querySelector('.notice').innerText"))
        b.screenshot(os.path.join(OUT, "admin-saved-after-outage.png"))
        self.assertIn(paragraph, sql("SELECT body FROM article_bodies WHERE article_id = %d" % article))


if __name__ == "__main__":
    unittest.main()
