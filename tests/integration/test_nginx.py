"""nginx.conf.example as the local stack runs it: security headers on every
answer, nginx's own error pages and static files included; long caching only
for static files that exist; a login rate and a connection limit per address."""
import gzip
import os
import socket
import time
import unittest
import urllib.parse

from stackfixture import Client, http, raw_http, stack

SEED_PATH = "/en/news/country/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
                    "Strict-Transport-Security")


class Headers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        stack()

    def assert_secured(self, r, what):
        for name in SECURITY_HEADERS:
            self.assertEqual(len(r.headers.get_all(name) or []), 1, "%s: %s %s" % (what, name, r.headers.get_all(name)))
        self.assertIn("frame-ancestors 'none'", r.header("Content-Security-Policy"))
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")

    def test_every_answer_carries_the_security_headers_once(self):
        big = b"x=" + b"a" * (1024 * 1024 + 10)
        answers = {
            "a page": http(SEED_PATH),
            "the admin": http("/admin/login"),
            "a stylesheet": http("/static/css/site.css"),
            "the favicon": http("/favicon.ico"),
            "a missing static file": http("/static/nope.css"),
            "nginx's 413": http("/admin/login", method="POST", data=big,
                                headers={"Content-Type": "application/x-www-form-urlencoded"}),
        }
        self.assertEqual(answers["a missing static file"].status, 404)
        self.assertEqual(answers["nginx's 413"].status, 413)
        for what, r in answers.items():
            self.assert_secured(r, what)

    def test_only_static_files_that_exist_are_cached_for_long(self):
        self.assertEqual(http("/static/css/site.css").header("Cache-Control"), "public, max-age=2592000, immutable")
        missing = http("/static/nope.css")
        self.assertEqual(missing.status, 404)
        self.assertIsNone(missing.header("Cache-Control"))
        self.assertEqual(http(SEED_PATH).header("Cache-Control"), "public, max-age=5, stale-while-revalidate=30")

    def test_static_files_are_linked_at_addresses_that_change_with_them(self):
        import hashlib
        import re
        page = http(SEED_PATH).text
        href = re.search(r'<link rel="stylesheet" href="([^"]+)">', page).group(1)
        with open(os.path.join(stack().app_dir, "static", "css", "site.css"), "rb") as f:
            content = f.read()
        version = hashlib.blake2b(content, digest_size=32).hexdigest()[:12]
        self.assertEqual(href, "/static/css/site.css?v=" + version)
        r = http(href)
        self.assertEqual(r.body, content)
        self.assertIn("immutable", r.header("Cache-Control"))
        self.assertIn('href="/static/img/favicon.svg?v=', page)
        admin = http("/admin/login").text
        self.assertIn('href="/static/css/site.css?v=%s"' % version, admin)
        self.assertRegex(admin, r'href="/static/css/admin.css\?v=[0-9a-f]{12}"')

    def test_pages_and_styles_are_compressed_but_never_the_admin(self):
        asks = {"Accept-Encoding": "gzip"}
        for path in (SEED_PATH, "/en/", "/static/css/site.css"):
            plain, packed = http(path), http(path, headers=asks)
            self.assertEqual(packed.header("Content-Encoding"), "gzip", path)
            self.assertIn("Accept-Encoding", packed.header("Vary"), path)
            self.assertEqual(gzip.decompress(packed.body), plain.body, path)
            self.assertLess(len(packed.body), len(plain.body) / 3, path)
            self.assertIsNone(plain.header("Content-Encoding"), path)  # only for clients that ask
        # Pages come compressed from the workers' cache, each body with its own tag.
        plain, packed = http(SEED_PATH), http(SEED_PATH, headers=asks)
        self.assertEqual(packed.header("ETag"), plain.header("ETag")[:-1] + '-gz"')
        self.assertEqual(http(SEED_PATH, headers=dict(asks, **{"If-None-Match": packed.header("ETag")})).status, 304)
        self.assertEqual(http(SEED_PATH, headers={"If-None-Match": plain.header("ETag")}).status, 304)
        # Nothing else is compressed at every request: not a 404 (junk addresses cost what a cached page costs).
        missing = http("/en/news/country/999999-no-such-story", headers=asks)
        self.assertEqual(missing.status, 404)
        self.assertIsNone(missing.header("Content-Encoding"))
        # BREACH: pages with a CSRF token beside text an attacker can choose stay uncompressed.
        for path in ("/admin/login", "/admin/articles", "/admin/media"):
            self.assertIsNone(http(path, headers=asks).header("Content-Encoding"), path)
        editor = Client()
        self.assertEqual(editor.login().status, 303)
        r = editor.request("/admin/articles", headers=asks)  # logged in: a page long enough to compress
        self.assertEqual(r.status, 200)
        self.assertGreater(len(r.body), 1024)
        self.assertIsNone(r.header("Content-Encoding"))


class Limits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        stack()

    def test_logins_from_one_address_are_paced_by_nginx(self):
        # Fifteen logins at once from one address: one goes through, ten wait
        # their turn (one a second), the other four are refused by nginx at once.
        form = Client(source="127.0.0.30")
        token = form.csrf(form.get("/admin/login"))
        held = []
        try:
            for i in range(15):
                body = urllib.parse.urlencode({"csrf": token, "name": "nobody-%d" % i, "password": "wrong"}).encode()
                c = socket.create_connection(("127.0.0.1", stack().port), timeout=5, source_address=("127.0.0.30", 0))
                c.sendall(b"POST /admin/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: nl_login=" +
                          token.encode() + b"\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                          b"Content-Length: %d\r\n\r\n" % len(body) + body)
                held.append(c)
            time.sleep(0.8)
            answered = []
            for c in held:
                c.settimeout(0.1)
                try:
                    answered.append(c.recv(4096))
                except socket.timeout:
                    pass
            refused = [a for a in answered if a.startswith(b"HTTP/1.1 429")]
            self.assertEqual(len(refused), 4, [a[:20] for a in answered])
            self.assertTrue(all(b"nginx" in a for a in refused))  # by nginx, before any worker
            self.assertEqual(len(answered), 5, [a[:20] for a in answered])  # the other ten still wait
        finally:
            for c in held:
                c.close()
        self.assertEqual(http("/admin/login", source="127.0.0.30").status, 200)  # the form itself is not limited
        self.assertEqual(Client(source="127.0.0.31").login().status, 303)    # nor any other address

    def test_connections_from_one_address_are_limited(self):
        # Slow uploads: the headers of a POST whose body never comes.
        port = stack().port
        held = []
        try:
            for _ in range(70):
                c = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=("127.0.0.32", 0))
                c.sendall(b"POST /en/news HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                          b"Content-Length: 100000\r\n\r\nx=")
                held.append(c)
            time.sleep(0.3)
            refused = 0
            for c in held:
                c.settimeout(0.2)
                try:
                    refused += c.recv(64).startswith(b"HTTP/1.1 429")
                except socket.timeout:
                    pass
            self.assertEqual(refused, 70 - 64)
            self.assertEqual(raw_http(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 302)  # others are served
        finally:
            for c in held:
                c.close()
