"""More than one machine, on loopback: a primary MariaDB and two replicas
(GTID replication), and two worker pools standing for two hosts (a socket,
settings and photo-variant directory each) behind one nginx upstream
(scripts/cluster.py). What readers and editors see when a replica lags or
stops, when a host stops, and when the primary stops."""
import json
import os
import re
import shutil
import signal
import socket
import struct
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from stackfixture import ADMIN_PASSWORD, FRESHNESS_SECONDS, OUT, Client
from integration.test_admin import create_article, edit_form_fields
from integration.test_photos import png

from cluster import Cluster, free_ports  # noqa: E402  (stackfixture puts scripts/ on the path)


def get(url):
    """(status, text) of a GET, redirects not followed."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **kw):
            return None
    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def fastcgi_get(port, source, path="/en/"):
    """A FastCGI GET as nginx sends it, from address `source` to 127.0.0.1:port;
    what came back (b"" when the connection was closed unread)."""
    def record(kind, content):
        return struct.pack(">BBHHBB", 1, kind, 1, len(content), 0, 0) + content

    def pair(name, value):  # names and values shorter than 128 bytes
        return bytes([len(name), len(value)]) + name.encode() + value.encode()

    params = {"REQUEST_METHOD": "GET", "REQUEST_URI": path, "SCRIPT_NAME": path, "QUERY_STRING": "",
              "REMOTE_ADDR": source, "SERVER_NAME": "localhost", "HTTP_HOST": "localhost"}
    begin = record(1, struct.pack(">HB5x", 1, 0))  # BEGIN_REQUEST: the responder role, connection closed after
    message = begin + record(4, b"".join(pair(k, v) for k, v in params.items())) + record(4, b"") + record(5, b"")
    answer = b""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0)) as s:
            s.sendall(message)
            while chunk := s.recv(65536):
                answer += chunk
    except ConnectionResetError:
        pass
    return answer


class Cluster2x2(unittest.TestCase):
    """Tests run in the order of their names; each leaves every server and pool running."""

    @classmethod
    def setUpClass(cls):
        root = tempfile.mkdtemp(prefix="newsline-cluster-")
        os.chmod(root, 0o755)
        cls.cluster = Cluster(root, port=free_ports(5), replicas=2, pools=2, processes=1, threads=2,
                              admin_password=ADMIN_PASSWORD, extra_config={"login_flood_failures": 1000000})
        cls.cluster.start()
        cls.editor = Client(base_url=cls.cluster.url(""))
        assert cls.editor.login().status == 303

    @classmethod
    def tearDownClass(cls):
        c = cls.cluster
        c.stop()
        os.makedirs(OUT, exist_ok=True)
        for log in os.listdir(c.log_dir):
            shutil.copy(os.path.join(c.log_dir, log), os.path.join(OUT, "cluster-" + log))
        shutil.rmtree(c.root, ignore_errors=True)

    # ----- helpers ---------------------------------------------------------

    def sql(self, statement, server=0):
        socket = self.cluster.db_socket if server == 0 else self.cluster.replica_socket(server)
        r = self.cluster.admin_sql(statement, database="newsline", socket_path=socket)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip()

    def statements(self, server):
        """Prepared statements server `server` (0: the primary) has run so far."""
        return int(self.sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'", server).split()[1])

    def article_urls(self):
        rows = self.sql("SELECT CONCAT('/', a.edition, '/news/', c.slug, '/', a.id, '-', a.slug) FROM articles a "
                        "JOIN categories c ON c.id = a.category_id WHERE a.status = 'published' "
                        "AND a.published_at <= UTC_TIMESTAMP() ORDER BY a.id")
        return rows.split("\n")

    def new_content(self):
        """Every cached page goes out of date (as a publication makes it), through the primary."""
        self.sql("UPDATE content_version SET version = version + 1, changed_at = UTC_TIMESTAMP() WHERE id = 1")
        self.cluster.wait_for_replicas()
        time.sleep(0.6)  # two content polls: every pool has seen it

    def assert_all_answer(self, urls, base=None):
        base = base or self.cluster.url("")
        statuses = {}
        for u in urls:
            status, _ = get(base + u)
            statuses.setdefault(status, []).append(u)
        self.assertEqual(list(statuses), [200], {k: v[:3] for k, v in statuses.items()})

    def article_cache_lookups(self):
        """(hits, misses) of article pages, both hosts together (/metrics)."""
        found = {"hit": 0, "miss": 0}
        for pool in (0, 1):
            text = Client(base_url=self.cluster.pool_url(pool, ""), source="127.0.0.1").get("/metrics").text
            for result, n in re.findall(r'^newsline_page_cache_total\{kind="article",result="(\w+)"\} (\d+)$', text, re.M):
                found[result] += int(n)
        return found["hit"], found["miss"]

    def health(self, pool=0):
        status, text = get(self.cluster.pool_url(pool, "/healthz"))
        answer = json.loads(text)
        return status, answer, {s["server"]: s for s in answer["servers"]}

    # ----- tests -----------------------------------------------------------

    def test_0_health_for_load_balancers_and_metrics_for_the_operator_only(self):
        status, answer, servers = self.health()
        self.assertEqual((status, answer["status"], answer["editors"]), (200, "ok", True))
        self.assertEqual(sorted(servers), ["primary", "replica1", "replica2"])
        self.assertNotIn(self.cluster.root, json.dumps(answer))  # no paths, no addresses
        self.assert_all_answer(self.article_urls()[:5])
        metrics = Client(base_url=self.cluster.pool_url(0, ""), source="127.0.0.1").get("/metrics")
        self.assertEqual(metrics.status, 200)
        self.assertTrue(metrics.header("Content-Type").startswith("text/plain; version=0.0.4"))
        self.assertRegex(metrics.text, r'newsline_requests_total\{kind="article",status="200"\} \d+')
        self.assertRegex(metrics.text, r'newsline_db_statements_total\{server="replica1"\} [1-9]')
        self.assertRegex(metrics.text, r'newsline_lane_queued\{lane="reader"\} 0')
        # Only to metrics_allow's addresses (the workers), and only from inside (nginx).
        self.assertEqual(Client(base_url=self.cluster.pool_url(0, ""), source="127.0.0.5").get("/metrics").status, 404)
        self.assertEqual(Client(base_url=self.cluster.url(""), source="127.0.0.5").get("/metrics").status, 403)


    def test_1_readers_pages_are_read_from_the_replicas(self):
        self.new_content()
        urls = self.article_urls() + ["/en/", "/az/", "/en/news", "/en/news/country", "/en/corrections", "/en/feed",
                                      "/en/feed/country", "/sitemap.xml", "/robots.txt", "/en/search?q=baku"]
        before = [self.statements(i) for i in range(3)]
        self.assert_all_answer(urls)
        grown = [self.statements(i) - before[i] for i in range(3)]
        # Every page not cached ran at least one statement, on a replica; both took their share.
        self.assertGreaterEqual(grown[1] + grown[2], len(urls), grown)
        self.assertGreater(min(grown[1], grown[2]), len(urls) // 5, grown)
        # The primary ran only the content polls and housekeeping of the two pools meanwhile.
        self.assertLess(grown[0], (grown[1] + grown[2]) / 2, grown)

    def test_2_a_publication_is_seen_through_both_hosts_and_a_lagging_replica_never_shows_it_undone(self):
        # Replica 2 stops applying what it receives: it lags behind from now on.
        self.sql("STOP SLAVE SQL_THREAD", server=2)
        try:
            title = "Cluster publication %d" % time.time_ns()
            published = time.monotonic()
            create_article(self.editor, title, action="publish")
            first_seen = {}
            while time.monotonic() - published < 3:
                for pool in (0, 1):
                    status, text = get(self.cluster.pool_url(pool, "/en/"))
                    self.assertEqual(status, 200)
                    if title in text:
                        first_seen.setdefault(pool, time.monotonic() - published)
                    else:
                        self.assertNotIn(pool, first_seen, "host %d showed the page without the new article "
                                                           "after it had shown it" % pool)
                time.sleep(0.02)
            self.assertEqual(sorted(first_seen), [0, 1])
            self.assertLess(max(first_seen.values()), FRESHNESS_SECONDS, first_seen)
            self.assertNotIn(title, self.sql("SELECT title FROM articles", server=2))  # it really lags
        finally:
            self.sql("START SLAVE SQL_THREAD", server=2)
            self.cluster.wait_for_replicas()

    def test_3_a_stopped_replica_sends_its_readers_to_the_other(self):
        self.cluster.stop_one("replica-1")
        try:
            self.new_content()
            status, answer, servers = self.health()
            self.assertEqual((status, answer["status"], servers["replica1"]["reachable"]), (200, "degraded", False))
            before = self.statements(2)
            self.assert_all_answer(self.article_urls())
            self.assertGreater(self.statements(2) - before, 20)
        finally:
            self.cluster.start_replica(1)
            self.cluster.wait_for_replicas()

    def test_3b_a_hanging_replica_holds_a_reader_at_most_once_for_its_timeout(self):
        self.new_content()
        replica = self.cluster._pid("replica-1")
        lookups_before = self.article_cache_lookups()
        os.kill(replica, signal.SIGSTOP)
        try:
            timings = []
            for url in self.article_urls():
                started = time.monotonic()
                status, _ = get(self.cluster.url(url))
                timings.append((status, time.monotonic() - started))
        finally:
            os.kill(replica, signal.SIGCONT)
        self.assertEqual({status for status, _ in timings}, {200})
        slow = [round(t, 2) for _, t in timings if t > 0.5]
        # Only the first readers sent to it wait (db_read_timeout, 1 s, then read elsewhere):
        # by then the replica is marked away and the rest are read from the other.
        self.assertLess(max(t for _, t in timings), 2.5, slow)
        self.assertLessEqual(len(slow), 4, slow)
        # Each page asked for once is one miss, though the slow ones were read twice.
        hits, misses = (after - before for after, before in zip(self.article_cache_lookups(), lookups_before))
        self.assertEqual((hits, misses), (0, len(timings)))
        self.cluster.wait_for_replicas()

    def test_4_a_stopped_host_leaves_the_other_to_answer(self):
        self.cluster.stop_one("newsline-1")
        try:
            self.new_content()
            self.assert_all_answer(self.article_urls()[:20] * 2)
        finally:
            self.cluster.start_pool(1)

    def test_5_a_stopped_primary_leaves_readers_served_and_tells_editors_saving_is_unavailable(self):
        article = create_article(self.editor, "Saved before the primary stops")
        form = self.editor.get("/admin/articles/%d" % article)
        self.new_content()
        self.cluster.stop_one("mariadb")
        try:
            time.sleep(0.6)  # the pools' content polls have found the primary away
            for pool in (0, 1):
                status, answer, servers = self.health(pool)
                self.assertEqual((status, answer["readers"], answer["editors"]), (200, True, False))
            self.assert_all_answer(self.article_urls_from_replica())
            self.assert_all_answer(["/en/search?q=%s" % word for word in ("azerbaijan", "baku", "minister")])
            page = self.editor.get("/admin/articles")
            self.assertEqual(page.status, 503)
            self.assertIn("Saving is unavailable", page.text)
            fields = edit_form_fields(form)
            fields["body"] = "Written while the primary was away."
            refused = self.editor.post("/admin/articles/%d" % article, fields, from_page=form)
            self.assertEqual(refused.status, 503)
            self.assertIn("Written while the primary was away.", refused.text)  # kept for the next try
        finally:
            self.cluster.start_primary()
        deadline = time.monotonic() + 10
        while True:  # the pools find the primary again at their next content poll
            saved = self.editor.post("/admin/articles/%d" % article, fields, from_page=form)
            if saved.status == 303 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertEqual(saved.status, 303, saved.text[:500])
        self.assertIn("Written while the primary was away.",
                      self.sql("SELECT body FROM article_bodies WHERE article_id = %d" % article))
        self.cluster.wait_for_replicas()

    def article_urls_from_replica(self):
        rows = self.sql("SELECT CONCAT('/', a.edition, '/news/', c.slug, '/', a.id, '-', a.slug) FROM articles a "
                        "JOIN categories c ON c.id = a.category_id WHERE a.status = 'published' "
                        "AND a.published_at <= UTC_TIMESTAMP() ORDER BY a.id", server=1)
        return rows.split("\n")

    def test_0_a_host_on_tcp_answers_nginxs_address_and_closes_on_any_other(self):
        port = self.cluster.fastcgi_ports[1]
        self.assertIn(b"Status: 200", fastcgi_get(port, "127.0.0.1")[:200])
        self.assertEqual(fastcgi_get(port, "127.0.0.3"), b"")
        self.assertIn(b"Status: 200", fastcgi_get(port, "127.0.0.1")[:200])

    def test_6_a_photo_uploaded_through_one_host_is_served_by_the_other(self):
        editor = Client(base_url=self.cluster.pool_url(0, ""))
        self.assertEqual(editor.login().status, 303)
        library = editor.get("/admin/media")
        r = editor.upload("/admin/media", {"alt": "The harbour"}, {"photo": ("harbour.png", png(900, 600))}, library)
        self.assertEqual(r.status, 303, r.text[:1000])
        photo = int(re.search(r"done=(\d+)", r.header("Location")).group(1))
        hash_ = self.sql("SELECT hash FROM media WHERE id = %d" % photo)
        self.cluster.wait_for_replicas()
        name = "%s-640.webp" % hash_
        self.assertTrue(os.path.exists(os.path.join(self.cluster.pool_media_dir(0), str(photo), name)))
        self.assertFalse(os.path.exists(os.path.join(self.cluster.pool_media_dir(1), str(photo), name)))
        with urllib.request.urlopen(self.cluster.pool_url(1, "/media/%d/%s" % (photo, name)), timeout=10) as r:
            self.assertEqual(r.headers["Content-Type"], "image/webp")
            self.assertEqual(r.read()[8:12], b"WEBP")
        self.assertTrue(os.path.exists(os.path.join(self.cluster.pool_media_dir(1), str(photo), name)))


if __name__ == "__main__":
    unittest.main()
