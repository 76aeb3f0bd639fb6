"""A database that hangs (SIGSTOP), stops or restarts: cached pages go on being
served without waiting, pages not cached answer the 503 page within 2 s, and
fresh pages come back within 2 s of the database, without restarting a worker.
Every test puts the database back as it found it."""
import html
import json
import itertools
import os
import re
import signal
import subprocess
import threading
import time
import unittest

from stackfixture import OUT, Client, http, pages_never_asked_for, spare_workers, sql, sql_change, stack
from integration.test_admin import create_article

SEED_PATH = "/en/news/country/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation"
BOUND = 2.0  # seconds: the longest any answer may take while the database is away


def timed(path, **kw):
    start = time.monotonic()
    r = http(path, **kw)
    return r, time.monotonic() - start


def setUpModule():
    if os.path.exists(os.path.join(OUT, "outages.txt")):
        os.unlink(os.path.join(OUT, "outages.txt"))  # this run's figures only


def record(line):
    """Keeps a measured figure in test-output/outages.txt (the README quotes them)."""
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "outages.txt"), "a") as f:
        f.write(time.strftime("%Y-%m-%d %H:%M ") + line + "\n")


def worker_pids():
    master = stack().procs["newsline"].pid
    return sorted(subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split())


def log_lines():
    with open(os.path.join(stack().log_dir, "newsline.log")) as f:
        return f.read().count("\n")


class Load:
    """`threads` clients asking for pages not cached, one after another, until stopped."""

    def __init__(self, pages, threads=16):
        self.pages, self.lock, self.answers, self.stop = pages, threading.Lock(), [], False
        self.threads = [threading.Thread(target=self.run) for _ in range(threads)]
        for t in self.threads:
            t.start()

    def run(self):
        while not self.stop:
            with self.lock:
                path = next(self.pages, None)
            if path is None:
                return
            r, seconds = timed(path)
            self.answers.append((r.status, r.header("Retry-After"), seconds))

    def finish(self):
        self.stop = True
        for t in self.threads:
            t.join()
        return self.answers


