"""The public site through nginx and as CGI, against the throwaway stack with
the demo content: what a reader gets for every page type, and for hostile input."""
import html
import json
import os
import re
import signal
import stat
import subprocess
import threading
import time
import unittest

from stackfixture import REPO, cgi, http, pages_never_asked_for, raw_http, sql, sql_change, stack, within_a_second

SEED_PATH = "/en/news/country/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation"
SEED_TITLE = "Azerbaijani Ombudsperson urges human rights protection and cooperation"


def newsline_items(page):
    """(title, time) pairs of the news line sidebar, in order."""
    aside = page.split('<aside class="newsline"', 1)[1].split("</aside>", 1)[0]
    return [(html.unescape(t), w) for t, w in
            re.findall(r'<li><a href="[^"]+">(.*?)</a><time datetime="[^"]+">([^<]+)</time></li>', aside)]


def main_of(page):
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def listing_links(page):
    return re.findall(r'<a href="(/en/news/[a-z]+/\d+-[^"]*)">', main_of(page))


def listing_titles(page):
    return [html.unescape(t) for t in re.findall(r'<a href="/en/news/[a-z]+/\d+-[^"]*">(.*?)</a>', main_of(page))]


class PublicPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        stack()

    def test_health_and_metrics(self):
        health = http("/healthz")
        self.assertEqual((health.status, health.header("Cache-Control")), (200, "no-store"))
        self.assertEqual(json.loads(health.text), {"status": "ok", "readers": True, "cache_only": False, "editors": True,
                                                   "servers": [{"server": "primary", "reachable": True,
                                                                "behind_seconds": 0}]})
        http(SEED_PATH)
        metrics = http("/metrics", source="127.0.0.1")
        self.assertEqual(metrics.status, 200)
        for line in ('newsline_db_up{server="primary"} 1', 'newsline_worker_restarts_total ',
                     'newsline_requests_total{kind="article",status="200"} ', 'newsline_page_cache_total{kind="article",'):
            self.assertIn(line, metrics.text)
        self.assertEqual(http("/metrics", source="127.0.0.9").status, 403)  # nginx: the internal network only
        self.assertEqual(http("/metrics", port=stack().unlimited_port, source="127.0.0.9").status, 404)  # the workers

    def test_root_redirects_to_default_edition(self):
        r = http("/")
        self.assertEqual(r.status, 302)
        self.assertEqual(r.header("Location"), "/en/")

    def test_edition_without_slash_redirects(self):
        r = http("/az?x=1")  # to the canonical address: a parameter the page does not read is dropped
        self.assertEqual(r.status, 301)
        self.assertEqual(r.header("Location"), "/az/")

    def test_article_page_shows_the_seed_article(self):
        r = http(SEED_PATH)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")
        t = r.text
        self.assertIn("<h1>%s</h1>" % SEED_TITLE, t)
        self.assertIn('<a class="category" href="/en/news/country">Country</a> '
                      '<time datetime="2025-05-15T10:22:00+04:00">10:22 15.05.2025</time>', t)
        self.assertEqual(t.count("<p>", t.index('<div class="body">'), t.index("</div>", t.index('<div class="body">'))), 6)
        self.assertIn('<p class="byline">Madina Mammadova\\\\EDnews</p>', t)
        self.assertIn('>IEPF issued a statement regarding Azerbaijani children at the UN Human Rights Council</a>', t)
        self.assertIn('<link rel="canonical" href="http://127.0.0.1:%d%s">' % (stack().port, SEED_PATH), t)
        self.assertIn('<html lang="en">', t)

    def test_security_headers_on_pages(self):
        r = http(SEED_PATH)
        self.assertIn("script-src 'none'", r.header("Content-Security-Policy"))
        self.assertIn("frame-ancestors 'none'", r.header("Content-Security-Policy"))
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("X-Frame-Options"), "DENY")
        self.assertEqual(r.header("Referrer-Policy"), "strict-origin-when-cross-origin")
        self.assertIsNone(r.header("X-Powered-By"))
        self.assertEqual(r.header("Server"), "nginx")  # no version

    def test_head_has_headers_and_no_body(self):
        r = http(SEED_PATH, method="HEAD")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"")
        self.assertGreater(int(r.header("Content-Length")), 10000)

    def test_news_line_has_the_seed_headlines_newest_first(self):
        items = newsline_items(http(SEED_PATH).text)
        self.assertEqual(len(items), 40)
        self.assertEqual(items[0], ("Talks between Azerbaijan and Armenia may be held at level of heads of state",
                                    "12:21 19.05.2025"))
        self.assertEqual(items[-1], ("President Approves Medal for Emergency Ministry’s 20th Year", "11:27 16.05.2025"))
        seed = open(os.path.join(REPO, "tests", "fixtures", "ednews-article-page.txt"), encoding="utf-8").read()
        lines = [l for l in seed.split("News line", 1)[1].splitlines() if l.strip()][:-1]
        self.assertEqual([x for pair in items for x in pair], lines)

    def test_news_line_labels_per_edition(self):
        for edition, heading, all_news in (("en", "News line", "All news"), ("az", "Xəbər lenti", "Hamısı"),
                                           ("ru", "Лента новостей", "Все новости")):
            t = http("/%s/" % edition).text
            self.assertIn('<h2 id="newsline-heading">%s</h2>' % heading, t)
            self.assertIn('<a class="all-news" href="/%s/news">%s</a>' % (edition, all_news), t)
            self.assertIn('<html lang="%s">' % edition, t)

    def test_home_pages_show_latest_stories(self):
        t = http("/en/").text
        self.assertIn("Talks between Azerbaijan and Armenia may be held at level of heads of state", t)
        self.assertIn('<p class="lead">Officials in Baku said', t)
        self.assertIn("Şuşada", http("/az/").text)
        self.assertIn("Переговоры Азербайджана", http("/ru/").text)

    def test_old_slug_and_wrong_category_redirect(self):
        sql_change("INSERT IGNORE INTO article_old_slugs (article_id, slug) VALUES (1, 'ombudsperson-old-title')")
        r = http("/en/news/country/1-ombudsperson-old-title")
        self.assertEqual(r.status, 301)
        self.assertEqual(r.header("Location"), SEED_PATH)
        r = http("/en/news/politics/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation")
        self.assertEqual(r.status, 301)
        self.assertEqual(r.header("Location"), SEED_PATH)
        self.assertEqual(http("/en/news/country/1").status, 301)
        self.assertEqual(http("/en/news/country/1-a-slug-it-never-had").status, 404)

    def test_unknown_things_get_a_404_page_with_the_news_line(self):
        for path in ("/en/news/country/999999-nothing", "/az/news/country/1-x", "/en/news/nosuch",
                     "/xx/", "/xx/news", "/en/nothing/here", "/en/news/country/abc", "/robots.php"):
            r = http(path)
            self.assertEqual(r.status, 404, path)
            self.assertIn("<h2 id=\"newsline-heading\">", r.text, path)
        self.assertIn("Page not found", http("/en/news/country/999999-x").text)
        self.assertIn("Səhifə tapılmadı", http("/az/news/nosuch").text)

    def test_wrong_method_is_405(self):
        r = http("/en/news", method="POST", data=b"x=1")
        self.assertEqual(r.status, 405)
        self.assertEqual(r.header("Allow"), "GET,HEAD")
        self.assertEqual(http("/en/", method="PUT", data=b"").status, 405)
        self.assertEqual(http("/en/", method="DELETE").status, 405)

    def test_all_news_grouped_by_day_and_paginated_by_cursor(self):
        first = http("/en/news")
        self.assertEqual(first.status, 200)
        self.assertIn('<h2 class="day">19.05.2025</h2>', first.text)
        seen = listing_links(first.text)
        self.assertEqual(len(seen), 42)  # every en article fits on the first page (50)
        self.assertNotIn('rel="next"', first.text)
        self.assertLess(first.text.index("19.05.2025"), first.text.index("16.05.2025"))

    def test_first_page_of_all_news_has_the_whole_news_line(self):
        # The first page reads its list and the news line in one part; a page
        # shorter than the news line must not shorten the news line.
        home_newsline = newsline_items(http("/en/").text)
        self.assertEqual(len(home_newsline), 40)
        self.assertEqual(newsline_items(http("/en/news").text), home_newsline)
        status, headers, body, _ = cgi("/en/news", extra_env={"NEWSLINE_LISTING_PAGE_SIZE": "5"})
        self.assertEqual(status, 200)
        self.assertEqual(newsline_items(body), home_newsline)
        self.assertEqual(listing_titles(body), [t for t, _ in home_newsline[:5]])
        self.assertIn('rel="next"', body)

    def test_keyset_pages_cover_everything_once(self):
        # Walk the category listing with a small page through the cursor links.
        path, pages, links = "/en/news/politics", 0, []
        size_env = {"NEWSLINE_LISTING_PAGE_SIZE": "5"}
        while path and pages < 20:
            status, headers, body, _ = cgi(path, extra_env=size_env)
            self.assertEqual(status, 200, path)
            links += listing_links(body)
            m = re.search(r'<a rel="next" href="([^"]+)">', body)
            path = html.unescape(m.group(1)) if m else None
            pages += 1
        total = int(sql("SELECT COUNT(*) FROM articles a JOIN categories c ON c.id = a.category_id "
                        "WHERE c.slug = 'politics' AND c.edition = 'en' AND a.status = 'published' "
                        "AND a.published_at <= UTC_TIMESTAMP()").strip())
        self.assertGreater(pages, 2)
        self.assertEqual(len(links), total)
        self.assertEqual(len(set(links)), total)
        self.assertTrue(all("/politics/" in l for l in links))

    def test_category_page(self):
        r = http("/en/news/country")
        self.assertEqual(r.status, 200)
        self.assertIn("<h1>Country</h1>", r.text)
        self.assertIn(SEED_TITLE, r.text)
        self.assertNotIn("Talks between Azerbaijan and Armenia", r.text.split("<aside")[0])
        self.assertEqual(http("/ru/news/strana").status, 200)
        self.assertEqual(http("/ru/news/country").status, 404)

    def test_static_files_are_served_by_nginx(self):
        r = http("/static/css/site.css")
        self.assertEqual(r.status, 200)
        self.assertIn("immutable", r.header("Cache-Control"))
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        for probe in ("/static/../newsline.conf", "/static/..%2fnewsline.conf", "/static/%2e%2e/db-password"):
            r = http(probe)
            self.assertTrue(400 <= r.status < 500, probe)
            self.assertNotIn("db_", r.text)
        self.assertEqual(http("/static/nothing.css").status, 404)


class HostileInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        stack()

    def assert_4xx(self, status, what):
        self.assertTrue(400 <= status < 500, "%s answered %d" % (what, status))

    def test_hostile_urls_get_4xx_never_5xx(self):
        paths = ["/en/news/%27%20OR%201=1--", "/en/news/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                 "/en/news/country/1%27;DROP%20TABLE%20articles;--", "/en/news?before=1%27%20OR%20%271%27=%271",
                 "/en/news?before=-1-1", "/en/news?before=99999999999999999999-1", "/%ff%fe", "/en/%C0%AF",
                 "/en/news/%00", "/en/news/%0d%0aSet-Cookie:x=1", "/en/news/" + "a" * 3000,
                 "/en/news?" + "q=" * 2000, "/en/news/country/" + "9" * 40 + "-x", "/en/news/../../etc/passwd",
                 "/en/news/%2e%2e/%2e%2e/"]
        for p in paths:
            r = http(p)
            self.assert_4xx(r.status, p)
            self.assertNotIn("Set-Cookie", str(r.headers))
        self.assertEqual(int(sql("SELECT COUNT(*) FROM articles").strip()) > 40, True)  # nothing dropped

    def test_very_long_and_raw_requests(self):
        self.assert_4xx(raw_http(b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"), "20 kB path")
        self.assert_4xx(raw_http(b"GET /en/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), "raw bytes")
        self.assert_4xx(raw_http(b"GET /en/news HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20000 + b"\r\n\r\n"),
                        "huge header")

    def test_hostile_content_is_escaped_on_every_page(self):
        evil = "<script>alert('x')</script>\"'&amp; ' OR 1=1; -- 📰"
        sql_change("INSERT INTO articles (id, edition, category_id, slug, title, lead, author, source, status, published_at) "
            "VALUES (9001, 'en', 2, 'evil', '%s', '%s', '%s', '%s', 'published', '2025-05-10 10:00:00'); "
            "INSERT INTO article_bodies (article_id, body) VALUES (9001, '%s\\n\\n<b>bold</b>')"
            % ((evil.replace("'", "''"),) * 5))
        try:
            pages = ["/en/news/politics/9001-evil", "/en/news/politics", "/en/news"]
            for p in pages:
                within_a_second(lambda: "📰" in http(p).text, "the new story on " + p)
                t = http(p).text
                self.assertNotIn("<script>", t, p)
                self.assertIn("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&#39;&amp;amp;", t, p)
                self.assertIn("📰", t, p)  # a 4-byte character round-trips through utf8mb4
            self.assertNotIn("<b>bold</b>", http(pages[0]).text)
        finally:
            sql_change("DELETE FROM articles WHERE id = 9001")

    def test_a_body_without_its_rendering_is_rendered_from_markdown(self):
        # Written by SQL, not through the admin: article_bodies.body_html is NULL.
        sql_change("INSERT INTO articles (id, edition, category_id, slug, title, status, published_at) "
                   "VALUES (9002, 'en', 2, 'markdown-only', 'Markdown only', 'published', '2025-05-10 10:00:00'); "
                   "INSERT INTO article_bodies (article_id, body) VALUES (9002, 'Some *emphasis*.\\n\\n<i>raw</i>')")
        try:
            page = "/en/news/politics/9002-markdown-only"
            within_a_second(lambda: http(page).status == 200, "the new story")
            text = http(page).text
            self.assertIn("<p>Some <em>emphasis</em>.</p>", text)
            self.assertNotIn("<i>raw</i>", text)
        finally:
            sql_change("DELETE FROM articles WHERE id = 9002")

    def test_cgi_mode_refuses_bad_input_too(self):
        self.assertEqual(cgi("/%ff")[0], 400)
        self.assertEqual(cgi("/" + "x" * 5000)[0], 414)
        status, headers, body, proc = cgi(SEED_PATH, method="DELETE")
        self.assertEqual(status, 405)


class CgiMode(unittest.TestCase):
    def test_cgi_answers_one_request(self):
        status, headers, body, proc = cgi(SEED_PATH)
        self.assertEqual(status, 200)
        self.assertIn("<h1>%s</h1>" % SEED_TITLE, body)
        self.assertEqual(int(headers["Content-Length"]), len(body.encode()))
        self.assertEqual(proc.stderr, b"")

    def test_cgi_head(self):
        status, headers, body, _ = cgi("/en/", method="HEAD")
        self.assertEqual(status, 200)
        self.assertEqual(body, "")

    def test_unreachable_database_is_503(self):
        status, headers, body, proc = cgi(SEED_PATH, extra_env={"NEWSLINE_DB_SOCKET": "/nonexistent/mysqld.sock",
                                                                "NEWSLINE_DB_CONNECT_TIMEOUT": "1"})
        self.assertEqual(status, 503)
        self.assertEqual(headers.get("Retry-After"), "5")
        self.assertIn("Temporarily unavailable", body)
        self.assertNotIn("mysqld.sock", body)  # no internals shown

    def test_help_lists_every_setting(self):
        out = subprocess.run([os.path.join(REPO, "build", "newsline"), "--help"], capture_output=True, text=True)
        for key in ("db_socket", "db_host", "db_user", "db_password", "threads", "processes", "listen",
                    "site_url", "time_zone", "default_edition"):
            self.assertIn(key, out.stdout)

    def test_migrations_apply_once(self):
        out = stack().newsline("migrate", capture_output=True, text=True).stdout
        self.assertIn("0 migration(s) applied", out)
        files = sorted(f for f in os.listdir(os.path.join(REPO, "sql", "migrations")) if f.endswith(".sql"))
        self.assertEqual(sql("SELECT name FROM schema_migrations ORDER BY version").split(), files)


class Scheduling(unittest.TestCase):
    def test_future_article_appears_by_itself(self):
        sql_change("INSERT INTO articles (id, edition, category_id, slug, title, status, published_at) "
            "VALUES (9002, 'en', 1, 'scheduled', 'Scheduled story appears on time', 'published', "
            "UTC_TIMESTAMP() + INTERVAL 3 SECOND)")
        try:
            self.assertEqual(http("/en/news/country/9002-scheduled").status, 404)
            self.assertNotIn("Scheduled story appears on time", http("/en/news").text)
            deadline = time.time() + 10
            while time.time() < deadline and http("/en/news/country/9002-scheduled").status != 200:
                time.sleep(0.25)
            # One worker shows it first; every other one within its next poll (a worker
            # that polls later serves its cached 404 until then): twelve 200s in a row.
            statuses = [http("/en/news/country/9002-scheduled").status for _ in range(12)]
            while statuses[-12:] != [200] * 12 and time.time() < deadline + 1:
                statuses.append(http("/en/news/country/9002-scheduled").status)
                time.sleep(0.02)
            status = statuses[-1] if statuses[-12:] == [200] * 12 else 404
            if status != 200:  # what the workers and the database say, for the one who reads this failure
                with open(os.path.join(stack().log_dir, "newsline.log"), errors="replace") as log:
                    self.fail("still %d; now and the article in the database: %s; the workers' log ends:\n%s"
                              % (status, sql("SELECT UTC_TIMESTAMP(), status, published_at FROM articles"
                                             " WHERE id = 9002").strip(), "".join(log.readlines()[-30:])))
            within_a_second(lambda: newsline_items(http("/en/").text)[0][0] == "Scheduled story appears on time",
                            "the scheduled story in the news line")
        finally:
            sql_change("DELETE FROM articles WHERE id = 9002")

    def test_drafts_and_deleted_are_invisible(self):
        sql("INSERT INTO articles (id, edition, category_id, slug, title, status, published_at) VALUES "
            "(9003, 'en', 1, 'draft', 'A draft nobody may see', 'draft', '2025-05-01'),"
            "(9004, 'en', 1, 'gone', 'A deleted story', 'deleted', '2025-05-01')")
        try:
            self.assertEqual(http("/en/news/country/9003-draft").status, 404)
            self.assertEqual(http("/en/news/country/9004-gone").status, 404)
            listing = http("/en/news/country").text
            self.assertNotIn("A draft nobody may see", listing)
            self.assertNotIn("A deleted story", listing)
        finally:
            sql_change("DELETE FROM articles WHERE id IN (9003, 9004)")


class ZzOperations(unittest.TestCase):
    """Run last (alphabetical order): they stop and restart parts of the stack."""

    def test_fastcgi_socket_is_for_nginx_only(self):
        s = stack()
        mode = stat.S_IMODE(os.stat(s.fcgi_socket).st_mode)
        self.assertEqual(mode & 0o007, 0, oct(mode))  # nobody but owner/nginx's group
        self.assertEqual(stat.S_IMODE(os.stat(s.run_dir).st_mode) & 0o007, 0)

    def test_a_killed_worker_is_replaced(self):
        """Killed under load, with requests in hand: nginx sends those GETs again
        to the socket (nginx.conf.example lists it twice), where the other
        worker takes them, so readers see no 502; the supervisor starts another."""
        s = stack()
        master = s.procs["newsline"].pid
        children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
        self.assertEqual(len(children), 2)
        self.assertEqual(http(SEED_PATH).status, 200)
        load = subprocess.Popen(["wrk", "-t2", "-c16", "-d4s", "-s", os.path.join(REPO, "scripts", "chaos_statuses.lua"),
                                 s.url(SEED_PATH)], stdout=subprocess.PIPE, text=True)
        time.sleep(1)
        os.kill(int(children[0]), signal.SIGKILL)
        out = load.communicate(timeout=30)[0]
        self.assertRegex(out, r"(?m)^statuses: 200=\d+$", out)
        deadline = time.time() + 10
        while time.time() < deadline:
            now = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
            if len(now) == 2 and children[0] not in now:
                break
            time.sleep(0.2)
        self.assertEqual(len(now), 2)
        for _ in range(20):
            self.assertEqual(http(SEED_PATH).status, 200)

    def test_a_reload_replaces_the_workers_without_an_error(self):
        """SIGHUP to the supervisor (systemctl reload): new workers start on the
        same socket and the old ones finish what they hold; readers asking
        all the while, cached pages and pages never asked for, see no error."""
        s = stack()
        master = s.procs["newsline"].pid
        before = set(subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split())
        uncached = list(pages_never_asked_for(400))
        self.addCleanup(sql_change, "DELETE FROM articles WHERE slug LIKE 'never-asked-%'")
        answers, failures, done = [], [], threading.Event()

        def reader(paths):
            while not done.is_set():
                for path in paths:
                    try:
                        answers.append(http(path).status)
                    except OSError as e:  # a refused or reset connection
                        failures.append("%s: %s" % (path, e))

        readers = [threading.Thread(target=reader, args=(paths,)) for paths in
                   ([SEED_PATH, "/en/news"], uncached[:200], uncached[200:], ["/en/", "/en/feed"])]
        for t in readers:
            t.start()
        try:
            time.sleep(0.5)
            os.kill(master, signal.SIGHUP)
            deadline = time.time() + 15
            while time.time() < deadline:
                now = set(subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split())
                if len(now) == 2 and not now & before:
                    break
                time.sleep(0.1)
            time.sleep(1)
        finally:
            done.set()
            for t in readers:
                t.join(timeout=30)
        self.assertEqual(len(now), 2)
        self.assertFalse(now & before, "the old workers are still running")
        self.assertTrue(os.path.exists("/proc/%d" % master))  # the same supervisor, as systemd expects
        self.assertEqual(failures, [])
        self.assertGreater(len(answers), 50)
        self.assertEqual({a for a in answers if a != 200}, set())
        with open(os.path.join(s.log_dir, "newsline.log")) as f:
            self.assertIn("reloaded", f.read())

    def test_a_reload_with_a_bad_setting_is_refused_and_the_workers_go_on(self):
        s = stack()
        master = s.procs["newsline"].pid
        before = set(subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split())
        with open(s.config_file) as f:
            config = f.read()
        try:
            with open(s.config_file, "a") as f:
                f.write("thredds = 4\n")  # a typo: the new program refuses it
            os.kill(master, signal.SIGHUP)
            deadline = time.time() + 10
            while time.time() < deadline:
                with open(os.path.join(s.log_dir, "newsline.log")) as f:
                    if "reload refused" in f.read():
                        break
                time.sleep(0.1)
        finally:
            with open(s.config_file, "w") as f:
                f.write(config)
        with open(os.path.join(s.log_dir, "newsline.log")) as f:
            log = f.read()
        self.assertIn("unknown setting 'thredds'", log)
        self.assertIn("reload refused", log)
        now = set(subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split())
        self.assertEqual(now, before)
        self.assertEqual(http(SEED_PATH).status, 200)

    def test_zzz_worker_log_has_no_template_or_sanitizer_errors(self):
        with open(os.path.join(stack().log_dir, "newsline.log")) as f:
            log = f.read()
        self.assertNotRegex(log, r"(?m)^(ERROR|WARNING)")  # ctemplate's own error lines
        self.assertNotIn("template expansion failed", log)
        # A worker built with ASan and UBSan (make test SANITIZE=1) reports there.
        self.assertNotRegex(log, r"==\d+==ERROR: |runtime error: ")
