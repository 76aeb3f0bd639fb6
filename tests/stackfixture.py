"""One throwaway stack (MariaDB + FastCGI workers + nginx on loopback) shared
by the integration and browser tests of a run, in a temp directory, stopped
by PID at the end. Never var/, never a system instance."""
import atexit
import contextlib
import functools
import html
import itertools
import os
import re
import shutil
import socket
import subprocess
import signal
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.client import HTTPConnection

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "scripts"))
from stack import BUILT_BINARY, Stack, fastcgi_server, free_port, micro_cache_server  # noqa: E402

OUT = os.path.join(REPO, "test-output")
# `make test SANITIZE=1`: the workers are built with ASan, whose quarantine keeps
# freed memory on purpose, so the tests' bounds on a worker's memory do not apply.
SANITIZED = os.environ.get("NEWSLINE_SANITIZED") == "1"
ADMIN_PASSWORD = "correct horse battery staple"
_stack = None


def stack():
    """The run's stack, started on first use."""
    global _stack
    if _stack is None:
        root = tempfile.mkdtemp(prefix="newsline-test-")
        os.chmod(root, 0o755)
        # The tests fail logins by the dozen within a minute; the flood guard has a test of its own.
        s = Stack(root, port=free_port(), processes=2, threads=2, admin_password=ADMIN_PASSWORD,
                  extra_config={"login_flood_failures": 1000000})
        # nginx.conf.example's optional micro-cache on a port of its own, in
        # front of the same workers, telling the tests what it did.
        s.micro_port = free_port()
        s.extra_http = micro_cache_server(s.micro_port, s.fcgi_socket, os.path.join(s.nginx_dir, "microcache"),
                                          "      add_header X-Cache-Status $upstream_cache_status;\n")
        # A port for workers a test starts with settings of its own (test_outages).
        s.spare_port, s.spare_socket = free_port(), os.path.join(s.run_dir, "spare.sock")
        s.extra_http += fastcgi_server(s.spare_port, s.spare_socket)
        # The same workers without nginx's limits per address, for the tests of
        # the workers' own login throttle (which take many tries from one address).
        s.unlimited_port = free_port()
        s.extra_http += fastcgi_server(s.unlimited_port, s.fcgi_socket)
        atexit.register(_stop, s)
        s.start()
        _stack = s
    return _stack


def _stop(s):
    s.stop()
    os.makedirs(OUT, exist_ok=True)
    for log in os.listdir(s.log_dir):
        shutil.copy(os.path.join(s.log_dir, log), os.path.join(OUT, "stack-" + log))
    shutil.rmtree(s.root, ignore_errors=True)


@contextlib.contextmanager
def spare_workers(**settings):
    """Workers with settings of their own (NEWSLINE_<KEY>=value) on the stack's
    spare port, which they answer once ready; yields the port."""
    s = stack()
    workers = s.workers_with(s.spare_socket, "spare", processes=1, **settings)
    try:
        deadline = time.monotonic() + 10
        while not os.path.exists(s.spare_socket) or http("/static/css/site.css", port=s.spare_port).status == 502:
            assert time.monotonic() < deadline, "the spare workers did not come up"
            time.sleep(0.1)
        yield s.spare_port
    finally:
        workers.send_signal(signal.SIGTERM)
        workers.wait(timeout=15)


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **kw):
        return None


class _FromAddress(urllib.request.HTTPHandler):
    """Connects from another loopback address (127.0.0.0/8 is all ours): to
    nginx, and so to the workers' throttle, a client of its own."""

    def __init__(self, source):
        super().__init__()
        self.source = source

    def http_open(self, req):
        return self.do_open(functools.partial(HTTPConnection, source_address=(self.source, 0)), req)


def _opener_from(source, *handlers):
    return urllib.request.build_opener(_NoRedirect, *handlers, *([_FromAddress(source)] if source else []))


_opener = _opener_from(None)


