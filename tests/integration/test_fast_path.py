"""No client picks the slow path: a made-up editor cookie, a query string a page
does not read, a second spelling of an address, a cursor the site did not hand
out or a slug that cannot exist costs what a cached page costs, or is refused
before any query. Statements are counted with MariaDB's Com_stmt_execute; the
workers' own content polls (2 processes, 4 a second) are allowed for."""
import os
import random
import re
import threading
import time
import unittest
import urllib.parse

from stackfixture import ADMIN_PASSWORD, SANITIZED, Client, http, pages_never_asked_for, spare_workers, sql, stack

SEED_PATH = "/en/news/country/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation"
POLLS_PER_SECOND = 2 * 4


def statements():
    return int(sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'").split()[1])


class Counted:
    """Statements run while the block runs, beyond the workers' polls."""

    def __enter__(self):
        self.before, self.start = statements(), time.monotonic()
        return self

    def __exit__(self, *exc):
        elapsed = time.monotonic() - self.start
        self.extra = statements() - self.before - POLLS_PER_SECOND * (elapsed + 1)


def worker_memory_each_mb():
    master = stack().procs["newsline"].pid
    sizes = []
    for pid in open("/proc/%d/task/%d/children" % (master, master)).read().split():
        with open("/proc/%s/status" % pid) as f:
            sizes.append(int(re.search(r"^VmRSS:\s+(\d+) kB", f.read(), re.M).group(1)) / 1024)
    return sizes


def worker_memory_mb():
    return sum(worker_memory_each_mb())


def max_worker_memory_mb():
    return max(worker_memory_each_mb())


def warm(path, n=30):
    for _ in range(n):  # every worker process has it, asked for more than once
        assert http(path).status == 200


def log_size():
    return os.path.getsize(os.path.join(stack().log_dir, "newsline.log"))


class FastPath(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        stack()

    def tearDown(self):
        sql("DELETE FROM articles WHERE slug LIKE 'never-asked-%'")

    def test_a_made_up_editor_cookie_gets_the_cached_page(self):
        warm(SEED_PATH)
        cached = http(SEED_PATH).body
        editor = Client()
        editor.login()
        real = editor.cookie("nl_editor").value
        forged = ["x", "1", real[:-1] + ("A" if real[-1] != "A" else "B"), "9999999999.1." + real.split(".")[-1],
                  real.replace(real.split(".")[0], str(int(real.split(".")[0]) + 3600))]
        with Counted() as counted:
            for i in range(200):
                r = http(SEED_PATH, headers={"Cookie": "nl_editor=" + forged[i % len(forged)]})
                self.assertEqual(r.status, 200)
                self.assertEqual(r.body, cached)
                self.assertEqual(r.header("Cache-Control"), "public, max-age=5, stale-while-revalidate=30")
        self.assertLessEqual(counted.extra, 0, "forged editor cookies read the database")
        # The real one is still recognised: a fresh page, for that browser only.
        self.assertEqual(editor.get(SEED_PATH).header("Cache-Control"), "private, no-cache")

    def test_query_strings_a_page_does_not_read_make_no_page_of_their_own(self):
        for path in (SEED_PATH, "/en/", "/en/news"):
            warm(path)
        memory = worker_memory_mb()
        with Counted() as counted:
            for i in range(1500):
                path, junk = [(SEED_PATH, "utm_source=%d" % i), ("/en/", "r=%d" % i), ("/en/news", "x=%d&y=%d" % (i, i))][i % 3]
                r = http(path + "?" + junk)
                self.assertEqual(r.status, 200, path)
                self.assertIn('<link rel="canonical" href="http://127.0.0.1:%d%s">' % (stack().port, path), r.text)
        self.assertLessEqual(counted.extra, 0, "junk query strings read the database")
        # Each of them used to be a cache entry of its own (about 15 KB each): 22 MB for these.
        if not SANITIZED:
            self.assertLess(worker_memory_mb() - memory, 4)

    def test_a_second_spelling_of_an_address_is_sent_to_the_canonical_one(self):
        for sent, canonical in (("/%65n/", "/en/"), ("/en//news", "/en/news"), ("/en/news/%63ountry", "/en/news/country"),
                                ("/en/news/", "/en/news"), ("/%65n/news?before=x&utm=1", "/en/news?before=x"),
                                ("/en/news/country/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-c%6Fop"
                                 "eration", SEED_PATH)):
            r = http(sent)
            self.assertEqual(r.status, 301, sent)
            self.assertEqual(r.header("Location"), canonical, sent)

    def test_cursors_the_site_did_not_hand_out_are_refused_without_a_query(self):
        pages_never_asked_for(60)  # /en/news gets a second page
        first = http("/en/news")
        cursor = urllib.parse.unquote(re.search(r'<a rel="next" href="/en/news\?before=([^"]+)">', first.text).group(1))
        self.assertRegex(cursor, r"^\d+-\d+-[A-Za-z0-9_-]{12}$")
        self.assertEqual(http("/en/news?before=" + urllib.parse.quote(cursor)).status, 200)
        t, article, mac = cursor.split("-", 2)
        made_up = ["%s-%s" % (t, article), "%s-%d-%s" % (t, int(article) - 1, mac), "%d-%s-%s" % (int(t) - 1, article, mac),
                   "%s-%s-%s" % (t, article, mac[::-1]), "1747290120-42-AAAAAAAAAAAA"]
        made_up += ["%d-%d-%s" % (random.randrange(10 ** 9), random.randrange(1, 10 ** 6), mac) for _ in range(200)]
        http("/en/news?before=x")  # the 400 page once, so its news line is rendered
        with Counted() as counted:
            for c in made_up:
                r = http("/en/news?before=" + urllib.parse.quote(c))
                self.assertEqual(r.status, 400, c)
                self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertLessEqual(counted.extra, 0, "made-up cursors read the database")

    def test_slugs_that_cannot_exist_are_404_before_any_query(self):
        # Once a 500 (MariaDB error 1267, a non-ASCII value against an ASCII column), logged at every request.
        impossible = ["/en/news/%C3%A7", "/en/news/country/1-%C3%A7", "/en/news/" + "a" * 101,
                      "/en/news/country/1-" + "a" * 201, "/en/news/%C3%A7/1-x", "/EN/", "/en/news/country/01-x"]
        http("/en/news/nothing-here")  # the 404 page once, so its news line is rendered
        log = log_size()
        with Counted() as counted:
            for i in range(500):
                path = impossible[i % len(impossible)]
                r = http(path)
                self.assertEqual(r.status, 404, path)
                self.assertIn('<h2 id="newsline-heading">', r.text)
        self.assertLessEqual(counted.extra, 0, "impossible slugs read the database")
        self.assertEqual(log_size(), log, "impossible slugs wrote to the log")

    def test_ten_thousand_junk_addresses_leave_the_hot_pages_cached(self):
        pages_never_asked_for(60)
        warm(SEED_PATH)
        warm("/en/")
        memory = worker_memory_mb()
        kinds = [lambda i: "/en/?r=%d" % i,
                 lambda i: "/en/news?before=%d-%d-AAAAAAAAAAAA" % (1700000000 + i, i + 1),
                 lambda i: "/en/news/country/%d-nothing" % (100000 + i),  # a query each, a small 404 kept
                 lambda i: "/en/news/junk-%d" % i,
                 lambda i: "/%%65n/news/country?x=%d" % i,
                 lambda i: SEED_PATH + "?fbclid=%d" % i]
        counter = iter(range(10000))
        lock = threading.Lock()
        statuses = {}

        def client():
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                status = http(kinds[i % len(kinds)](i)).status
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
        threads = [threading.Thread(target=client) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sum(statuses.values()), 10000)
        self.assertFalse(set(statuses) - {200, 301, 400, 404}, statuses)
        with Counted() as counted:
            for _ in range(100):
                self.assertEqual(http(SEED_PATH).status, 200)
                self.assertEqual(http("/en/").status, 200)
        self.assertLessEqual(counted.extra, 0, "the hot pages were pushed out of the cache")
        # The 404s kept are bounded to an eighth of each process's page budget (32 MB).
        if not SANITIZED:
            self.assertLess(worker_memory_mb() - memory, 2 * 4 + 4)


class LoginFlood(unittest.TestCase):
    """Password checks run one at a time per process, in threads of their own:
    a flood of logins neither blows up a worker's memory nor holds up readers."""

    def test_fifty_parallel_logins_from_fifty_addresses(self):
        s = stack()
        warm(SEED_PATH)
        form = Client()
        token = form.csrf(form.get("/admin/login"))
        stop = threading.Event()
        statuses = {}
        lock = threading.Lock()

        def attacker(i):
            # Straight to the workers (nginx would refuse most of them): what the workers alone hold.
            while not stop.is_set():
                body = urllib.parse.urlencode({"csrf": token, "name": "flood-%d" % random.randrange(10 ** 9),
                                               "password": "wrong password"}).encode()
                r = http("/admin/login", method="POST", data=body, port=s.unlimited_port, source="127.0.3.%d" % (i + 1),
                         headers={"Cookie": "nl_login=" + token, "Content-Type": "application/x-www-form-urlencoded"})
                with lock:
                    statuses[r.status] = statuses.get(r.status, 0) + 1
        threads = [threading.Thread(target=attacker, args=(i,)) for i in range(50)]
        for t in threads:
            t.start()
        peak, cached = 0, []
        until = time.monotonic() + 4
        while time.monotonic() < until:
            start = time.monotonic()
            self.assertEqual(http(SEED_PATH).status, 200)
            cached.append(time.monotonic() - start)
            peak = max(peak, max_worker_memory_mb())
            time.sleep(0.02)
        stop.set()
        for t in threads:
            t.join()
        self.assertFalse(set(statuses) - {401, 429}, statuses)
        self.assertGreater(statuses.get(401, 0), 10, statuses)  # passwords were checked all along
        # Each check holds 19 MiB; one at a time per process keeps a worker within its 64 MB budget.
        if not SANITIZED:  # (ASan also makes each check several times slower)
            self.assertLess(peak, 64)
            self.assertLess(max(cached), 0.5, sorted(cached)[-5:])

    def test_a_flood_pauses_logins_from_browsers_that_never_logged_in(self):
        # Workers of their own that call 5 failed logins a minute a flood.
        s = stack()
        with spare_workers(login_flood_failures="5") as port:
            base = "http://127.0.0.1:%d" % port
            known = Client(base, source="127.0.4.1")
            self.assertEqual(known.login().status, 303)
            self.assertTrue(known.cookie("nl_device").value.split(".")[1] == "admin")
            for i in range(5):  # from five addresses: no throttle holds them, the flood guard counts them
                self.assertEqual(Client(base, source="127.0.4.%d" % (i + 10)).login("flood", "wrong").status, 401)
            checked = sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'").strip()
            stranger = Client(base, source="127.0.4.2")
            r = stranger.login("admin", ADMIN_PASSWORD)  # the right password, from a browser never seen
            self.assertEqual(r.status, 429)
            self.assertIn("Logins are paused", r.text)
            self.assertEqual(r.header("Retry-After"), "60")
            self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'").strip(), checked)
            # The browser admin logged in with before (its session over, its device cookie kept).
            returning = Client(base, source="127.0.4.4")
            returning.jar.set_cookie(known.cookie("nl_device"))
            self.assertEqual(returning.login().status, 303)
            wrong_user = Client(base, source="127.0.4.3")
            wrong_user.jar.set_cookie(known.cookie("nl_device"))
            self.assertEqual(wrong_user.login("someone-else", "whatever password").status, 429)
