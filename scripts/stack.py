#!/usr/bin/env python3
"""The local Newsline stack: a private MariaDB, the FastCGI workers and nginx.

Used by `make run` / `make start` / `make stop` (data under var/) and by the
tests and the benchmark (each in a throwaway directory). Everything listens on
loopback or on unix sockets inside the stack's own directory, and every process
started is stopped again by its PID.

  python3 scripts/stack.py run   [--port 8080]   serve until Ctrl-C
  python3 scripts/stack.py start [--port 8080]   serve in the background
  python3 scripts/stack.py stop                  stop what `start` started
  python3 scripts/stack.py migrate               apply new migrations
"""
import argparse
import contextlib
import grp
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# NEWSLINE_BINARY: another build of the worker (`make test SANITIZE=1`: build/san/newsline).
BUILT_BINARY = os.path.abspath(os.environ.get("NEWSLINE_BINARY") or os.path.join(REPO, "build", "newsline"))
# Started as root, the stack runs MariaDB and the workers as this system user
# (`make deps` creates it), and nginx's workers as www-data in its group.
SERVICE_USER = "newsline"
# Where a stack started as root lives when the service user cannot reach the
# directory asked for (a checkout in root's home, mode 0700); the directory
# asked for becomes a symbolic link to it.
STACKS_DIR = "/var/lib/newsline/stacks"


class StackError(Exception):
    """Something the stack needs is missing or taken: a one-line message that
    says what and how to fix it."""


def _which(*names):
    for n in names:
        for d in ("/usr/sbin", "/usr/bin", "/sbin", "/bin"):
            if os.path.exists(os.path.join(d, n)):
                return os.path.join(d, n)
    raise StackError("%s is not installed: run `make deps`" % names[0])


def _reachable_by_others(path):
    """True when every directory from / down to `path` lets any user pass (o+x)."""
    path = os.path.realpath(path)
    while True:
        if not os.stat(path).st_mode & 0o001:
            return False
        if path == "/":
            return True
        path = os.path.dirname(path)


def free_port():
    """A port no program listens on, on 127.0.0.1 (the kernel's choice)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def throwaway_stack(name, port=None, **settings):
    """A stack of its own in a new temporary directory (newsline-NAME-*), on
    `port` or a free one, started; stopped by PID and removed however the
    block ends. `settings`: Stack's arguments."""
    root = tempfile.mkdtemp(prefix="newsline-%s-" % name)
    os.chmod(root, 0o755)  # its services, run as users of their own, reach it
    try:
        with Stack(root, port=port or free_port(), **settings) as stack:
            yield stack
    finally:
        shutil.rmtree(root, ignore_errors=True)


