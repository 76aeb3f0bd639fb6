#!/usr/bin/env python3
"""make chaos: faults under load on a throwaway stack on loopback (never var/).

wrk keeps the cached pages busy the whole time; probes from addresses of their
own ask for a cached page every 50 ms and a search never asked before (never
cached, MariaDB's work) every 100 ms; an editor saves an article in a loop.
Meanwhile, one after another:

  MariaDB stopped (SIGSTOP) for 15 s, then SIGCONT
  MariaDB killed (SIGKILL), then started again
  a worker process killed (SIGKILL); the supervisor starts another
  junk addresses and query strings, to fill the page cache
  a login flood
  slow clients (slowhttptest, slowloris)

A table of each second (answers by status and p99 per kind), then what counts:
answers other than the 503s a database outage explains, the longest wait, the
time to recover after each database fault, worker restarts, and the editor's
saves: each one stored (and found in the database afterwards) or refused with
its text kept in the form; none lost. Targets: cached pages 200 throughout,
nothing waits longer than 2 s, recovery within 2 s, no save lost."""
import argparse
import collections
import itertools
import os
import re
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "tests"))
from stack import throwaway_stack  # noqa: E402
from stackfixture import ADMIN_PASSWORD, Client, Prober, create_article, edit_form_fields  # noqa: E402

OUT = os.path.join(REPO, "test-output", "chaos")
BOUND = 2.0  # seconds: the longest wait, and the longest recovery
DB_FAULTS = ("mariadb stopped", "mariadb killed")


class Timeline:
    """Every answer a probe or the editor got: (second, kind, status, seconds)."""

    def __init__(self):
        self.start = time.monotonic()
        self.lock = threading.Lock()
        self.answers = []
        self.events = []  # (second, text)

    def now(self):
        return time.monotonic() - self.start

    def add(self, kind, status, seconds, at):
        with self.lock:
            self.answers.append((at, kind, status, seconds))

    def event(self, text):
        with self.lock:
            self.events.append((self.now(), text))
        print("  %5.1f s  %s" % (self.now(), text), flush=True)


def reader(timeline, kind, base, paths, interval, sources):
    """A probe asking for `paths()` every `interval` seconds, its answers on the timeline as `kind`."""
    return Prober(base, paths, interval, sources, timeout=10,
                  record=lambda status, seconds, started: timeline.add(kind, status, seconds, started - timeline.start))


class Editor(threading.Thread):
    """Saves the draft `article_id` in a loop, each time with a new line of text
    (what editors do all day; readers see none of it, so it leaves the caches).
    A save is stored (303), or refused with its text kept in the form (a 503
    page or the form again holding that line), or lost (anything else)."""

    def __init__(self, timeline, base, article_id):
        super().__init__(daemon=True)
        self.timeline, self.article_id = timeline, article_id
        self.browser = Client(base_url=base, source="127.0.5.1")
        self.stop = threading.Event()
        self.saves = []  # (marker, outcome)

    def login(self):
        return self.browser.login(password=ADMIN_PASSWORD).status == 303

    def run(self):
        logged_in = self.login()
        form = None
        for n in itertools.count(1):
            if self.stop.wait(0.25):
                return
            at, started = self.timeline.now(), time.monotonic()
            try:
                if not logged_in:
                    logged_in = self.login()
                    continue
                page = self.browser.get("/admin/articles/%d" % self.article_id)
                if page.status == 200:
                    form = page
                if form is None:
                    continue  # nothing to save yet: the editor waits for the form
                marker = "chaos save %d." % n
                fields = dict(edit_form_fields(form), action="save")
                fields["body"] += "\n\n" + marker
                reply = self.browser.post("/admin/articles/%d" % self.article_id, fields, from_page=form)
                self.timeline.add("save", reply.status, time.monotonic() - started, at)
                if reply.status == 303:
                    outcome = "stored"
                    form = self.browser.get(reply.header("Location"))
                    form = form if form.status == 200 else None
                elif marker in reply.text and reply.status in (409, 422, 503):
                    outcome = "kept"
                    form = None  # the editor opens the article again
                else:
                    outcome = "lost (%d)" % reply.status
                if reply.status in (401, 403):
                    logged_in = False
                self.saves.append((marker, outcome))
            except Exception as e:
                self.timeline.add("save", 0, time.monotonic() - started, at)
                self.saves.append(("chaos save %d." % n, "no answer (%s)" % type(e).__name__))


