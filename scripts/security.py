#!/usr/bin/env python3
"""make security: tools nobody on the team wrote, against throwaway stacks on
loopback (never var/), each bounded in time. One line per tool, then
`security: N passed, M failed`; raw reports in test-output/security/.

  sqlmap        level 3, risk 2: every public query parameter and path part,
                the cookies and headers, every admin form and filter, logged in
  wapiti        XSS, stored XSS, SQL, blind SQL, CRLF, redirect, exec, file and
                CSRF modules on the public site, then on the admin area logged in
  hydra         a password list against the login form: throttling holds, no
                valid guess, and the editor still logs in from elsewhere
  slowhttptest  slowloris and slow bodies while a probe from another address
                asks for pages: they keep answering, fast

Two stacks. The scanners' stack lifts the throttles (nginx's rates for logins
and searches, the workers' login and search limits), or they would measure
the throttles instead of the code behind them; hydra and slowhttptest meet
the stack as shipped."""
import argparse
import collections
import concurrent.futures
import glob
import html.parser
import itertools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "tests"))
from stack import Stack  # noqa: E402
from stackfixture import ADMIN_PASSWORD, Client, Prober, free_port  # noqa: E402

OUT = os.path.join(REPO, "test-output", "security")

# The scanners' stack: nginx.conf.example's rates and the workers' throttles lifted.
LIFTED_NGINX = [("rate=60r/m;", "rate=100000r/s;"), ("rate=120r/m;", "rate=100000r/s;"),
                ("limit_conn newsline_per_address 64;", "limit_conn newsline_per_address 4096;")]
LIFTED_SETTINGS = {"search_per_minute": 100000, "login_free_failures": 100,
                   "login_free_failures_per_address": 10000, "login_flood_failures": 1000000,
                   "login_checks_per_second": 1000}


class ThrottleReset(threading.Thread):
    """Forgets failed logins every second while sqlmap tries the login form
    (its thousands of guesses would otherwise wait for the throttle)."""

    def __init__(self, stack):
        super().__init__(daemon=True)
        self.stack, self.stop, self.resets = stack, threading.Event(), 0

    def run(self):
        while not self.stop.wait(1.0):
            self.stack.admin_sql("DELETE FROM login_throttle", database="newsline")
            self.resets += 1