def http(path, method="GET", headers=None, data=None, port=None, source=None):
    """One request to the stack's nginx (from loopback address `source`, if
    given); redirects are returned, not followed."""
    url = "http://127.0.0.1:%d%s" % (port or stack().port, path)
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with (_opener_from(source) if source else _opener).open(req, timeout=15) as r:
            return Reply(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        return Reply(e.code, e.headers, e.read())


def raw_http(request_bytes, port=None):
    """Sends bytes as they are (for requests urllib refuses to make); returns the status."""
    with socket.create_connection(("127.0.0.1", port or stack().port), timeout=15) as s:
        s.sendall(request_bytes)
        data = b""
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    line = data.split(b"\r\n", 1)[0].split()
    return int(line[1]) if len(line) > 1 else 0


def cgi(path, method="GET", extra_env=None, config=None):
    """Runs the binary as a CGI program for one request; returns (status, headers, body)."""
    s = stack()
    env = s.newsline_env()
    for k in list(env):
        if k.startswith("NEWSLINE_") and k != "NEWSLINE_DB_PASSWORD":
            del env[k]
    q = path.find("?")
    env.update({"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": method, "REQUEST_URI": path,
                "QUERY_STRING": path[q + 1:] if q >= 0 else "", "REMOTE_ADDR": "127.0.0.1",
                "SERVER_PROTOCOL": "HTTP/1.1"})
    env["NEWSLINE_LISTEN"] = ""
    env.update(extra_env or {})
    proc = subprocess.run([BUILT_BINARY, "--config", config or s.config_file],
                          env=env, capture_output=True, timeout=30)
    head, _, body = proc.stdout.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode().split("\r\n"):
        if ": " in line:
            k, v = line.split(": ", 1)
            headers[k] = v
    status = int(headers.get("Status", "0 x").split()[0])
    return status, headers, body.decode("utf-8", "replace"), proc


def sql(statement):
    """Runs SQL in the test database as the stack's admin (for setting up content)."""
    r = stack().admin_sql(statement, database="newsline")
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return r.stdout


def sql_change(statement):
    """Changes what readers see, as any writer must: with the content version
    bumped in the same transaction, so the workers' caches let go of it. Then
    waits out one version poll (cache_poll_ms, 250 ms), so the next test reads
    settled pages; tests of the freshness itself poll with within_a_second."""
    out = sql("START TRANSACTION; %s; UPDATE content_version SET version = version + 1, "
              "changed_at = UTC_TIMESTAMP() WHERE id = 1; COMMIT;" % statement.rstrip("; "))
    time.sleep(0.4)
    return out



def pages_never_asked_for(n):
    """The addresses of n published articles from long ago (none of them in a
    news line), made now: pages that no worker has cached yet. A query string
    does not make one: the cache key is the canonical address. The articles
    stay until a test deletes them (the admin and freshness tests delete the
    articles they made)."""
    first = int(sql("SELECT COALESCE(MAX(id), 0) FROM articles").strip()) + 1
    sql_change("INSERT INTO articles (edition, category_id, slug, title, status, published_at) "
               "SELECT 'en', 1, CONCAT('never-asked-', seq), CONCAT('Never asked ', seq), 'published', "
               "TIMESTAMP'2019-01-01 00:00:00' + INTERVAL seq MINUTE FROM seq_1_to_%d" % n)
    rows = sql("SELECT id, slug FROM articles WHERE id >= %d ORDER BY id" % first).split("\n")
    return iter(["/en/news/country/%s-%s" % tuple(r.split("\t")) for r in rows if r])


# Each person gets a loopback address of their own, as editors at their own
# desks do: nginx.conf.example lets one address log in once a second (ten at
# once), and the tests log in far more often than any editor.
_addresses = ("127.0.2.%d" % i for i in itertools.cycle(range(1, 255)))


class Client:
    """A person with a browser: keeps cookies, submits forms with their CSRF
    token the way the page gave it. Redirects are returned, not followed.
    Connects from `source`, else from an address of its own."""

    def __init__(self, base_url=None, source=None):
        import http.cookiejar
        self.base_url = base_url  # None: the test stack
        self.source = source or next(_addresses)
        self.jar = http.cookiejar.CookieJar()
        self.opener = _opener_from(self.source, urllib.request.HTTPCookieProcessor(self.jar))
        self.last = None

    def request(self, path, method="GET", fields=None, headers=None):
        import urllib.parse
        data = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
        h = {"Content-Type": "application/x-www-form-urlencoded"} if data is not None else {}
        h.update(headers or {})
        return self._send(path, method, data, h, timeout=30)

    def _send(self, path, method, data, headers, timeout):
        url = (self.base_url + path) if self.base_url else stack().url(path)
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                reply = Reply(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            reply = Reply(e.code, e.headers, e.read())
        self.last = reply
        return reply

    def get(self, path):
        return self.request(path)

    def csrf(self, page=None):
        import re
        m = re.search(r'name="csrf" value="([^"]+)"', (page or self.last).text)
        return m.group(1) if m else ""

    def post(self, path, fields, csrf=True, from_page=None):
        """POSTs `fields`, adding the CSRF token of `from_page` (or of a fresh GET of the admin home)."""
        fields = dict(fields)
        if csrf and "csrf" not in fields:
            page = from_page or self.get("/admin/password")
            fields["csrf"] = self.csrf(page)
        return self.request(path, "POST", fields)

    def upload(self, path, fields, files, from_page):
        """POSTs a multipart/form-data form as a browser does: `fields` (with the
        CSRF token of `from_page`) and `files` {field: (filename, bytes)}."""
        import secrets
        boundary = "----newsline" + secrets.token_hex(8)
        fields = dict(fields, csrf=self.csrf(from_page))
        body = b""
        for name, value in fields.items():
            body += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                     % (boundary, name, value)).encode()
        for name, (filename, data) in files.items():
            body += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                     'Content-Type: application/octet-stream\r\n\r\n' % (boundary, name, filename)).encode()
            body += data + b"\r\n"
        body += ("--%s--\r\n" % boundary).encode()
        return self._send(path, "POST", body, {"Content-Type": "multipart/form-data; boundary=" + boundary}, timeout=60)

    def login(self, name="admin", password=ADMIN_PASSWORD, next_path=None):
        form = self.get("/admin/login" + ("?next=" + urllib.request.quote(next_path, safe="") if next_path else ""))
        import re
        m = re.search(r'name="next" value="([^"]*)"', form.text)
        import html as _html
        return self.request("/admin/login", "POST", {"csrf": self.csrf(form), "name": name, "password": password,
                                                     "next": _html.unescape(m.group(1)) if m else ""})

    def cookie(self, name):
        for c in self.jar:
            if c.name == name:
                return c
        return None

    def cookie_header(self, names=None):
        """Its cookies (only `names`, if given) as a Cookie header's value, for a tool that takes one."""
        return "; ".join("%s=%s" % (c.name, c.value) for c in self.jar if names is None or c.name in names)


