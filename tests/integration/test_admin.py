"""The admin area through nginx and FastCGI: what editors and admins do, and
what an attacker cannot. Each test works on its own users and articles."""
import hashlib
import html
import re
import subprocess
import time
import unittest
import urllib.parse

from stackfixture import (ADMIN_PASSWORD, Client, admin, article_fields, baku_input,  # noqa: F401
                          create_article, edit_form_fields, http, public_article_url, sql, sql_change, stack,
                          within_a_second)

# "old hash password" hashed with libsodium's interactive limits (64 MiB, 2 passes), as hashes were made before.
OLD_HASH = "$argon2id$v=19$m=65536,t=2,p=1$VfQQQEkAP3K79sJ9vGmUCg$fiS+N/IrI6tM9HuCXwpGiu2XykbSz2QDI9xOycTjx78"


def add_user(name, role="editor", password="editor password 1"):
    r = stack().newsline("user", "add", name, "--role", role, input=password + "\n", text=True, capture_output=True)
    assert r.returncode == 0, r.stderr
    return password


def unlimited(source):
    """A client from `source` that reaches the workers without nginx's login
    rate limit: what the workers' own throttle does, try by try."""
    return Client(base_url="http://127.0.0.1:%d" % stack().unlimited_port, source=source)


class AdminTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        stack()

    def setUp(self):
        # Every test starts unthrottled.
        sql("DELETE FROM login_throttle")
        self.max_article_id = int(sql("SELECT COALESCE(MAX(id), 0) FROM articles").strip())

    def tearDown(self):
        # The articles a test made leave again, so the demo pages stay as the seed has them.
        sql_change("DELETE FROM articles WHERE id > %d" % self.max_article_id)