def port_is_free(port):
    """True when no program listens on 127.0.0.1:port. SO_REUSEADDR, as nginx
    binds: connections closed a moment ago (TIME_WAIT) do not take the port."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def example_config():
    with open(os.path.join(REPO, "nginx.conf.example")) as f:
        return f.read()


def _example_lines(start):
    """The lines of nginx.conf.example from the one that begins with `start` to
    the end of the location block it is in."""
    text = example_config()
    block = text[text.index(start):]
    return block[:block.index("\n    }")].splitlines()


def _page_location_settings():
    """The FastCGI settings of nginx.conf.example's `location /`, all but its
    fastcgi_pass: its buffers alone make a 14 KB reply 7% faster, so every
    FastCGI server the benchmark measures goes through nginx as the pages do."""
    lines = [line.split("#")[0].strip() for line in _example_lines("    location / {\n")[1:]]
    return "".join("      %s\n" % line.replace("include fastcgi_params;", "include /etc/nginx/fastcgi_params;")
                   for line in lines if line and not line.startswith("fastcgi_pass"))


def fastcgi_address(listen):
    """nginx's name of a FastCGI socket: a unix socket's path, or ADDRESS:PORT."""
    return "unix:" + listen if listen.startswith("/") else listen


def fastcgi_server(port, socket_path, extra=""):
    """An nginx server block on 127.0.0.1:port that passes every request to
    socket_path (a unix socket, or ADDRESS:PORT) as nginx.conf.example's
    `location /` does, plus `extra` lines."""
    return ("  server {\n    listen 127.0.0.1:%d;\n    location / {\n      fastcgi_pass %s;\n%s%s    }\n  }\n"
            % (port, fastcgi_address(socket_path), _page_location_settings(), extra))


def micro_cache_server(port, socket_path, cache_dir, extra=""):
    """nginx.conf.example's optional micro-cache with its commented lines
    uncommented: the cache path (moved to cache_dir) and a fastcgi_server."""
    text = example_config()
    path_line = next(line for line in text.splitlines() if line.startswith("# fastcgi_cache_path "))
    cache_path = path_line[2:].replace("/var/cache/nginx/newsline", cache_dir)
    lines = [line.strip()[2:].split("#")[0].strip() for line in _example_lines("        # micro-cache:")]
    settings = "".join("      %s\n" % line for line in lines if line.startswith("fastcgi_"))
    return "  %s\n%s" % (cache_path, fastcgi_server(port, socket_path, settings + extra))


class Stack:
    """One stack rooted at `root` (var/ for `make run`, a temp dir for tests).

    It runs from a copy of what it needs (the binary, templates, SQL, static
    files) under root/app, so nginx's workers and the service user never need
    to enter the checkout, which may sit in a home directory of mode 0700."""

    def __init__(self, root, port=8080, processes=2, threads=4, extra_config=None, extra_nginx="",
                 admin_password=None, extra_http="", mariadb_args=(), nginx_edits=()):
        self.asked_root = os.path.abspath(root)
        self.root = os.path.realpath(self.asked_root)
        self.port = port
        self.processes = processes
        self.threads = threads
        self.extra_config = extra_config or {}
        self.extra_nginx = extra_nginx  # more location blocks (the benchmark's static copy)
        self.extra_http = extra_http    # more server blocks (the benchmark's floor and uncached workers)
        self.mariadb_args = list(mariadb_args)
        self.nginx_edits = list(nginx_edits)  # (old, new) replacements in nginx.conf.example: the scanners' lifted limits
        self.admin_password = admin_password or os.environ.get("NEWSLINE_ADMIN_PASSWORD")
        self.os_user = pwd.getpwuid(os.geteuid()).pw_name
        self.as_root = os.geteuid() == 0
        self.procs = {}

    # ----- paths and files -------------------------------------------------

    @property
    def app_dir(self):
        return os.path.join(self.root, "app")

    @property
    def binary(self):
        return os.path.join(self.app_dir, "newsline")

    @property
    def run_dir(self):
        return os.path.join(self.root, "run")

    @property
    def log_dir(self):
        return os.path.join(self.root, "log")

    @property
    def media_dir(self):
        return os.path.join(self.root, "media")

    @property
    def datadir(self):
        return os.path.join(self.root, "mysql")

    @property
    def db_socket(self):
        return os.path.join(self.run_dir, "mysql", "mysqld.sock")

    @property
    def fcgi_socket(self):
        return os.path.join(self.run_dir, "newsline.sock")

    @property
    def config_file(self):
        return os.path.join(self.root, "newsline.conf")

    @property
    def nginx_dir(self):
        return os.path.join(self.root, "nginx")

    @property
    def nginx_conf(self):
        return os.path.join(self.nginx_dir, "nginx.conf")

    def pidfile(self, name):
        return os.path.join(self.run_dir, name + ".pid")

    def url(self, path="/"):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    @property
    def service(self):
        """(user name, uid, gid) the services run as: the system user when root, else ourselves."""
        if not self.as_root:
            return self.os_user, os.getuid(), os.getgid()
        try:
            pw = pwd.getpwnam(SERVICE_USER)
        except KeyError:
            raise StackError("the system user '%s' that runs MariaDB and the workers is missing: run `make deps`"
                             % SERVICE_USER) from None
        return pw.pw_name, pw.pw_uid, pw.pw_gid

    def _chown_to_service(self, path, mode):
        os.chmod(path, mode)
        if self.as_root:
            _, uid, gid = self.service
            os.chown(path, uid, gid)

    def preflight(self):
        """Refuses to start, in one line, when something the stack needs is missing or taken."""
        if not os.path.exists(BUILT_BINARY):
            raise StackError("%s is missing: run `make build` (make run and make test build it)"
                             % os.path.relpath(BUILT_BINARY, REPO))
        for names in (("mariadbd", "mysqld"), ("mariadb-install-db", "mysql_install_db"), ("mariadb", "mysql"),
                      ("nginx",)):
            _which(*names)
        self.service  # noqa: B018 (raises when the system user is missing)
        if not port_is_free(self.port):
            raise StackError("port %d on 127.0.0.1 is taken by another program: stop it, or choose another port, "
                             "e.g. PORT=%d make run" % (self.port, self.port + 1))

    def place_root(self):
        """As root, moves the stack out of a directory the service user cannot
        enter (a checkout under /root, mode 0700) to STACKS_DIR, and leaves a
        symbolic link where it was asked for. Nobody's directories are opened up."""
        os.makedirs(os.path.dirname(self.asked_root), exist_ok=True)
        if not self.as_root or _reachable_by_others(os.path.dirname(self.root)):
            return
        target = os.path.join(STACKS_DIR, self.asked_root.strip("/").replace("/", "_"))
        os.makedirs(STACKS_DIR, mode=0o755, exist_ok=True)
        for d in (STACKS_DIR, os.path.dirname(STACKS_DIR)):
            os.chmod(d, 0o755)
        if os.path.isdir(self.asked_root) and not os.path.islink(self.asked_root):
            shutil.move(self.asked_root, target)  # a stack made before it moved
        os.makedirs(target, exist_ok=True)
        if not os.path.islink(self.asked_root):
            os.symlink(target, self.asked_root)
        self.root = os.path.realpath(self.asked_root)

    def _prepare_dirs(self):
        self.place_root()
        for d in (self.root, self.log_dir, self.nginx_dir):
            os.makedirs(d, exist_ok=True)
            os.chmod(d, 0o755)  # nginx's workers must reach static files and temp dirs
        # The sockets: the service user writes here; nginx's workers (in the
        # service user's group) may only pass through to the FastCGI socket.
        os.makedirs(os.path.join(self.run_dir, "mysql"), exist_ok=True)
        self._chown_to_service(self.run_dir, 0o750 if self.as_root else 0o700)
        self._chown_to_service(os.path.dirname(self.db_socket), 0o700)
        # Photo variants: the workers write them, nginx (in the service user's group) reads them.
        os.makedirs(self.media_dir, exist_ok=True)
        self._chown_to_service(self.media_dir, 0o750 if self.as_root else 0o700)
        if self.as_root and os.path.isdir(self.datadir) and os.stat(self.datadir).st_uid != self.service[1]:
            _, uid, gid = self.service  # a data directory made when MariaDB still ran as root
            for dirpath, dirnames, filenames in os.walk(self.datadir):
                for name in [dirpath] + [os.path.join(dirpath, n) for n in dirnames + filenames]:
                    os.lchown(name, uid, gid)
        self._install_app()

    def _install_app(self):
        """A fresh copy of the binary, templates, SQL and static files under
        root/app, readable by every user and writable by none but us."""
        staging = self.app_dir + ".new"
        shutil.rmtree(staging, ignore_errors=True)
        os.makedirs(staging)
        for d in ("templates", "sql", "static"):
            shutil.copytree(os.path.join(REPO, d), os.path.join(staging, d))
        shutil.copy(BUILT_BINARY, os.path.join(staging, "newsline"))
        for dirpath, dirnames, filenames in os.walk(staging):
            os.chmod(dirpath, 0o755)
            for f in filenames:
                os.chmod(os.path.join(dirpath, f), 0o644)
        os.chmod(os.path.join(staging, "newsline"), 0o755)
        shutil.rmtree(self.app_dir, ignore_errors=True)
        os.rename(staging, self.app_dir)

    def _secret(self, name):
        path = os.path.join(self.root, name)
        if not os.path.exists(path):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, secrets.token_urlsafe(24).encode())
            os.close(fd)
        with open(path) as f:
            return f.read().strip()

    def db_password(self):
        """The application's MariaDB password (it may read and write rows only)."""
        return self._secret("db-password")

    def migrate_password(self):
        """The password of the MariaDB user that runs migrations."""
        return self._secret("db-migrate-password")

    def settings(self):
        """The workers' settings (written to config_file)."""
        settings = {
            "db_socket": self.db_socket,
            "db_user": "newsline",
            "db_migrate_user": "newsline_migrate",
            "db_name": "newsline",
            "listen": self.fcgi_socket,
            "socket_mode": "0660" if self.as_root else "0600",
            "processes": self.processes,
            "threads": self.threads,
            "site_url": "http://127.0.0.1:%d" % self.port,
            "template_dir": os.path.join(self.app_dir, "templates"),
            "static_dir": os.path.join(self.app_dir, "static"),
            "sql_dir": os.path.join(self.app_dir, "sql"),
            "media_dir": self.media_dir,
        }
        settings.update(self.extra_config)
        return settings

    def write_config(self, path=None, settings=None):
        path = path or self.config_file
        lines = ["# Written by scripts/stack.py for the local stack; see `build/newsline --help`."]
        lines += ["%s = %s" % (k, v) for k, v in (settings or self.settings()).items()]
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(path, 0o640)
        if self.as_root:
            os.chown(path, 0, self.service[2])  # the workers read it; no secrets in it

    def newsline_env(self):
        """The workers' environment: the application's password, not the migration user's."""
        env = dict(os.environ)
        env.pop("NEWSLINE_DB_MIGRATE_PASSWORD", None)
        env["NEWSLINE_DB_PASSWORD"] = self.db_password()
        return env

    def maintenance_env(self):
        env = self.newsline_env()
        env["NEWSLINE_DB_MIGRATE_PASSWORD"] = self.migrate_password()
        return env

    def newsline(self, *args, check=True, **kw):
        """Runs a maintenance command of the binary (migrate, load, user, explain)."""
        return subprocess.run([self.binary, "--config", self.config_file, *args], env=self.maintenance_env(),
                              check=check, **kw)

    def as_service(self):
        """Popen arguments that run a process as the service user."""
        if not self.as_root:
            return {}
        _, uid, gid = self.service
        return {"user": uid, "group": gid, "extra_groups": []}

    # ----- MariaDB ---------------------------------------------------------

    def start_mariadb(self):
        self.start_mariadb_server("mariadb", self.datadir, self.db_socket, ["--skip-networking"] + self.mariadb_args)

    def start_mariadb_server(self, name, datadir, socket_path, args):
        """A MariaDB server as the service user, its data in `datadir` (made on
        first start), its log in log/<name>.log; waits until it answers."""
        user = self.service[0]
        if not os.path.isdir(os.path.join(datadir, "mysql")):
            # Only the invoking user (root, or ourselves) may log in without a password.
            subprocess.run([_which("mariadb-install-db", "mysql_install_db"), "--no-defaults",
                            "--datadir=" + datadir, "--user=" + user, "--auth-root-socket-user=" + self.os_user,
                            "--auth-root-authentication-method=socket", "--skip-test-db"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        log = os.path.join(self.log_dir, name + ".log")
        if not os.path.exists(log):
            open(log, "a").close()
        self._chown_to_service(log, 0o640)
        cmd = [_which("mariadbd", "mysqld"), "--no-defaults", "--datadir=" + datadir,
               "--socket=" + socket_path, "--user=" + user,
               "--pid-file=" + os.path.join(os.path.dirname(socket_path), name + ".pid"),
               "--log-error=" + log,
               "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
               "--innodb-buffer-pool-size=256M", "--max-connections=300", "--skip-name-resolve"] + args
        self._spawn(name, cmd)
        self._wait(lambda: self._sql_ok("SELECT 1", socket_path), 60, name)

    def admin_sql(self, sql, database=None, socket_path=None):
        cmd = [_which("mariadb", "mysql"), "--no-defaults", "--socket=" + (socket_path or self.db_socket),
               "-u", self.os_user, "--default-character-set=utf8mb4", "--batch", "--skip-column-names"]
        if database:
            cmd.append(database)
        return subprocess.run(cmd, input=sql, text=True, capture_output=True)

    def _sql_ok(self, sql, socket_path=None):
        socket_path = socket_path or self.db_socket
        return os.path.exists(socket_path) and self.admin_sql(sql, socket_path=socket_path).returncode == 0

    def bootstrap_database(self):
        """The database and its two users: `newsline`, which the workers use and
        which may only read and write rows, and `newsline_migrate`, which runs
        migrations. Run at every start, so an older stack gets the same grants."""
        app, migrate = (pw.replace("\\", "\\\\").replace("'", "''")
                        for pw in (self.db_password(), self.migrate_password()))
        # The grants of a server (deploy/grants.sql), so that every run of the
        # tests shows they are enough; an older stack's workers lose anything more.
        with open(os.path.join(REPO, "deploy", "grants.sql")) as f:
            grants = f.read().replace("CHANGE-ME-WORKERS", app).replace("CHANGE-ME-MIGRATE", migrate)
        r = self.admin_sql(
            "CREATE USER IF NOT EXISTS 'newsline'@'localhost' IDENTIFIED BY '%s';\n"
            "REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'newsline'@'localhost';\n"
            "%s\n"
            "ALTER USER 'newsline'@'localhost' IDENTIFIED BY '%s';\n"
            "ALTER USER 'newsline_migrate'@'localhost' IDENTIFIED BY '%s';\n" % (app, grants, app, migrate))
        if r.returncode != 0:
            raise StackError("cannot create the database: " + r.stderr.strip().replace("\n", " "))

    def migrate_and_seed(self, demo=True):
        self.newsline("migrate", stdout=subprocess.DEVNULL)
        marker = os.path.join(self.root, "demo-loaded")
        if demo and not os.path.exists(marker):
            demo_dir = os.path.join(self.app_dir, "sql", "demo")
            demo_files = sorted(os.path.join(demo_dir, f) for f in os.listdir(demo_dir) if f.endswith(".sql"))
            self.newsline("load", *demo_files, stdout=subprocess.DEVNULL)
            self.newsline("demo-photos", stdout=subprocess.DEVNULL)
            open(marker, "w").close()
        self.create_admin()

    def create_admin(self):
        """On first start: user `admin` with NEWSLINE_ADMIN_PASSWORD, or a generated
        password printed once and kept in admin-password (mode 600)."""
        exists = self.admin_sql("SELECT COUNT(*) FROM users WHERE name = 'admin'", database="newsline")
        if exists.returncode != 0 or exists.stdout.strip() != "0":
            return
        password = self.admin_password
        if not password:
            password = secrets.token_urlsafe(15)
            path = os.path.join(self.root, "admin-password")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.write(fd, (password + "\n").encode())
            os.close(fd)
            print("Created user 'admin' with password: %s  (kept in %s)"
                  % (password, os.path.join(self.asked_root, "admin-password")))
        self.newsline("user", "add", "admin", "--role", "admin", input=password + "\n", text=True,
                      stdout=subprocess.DEVNULL)

    # ----- FastCGI workers and nginx --------------------------------------

    def start_newsline(self):
        self.start_workers("newsline", self.config_file, self.fcgi_socket)

    def start_workers(self, name, config_path, listen):
        """A supervisor and its worker processes on `listen` (a unix socket, or
        ADDRESS:PORT), logging to log/<name>.log."""
        if listen.startswith("/"):
            if os.path.exists(listen):
                os.unlink(listen)  # left by a stack that was killed
            ready = lambda: os.path.exists(listen)  # noqa: E731
        else:
            ready = lambda: not port_is_free(int(listen.rsplit(":", 1)[1]))  # noqa: E731
        self._spawn(name, [self.binary, "--config", config_path, "serve"], env=self.newsline_env(),
                    log=name + ".log", **self.as_service())
        self._wait(ready, 20, "the FastCGI workers (%s)" % name)

    def workers_with(self, listen, name, **settings):
        """More workers of this stack on `listen` (a unix socket), with settings
        overridden (NEWSLINE_<KEY> environment variables), stderr to
        log/<name>.log; the caller stops the returned process."""
        env = dict(self.newsline_env(), NEWSLINE_LISTEN=listen,
                   **{"NEWSLINE_" + key.upper(): str(value) for key, value in settings.items()})
        return subprocess.Popen([self.binary, "--config", self.config_file, "serve"], env=env,
                                stderr=open(os.path.join(self.log_dir, name + ".log"), "ab"), start_new_session=True,
                                **self.as_service())

    def write_nginx_conf(self):
        with open(os.path.join(REPO, "nginx.conf.example")) as f:
            server = f.read()
        redirect = server[server.index("# Plain HTTP only sends readers to HTTPS."):server.index("server {\n    listen 443")]
        tls = server[server.index("    ssl_certificate "):server.index("    # On every answer")]
        replacements = [
            (redirect, ""),  # plain HTTP on loopback, no TLS
            (tls, ""),
            ("    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n", "    listen 127.0.0.1:%d;\n" % self.port),
            ("server_name news.example.com;", "server_name localhost;"),
            ("/srv/newsline/static/", os.path.join(self.app_dir, "static") + "/"),
            ("root /var/lib/newsline;", "root %s;" % self.root),
            ("unix:/run/newsline/newsline.sock", "unix:" + self.fcgi_socket),
            ("include fastcgi_params;", "include /etc/nginx/fastcgi_params;"),
            ("    location / {", self.extra_nginx + "    location / {"),
        ] + self.nginx_edits
        for old, new in replacements:
            if old not in server:
                raise RuntimeError("nginx.conf.example no longer contains %r" % old)
            server = server.replace(old, new)
        d = self.nginx_dir
        main = "\n".join([
            "# Written by scripts/stack.py from nginx.conf.example.",
            # Started as root, the workers run as www-data in the service user's
            # group, the only other group that may open the FastCGI socket.
            "user www-data %s;" % grp.getgrgid(self.service[2]).gr_name if self.as_root else "",
            "worker_processes 2;",
            "pid %s;" % self.pidfile("nginx"),
            "error_log %s/nginx-error.log warn;" % self.log_dir,
            "events { worker_connections 1024; }",
            "http {",
            "  include /etc/nginx/mime.types;",
            "  default_type application/octet-stream;",
            "  access_log off;",
            "  sendfile on;",
            "  tcp_nopush off;  # with sendfile it stalled keep-alive responses by 40 ms",
            "  tcp_nodelay on;",
            "  keepalive_timeout 30s;",
            "  server_tokens off;",
            "  client_body_temp_path %s/client_body;" % d,
            "  fastcgi_temp_path %s/fastcgi;" % d,
            "  proxy_temp_path %s/proxy;" % d,
            "  uwsgi_temp_path %s/uwsgi;" % d,
            "  scgi_temp_path %s/scgi;" % d,
            server,
            self.extra_http,
            "}",
        ])
        with open(self.nginx_conf, "w") as f:
            f.write(main + "\n")

    def nginx_command(self, *args):
        # -e: the error log from the start, not the compiled-in /var/log/nginx one.
        return [_which("nginx"), "-e", os.path.join(self.log_dir, "nginx-error.log"), "-p", self.nginx_dir,
                "-c", self.nginx_conf, *args]

    def start_nginx(self):
        self.write_nginx_conf()
        test = subprocess.run(self.nginx_command("-t", "-q"), capture_output=True, text=True)
        if test.returncode != 0:
            raise StackError("nginx rejects its configuration: " + test.stderr.strip().replace("\n", " "))
        self._spawn("nginx", self.nginx_command("-g", "daemon off;"), log="nginx.log")
        self._wait(self._answers, 20, "nginx")

    def _answers(self):
        try:
            with urllib.request.urlopen(self.url("/static/css/site.css"), timeout=2) as r:
                return r.status == 200
        except Exception:
            return False

    # ----- whole stack -----------------------------------------------------

    def start(self, demo=True):
        self.preflight()
        self._prepare_dirs()
        try:
            self.write_config()
            self.start_mariadb()
            self.bootstrap_database()
            self.migrate_and_seed(demo)
            self.start_newsline()
            self.start_nginx()
        except BaseException:
            self.stop()
            raise

    def __enter__(self):
        """`with Stack(...) as s:` starts it, and stops it however the block ends."""
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        """Stops nginx, the workers and MariaDB, in that order, by their PIDs."""
        for name in ("nginx", "newsline", "mariadb"):
            self.stop_one(name)

    def stop_one(self, name, timeout=30):
        pid = self._pid(name)
        if pid is None:
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.time() + timeout
        while time.time() < deadline and self._alive(name, pid):
            time.sleep(0.05)
        if self._alive(name, pid):
            os.kill(pid, signal.SIGKILL)
        proc = self.procs.pop(name, None)
        if proc:
            proc.wait()
        for f in (self.pidfile(name) + ".stack",):
            if os.path.exists(f):
                os.unlink(f)

    def _alive(self, name, pid):
        proc = self.procs.get(name)
        if proc is not None:
            return proc.poll() is None
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False

    def _pid(self, name):
        if name in self.procs:
            return self.procs[name].pid
        path = self.pidfile(name) + ".stack"
        if os.path.exists(path):
            with open(path) as f:
                return int(f.read().strip() or 0) or None
        return None

    def _spawn(self, name, cmd, env=None, log=None, **popen_args):
        out = open(os.path.join(self.log_dir, log), "ab") if log else subprocess.DEVNULL
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=out if log else subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL, start_new_session=True, **popen_args)
        self.procs[name] = proc
        with open(self.pidfile(name) + ".stack", "w") as f:
            f.write(str(proc.pid))

    def _wait(self, ready, seconds, what):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if ready():
                return
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise StackError("%s exited early (status %s); see %s" % (name, proc.returncode, self.log_dir))
            time.sleep(0.1)
        raise StackError("%s did not come up within %d s; see %s" % (what, seconds, self.log_dir))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["run", "start", "stop", "migrate"])
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8080)))
    ap.add_argument("--root", default=os.path.join(REPO, "var"))
    args = ap.parse_args()
    stack = Stack(args.root, port=args.port)
    try:
        serve(stack, args.command)
    except StackError as e:
        sys.exit("stack: %s" % e)


def serve(stack, command):
    if command == "stop":
        stack.stop()
        print("stopped")
        return
    if command == "migrate":
        stack._install_app()
        stack.newsline("migrate")
        return
    if stack._pid("nginx") and stack._alive("nginx", stack._pid("nginx")):
        raise StackError("the stack in %s is already running: `make stop` stops it" % stack.asked_root)
    stack.start()
    print("Newsline is serving %s  (logs: %s)" % (stack.url("/"), os.path.join(stack.asked_root, "log")))
    if command == "start":
        stack.procs.clear()  # leave them running; `make stop` finds them by PID file
        return
    print("Press Ctrl-C to stop.")
    try:
        # Ctrl-C (SIGINT) and SIGTERM both stop the stack, even when started from
        # a shell that made this process ignore SIGINT.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        while all(p.poll() is None for p in stack.procs.values()):
            time.sleep(0.5)
        print("a process of the stack exited; stopping the rest", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
        print("stopped")


if __name__ == "__main__":
    main()