class Prober(threading.Thread):
    """A reader asking for `next_path()` every `interval` seconds, each time from
    the next of `sources`, while something else goes on. Each answer goes to
    `record(status, seconds, started)` (`started`: time.monotonic(); status 0:
    no answer within `timeout`, or the connection refused or reset)."""

    def __init__(self, base, next_path, interval, sources, record, timeout=10):
        super().__init__(daemon=True)
        self.next_path, self.interval, self.record, self.timeout = next_path, interval, record, timeout
        self.clients = itertools.cycle([Client(base_url=base, source=s) for s in sources])
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(self.interval):
            started = time.monotonic()
            try:
                status = next(self.clients)._send(self.next_path(), "GET", None, {}, timeout=self.timeout).status
            except Exception:
                status = 0
            self.record(status, time.monotonic() - started, started)


FRESHNESS_SECONDS = 1.0  # readers see every change within a second (issue 4)


def within_a_second(check, what="the change", in_a_row=12):
    """Polls `check()` until it holds `in_a_row` times in a row, so that every
    worker process has seen the change, not just the one that answered first;
    fails unless that happens within the freshness bound. Returns the seconds
    it took."""
    start = time.monotonic()
    while True:
        if all(check() for _ in range(in_a_row)):
            return time.monotonic() - start
        if time.monotonic() - start > FRESHNESS_SECONDS:
            raise AssertionError("%s was not visible within %.1f s" % (what, FRESHNESS_SECONDS))
        time.sleep(0.02)


# What an editor's browser does in the admin, for the tests and scripts/chaos.py.
BAKU_OFFSET = 4 * 3600


def admin():
    c = Client()
    assert c.login().status == 303
    return c


def baku_input(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t + BAKU_OFFSET))


def article_fields(title, **kw):
    f = {"edition": "en", "category": "1", "title": title, "slug": "", "body": "First paragraph.\n\nSecond one.",
         "author": "Test Author", "source": "EDnews", "published_at": "", "related": "", "action": "save"}
    f.update(kw)
    return f


def create_article(client, title, action="save", **kw):
    form = client.get("/admin/articles/new")
    r = client.post("/admin/articles/new", article_fields(title, action=action, **kw), from_page=form)
    assert r.status == 303, (r.status, r.text[:2000])
    return int(re.search(r"/admin/articles/(\d+)", r.header("Location")).group(1))


def edit_form_fields(page):
    """The fields of an article edit form as the browser would submit them."""
    f = {}
    for name, value in re.findall(r'<input name="(\w+)" value="([^"]*)"', page.text):
        f[name] = html.unescape(value)
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text):
        f[name] = html.unescape(value)
    f["published_at"] = html.unescape(re.search(r'name="published_at" value="([^"]*)"', page.text).group(1))
    f["body"] = html.unescape(re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', page.text, re.S).group(1))
    for select in ("edition", "category"):
        block = re.search(r'<select name="%s">(.*?)</select>' % select, page.text, re.S).group(1)
        f[select] = re.search(r'<option value="([^"]+)" selected>', block).group(1)
    return f


def public_article_url(article_id):
    row = sql("SELECT a.edition, c.slug, a.slug FROM articles a JOIN categories c ON c.id = a.category_id "
              "WHERE a.id = %d" % article_id).split()
    return "/%s/news/%s/%d-%s" % (row[0], row[1], article_id, row[2])
