"""An editor in a real browser: logs in through the form, edits an article,
and sees the change on the public page. Screenshots go to test-output/."""
import os
import unittest

from browser.chromium import Chromium
from stackfixture import ADMIN_PASSWORD, OUT, http, sql, sql_change, stack, within_a_second

ARTICLE_ID = 50  # a ru demo article, not on the seed page


class EditorInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stack = stack()
        cls.original_title = sql("SELECT title FROM articles WHERE id = %d" % ARTICLE_ID).strip()
        cls.browser = Chromium(width=1100, height=900)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        sql_change("UPDATE articles SET title = '%s' WHERE id = %d" % (cls.original_title.replace("'", "''"), ARTICLE_ID))

    def test_login_edit_and_see_it_on_the_site(self):
        b = self.browser
        os.makedirs(OUT, exist_ok=True)
        sql("DELETE FROM login_throttle")
        b.open(self.stack.url("/admin/articles/%d" % ARTICLE_ID))
        self.assertEqual(b.evaluate("location.pathname"), "/admin/login")  # sent to log in first
        b.screenshot(os.path.join(OUT, "admin-login.png"))
        b.fill("input[name=name]", "admin")
        b.fill("input[name=password]", ADMIN_PASSWORD)
        b.click_and_wait("form[action='/admin/login'] button[type=submit]")
        # Lands where it was going: the article's edit form.
        self.assertEqual(b.evaluate("location.pathname"), "/admin/articles/%d" % ARTICLE_ID)
        self.assertEqual(b.evaluate("document.querySelector('input[name=title]').value"), self.original_title)

        new_title = "Цена нефти: правка из браузера <b>"
        b.fill("input[name=title]", new_title)
        b.click_and_wait("button[name=action][value=save]")
        self.assertIn("Saved.", b.evaluate("document.querySelector('.notice').innerText"))
        b.screenshot(os.path.join(OUT, "admin-article-saved.png"))

        within_a_second(lambda: "правка из браузера" in http("/ru/").text, "the edit on the ru home page")
        b.open(self.stack.url("/ru/"))
        self.assertEqual(b.evaluate("location.pathname"), "/ru/")
        slug_url = b.evaluate("document.querySelector('a[href*=\"/%d-\"]').getAttribute('href')" % ARTICLE_ID)
        b.open(self.stack.url(slug_url))
        self.assertEqual(b.evaluate("document.querySelector('article h1').innerText"), new_title)
        self.assertEqual(b.evaluate("document.querySelectorAll('article h1 b').length"), 0)  # text, not markup
        self.assertIn(new_title, b.evaluate("document.querySelector('.newsline').innerText"))
        b.screenshot(os.path.join(OUT, "public-article-after-edit.png"))

    def test_admin_works_on_a_phone_without_javascript(self):
        phone = Chromium(width=390, height=844)
        try:
            phone.call("Emulation.setScriptExecutionDisabled", {"value": True}, session=True)
            phone.open(self.stack.url("/admin/login"))
            phone.screenshot(os.path.join(OUT, "admin-login-phone.png"))
            # The page fits the phone's width (nothing to scroll sideways).
            phone.call("Emulation.setScriptExecutionDisabled", {"value": False}, session=True)
            self.assertLessEqual(phone.evaluate("document.documentElement.scrollWidth"), 390)
        finally:
            phone.close()