class HangingDatabase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stack = stack()

    def setUp(self):
        self.pages = pages_never_asked_for(300)
        for _ in range(30):  # the seed article in every worker's cache
            self.assertEqual(http(SEED_PATH).status, 200)
        self.workers = worker_pids()

    def tearDown(self):
        sql("DELETE FROM articles WHERE slug LIKE 'never-asked-%'")
        self.assertEqual(worker_pids(), self.workers, "a worker was restarted")

    def test_sigstop_under_load_then_sigcont(self):
        mariadb = self.stack.procs["mariadb"].pid
        lines_before = log_lines()
        os.kill(mariadb, signal.SIGSTOP)
        try:
            lone, lone_seconds = timed(next(self.pages))  # one reader, nobody else waiting
            # Pages not cached (a 503 is not kept, so the same hundred serve the whole load).
            load = Load(itertools.cycle([next(self.pages) for _ in range(100)]))
            cached = []
            until = time.monotonic() + 5
            while time.monotonic() < until:
                r, seconds = timed(SEED_PATH)
                self.assertEqual(r.status, 200)
                cached.append(seconds)
                time.sleep(0.02)
            answers = load.finish()
        finally:
            os.kill(mariadb, signal.SIGCONT)
        resumed = time.monotonic()
        self.assertEqual(lone.status, 503)
        self.assertEqual(lone.header("Retry-After"), "5")
        self.assertIn("Temporarily unavailable", lone.text)
        self.assertLess(lone_seconds, BOUND)
        # Cache hits never waited behind the threads that wait for the database.
        self.assertLess(max(cached), 0.5, sorted(cached)[-5:])
        self.assertGreater(len(answers), 16)
        self.assertEqual({status for status, _, _ in answers}, {503})
        self.assertEqual({retry for _, retry, _ in answers}, {"5"})
        self.assertLess(max(seconds for _, _, seconds in answers), BOUND)
        # Thousands of 503s, a bounded number of log lines (10 a second and process, 20 at once).
        self.assertLess(log_lines() - lines_before, 2 * (10 * 7 + 20))
        # Fresh pages within 2 s of the database answering again, with the same workers.
        while http(next(self.pages)).status != 200:
            self.assertLess(time.monotonic() - resumed, BOUND, "no fresh page 2 s after SIGCONT")
            time.sleep(0.05)
        record("SIGSTOP, 16 readers of pages not cached: %d answers, all 503, the slowest in %.2f s; a lone one in "
               "%.2f s; the cached page at most %.0f ms (%d asks); a fresh page %.2f s after SIGCONT"
               % (len(answers), max(s for _, _, s in answers), lone_seconds, 1000 * max(cached), len(cached),
                  time.monotonic() - resumed))

    def test_a_search_waiting_when_the_database_hangs_ends_with_it(self):
        # A search may wait 3 s for its answer (its 2 s time limit and a second);
        # once the process finds the database hung (1 s), it waits no longer.
        mariadb = self.stack.procs["mariadb"].pid
        os.kill(mariadb, signal.SIGSTOP)
        try:
            r, seconds = timed("/en/search?q=hung+%d" % time.time_ns())
        finally:
            os.kill(mariadb, signal.SIGCONT)
        self.assertEqual(r.status, 503)
        self.assertLess(seconds, 1.8)
        record("SIGSTOP: a search waiting for its answer got its 503 in %.2f s" % seconds)

    def test_a_statement_that_waits_is_stopped(self):
        # The server answers, but the statement waits (a table locked for writing):
        # the reader's time limit ends the wait and the page is a 503, not a hang.
        s = self.stack
        locker = subprocess.Popen(["mariadb", "--no-defaults", "--socket=" + s.db_socket, "-u", s.os_user, "newsline"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        try:
            locker.stdin.write("LOCK TABLES articles WRITE, article_bodies WRITE;\n")
            locker.stdin.flush()
            time.sleep(0.5)
            r, seconds = timed(next(self.pages))
            self.assertEqual(r.status, 503)
            self.assertLess(seconds, BOUND)
            r, seconds = timed(SEED_PATH)
            self.assertEqual(r.status, 200)
            self.assertLess(seconds, 0.5)
            # Workers whose statements may run 300 ms: the server stops the wait (max_statement_time)
            # before the client would give up (1 s), and the page is a 503 all the same.
            with spare_workers(db_statement_ms="300") as port:
                r, seconds = timed(next(self.pages), port=port)
            self.assertEqual(r.status, 503)
            self.assertLess(seconds, 0.9)
        finally:
            locker.communicate("UNLOCK TABLES;\n", timeout=10)
        resumed = time.monotonic()
        while http(next(self.pages)).status != 200:
            self.assertLess(time.monotonic() - resumed, BOUND)
            time.sleep(0.05)


class StoppedDatabase(unittest.TestCase):
    def test_a_restart_is_found_again_without_restarting_workers(self):
        s = stack()
        pages = pages_never_asked_for(200)
        # Made for this test alone, and gone again even when it fails (the listings count articles).
        self.addCleanup(sql, "DELETE FROM articles WHERE slug LIKE 'never-asked-%'")
        for _ in range(30):
            self.assertEqual(http(SEED_PATH).status, 200)
        for _ in range(6):  # the login lanes of both processes hold a connection
            self.assertEqual(Client().login().status, 303)
        workers = worker_pids()
        s.stop_one("mariadb")
        try:
            for _ in range(6):  # every worker thread finds its connection gone
                r, seconds = timed(SEED_PATH)
                self.assertEqual(r.status, 200)  # cached pages are still served
                r, seconds = timed(next(pages))
                self.assertEqual(r.status, 503)
                self.assertEqual(r.header("Retry-After"), "5")
                self.assertLess(seconds, BOUND)
            # A load balancer keeps sending readers: their cached pages are
            # served. Each process says so once its own poll (every 250 ms) has failed.
            answers = []
            while [a.get("status") for a in answers[-8:]] != ["degraded"] * 8:
                self.assertLess(len(answers), 100, answers[-8:])
                health = http("/healthz")
                self.assertEqual(health.status, 200)
                answers.append(json.loads(health.text))
                time.sleep(0.05)
            self.assertTrue(answers[-1]["cache_only"])
        finally:
            s.start_mariadb()
        answering = time.monotonic()
        while http(next(pages)).status != 200:
            self.assertLess(time.monotonic() - answering, BOUND, "no fresh page 2 s after the restart")
            time.sleep(0.05)
        record("restart: a fresh page %.2f s after MariaDB answered again" % (time.monotonic() - answering))
        # Every worker process finds it again by its own probe (a poll every
        # 250 ms): within the same bound, every fresh page answers.
        statuses = []
        while statuses[-8:] != [200] * 8:
            self.assertLess(time.monotonic() - answering, BOUND, "not every process is back: %s" % statuses[-16:])
            statuses.append(http(next(pages)).status)
            if statuses[-1] != 200:
                time.sleep(0.05)  # a process still finding it: its probe polls every 250 ms
        record("restart: every process answering %.2f s after MariaDB answered again" % (time.monotonic() - answering))
        # Logins too, at their first try in every process (a login's first statement is a
        # write, which is never retried: no connection from before the restart may be left).
        sql("DELETE FROM login_throttle")
        self.assertEqual([Client().login().status for _ in range(6)], [303] * 6)
        self.assertEqual(worker_pids(), workers)

    def test_an_editors_save_without_the_database_keeps_the_text(self):
        s = stack()
        editor = Client()
        self.assertEqual(editor.login().status, 303)
        aid = create_article(editor, "An article for an outage")
        self.addCleanup(sql_change, "DELETE FROM articles WHERE id = %d" % aid)
        form = editor.get("/admin/articles/%d" % aid)
        selected = lambda name: re.search(r'<select name="%s">.*?<option value="([^"]*)" selected' % name, form.text,
                                          re.S).group(1)
        fields = dict(re.findall(r'<input[^>]*name="(revision|slug)"[^>]*value="([^"]*)"', form.text),
                      edition=selected("edition"), category=selected("category"), title="Kept through an outage",
                      body="A paragraph the editor wrote\nand a second line.", action="save")
        s.stop_one("mariadb")
        try:
            refused = editor.post("/admin/articles/%d" % aid, fields, from_page=form)
            # Any other admin page: the plain 503 page, nothing of another form.
            other = editor.get("/admin/articles")
        finally:
            s.start_mariadb()
        self.assertEqual(refused.status, 503)
        self.assertEqual(refused.header("Retry-After"), "5")
        self.assertIn("Not saved: the database is not answering", refused.text)
        self.assertIn("Saving is unavailable", other.text)
        self.assertIn('<form method="post" action="/admin/articles/%d">' % aid, refused.text)
        self.assertIn('>A paragraph the editor wrote\nand a second line.</textarea>', refused.text)
        self.assertIn('<textarea name="title" rows="1">Kept through an outage</textarea>', refused.text)
        self.assertEqual(refused.text.count('name="csrf"'), 1)
        self.assertIn('<input type="hidden" name="action" value="save">', refused.text)  # the form's own, unseen
        self.assertEqual(other.status, 503)
        self.assertNotIn("textarea", other.text)
        # Sent again from that page once the database is back: saved.
        kept = dict(re.findall(r'<textarea name="([^"]+)" rows="\d+">([^<]*)</textarea>', refused.text))
        kept.update(re.findall(r'<input type="hidden" name="(?!csrf)([^"]+)" value="([^"]*)">', refused.text))
        kept = {k: html.unescape(v) for k, v in kept.items()}
        deadline = time.monotonic() + 10
        while True:
            saved = editor.post("/admin/articles/%d" % aid, kept, from_page=refused)
            if saved.status != 503 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertEqual(saved.status, 303, saved.text[:300])
        self.assertEqual(sql("SELECT title FROM articles WHERE id = %d" % aid).strip(), "Kept through an outage")

    def test_stale_pages_are_served_only_as_long_as_allowed(self):
        s = stack()
        with spare_workers(serve_stale_seconds="2"):
            self.assertEqual(http(SEED_PATH, port=s.spare_port).status, 200)
            s.stop_one("mariadb")
            try:
                down = time.monotonic()
                self.assertEqual(http(SEED_PATH, port=s.spare_port).status, 200)  # cached, and fresh enough
                time.sleep(max(0, down + 3.5 - time.monotonic()))
                r, seconds = timed(SEED_PATH, port=s.spare_port)
                self.assertEqual(r.status, 503)  # older than allowed: not served any more
                self.assertLess(seconds, BOUND)
            finally:
                s.start_mariadb()
            answering = time.monotonic()
            while http(SEED_PATH, port=s.spare_port).status != 200:
                self.assertLess(time.monotonic() - answering, BOUND)
                time.sleep(0.05)
        # The stack's own workers too (the next tests read pages none has cached):
        # twenty answers from MariaDB in a row (a 404 for an article never cached,
        # 503 while a process has not found MariaDB again).
        in_a_row, probe = 0, 900000000
        while in_a_row < 20:
            probe += 1
            in_a_row = in_a_row + 1 if http("/en/news/world/%d-probe" % probe).status == 404 else 0
            self.assertLess(time.monotonic() - answering, BOUND + 2, "the stack's workers did not find MariaDB again")
            time.sleep(0.02)