def run_bounded(command, seconds, env=None):
    """Runs a tool for at most `seconds` in a process group of its own; at the
    limit the whole group is killed (hydra's tasks are processes of their own,
    which outlive a killed parent). Returns (its output, its exit status; None
    when it was stopped at the limit)."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            text=True, errors="replace", env=env, cwd=tempfile.gettempdir(), start_new_session=True)
    try:
        return proc.communicate(timeout=seconds)[0], proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return proc.communicate()[0], None
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # anything it left behind
        except ProcessLookupError:
            pass


# ----- what there is to attack -----------------------------------------------

class Forms(html.parser.HTMLParser):
    """The forms of a page: action, method, enctype and fields with the values
    a browser would send (the first option of a select, a checked box)."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                               "enctype": a.get("enctype", ""), "fields": {}})
        elif not self.forms or "name" not in a:
            return
        elif tag == "input" and a.get("type") not in ("submit", "file", "image", "reset"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.forms[-1]["fields"].setdefault(a["name"], a.get("value") or "x")
        elif tag == "button" or (tag == "input" and a.get("type") == "submit"):
            self.forms[-1]["fields"].setdefault(a["name"], a.get("value", ""))
        elif tag == "textarea":
            self.forms[-1]["fields"].setdefault(a["name"], "words")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            self.forms[-1]["fields"].setdefault(self._select, a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def forms_of(page_text):
    parser = Forms()
    parser.feed(page_text)
    return parser.forms


def pattern_of(path):
    """/admin/articles/12/revisions/3 -> /admin/articles/{n}/revisions/{n}"""
    return re.sub(r"/[0-9]+(?=/|$)", "/{n}", path)


def crawl_admin(client, limit=400):
    """Every page of the admin area reachable by links from /admin (two of each
    shape of address at most), and the forms on them, one per shape of action."""
    seen, queue, per_shape, forms = set(), ["/admin"], {}, {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page = client.get(path)
        location = page.header("Location") or ""
        if page.status in (301, 302, 303) and location.startswith("/admin"):
            queue.append(location)
        if page.status != 200 or "html" not in (page.header("Content-Type") or ""):
            continue
        for form in forms_of(page.text):
            action = form["action"] or path.split("?")[0]
            key = (form["method"], pattern_of(action.split("?")[0]))
            if key not in forms and not action.endswith("/logout"):
                forms[key] = dict(form, action=action, page=path)
        for link in re.findall(r'href="(/admin[^"#]*)"', page.text):
            link = link.replace("&amp;", "&")
            shape = pattern_of(link.split("?")[0]) + ("?" if "?" in link else "")
            if link not in seen and per_shape.get(shape, 0) < 2:
                per_shape[shape] = per_shape.get(shape, 0) + 1
                queue.append(link)
    return seen, list(forms.values())


def public_addresses(stack, client, cursor):
    """Addresses of each public page family from the demo content, with the
    path parts sqlmap is to try marked by '*'. `cursor`: a signed ?before= value."""
    base = stack.url("")
    home = client.get("/en/").text
    article = re.search(r'href="(/en/news/([a-z0-9-]+)/([a-z0-9-]+))"', home)
    article_page = client.get(article.group(1)).text
    one = lambda sql: stack.admin_sql(sql, database="newsline").stdout.split("\n")[0].strip()
    tag = one("SELECT t.slug FROM tags t JOIN article_tags a ON a.tag_id = t.id WHERE t.edition = 'en' LIMIT 1")
    author = one("SELECT u.slug FROM authors u JOIN article_authors a ON a.author_id = u.id LIMIT 1")
    page = one("SELECT slug FROM pages WHERE edition = 'en' LIMIT 1")
    media = re.search(r'/media/([0-9]+)/([0-9a-f]{16}-[0-9]+)\.jpg', article_page)
    sitemap = re.search(r"<loc>[^<]*/en/sitemap/([^<]+)</loc>", client.get("/sitemap.xml").text).group(1)
    cat, slug = article.group(2), article.group(3)
    before = urllib.parse.quote(cursor)
    targets = [
        ("news-before", ["-u", base + "/en/news?before=" + before, "--cookie", "nl_editor=1.1.x; nl_session=x",
                         "-p", "before,nl_editor,nl_session,User-Agent,Referer"]),
        ("search", ["-u", base + "/en/search?q=energy&after=" + before, "-p", "q,after"]),
        ("article-path", ["-u", "%s/en*/news/%s*/%s*" % (base, cat, slug)]),
        ("category-path", ["-u", "%s/en/news/%s*" % (base, cat)]),
        ("tag-path", ["-u", "%s/en/tag/%s*" % (base, tag)]),
        ("author-path", ["-u", "%s/en/author/%s*" % (base, author)]),
        ("page-path", ["-u", "%s/en/page/%s*" % (base, page)]),
        ("feed-path", ["-u", "%s/en/feed/%s*" % (base, cat)]),
        ("sitemap-path", ["-u", "%s/en/sitemap/%s*" % (base, sitemap)]),
    ]
    if media:
        targets.append(("media-path", ["-u", "%s/media/%s*/%s*.jpg" % (base, media.group(1), media.group(2))]))
    return targets


SESSION_COOKIES = ("nl_session", "nl_editor")


def admin_targets(base, client, cursor):
    """sqlmap targets for the admin area: each GET filter with its parameters
    and each POST form with its fields (the CSRF token sent, never tested)."""
    pages, forms = crawl_admin(client)
    cookie = client.cookie_header(SESSION_COOKIES)
    targets = []
    for form in forms:
        if not form["action"].startswith("/admin"):
            continue  # the site's search box on a preview: a public target
        if "multipart" in form["enctype"]:
            continue  # photo uploads: multipart bodies are the fuzzers' (tests/fuzz/multipart.cc)
        names = [n for n in form["fields"] if n != "csrf"]
        if not names:
            continue  # a confirmation button only (delete, restore, log out)
        url = base + form["action"]
        name = re.sub(r"[^a-z0-9]+", "-", "%s %s" % (form["method"], pattern_of(form["action"].split("?")[0]))).strip("-")
        data = urllib.parse.urlencode(form["fields"])
        # At most five fields a run, so that the article form's fifteen are three runs side by side.
        for i in range(0, len(names), 5):
            args = ["--cookie", cookie, "-p", ",".join(names[i:i + 5])]
            if form["method"] == "post":
                args += ["-u", url, "--data", data]
            else:
                args += ["-u", url.split("?")[0] + "?" + data]
            targets.append((name + ("-%d" % (i // 5 + 1) if len(names) > 5 else ""), args))
    # The filters of the lists, each declared parameter at once (links and a form set them one by one).
    before = urllib.parse.quote(cursor)
    targets += [("get-admin-articles-filters", ["-u", base + "/admin/articles?edition=en&status=published&category=1&q=x"
                                                "&before=" + before, "--cookie", cookie]),
                ("get-admin-media-filters", ["-u", base + "/admin/media?q=x&before=" + before, "--cookie", cookie]),
                ("get-admin-audit", ["-u", base + "/admin/audit?before=" + before, "--cookie", cookie])]
    # Path parts: the numbers in the editor's addresses.
    shapes = sorted({pattern_of(p.split("?")[0]) for p in pages if re.search(r"/[0-9]+", p)})
    for shape in shapes:
        example = next(p.split("?")[0] for p in sorted(pages) if pattern_of(p.split("?")[0]) == shape)
        marked = re.sub(r"/([0-9]+)(?=/|$)", r"/\1*", example)
        targets.append(("path-" + re.sub(r"[^a-z0-9]+", "-", shape).strip("-"), ["-u", base + marked, "--cookie", cookie]))
    return len(pages), targets


def login_target(base):
    """The login form itself, with the login cookie its CSRF token is bound to."""
    client = Client(base_url=base)
    page = client.get("/admin/login")
    login_cookie = client.cookie_header()
    data = urllib.parse.urlencode({"csrf": client.csrf(page), "name": "admin", "password": "guess", "next": "/admin"})
    return ("post-admin-login", ["-u", base + "/admin/login", "--data", data, "--cookie", login_cookie,
                                 "-p", "name,password,next", "--ignore-code=401"])


# ----- sqlmap ---------------------------------------------------------------------

# The short run in `make test`: sqlmap at level 1 on a few targets, hydra for
# 15 s, slowloris alone for 10 s, no wapiti (its crawl alone takes minutes).
SHORT = False
SHORT_SQLMAP = ("news-before", "search", "article-path", "post-admin-login", "post-admin-articles-new-1")


def sqlmap(name, args, seconds):
    out = os.path.join(OUT, "sqlmap", name)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    command = ["sqlmap", "--batch", "--level=1" if SHORT else "--level=3", "--risk=1" if SHORT else "--risk=2",
               "--dbms=MySQL", "--threads=4", "--disable-coloring",
               "--output-dir=" + out, "--timeout=10", "--retries=1", "--flush-session", *args]
    if "-p" not in args:  # the cookies and headers are the first public target's (news-before)
        command += ["--skip=csrf,nl_session,nl_editor,nl_login,User-Agent,Referer"]
    text, status = run_bounded(command, seconds)
    finished = status is not None
    with open(os.path.join(out, "sqlmap.log"), "w") as f:
        f.write(" ".join(command) + "\n\n" + text)
    tested = set(re.findall(r"(?:parameter|URI parameter|Cookie parameter|User-Agent|Referer)\s+'([^']+)' "
                            r"(?:does not seem to be|is not) injectable", text))
    tested |= set(re.findall(r"\[WARNING\] (?:GET|POST|URI|Cookie|\(custom\) POST)? ?parameter '([^']+)' does not",
                             text))
    injectable = "identified the following injection point" in text or " is vulnerable" in text
    server_errors = [m for m in re.findall(r"^(\d{3}) \([^)]*\) - (\d+) times", text, re.M) if m[0].startswith("5")]
    return {"name": name, "finished": finished, "injectable": injectable, "tested": len(tested),
            "server_errors": server_errors,
            "ok": finished and not injectable and not server_errors and "all tested parameters do not appear" in text}


def run_sqlmap(stack, seconds):
    base = stack.url("")
    cursor = stack.newsline("cursor", str(int(time.time())), "1", capture_output=True, text=True).stdout.strip()
    client = Client(base_url=base, source="127.0.3.1")
    client.login(password=ADMIN_PASSWORD)
    targets = public_addresses(stack, client, cursor) + [login_target(base)]
    pages, admin = admin_targets(base, client, cursor)
    targets += admin
    if SHORT:
        targets = [t for t in targets if t[0] in SHORT_SQLMAP]
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda t: sqlmap(t[0], t[1], seconds), targets))
    bad = [r for r in results if not r["ok"]]
    params = sum(r["tested"] for r in results)
    line = "%d targets (%d admin pages crawled), %d parameters and path parts: %d injectable, %d with a 5xx" % (
        len(results), pages, params, sum(r["injectable"] for r in results), sum(bool(r["server_errors"]) for r in results))
    details = ["%s: %s" % (r["name"], "injectable" if r["injectable"] else "5xx %s" % r["server_errors"]
                           if r["server_errors"] else "did not finish in %d s" % seconds if not r["finished"]
                           else "no verdict (see its sqlmap.log)") for r in bad]
    return not bad, line, details


# ----- wapiti ---------------------------------------------------------------------

# Debian's wapiti 3.0.4 builds its exclusion patterns as '...\Z(?ms)', which
# Python 3.11 refuses ("global flags not at the start"): its -x fails. The same
# pattern with the flags first, patched into the process, not into Debian's files.
WAPITI_LAUNCHER = r"""
import re, sys
from wapitiCore.net import crawler
def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")
crawler.wildcard_translate = wildcard_translate
from wapitiCore.main.wapiti import wapiti_main
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
"""
WAPITI_MODULES = "xss,permanentxss,sql,blindsql,crlf,redirect,exec,file,csrf"


def wapiti(name, start, extra, seconds):
    """One wapiti scan; returns (ran to its end, URLs and forms found, the report's findings)."""
    report = os.path.join(OUT, "wapiti-%s.json" % name)
    session = os.path.join(OUT, "wapiti-%s-session" % name)
    shutil.rmtree(session, ignore_errors=True)
    command = ["/usr/bin/python3", "-c", WAPITI_LAUNCHER, "-u", start, "-m", WAPITI_MODULES, "-f", "json",
               "-o", report, "--flush-session", "--store-session", session, "--no-bugreport",
               "--max-scan-time", str(seconds), "--max-attack-time", str(seconds // 4), "--max-links-per-page", "30",
               "--max-files-per-dir", "30", "-t", "10", "-v", "1", *extra]
    # wapiti loads every module, and one of them fetches its database from the
    # web: through a proxy that is not there, so nothing leaves the machine.
    env = dict(os.environ, http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9",
               no_proxy="127.0.0.1,localhost")
    log_path = os.path.join(OUT, "wapiti-%s.log" % name)
    text, status = run_bounded(command, seconds * 2 + 120, env=env)
    with open(log_path, "w") as log:
        log.write(text)
    with open(report) as f:
        data = json.load(f)
    found = [dict(item, category=category) for section in ("vulnerabilities", "anomalies")
             for category, items in data.get(section, {}).items() for item in items]
    urls = re.findall(r"Wapiti found (\d+) URLs and forms", text)
    return status == 0, int(urls[-1]) if urls else 0, found


def refutes_csrf_claim(client, finding):
    """wapiti 3.0.4 sends each field of a multipart form as a file part (with a
    filename), so the token never arrives as a form field and the answers with
    the right token and with 'wapiti' are the same 403. Sent as a browser
    sends it: the right token must pass the check and a wrong one must not."""
    referer = re.search(r"^\s*Referer: https?://[^/]+(\S+)", finding.get("http_request", ""), re.M)
    if "multipart/form-data" not in finding.get("http_request", "") or not referer:
        return False
    page = client.get(referer.group(1))
    photo = {"photo": ("pix.gif", b"GIF89a")}
    right = client.upload(finding["path"], {"alt": "", "caption": "", "credit": ""}, photo, from_page=page)
    wrong = client.upload(finding["path"], {"alt": "", "caption": "", "credit": ""}, photo,
                          from_page=types.SimpleNamespace(text='name="csrf" value="wapiti"'))
    return right.status not in (403, 303) and wrong.status == 403


def run_wapiti(base, seconds):
    ok_public, public_urls, public = wapiti("public", base + "/", ["--scope", "folder"], seconds)
    client = Client(base_url=base, source="127.0.3.2")
    client.login(password=ADMIN_PASSWORD)
    # Logged in, wapiti submits every form with a valid token: this stack is made for it, and it must
    # not log out (nor change the password, which ends every other session).
    ok_admin, admin_urls, admin = wapiti("admin", base + "/admin/articles", [
        "--scope", "folder", "-H", "Cookie: " + client.cookie_header(SESSION_COOKIES),
        "-x", base + "/admin/logout", "-x", base + "/admin/password"], seconds)
    checker = Client(base_url=base, source="127.0.3.5")
    checker.login(password=ADMIN_PASSWORD)
    refuted = [f for f in admin if f["category"] == "Cross Site Request Forgery" and refutes_csrf_claim(checker, f)]
    findings = [("public", f) for f in public] + [("admin", f) for f in admin if f not in refuted]
    line = "public site %d URLs and forms, admin area %d, modules %s: %d findings" % (
        public_urls, admin_urls, WAPITI_MODULES, len(findings))
    if refuted:
        line += " (%d CSRF claims on photo uploads refuted: a wrong token is refused, 403)" % len(refuted)
    details = ["%s %s: %s %s %s" % (where, f["category"], f.get("method", ""), f.get("path", ""), f.get("info", "")[:120])
               for where, f in findings]
    return ok_public and ok_admin and not findings, line, details


# ----- hydra ----------------------------------------------------------------------

def password_list(n):
    """Passwords people choose: common words, names and digits; never the real one."""
    words = ["123456", "password", "admin", "qwerty", "letmein", "welcome", "dragon", "monkey", "football",
             "iloveyou", "sunshine", "princess", "master", "shadow", "baku2024", "azerbaijan", "newsroom", "editor"]
    out = [w if i < len(words) else "%s%d" % (w, i) for i, w in ((i, words[i % len(words)]) for i in range(n))]
    return [p for p in out if p != ADMIN_PASSWORD]


def hydra(base, port, passwords, seconds, name):
    """hydra's http-post-form with `passwords` against user admin from
    127.0.0.1. Success is the login's redirect (2=): a wrong password is a
    401, which hydra 9.4 reports as 'HTTP auth' and counts as tried, and its
    S= text is looked for after the redirect is followed with the header
    cookie, which holds no session. The CSRF token is the login form's, with
    its cookie. Returns (valid guesses, attempts hydra made, seconds)."""
    client = Client(base_url=base, source="127.0.0.1")
    page = client.get("/admin/login")
    cookie = client.cookie_header()
    wordlist = os.path.join(OUT, "hydra-%s-passwords.txt" % name)
    with open(wordlist, "w") as f:
        f.write("\n".join(passwords) + "\n")
    form = "/admin/login:csrf=%s&name=^USER^&password=^PASS^&next=/admin:H=Cookie\\: %s:2=:S=nl_session" % (
        urllib.parse.quote(client.csrf(page), safe=""), cookie)
    command = ["hydra", "-l", "admin", "-P", wordlist, "-s", str(port), "-t", "16", "-w", "10", "-I", "-V",
               "127.0.0.1", "http-post-form", form]
    started = time.monotonic()
    text, _ = run_bounded(command, seconds)
    elapsed = time.monotonic() - started
    with open(os.path.join(OUT, "hydra-%s.log" % name), "w") as f:
        f.write(" ".join(command) + "\n\n" + text)
    valid = re.findall(r"^\[\d+\]\[http-post-form\] host: .*login: (\S+)\s+password: (.*)$", text, re.M)
    return valid, len(re.findall(r"^\[ATTEMPT\]", text, re.M)), elapsed


class EditorLogins(threading.Thread):
    """The editor logging in from their own address every few seconds while
    hydra runs, in the browser they logged in with before the attack (in a
    flood, logins from browsers never seen are paused: that is by design)."""

    def __init__(self, base):
        super().__init__(daemon=True)
        self.browser = Client(base_url=base, source="127.0.3.3")
        self.browser.login(password=ADMIN_PASSWORD)
        self.statuses, self.stop = [], threading.Event()

    def run(self):
        while not self.stop.wait(3.0):
            for c in [c for c in self.browser.jar if c.name in SESSION_COOKIES]:
                self.browser.jar.clear(c.domain, c.path, c.name)  # a new session, the same browser
            self.statuses.append(self.browser.login(password=ADMIN_PASSWORD).status)


def run_hydra(stack, seconds):
    base = stack.url("")
    # A control run first: three passwords, the real one among them, must be found.
    control, _, _ = hydra(base, stack.port, ["wrong-one", "wrong-two", ADMIN_PASSWORD], 60, "control")
    stack.admin_sql("DELETE FROM login_throttle", database="newsline")  # the control's two failures
    before = stack.admin_sql("SELECT COALESCE(MAX(id), 0) FROM audit_log", database="newsline").stdout.strip()
    editor = EditorLogins(base)
    editor.start()
    passwords = password_list(300 if SHORT else 2000)
    valid, attempts, elapsed = hydra(base, stack.port, passwords, seconds, "attack")
    editor.stop.set()
    editor.join()
    checked = stack.admin_sql("SELECT COUNT(*) FROM audit_log WHERE id > %s AND action = 'login_failed'" % int(before),
                              database="newsline").stdout.strip()
    editor_ok = bool(editor.statuses) and set(editor.statuses) == {303}
    ok = len(control) == 1 and not valid and editor_ok and int(checked) <= elapsed + 10
    line = ("control run: %s; attack: %d of %d passwords sent in %.0f s, %s reached a password check, %d valid; "
            "the editor, from another address in a browser that logged in before, logged in %d of %d times meanwhile%s"
            % ("finds the real password" if len(control) == 1 else "DID NOT find the real password (hydra misused)",
               attempts, len(passwords), elapsed, checked, len(valid), editor.statuses.count(303), len(editor.statuses),
               "" if editor_ok else " %s" % dict(collections.Counter(editor.statuses))))
    return ok, line, ["valid guess: %s / %s" % v for v in valid]


# ----- slowhttptest ---------------------------------------------------------------

def probe_paths(article):
    """A cached article, and every tenth a search never asked before (never cached)."""
    for i in itertools.count():
        yield "/en/search?q=energy+%d" % i if i % 10 == 0 else article


def slowhttptest(mode, url, seconds):
    report = os.path.join(OUT, "slowhttptest-" + mode)
    flags = {"slowloris": ["-H"], "slow-body": ["-B", "-t", "POST"]}[mode]
    command = ["slowhttptest", *flags, "-c", "2000", "-r", "200", "-i", "5", "-s", "8192", "-x", "24", "-p", "3",
               "-l", str(seconds), "-u", url, "-g", "-o", report]
    text, _ = run_bounded(command, seconds + 60)
    with open(report + ".log", "w") as log:
        log.write(text)
    connected = [int(n) for n in re.findall(r"connected:\s*(?:\x1b\[[0-9;]*m)*\s*(\d+)", text)]
    return max(connected) if connected else 0


def run_slowhttptest(base, article, seconds):
    lines, ok = [], True
    modes = (("slowloris", "/en/"),) if SHORT else (("slowloris", "/en/"), ("slow-body", "/admin/login"))
    for mode, path in modes:
        samples = []  # a reader on another address, ten times a second, within nginx's rate for searches
        probe = Prober(base, probe_paths(article).__next__, 0.1, ["127.0.3.4"], timeout=5,
                       record=lambda status, seconds, _: samples.append((status, seconds)))
        probe.start()
        held = slowhttptest(mode, base + path, seconds)
        probe.stop.set()
        probe.join()
        times = sorted(t for _, t in samples)
        statuses = collections.Counter(s for s, _ in samples)
        failed = sum(n for s, n in statuses.items() if s != 200)
        p99 = times[int(len(times) * 0.99) - 1] if times else float("inf")
        good = failed == 0 and p99 < 0.5 and len(times) > seconds * 5
        ok &= good
        lines.append("%s (up to %d connections held): probe %d requests, %d not 200%s, p50 %.0f ms, p99 %.0f ms"
                     % (mode, held, len(times), failed, " %s" % dict(statuses) if failed else "",
                        statistics.median(times) * 1000 if times else 0, p99 * 1000))
    return ok, "; ".join(lines), []


# ----- the run ----------------------------------------------------------------------

def start_stack(name, **kw):
    port = free_port()
    root = tempfile.mkdtemp(prefix="newsline-security-%s-" % name)
    os.chmod(root, 0o755)
    stack = Stack(root, port=port, processes=2, threads=4, admin_password=ADMIN_PASSWORD, **kw)
    try:
        stack.start()
    except BaseException:
        subprocess.run(["rm", "-rf", root])
        raise
    return stack, root


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=240, help="longest run of one sqlmap target")
    parser.add_argument("--wapiti-seconds", type=int, default=150, help="longest crawl of one wapiti scan")
    parser.add_argument("--tools", default="sqlmap,wapiti,hydra,slowhttptest")
    parser.add_argument("--short", action="store_true", help="the short run of make test (see SHORT)")
    args = parser.parse_args()
    global SHORT
    SHORT = args.short
    tools = [t for t in args.tools.split(",") if not (SHORT and t == "wapiti")]
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    results = []
    stacks = []
    try:
        if {"sqlmap", "wapiti"} & set(tools):
            scan, root = start_stack("scan", nginx_edits=LIFTED_NGINX, extra_config=LIFTED_SETTINGS)
            stacks.append((scan, root))
            print("scanners' stack on 127.0.0.1:%d, throttles lifted (%s; %s)" % (
                scan.port, ", ".join(new for _, new in LIFTED_NGINX),
                ", ".join("%s=%s" % kv for kv in LIFTED_SETTINGS.items())), flush=True)
            base = "http://127.0.0.1:%d" % scan.port
            if "sqlmap" in tools:
                reset = ThrottleReset(scan)
                reset.start()
                ok, line, details = run_sqlmap(scan, args.seconds)
                reset.stop.set()
                results.append(("sqlmap", ok, line + "; failed logins forgotten every second (%d times)" % reset.resets,
                                details))
                print_line(*results[-1])
            if "wapiti" in tools:
                results.append(("wapiti",) + run_wapiti(base, args.wapiti_seconds))
                print_line(*results[-1])
        if {"hydra", "slowhttptest"} & set(tools):
            guard, root = start_stack("shipped")
            stacks.append((guard, root))
            base = "http://127.0.0.1:%d" % guard.port
            print("stack as shipped on 127.0.0.1:%d" % guard.port, flush=True)
            if "hydra" in tools:
                results.append(("hydra",) + run_hydra(guard, 15 if SHORT else 60))
                print_line(*results[-1])
            if "slowhttptest" in tools:
                home = Client(base_url=base).get("/en/").text
                article = re.search(r'href="(/en/news/[a-z0-9-]+/[a-z0-9-]+)"', home).group(1)
                results.append(("slowhttptest",) + run_slowhttptest(base, article, 10 if SHORT else 30))
                print_line(*results[-1])
    finally:
        for stack, root in stacks:
            for log in glob.glob(os.path.join(stack.log_dir, "*.log")):
                shutil.copy(log, os.path.join(OUT, "%s-%s" % (os.path.basename(root).split("-")[2], os.path.basename(log))))
            stack.stop()
            subprocess.run(["rm", "-rf", root])
    failed = sum(1 for r in results if not r[1])
    print("security: %d passed, %d failed (reports in %s)" % (len(results) - failed, failed, os.path.relpath(OUT, REPO)))
    return 1 if failed else 0


def print_line(tool, ok, line, details):
    print("%-13s %s  %s" % (tool, "ok    " if ok else "FAILED", line), flush=True)
    for d in details:
        print("              " + d, flush=True)


if __name__ == "__main__":
    sys.exit(main())