class Login(AdminTestCase):
    def test_admin_pages_need_a_login(self):
        r = http("/admin/articles?status=draft")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/admin/login?next=%2Fadmin%2Farticles%3Fstatus%3Ddraft")
        self.assertEqual(http("/admin/users").status, 303)
        self.assertEqual(http("/admin/articles/1/preview").status, 303)
        self.assertEqual(http("/admin/articles/1", method="POST", data=b"title=x").status, 403)

    def test_login_form_has_csrf_cookie_and_no_store(self):
        r = http("/admin/login")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        cookie = r.header("Set-Cookie")
        # Signed: "<expires>.<256 random bits>.<MAC>", good for an hour.
        m = re.match(r"^nl_login=(\d+)\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}; Path=/admin/login; HttpOnly; "
                     r"SameSite=Strict; Max-Age=3600", cookie)
        self.assertTrue(m, cookie)
        self.assertAlmostEqual(int(m.group(1)), time.time() + 3600, delta=60)
        self.assertIn('name="csrf" value="%s"' % cookie.split(";")[0].split("=", 1)[1], r.text)

    def test_login_lands_where_the_editor_was_going(self):
        c = Client()
        r = c.login(next_path="/admin/articles?status=draft")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/admin/articles?status=draft")
        set_cookie = [v for k, v in r.headers.items() if k == "Set-Cookie" and v.startswith("nl_session=")][0]
        self.assertIn("Path=/admin; HttpOnly; SameSite=Strict", set_cookie)
        self.assertNotIn("Secure", set_cookie)  # plain http here; Secure over https (see test below)
        token = c.cookie("nl_session").value
        self.assertEqual(len(token), 43)
        stored = sql("SELECT token_hash FROM sessions").split()
        self.assertNotIn(token, stored)  # only a hash is stored
        self.assertIn(hashlib.blake2b(token.encode(), digest_size=32).hexdigest(), stored)
        self.assertEqual(c.get("/admin/articles").status, 200)
        # Somewhere outside the admin area is never a destination.
        self.assertEqual(Client().login(next_path="//evil.example/x").header("Location"), "/admin/articles")

    def test_new_token_at_every_login(self):
        a, b = admin(), admin()
        self.assertNotEqual(a.cookie("nl_session").value, b.cookie("nl_session").value)

    def test_secure_cookie_over_https(self):
        form = Client()
        page = form.get("/admin/login")
        token = form.csrf(page)
        form_cookie = "nl_login=" + token
        body = urllib.parse.urlencode({"csrf": token, "name": "admin", "password": ADMIN_PASSWORD})
        import os
        import subprocess as sp
        s = stack()
        env = s.newsline_env()
        env.update({"REQUEST_METHOD": "POST", "REQUEST_URI": "/admin/login", "HTTPS": "on",
                    "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
                    "HTTP_COOKIE": form_cookie, "REMOTE_ADDR": "127.0.0.9", "NEWSLINE_LISTEN": ""})
        out = sp.run([os.path.join(os.path.dirname(s.config_file), "..") and
                      os.path.join(__import__("stackfixture").REPO, "build", "newsline"), "--config", s.config_file],
                     input=body.encode(), env=env, capture_output=True, timeout=30).stdout.decode()
        self.assertIn("Status: 303", out)
        self.assertRegex(out, r"Set-Cookie: nl_session=[^\r]*; Secure")

    def test_wrong_password_and_unknown_user_look_the_same(self):
        add_user("timing-editor")
        times = {"wrong": [], "unknown": []}
        texts = {}
        for _ in range(2):
            for kind, name in (("wrong", "timing-editor"), ("unknown", "nobody-such")):
                c = Client()
                start = time.monotonic()
                r = c.login(name, "not the password")
                times[kind].append(time.monotonic() - start)
                self.assertEqual(r.status, 401)
                texts[kind] = re.sub(r'value="[^"]*"', "", r.text)
            sql("DELETE FROM login_throttle")
        self.assertIn("Wrong name or password.", texts["wrong"])
        self.assertEqual(texts["wrong"], texts["unknown"])
        # An unknown name costs a password hash too (not a speed target: without
        # the dummy hash it would be a hundred times faster).
        self.assertGreater(min(times["unknown"]), 0.4 * min(times["wrong"]))

    def test_login_needs_its_csrf_token(self):
        form = Client()
        form.get("/admin/login")
        r = form.request("/admin/login", "POST", {"name": "admin", "password": ADMIN_PASSWORD})
        self.assertEqual(r.status, 403)
        r = form.request("/admin/login", "POST", {"csrf": "x" * 43, "name": "admin", "password": ADMIN_PASSWORD})
        self.assertEqual(r.status, 403)
        self.assertIsNone(form.cookie("nl_session"))
        # A pair a script made up itself (the same value as cookie and field) is no token.
        for made_up in ("x" * 43, "9999999999.%s.%s" % ("a" * 43, "b" * 43)):
            r = http("/admin/login", method="POST",
                     data=urllib.parse.urlencode({"csrf": made_up, "name": "admin", "password": ADMIN_PASSWORD}).encode(),
                     headers={"Cookie": "nl_login=" + made_up, "Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(r.status, 403, made_up)
            self.assertNotIn("nl_session", str(r.headers))

    def test_an_account_is_never_locked_out_by_someone_else(self):
        password = add_user("throttled-editor")
        attacker = "127.0.0.21"
        for _ in range(6):  # five free failures, the sixth makes the next try wait
            self.assertEqual(unlimited(attacker).login("throttled-editor", "wrong wrong").status, 401)
        r = unlimited(attacker).login("throttled-editor", password)
        self.assertEqual(r.status, 429)
        self.assertIn("Too many failed tries", r.text)
        self.assertEqual(r.header("Retry-After"), "1")
        # The editor, from an address that has not failed, logs in at once.
        self.assertEqual(unlimited("127.0.0.22").login("throttled-editor", password).status, 303)
        # The attacker's waits double with each failure (the waits are let run out here by SQL).
        waits = []
        for _ in range(3):
            sql("UPDATE login_throttle SET wait_until_ms = 0")
            self.assertEqual(unlimited(attacker).login("throttled-editor", "wrong again").status, 401)
            r = unlimited(attacker).login("throttled-editor", password)
            self.assertEqual(r.status, 429)
            waits.append(int(r.header("Retry-After")))
        self.assertTrue(1 <= waits[0] <= 2 and 3 <= waits[1] <= 4 and 7 <= waits[2] <= 8, waits)
        # Once the wait is over, the right password works from there too, and the count starts again.
        sql("UPDATE login_throttle SET wait_until_ms = 0")
        self.assertEqual(unlimited(attacker).login("throttled-editor", password).status, 303)
        self.assertEqual(unlimited(attacker).login("throttled-editor", "wrong").status, 401)
        self.assertEqual(unlimited(attacker).login("throttled-editor", password).status, 303)

    def test_an_address_that_guesses_many_accounts_waits_for_all_of_them(self):
        guesser = "127.0.0.23"
        for i in range(21):  # twenty free failures per address, whatever the accounts
            self.assertEqual(unlimited(guesser).login("guess-%d" % i, "wrong wrong").status, 401)
        self.assertEqual(unlimited(guesser).login("admin", ADMIN_PASSWORD).status, 429)
        self.assertEqual(unlimited("127.0.0.24").login("admin", ADMIN_PASSWORD).status, 303)

    def test_refusals_are_audited_once_per_window(self):
        guesser = "127.0.0.25"
        add_user("refused-editor")
        for _ in range(6):
            unlimited(guesser).login("refused-editor", "wrong wrong")
        # A longer wait than the sixth failure set (1 s), so that all ten tries below fall in it.
        sql("UPDATE login_throttle SET wait_until_ms = (UNIX_TIMESTAMP() + 60) * 1000 WHERE failures = 6")
        before = int(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login_refused'").strip())
        for _ in range(10):
            self.assertEqual(unlimited(guesser).login("refused-editor", "wrong wrong").status, 429)
        after = int(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login_refused'").strip())
        self.assertEqual(after - before, 1)

    def test_parallel_tries_are_counted_one_by_one(self):
        # Twenty wrong passwords for one account from one address at the same
        # moment, each in a CGI process of its own (no lanes in between): the
        # count is taken and checked in one locked step, so only the free tries
        # and the one that starts the wait are checked.
        form = Client()
        token = form.csrf(form.get("/admin/login"))
        body = urllib.parse.urlencode({"csrf": token, "name": "admin", "password": "parallel guess"}).encode()
        s = stack()
        env = s.newsline_env()
        env.update({"REQUEST_METHOD": "POST", "REQUEST_URI": "/admin/login", "HTTP_COOKIE": "nl_login=" + token,
                    "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
                    "REMOTE_ADDR": "10.9.9.9", "NEWSLINE_LISTEN": ""})
        procs = [subprocess.Popen([s.binary, "--config", s.config_file], env=env, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(20)]
        statuses = []
        for p in procs:
            out, _ = p.communicate(body, timeout=60)
            statuses.append(int(re.search(rb"^Status: (\d+)", out, re.M).group(1)))
        checked = statuses.count(401)
        self.assertEqual(checked + statuses.count(429), 20, statuses)
        self.assertIn(checked, (6, 7), statuses)  # a seventh only if the burst outlasted the first 1 s wait
        counted = sql("SELECT MAX(failures) FROM login_throttle").strip()
        self.assertEqual(int(counted), checked)

    def test_idle_and_absolute_expiry(self):
        c = admin()
        self.assertEqual(c.get("/admin/articles").status, 200)
        token_hash = hashlib.blake2b(c.cookie("nl_session").value.encode(), digest_size=32).hexdigest()
        sql("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 31 MINUTE WHERE token_hash = '%s'" % token_hash)
        self.assertEqual(c.get("/admin/articles").status, 303)
        self.assertEqual(sql("SELECT COUNT(*) FROM sessions WHERE token_hash = '%s'" % token_hash).strip(), "0")

        c = admin()
        token_hash = hashlib.blake2b(c.cookie("nl_session").value.encode(), digest_size=32).hexdigest()
        sql("UPDATE sessions SET created_at = UTC_TIMESTAMP() - INTERVAL 13 HOUR WHERE token_hash = '%s'" % token_hash)
        self.assertEqual(c.get("/admin/articles").status, 303)  # active, but older than 12 hours

    def test_logout_ends_the_session_on_the_server(self):
        c = admin()
        token = c.cookie("nl_session").value
        page = c.get("/admin/articles")
        r = c.post("/admin/logout", {}, from_page=page)
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/admin/login")
        replay = http("/admin/articles", headers={"Cookie": "nl_session=" + token})
        self.assertEqual(replay.status, 303)  # the stolen cookie is worthless now


class Csrf(AdminTestCase):
    def test_missing_or_wrong_token_is_403_and_changes_nothing(self):
        c = admin()
        before = sql("SELECT title, revision FROM articles WHERE id = 3")
        page = c.get("/admin/articles/3")
        fields = edit_form_fields(page)
        fields["title"] = "Changed by a forged request"
        for token in (None, "", "x" * 43, Client().login() and admin().csrf(admin().get("/admin/articles"))):
            f = dict(fields)
            f.pop("csrf", None)
            if token is not None:
                f["csrf"] = token
            r = c.request("/admin/articles/3", "POST", f)
            self.assertEqual(r.status, 403)
            self.assertIn("This form has expired or did not come from this site.", r.text)
        self.assertEqual(sql("SELECT title, revision FROM articles WHERE id = 3"), before)

    def test_no_get_changes_state(self):
        c = admin()
        before = sql("SELECT COUNT(*), MAX(revision) FROM articles")
        for path in ("/admin/articles/3/delete", "/admin/articles/3/revisions/1/restore", "/admin/logout"):
            r = c.get(path)
            self.assertIn(r.status, (200, 405))
        self.assertEqual(sql("SELECT COUNT(*), MAX(revision) FROM articles"), before)
        self.assertEqual(c.get("/admin/articles").status, 200)  # still logged in


class Roles(AdminTestCase):
    def test_editor_cannot_manage_users_categories_or_read_the_audit(self):
        password = add_user("plain-editor")
        c = Client()
        self.assertEqual(c.login("plain-editor", password).status, 303)
        page = c.get("/admin/articles")
        self.assertNotIn('href="/admin/users"', page.text)
        for path in ("/admin/users", "/admin/categories", "/admin/audit"):
            self.assertEqual(c.get(path).status, 403, path)
        r = c.post("/admin/users", {"name": "sneaky", "role": "admin", "password": "sneaky password"}, from_page=page)
        self.assertEqual(r.status, 403)
        self.assertEqual(sql("SELECT COUNT(*) FROM users WHERE name = 'sneaky'").strip(), "0")
        uid = sql("SELECT id FROM users WHERE name = 'plain-editor'").strip()
        r = c.post("/admin/users/" + uid, {"action": "role", "role": "admin"}, from_page=page)
        self.assertEqual(r.status, 403)
        self.assertEqual(sql("SELECT role FROM users WHERE name = 'plain-editor'").strip(), "editor")
        # But articles are theirs to edit. A new one starts in its edition's first section.
        for edition in ("en", "ru"):
            form = c.get("/admin/articles/new?edition=" + edition)
            self.assertEqual(form.status, 200)
            chosen = re.search(r'<select name="category">.*?<option value="\d+" selected>([^<]+)<', form.text, re.S)
            self.assertTrue(chosen.group(1).startswith(edition + " / "), chosen.group(1))

    def test_admin_manages_users(self):
        c = admin()
        page = c.get("/admin/users")
        r = c.post("/admin/users", {"name": "new-editor", "role": "editor", "password": "short"}, from_page=page)
        self.assertEqual(r.status, 422)
        self.assertIn("at least 8 characters", r.text)
        r = c.post("/admin/users", {"name": "new-editor", "role": "editor", "password": "a long enough one"},
                   from_page=page)
        self.assertEqual(r.status, 303)
        uid = sql("SELECT id FROM users WHERE name = 'new-editor'").strip()
        ed = Client()
        self.assertEqual(ed.login("new-editor", "a long enough one").status, 303)
        self.assertEqual(c.post("/admin/users/" + uid, {"action": "role", "role": "admin"}, from_page=page).status, 303)
        self.assertEqual(sql("SELECT role FROM users WHERE id = " + uid).strip(), "admin")
        # Disabling ends their sessions and refuses their logins.
        self.assertEqual(c.post("/admin/users/" + uid, {"action": "disable"}, from_page=page).status, 303)
        self.assertEqual(ed.get("/admin/articles").status, 303)
        self.assertEqual(Client().login("new-editor", "a long enough one").status, 401)
        self.assertEqual(c.post("/admin/users/" + uid, {"action": "enable"}, from_page=page).status, 303)
        # A reset password works at once; the old one no longer does.
        r = c.post("/admin/users/" + uid, {"action": "reset_password", "password": "the reset password"}, from_page=page)
        self.assertEqual(r.status, 303)
        sql("DELETE FROM login_throttle")
        self.assertEqual(Client().login("new-editor", "a long enough one").status, 401)
        self.assertEqual(Client().login("new-editor", "the reset password").status, 303)
        # Their sessions end when an admin sets their password.
        ed = Client()
        self.assertEqual(ed.login("new-editor", "the reset password").status, 303)
        self.assertEqual(c.post("/admin/users/" + uid, {"action": "reset_password", "password": "another reset one"},
                                from_page=page).status, 303)
        self.assertEqual(ed.get("/admin/articles").status, 303)
        # An admin's own password is not set here, without the current one.
        me = sql("SELECT id FROM users WHERE name = 'admin'").strip()
        before = sql("SELECT password_hash FROM users WHERE id = " + me)
        r = c.post("/admin/users/" + me, {"action": "reset_password", "password": "taken over by a scanner"},
                   from_page=page)
        self.assertEqual(r.status, 422)
        self.assertIn("it asks for the current one", html.unescape(r.text))
        self.assertEqual(sql("SELECT password_hash FROM users WHERE id = " + me), before)
        # The last active admin cannot lose that role.
        sql("UPDATE users SET disabled = 1 WHERE role = 'admin' AND name <> 'admin'")
        try:
            r = c.post("/admin/users/" + me, {"action": "role", "role": "editor"}, from_page=page)
            self.assertEqual(r.status, 422)
            self.assertIn("last active admin", r.text)
        finally:
            sql("UPDATE users SET disabled = 0")

    def test_changing_ones_password_ends_other_sessions(self):
        password = add_user("changer")
        first, second = Client(), Client()
        first.login("changer", password)
        second.login("changer", password)
        page = first.get("/admin/password")
        r = first.post("/admin/password", {"current": "wrong", "password": "new password!", "confirm": "new password!"},
                       from_page=page)
        self.assertEqual(r.status, 422)
        r = first.post("/admin/password", {"current": password, "password": "new password!", "confirm": "new password!"},
                       from_page=page)
        self.assertEqual(r.status, 303)
        self.assertEqual(first.get("/admin/articles").status, 200)
        self.assertEqual(second.get("/admin/articles").status, 303)
        self.assertEqual(Client().login("changer", "new password!").status, 303)
        self.assertTrue(sql("SELECT password_hash FROM users WHERE name = 'changer'").startswith("$argon2id$"))

    def test_the_current_password_check_is_throttled_and_audited_like_a_login(self):
        password = add_user("guessed-current")
        c = Client(source="127.0.0.26")
        self.assertEqual(c.login("guessed-current", password).status, 303)
        page = c.get("/admin/password")
        for i in range(6):
            r = c.post("/admin/password", {"current": "guess %d" % i, "password": "new password!",
                                           "confirm": "new password!"}, from_page=page)
            self.assertEqual(r.status, 422)
        r = c.post("/admin/password", {"current": password, "password": "new password!", "confirm": "new password!"},
                   from_page=page)
        self.assertEqual(r.status, 429)
        self.assertEqual(r.header("Retry-After"), "1")
        uid = sql("SELECT id FROM users WHERE name = 'guessed-current'").strip()
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'password_check_failed' "
                             "AND target = 'user %s'" % uid).strip(), "6")
        time.sleep(1.1)
        r = c.post("/admin/password", {"current": password, "password": "new password!", "confirm": "new password!"},
                   from_page=page)
        self.assertEqual(r.status, 303)

    def test_old_password_hashes_are_replaced_at_the_next_login(self):
        # A hash made with the former limits (64 MiB) is checked with them, then made again with today's (19 MiB).
        add_user("old-hash")
        sql("UPDATE users SET password_hash = '%s' WHERE name = 'old-hash'" % OLD_HASH)
        self.assertEqual(Client().login("old-hash", "old hash password").status, 303)
        self.assertIn("$m=19456,t=2,p=1$", sql("SELECT password_hash FROM users WHERE name = 'old-hash'"))


class Articles(AdminTestCase):
    def test_create_then_publish_is_visible_to_readers(self):
        c = admin()
        title = "Admin-made story %d" % time.time()
        aid = create_article(c, title, body="Some **bold** words.\n\nA [link](https://example.org/).")
        self.assertEqual(sql("SELECT status FROM articles WHERE id = %d" % aid).strip(), "draft")
        self.assertEqual(http(public_article_url(aid)).status, 404)
        page = c.get("/admin/articles/%d" % aid)
        fields = edit_form_fields(page)
        fields["action"] = "publish"
        self.assertEqual(c.request("/admin/articles/%d" % aid, "POST", fields).status, 303)
        first_in_newsline = lambda: title in http("/en/").text.split('<aside class="newsline"')[1].split("</li>")[0]
        within_a_second(first_in_newsline, "the published story in the news line")
        within_a_second(lambda: http(public_article_url(aid)).status == 200, "the published article page")
        art = http(public_article_url(aid))
        self.assertEqual(art.status, 200)
        self.assertIn("<p>Some <strong>bold</strong> words.</p>", art.text)
        self.assertIn('<a href="https://example.org/">link</a>', art.text)
        self.assertIn("publish", sql("SELECT action FROM audit_log WHERE target = 'article %d'" % aid))

    def test_scheduled_is_hidden_until_its_time(self):
        c = admin()
        title = "Scheduled through the admin %d" % time.time()
        aid = create_article(c, title, action="schedule", published_at=baku_input(time.time() + 4))
        url = public_article_url(aid)
        self.assertEqual(http(url).status, 404)
        self.assertNotIn(title, http("/en/news").text)
        deadline = time.time() + 12
        while time.time() < deadline and http(url).status != 200:
            time.sleep(0.25)
        self.assertEqual(http(url).status, 200)
        within_a_second(lambda: title in http("/en/").text, "the scheduled story on the home page")
        # A time in the past cannot be scheduled.
        form = c.get("/admin/articles/new")
        r = c.post("/admin/articles/new", article_fields("Too late", action="schedule",
                                                         published_at=baku_input(time.time() - 60)), from_page=form)
        self.assertEqual(r.status, 422)

    def test_two_editors_saving_the_same_article(self):
        c = admin()
        aid = create_article(c, "Conflict test %d" % time.time())
        password = add_user("second-editor-%d" % aid)
        other = Client()
        other.login("second-editor-%d" % aid, password)
        mine = edit_form_fields(c.get("/admin/articles/%d" % aid))
        theirs = edit_form_fields(other.get("/admin/articles/%d" % aid))
        mine["title"], mine["body"] = "First editor's title", "First editor's body."
        self.assertEqual(c.request("/admin/articles/%d" % aid, "POST", mine).status, 303)
        theirs["title"], theirs["body"] = "Second editor's title", "Second editor's <precious> text."
        r = other.request("/admin/articles/%d" % aid, "POST", theirs)
        self.assertEqual(r.status, 409)
        self.assertIn("First editor&#39;s title", r.text)  # the saved version
        self.assertIn("Second editor&#39;s &lt;precious&gt; text.", r.text)  # their text, kept
        self.assertEqual(sql("SELECT title FROM articles WHERE id = %d" % aid).strip(), "First editor's title")
        # Having seen both, the second editor saves deliberately over the new revision.
        again = edit_form_fields(r)
        self.assertEqual(other.request("/admin/articles/%d" % aid, "POST", again).status, 303)
        self.assertEqual(sql("SELECT title FROM articles WHERE id = %d" % aid).strip(), "Second editor's title")
        self.assertEqual(sql("SELECT COUNT(*) FROM article_revisions WHERE article_id = %d" % aid).strip(), "3")

    def test_revisions_can_be_viewed_and_restored(self):
        c = admin()
        aid = create_article(c, "Revision one")
        f = edit_form_fields(c.get("/admin/articles/%d" % aid))
        f["title"] = "Revision two"
        c.request("/admin/articles/%d" % aid, "POST", f)
        listing = c.get("/admin/articles/%d/revisions" % aid)
        self.assertIn("Revision one", listing.text)
        self.assertIn("Revision two", listing.text)
        shown = c.get("/admin/articles/%d/revisions/1" % aid)
        self.assertIn("First paragraph.", shown.text)
        r = c.post("/admin/articles/%d/revisions/1/restore" % aid, {}, from_page=shown)
        self.assertEqual(r.status, 303)
        self.assertEqual(sql("SELECT title, revision FROM articles WHERE id = %d" % aid).split("\t"),
                         ["Revision one", "3\n"])
        self.assertIn("restore", sql("SELECT action FROM audit_log WHERE target = 'article %d'" % aid))

    def test_delete_needs_confirmation_and_keeps_the_row(self):
        c = admin()
        aid = create_article(c, "To be deleted", action="publish")
        url = public_article_url(aid)
        self.assertEqual(http(url).status, 200)
        confirm = c.get("/admin/articles/%d/delete" % aid)
        self.assertEqual(confirm.status, 200)
        self.assertIn("Delete this article?", confirm.text)
        self.assertEqual(http(url).status, 200)  # asking changed nothing
        self.assertEqual(c.post("/admin/articles/%d/delete" % aid, {}, from_page=confirm).status, 303)
        within_a_second(lambda: http(url).status == 404, "the deletion")
        self.assertEqual(sql("SELECT status FROM articles WHERE id = %d" % aid).strip(), "deleted")

    def test_slug_from_title_and_old_slug_redirects(self):
        c = admin()
        aid = create_article(c, "Şuşada Zadəganlar məclisi: Лента новостей", action="publish", edition="az",
                             category=sql("SELECT id FROM categories WHERE edition='az' AND slug='olke'").strip())
        self.assertEqual(sql("SELECT slug FROM articles WHERE id = %d" % aid).strip(),
                         "shushada-zadeganlar-meclisi-lenta-novostey")
        old_url = public_article_url(aid)
        f = edit_form_fields(c.get("/admin/articles/%d" % aid))
        f["slug"] = "a-new-slug"
        self.assertEqual(c.request("/admin/articles/%d" % aid, "POST", f).status, 303)
        within_a_second(lambda: http(old_url).status == 301, "the redirect from the old slug")
        r = http(old_url)
        self.assertTrue(r.header("Location").endswith("/%d-a-new-slug" % aid))
        # The same title again gets a slug of its own.
        other = create_article(c, "Şuşada Zadəganlar məclisi: Лента новостей", edition="az",
                               category=sql("SELECT id FROM categories WHERE edition='az' AND slug='olke'").strip())
        self.assertEqual(sql("SELECT slug FROM articles WHERE id = %d" % other).strip(),
                         "shushada-zadeganlar-meclisi-lenta-novostey")
        dup = create_article(c, "Şuşada Zadəganlar məclisi: Лента новостей", edition="az",
                             category=sql("SELECT id FROM categories WHERE edition='az' AND slug='olke'").strip())
        self.assertEqual(sql("SELECT slug FROM articles WHERE id = %d" % dup).strip(),
                         "shushada-zadeganlar-meclisi-lenta-novostey-2")

    def test_invalid_forms_are_refused_with_reasons(self):
        c = admin()
        form = c.get("/admin/articles/new")
        r = c.post("/admin/articles/new", article_fields("", category="8", slug="Bad Slug!", related="1, x",
                                                         published_at="yesterday"), from_page=form)
        self.assertEqual(r.status, 422)
        for reason in ("The title is empty.", "Choose a category of the article", "A slug has only",
                       "The publication time is not", "Related articles are article numbers"):
            self.assertIn(reason, html.unescape(r.text))

    def test_list_filters_and_paginates(self):
        c = admin()
        tag = "Filterable %d" % time.time()
        ids = [create_article(c, "%s no %d" % (tag, i)) for i in range(3)]
        r = c.get("/admin/articles?" + urllib.parse.urlencode({"q": tag, "status": "draft", "edition": "en"}))
        self.assertEqual(r.status, 200)
        self.assertEqual(len(re.findall(r'<a href="/admin/articles/\d+">' + re.escape(tag), r.text)), 3)
        self.assertEqual(c.get("/admin/articles?status=bogus").status, 400)
        self.assertEqual(c.get("/admin/articles?q=%25").status, 200)  # LIKE wildcards are literal
        self.assertNotIn(tag, c.get("/admin/articles?q=%25").text)
        self.assertEqual(c.get("/admin/articles?before=not-a-cursor").status, 400)
        self.assertTrue(ids)

    def test_preview_is_for_logged_in_users_only(self):
        c = admin()
        aid = create_article(c, "Preview of a draft")
        r = c.get("/admin/articles/%d/preview" % aid)
        self.assertEqual(r.status, 200)
        self.assertIn("Preview: not published", r.text)
        self.assertIn('<meta name="robots" content="noindex, nofollow">', r.text)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertEqual(http("/admin/articles/%d/preview" % aid).status, 303)

    def test_hostile_fields_are_escaped_on_every_public_page(self):
        c = admin()
        evil = "<script>alert(1)</script>\"'&x"
        aid = create_article(c, "Hostile " + evil, action="publish", author=evil, source=evil,
                             body="<script>alert(2)</script>\n\n<img src=x onerror=alert(3)>\n\n"
                                  "[click](javascript:alert(4)) and [data](data:text/html,<script>alert(5)</script>)")
        url = public_article_url(aid)
        for path in (url, "/en/", "/en/news", "/en/news/country"):
            within_a_second(lambda: "Hostile &lt;" in http(path).text, "the story on " + path)
            t = http(path).text
            self.assertNotIn("<script>alert", t, path)
            self.assertNotIn("<img src=x", t, path)
            self.assertNotIn("javascript:alert", t, path)
            self.assertIn("Hostile &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;x", t, path)
        t = http(url).text
        self.assertIn('<p class="byline">&lt;script&gt;', t)
        self.assertIn("<!-- raw HTML omitted -->", t)
        self.assertNotIn("data:text/html", t)
        # And in the admin's own pages.
        listing = c.get("/admin/articles").text
        self.assertNotIn("<script>alert", listing)


class CategoriesAndAudit(AdminTestCase):
    def test_categories_create_rename_order_and_delete_when_empty(self):
        c = admin()
        page = c.get("/admin/categories")
        self.assertEqual(c.post("/admin/categories", {"edition": "ru", "name": "Спорт", "slug": "", "position": "9"},
                                from_page=page).status, 303)
        cid = sql("SELECT id FROM categories WHERE edition='ru' AND slug='sport'").strip()
        self.assertTrue(cid)
        self.assertEqual(http("/ru/news/sport").status, 200)
        self.assertEqual(c.post("/admin/categories", {"edition": "ru", "name": "Sport again", "slug": "sport",
                                                      "position": "1"}, from_page=page).status, 422)
        self.assertEqual(c.post("/admin/categories/" + cid, {"name": "Спорт и игры", "position": "2"},
                                from_page=page).status, 303)
        self.assertEqual(sql("SELECT name, position FROM categories WHERE id = " + cid).split("\t"),
                         ["Спорт и игры", "2\n"])
        self.assertEqual(c.post("/admin/categories/" + cid + "/delete", {}, from_page=page).status, 303)
        within_a_second(lambda: http("/ru/news/sport").status == 404, "the deleted category")
        self.assertEqual(c.post("/admin/categories/1/delete", {}, from_page=page).status, 409)  # has articles

    def test_categories_page_counts_articles_up_to_ten_thousand(self):
        # Counting stops above 10,000, so that a big category is not counted
        # article by article on every view of the page.
        sql("INSERT INTO categories (edition, slug, name, position) VALUES "
            "('ru', 'count-few', 'Few', 90), ('ru', 'count-many', 'Many', 91)")
        try:
            for slug, n in (("count-few", 3), ("count-many", 10001)):
                sql("INSERT INTO articles (edition, category_id, slug, title, status, published_at) "
                    "SELECT 'ru', c.id, CONCAT(c.slug, '-', seq), CONCAT('Counted ', seq), 'draft', UTC_TIMESTAMP() "
                    "FROM seq_1_to_%d JOIN categories c ON c.edition = 'ru' AND c.slug = '%s'" % (n, slug))
            page = admin().get("/admin/categories").text
            counts = dict(re.findall(r">(count-few|count-many)</a></td>.*?<td>([^<]*)</td>\s*<td>", page, re.S))
            self.assertEqual(counts, {"count-few": "3", "count-many": "more than 10000"}, page)
        finally:
            sql("DELETE FROM articles WHERE slug LIKE 'count-%'; DELETE FROM categories WHERE slug LIKE 'count-%'")

    def test_audit_log_records_logins_and_changes_newest_first(self):
        Client(source="127.0.0.27").login("admin", "wrong password")
        sql("DELETE FROM login_throttle")
        c = Client(source="127.0.0.27")
        self.assertEqual(c.login().status, 303)
        aid = create_article(c, "Audited", action="publish")
        log = c.get("/admin/audit")
        self.assertEqual(log.status, 200)
        # In words: who did what to what.
        actions = re.findall(r"<strong>admin</strong> (failed to log in as|logged in as|published|created) ", log.text)
        self.assertEqual(actions[0], "published")
        self.assertIn("logged in as", actions)
        self.assertIn("failed to log in as", actions)
        self.assertIn("127.0.0.27", log.text)
        self.assertIn("<strong>admin</strong> published article %d" % aid, log.text)

    def test_admin_pages_are_not_cached_and_carry_security_headers(self):
        c = admin()
        for path in ("/admin/articles", "/admin/articles/new", "/admin/users", "/admin/audit", "/admin/categories"):
            r = c.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertEqual(r.header("Cache-Control"), "no-store", path)
            self.assertEqual(r.header("X-Frame-Options"), "DENY")
            self.assertIn("script-src 'none'", r.header("Content-Security-Policy"))
            self.assertNotIn("<script", r.text)


class Pruning(AdminTestCase):
    """Throttle rows, audit rows and sessions are deleted when old enough, not left to grow."""

    def add_old_and_new_rows(self):
        sql("INSERT INTO login_throttle (subject, failures, last_failure_at, wait_until_ms) VALUES "
            "(REPEAT('a', 64), 3, UTC_TIMESTAMP() - INTERVAL 25 HOUR, 0), (REPEAT('b', 64), 3, UTC_TIMESTAMP(), 0);"
            "INSERT INTO audit_log (at, user_name, action, target) VALUES "
            "(UTC_TIMESTAMP() - INTERVAL 366 DAY, 'old', 'pruning_test', 'old'), "
            "(UTC_TIMESTAMP() - INTERVAL 364 DAY, 'kept', 'pruning_test', 'kept')")

    def remaining(self):
        return (sql("SELECT GROUP_CONCAT(LEFT(subject, 1) ORDER BY subject) FROM login_throttle").strip(),
                sql("SELECT COALESCE(GROUP_CONCAT(target), '') FROM audit_log WHERE action = 'pruning_test'").strip())

    def tearDown(self):
        sql("DELETE FROM audit_log WHERE action = 'pruning_test'")
        super().tearDown()

    def test_the_prune_command(self):
        self.add_old_and_new_rows()
        out = stack().newsline("prune", capture_output=True, text=True).stdout
        self.assertIn("deleted 1 login throttle rows, 1 audit rows", out)
        self.assertEqual(self.remaining(), ("b", "kept"))

    def test_every_worker_prunes_by_itself_at_the_configured_ages(self):
        s = stack()
        self.add_old_and_new_rows()
        # Workers of their own that prune every second and keep audit rows 30 days.
        workers = s.workers_with(s.spare_socket, "spare-pruning", processes=1, housekeeping_seconds=1,
                                 audit_retention_days=30)
        try:
            deadline = time.monotonic() + 5
            while self.remaining() != ("b", ""):
                self.assertLess(time.monotonic(), deadline, self.remaining())
                time.sleep(0.2)
        finally:
            workers.terminate()
            workers.wait(timeout=15)