# ----- the faults --------------------------------------------------------------

def worker_pids(stack):
    supervisor = stack.procs["newsline"].pid
    out = subprocess.run(["pgrep", "-P", str(supervisor)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def wrk(base, seconds, connections, script=None, path="/en/", env=None, log=None):
    command = ["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds, "--timeout", "10s"]
    if script:
        command += ["-s", os.path.join(HERE, script)]
    return subprocess.Popen(command + [base + path], stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                            env=dict(os.environ, **(env or {})), start_new_session=True)


# How long each part lasts (seconds): `make chaos`, and the short run in `make test`.
PACE = {"full": {"calm": 8, "stop": 15, "burst": 8, "slow": 10},
        "short": {"calm": 3, "stop": 5, "burst": 3, "slow": 5}}


def faults(stack, timeline, base, article, logs, pace):
    """The faults in turn, each with a calm spell after it. Returns the
    (start, end) of each database fault: the end is when MariaDB answers again."""
    mariadb = lambda: stack.procs["mariadb"].pid
    calm, burst = pace["calm"], pace["burst"]
    windows = {}
    time.sleep(calm)
    timeline.event("mariadb stopped (SIGSTOP) for %d s" % pace["stop"])
    start = timeline.now()
    os.kill(mariadb(), signal.SIGSTOP)
    try:
        time.sleep(pace["stop"])
    finally:  # never leave it stopped (the stack could not be stopped then)
        os.kill(mariadb(), signal.SIGCONT)
    windows["mariadb stopped"] = (start, timeline.now())
    timeline.event("mariadb continues (SIGCONT)")
    time.sleep(calm)

    timeline.event("mariadb killed (SIGKILL)")
    start = timeline.now()
    os.kill(mariadb(), signal.SIGKILL)
    stack.procs["mariadb"].wait()
    stack.procs.pop("mariadb")
    stack.start_mariadb()
    windows["mariadb killed"] = (start, timeline.now())
    timeline.event("mariadb started again and answering")
    time.sleep(calm)

    victim = worker_pids(stack)[0]
    timeline.event("worker %d killed (SIGKILL)" % victim)
    os.kill(victim, signal.SIGKILL)
    time.sleep(calm)

    timeline.event("junk addresses and query strings for %d s" % burst)
    junk = [wrk(base, burst, 16, "bench_junk_query.lua", path=article, log=logs["junk-query"]),
            wrk(base, burst, 16, "chaos_junk_paths.lua", log=logs["junk-paths"])]
    for p in junk:
        p.wait()
    time.sleep(calm)

    timeline.event("login flood for %d s" % burst)
    flood = wrk(base, burst, 64, "bench_login_flood.lua", path="/admin/login", log=logs["login-flood"],
                env={"NEWSLINE_FLOOD_TOKEN": login_token(base), "NEWSLINE_FLOOD_ADDRESSES": "1"})
    flood.wait()
    time.sleep(calm)

    timeline.event("slow clients (slowloris, 1,000 connections) for %d s" % pace["slow"])
    subprocess.run(["slowhttptest", "-H", "-c", "1000", "-r", "200", "-i", "5", "-s", "8192", "-l", str(pace["slow"]),
                    "-u", base + "/en/", "-g", "-o", os.path.join(OUT, "slowloris")], stdout=logs["slowloris"],
                   stderr=subprocess.STDOUT, timeout=120)
    time.sleep(calm)
    timeline.event("end")
    return windows


def create_draft(base):
    """A new article, saved as a draft, as an editor starts one: its number."""
    editor = Client(base_url=base, source="127.0.5.3")
    editor.login(password=ADMIN_PASSWORD)
    return create_article(editor, "A story in the works")


def login_token(base):
    client = Client(base_url=base, source="127.0.5.2")
    page = client.get("/admin/login")
    return client.csrf(page)


# ----- the report --------------------------------------------------------------

def p99(times):
    times = sorted(times)
    return times[max(0, int(len(times) * 0.99) - 1)] if times else 0.0


def table(timeline):
    """One line a second: per kind, answers by status and the p99 wait."""
    kinds = ("cached", "uncached", "save")
    lines = ["  %4s  %-34s %-34s %-22s %s" % ("s", "cached: answers, p99", "uncached: answers, p99", "saves", "events")]
    seconds = int(max(a[0] for a in timeline.answers)) + 1 if timeline.answers else 0
    for s in range(seconds):
        cells = []
        for kind in kinds:
            got = [(st, t) for at, k, st, t in timeline.answers if k == kind and int(at) == s]
            counts = collections.Counter(st for st, _ in got)
            text = " ".join("%s×%d" % (st or "none", n) for st, n in sorted(counts.items()))
            cells.append("%s %s" % (text or "-", "%4.0f ms" % (p99([t for _, t in got]) * 1000) if got else ""))
        events = "; ".join(text for at, text in timeline.events if int(at) == s)
        lines.append("  %4d  %-34s %-34s %-22s %s" % (s, cells[0], cells[1], cells[2], events))
    return lines


def recovery(timeline, windows):
    """Seconds from the end of each database fault to the first fresh page
    after which no uncached page failed again before the next fault."""
    out = {}
    starts = sorted(at for at, _ in timeline.events)
    for name, (_, end) in windows.items():
        until = next((at for at in starts if at > end + 0.1), float("inf"))
        after = sorted((at, st) for at, k, st, _ in timeline.answers
                       if k == "uncached" and end - 0.5 <= at < until)
        last_bad = max((at for at, st in after if st != 200), default=None)
        good = [at for at, st in after if st == 200 and (last_bad is None or at > last_bad)]
        out[name] = max(0.0, good[0] - end) if good else float("inf")
    return out


def judge(timeline, windows, editor, restarts, killed, stack):
    """The summary lines and whether every target holds."""
    allowed = lambda at: any(start - 0.5 <= at <= end + BOUND for start, end in windows.values())
    cached = [a for a in timeline.answers if a[1] == "cached"]
    readers = [a for a in timeline.answers if a[1] in ("cached", "uncached")]
    bad_cached = collections.Counter(st for _, _, st, _ in cached if st != 200)
    unexplained = collections.Counter((k, st) for at, k, st, _ in readers
                                      if st != 200 and not (k == "uncached" and st == 503 and allowed(at)))
    expected_503 = sum(1 for at, k, st, _ in readers if k == "uncached" and st == 503 and allowed(at))
    longest = max((t for _, _, _, t in readers), default=0.0)
    longest_save = max((t for _, k, _, t in timeline.answers if k == "save"), default=0.0)
    load = open(os.path.join(OUT, "load.log"), errors="replace").read()
    load_total = re.search(r"(\d+) requests in ([0-9.]+\w+)", load)
    load_errors = re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: [^\n]+)", load)
    load_statuses = re.findall(r"^statuses: (.*)$", load, re.M)
    recovered = recovery(timeline, windows)
    outcomes = collections.Counter(o.split(" (")[0] for _, o in editor.saves)
    stored_markers = [m for m, o in editor.saves if o == "stored"]
    # Each save sends the body as the last stored one left it plus its line: the article holds every stored line.
    body = stack.admin_sql("SELECT body FROM article_bodies WHERE article_id = %d" % editor.article_id,
                           database="newsline").stdout
    missing = [m for m in stored_markers if m not in body]
    lost = [o for _, o in editor.saves if o not in ("stored", "kept")]
    lines = [
        "reader answers: %d (%d cached, %d uncached); 503s during and within 2 s after a database fault: %d"
        % (len(readers), len(cached), len(readers) - len(cached), expected_503),
        "answers other than those: %s" % (", ".join("%s %s×%d" % (k, st or "no answer", n)
                                                    for (k, st), n in sorted(unexplained.items())) or "none"),
        "cached pages not 200: %s" % (", ".join("%s×%d" % (st or "no answer", n) for st, n in bad_cached.items())
                                      or "none"),
        "wrk on the cached article: %s requests in %s, %s" % (
            load_total.group(1) if load_total else "?", load_total.group(2) if load_total else "?",
            "; ".join(load_errors + ["by status: " + load_statuses[0]] if load_errors and load_statuses
                      else load_errors) or "every one 2xx"),
        "longest wait: %.2f s for a reader, %.2f s for the editor's save" % (longest, longest_save),
        "recovery after the database came back: %s" % ", ".join("%s %.2f s" % kv for kv in recovered.items()),
        "worker restarts: %d (the supervisor, after the one killed: %s)" % (restarts, killed),
        "editor's saves: %d stored (%d found in the article afterwards), %d refused with the text kept, %d lost%s"
        % (outcomes["stored"], len(stored_markers) - len(missing), outcomes["kept"], len(lost),
           " (%s)" % ", ".join(lost[:5]) if lost else ""),
    ]
    checks = {
        "cached pages 200 throughout": not bad_cached and load_total and not load_errors,
        "no answer but the outages' 503s": not unexplained,
        "no wait over 2 s": max(longest, longest_save) <= BOUND,
        "recovery within 2 s": all(r <= BOUND for r in recovered.values()),
        "the killed worker replaced, no other": restarts == 1,
        "no save lost": outcomes["stored"] > 0 and not lost and not missing,
    }
    return checks, lines


def run(stack, port, logs, pace):
    """The chaos run against `stack` (started): faults under load, then the verdict."""
    base = "http://127.0.0.1:%d" % port
    home = Client(base_url=base).get("/en/").text
    article = re.search(r'href="(/en/news/[a-z0-9-]+/[a-z0-9-]+)"', home).group(1)
    cached_paths = itertools.cycle([article, "/en/", "/en/news"])
    for path in ("/en/", "/en/news", article):
        Client(base_url=base).get(path)
    words = itertools.count()
    timeline = Timeline()
    probes = [reader(timeline, "cached", base, lambda: next(cached_paths), 0.05, ["127.0.4.1"]),
              reader(timeline, "uncached", base, lambda: "/en/search?q=energy+%d" % next(words), 0.1,
                     ["127.0.4.%d" % i for i in range(10, 40)])]
    editor = Editor(timeline, base, article_id=create_draft(base))
    log_start = os.path.getsize(os.path.join(stack.log_dir, "newsline.log"))
    print("chaos on 127.0.0.1:%d: wrk on cached pages, probes, an editor saving; the faults:" % port, flush=True)
    load = wrk(base, 600, 32, "chaos_statuses.lua", path=article, log=logs["load"])  # ended by SIGINT
    for t in probes + [editor]:
        t.start()
    try:
        windows = faults(stack, timeline, base, article, logs, pace)
    finally:
        for t in probes + [editor]:
            t.stop.set()
        for t in probes + [editor]:
            t.join(30)
        load.send_signal(signal.SIGINT)
        load.wait(30)
    with open(os.path.join(stack.log_dir, "newsline.log"), errors="replace") as f:
        f.seek(log_start)
        log = f.read()
    restarts = len(re.findall(r"worker \d+ ended \(signal 9\); starting another", log))
    killed = re.findall(r"worker (\d+) ended", log)
    with open(os.path.join(OUT, "answers.csv"), "w") as f:
        f.write("second,kind,status,seconds\n")
        f.writelines("%.3f,%s,%d,%.4f\n" % a for a in sorted(timeline.answers))
    lines = table(timeline)
    with open(os.path.join(OUT, "seconds.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    checks, summary = judge(timeline, windows, editor, restarts, ", ".join(killed) or "none", stack)
    print()
    for line in summary:
        print("  " + line)
    missed = [name for name, ok in checks.items() if not ok]
    print("  targets missed: %s (the table in %s)" % (", ".join(missed) or "none", os.path.relpath(OUT, REPO)))
    print("chaos: %d passed, %d failed" % (len(checks) - len(missed), len(missed)))
    return 1 if missed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="each fault for a few seconds (make test)")
    pace = PACE["short" if parser.parse_args().short else "full"]
    os.makedirs(OUT, exist_ok=True)
    logs = {name: open(os.path.join(OUT, name + ".log"), "w")
            for name in ("load", "junk-query", "junk-paths", "login-flood", "slowloris")}
    try:
        with throwaway_stack("chaos", processes=2, threads=4, admin_password=ADMIN_PASSWORD) as stack:
            return run(stack, stack.port, logs, pace)
    finally:
        for f in logs.values():
            f.close()


if __name__ == "__main__":
    sys.exit(main())
