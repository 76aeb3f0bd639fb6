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
import grp
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(REPO, "build", "newsline")


def _which(*names):
    for n in names:
        for d in ("/usr/sbin", "/usr/bin", "/sbin", "/bin"):
            if os.path.exists(os.path.join(d, n)):
                return os.path.join(d, n)
    raise RuntimeError("none of %s is installed: run `make deps`" % (names,))


def _example_config():
    with open(os.path.join(REPO, "nginx.conf.example")) as f:
        return f.read()


def _example_lines(start):
    """The lines of nginx.conf.example from the one that begins with `start` to
    the end of the location block it is in."""
    text = _example_config()
    block = text[text.index(start):]
    return block[:block.index("\n    }")].splitlines()


def _page_location_settings():
    """The FastCGI settings of nginx.conf.example's `location /`, all but its
    fastcgi_pass: its buffers alone make a 14 KB reply 7% faster, so every
    FastCGI server the benchmark measures goes through nginx as the pages do."""
    lines = [line.split("#")[0].strip() for line in _example_lines("    location / {\n")[1:]]
    return "".join("      %s\n" % line.replace("include fastcgi_params;", "include /etc/nginx/fastcgi_params;")
                   for line in lines if line and not line.startswith("fastcgi_pass"))


def fastcgi_server(port, socket_path, extra=""):
    """An nginx server block on 127.0.0.1:port that passes every request to
    socket_path as nginx.conf.example's `location /` does, plus `extra` lines."""
    return ("  server {\n    listen 127.0.0.1:%d;\n    location / {\n      fastcgi_pass unix:%s;\n%s%s    }\n  }\n"
            % (port, socket_path, _page_location_settings(), extra))


def micro_cache_server(port, socket_path, cache_dir, extra=""):
    """nginx.conf.example's optional micro-cache with its commented lines
    uncommented: the cache path (moved to cache_dir) and a fastcgi_server."""
    text = _example_config()
    path_line = next(line for line in text.splitlines() if line.startswith("# fastcgi_cache_path "))
    cache_path = path_line[2:].replace("/var/cache/nginx/newsline", cache_dir)
    lines = [line.strip()[2:].split("#")[0].strip() for line in _example_lines("        # micro-cache:")]
    settings = "".join("      %s\n" % line for line in lines if line.startswith("fastcgi_"))
    return "  %s\n%s" % (cache_path, fastcgi_server(port, socket_path, settings + extra))


class Stack:
    """One stack rooted at `root` (var/ for `make run`, a temp dir for tests)."""

    def __init__(self, root, port=8080, processes=2, threads=4, extra_config=None, extra_nginx="",
                 admin_password=None, extra_http="", mariadb_args=()):
        self.root = os.path.abspath(root)
        self.port = port
        self.processes = processes
        self.threads = threads
        self.extra_config = extra_config or {}
        self.extra_nginx = extra_nginx  # more location blocks (the benchmark's static copy)
        self.extra_http = extra_http    # more server blocks (the benchmark's floor and uncached workers)
        self.mariadb_args = list(mariadb_args)
        self.admin_password = admin_password or os.environ.get("NEWSLINE_ADMIN_PASSWORD")
        self.run_dir = os.path.join(self.root, "run")
        self.log_dir = os.path.join(self.root, "log")
        self.datadir = os.path.join(self.root, "mysql")
        self.db_socket = os.path.join(self.run_dir, "mysqld.sock")
        self.fcgi_socket = os.path.join(self.run_dir, "newsline.sock")
        self.config_file = os.path.join(self.root, "newsline.conf")
        self.nginx_dir = os.path.join(self.root, "nginx")
        self.nginx_conf = os.path.join(self.nginx_dir, "nginx.conf")
        self.os_user = pwd.getpwuid(os.geteuid()).pw_name
        self.as_root = os.geteuid() == 0
        self.procs = {}

    # ----- paths and files -------------------------------------------------

    def pidfile(self, name):
        return os.path.join(self.run_dir, name + ".pid")

    def url(self, path="/"):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def _prepare_dirs(self):
        for d in (self.root, self.log_dir, self.nginx_dir):
            os.makedirs(d, exist_ok=True)
            os.chmod(d, 0o755)  # nginx's workers must reach static files and temp dirs
        os.makedirs(self.run_dir, exist_ok=True)
        if self.as_root:
            # The FastCGI socket lives here: only root and nginx's group (www-data) may enter.
            os.chown(self.run_dir, 0, grp.getgrnam("www-data").gr_gid)
            os.chmod(self.run_dir, 0o750)
        else:
            os.chmod(self.run_dir, 0o700)

    def db_password(self):
        path = os.path.join(self.root, "db-password")
        if not os.path.exists(path):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, secrets.token_urlsafe(24).encode())
            os.close(fd)
        with open(path) as f:
            return f.read().strip()

    def write_config(self):
        settings = {
            "db_socket": self.db_socket,
            "db_user": "newsline",
            "db_name": "newsline",
            "listen": self.fcgi_socket,
            "socket_mode": "0660" if self.as_root else "0600",
            "socket_group": "www-data" if self.as_root else "",
            "processes": self.processes,
            "threads": self.threads,
            "site_url": "http://127.0.0.1:%d" % self.port,
            "template_dir": os.path.join(REPO, "templates"),
            "sql_dir": os.path.join(REPO, "sql"),
        }
        settings.update(self.extra_config)
        lines = ["# Written by scripts/stack.py for the local stack; see `build/newsline --help`."]
        lines += ["%s = %s" % (k, v) for k, v in settings.items()]
        with open(self.config_file, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(self.config_file, 0o600)

    def newsline_env(self):
        env = dict(os.environ)
        env["NEWSLINE_DB_PASSWORD"] = self.db_password()
        return env

    def newsline(self, *args, check=True, **kw):
        return subprocess.run([BINARY, "--config", self.config_file, *args], env=self.newsline_env(),
                              check=check, **kw)

    # ----- MariaDB ---------------------------------------------------------

    def start_mariadb(self):
        if not os.path.isdir(os.path.join(self.datadir, "mysql")):
            subprocess.run([_which("mariadb-install-db", "mysql_install_db"), "--no-defaults",
                            "--datadir=" + self.datadir, "--user=" + self.os_user,
                            "--auth-root-authentication-method=socket", "--skip-test-db"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        cmd = [_which("mariadbd", "mysqld"), "--no-defaults", "--datadir=" + self.datadir,
               "--socket=" + self.db_socket, "--skip-networking", "--user=" + self.os_user,
               "--pid-file=" + self.pidfile("mariadb"), "--log-error=" + os.path.join(self.log_dir, "mariadb.log"),
               "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
               "--innodb-buffer-pool-size=256M", "--max-connections=300", "--skip-name-resolve"] + self.mariadb_args
        self._spawn("mariadb", cmd)
        self._wait(lambda: self._sql_ok("SELECT 1"), 60, "MariaDB")

    def admin_sql(self, sql, database=None):
        cmd = [_which("mariadb", "mysql"), "--no-defaults", "--socket=" + self.db_socket, "-u", self.os_user,
               "--default-character-set=utf8mb4", "--batch", "--skip-column-names"]
        if database:
            cmd.append(database)
        return subprocess.run(cmd, input=sql, text=True, capture_output=True)

    def _sql_ok(self, sql):
        return os.path.exists(self.db_socket) and self.admin_sql(sql).returncode == 0

    def bootstrap_database(self):
        pw = self.db_password().replace("'", "''")
        r = self.admin_sql(
            "CREATE DATABASE IF NOT EXISTS newsline CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n"
            "CREATE USER IF NOT EXISTS 'newsline'@'localhost' IDENTIFIED BY '%s';\n"
            "GRANT ALL PRIVILEGES ON newsline.* TO 'newsline'@'localhost';\n" % pw)
        if r.returncode != 0:
            raise RuntimeError("cannot create the database: " + r.stderr)

    def migrate_and_seed(self, demo=True):
        self.newsline("migrate", stdout=subprocess.DEVNULL)
        marker = os.path.join(self.root, "demo-loaded")
        if demo and not os.path.exists(marker):
            demo_files = sorted(os.path.join(REPO, "sql", "demo", f)
                                for f in os.listdir(os.path.join(REPO, "sql", "demo")) if f.endswith(".sql"))
            self.newsline("load", *demo_files, stdout=subprocess.DEVNULL)
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
            print("Created user 'admin' with password: %s  (kept in %s)" % (password, path))
        self.newsline("user", "add", "admin", "--role", "admin", input=password + "\n", text=True,
                      stdout=subprocess.DEVNULL)

    # ----- FastCGI workers and nginx --------------------------------------

    def start_newsline(self):
        self._spawn("newsline", [BINARY, "--config", self.config_file, "serve"], env=self.newsline_env(),
                    log="newsline.log")
        self._wait(lambda: os.path.exists(self.fcgi_socket), 20, "the FastCGI workers")

    def write_nginx_conf(self):
        with open(os.path.join(REPO, "nginx.conf.example")) as f:
            server = f.read()
        replacements = [
            ("listen 80;", "listen 127.0.0.1:%d;" % self.port),
            ("listen [::]:80;", ""),
            ("server_name news.example.com;", "server_name localhost;"),
            ("/srv/newsline/static/", os.path.join(REPO, "static") + "/"),
            ("unix:/run/newsline/newsline.sock", "unix:" + self.fcgi_socket),
            ("include fastcgi_params;", "include /etc/nginx/fastcgi_params;"),
            ("    location / {", self.extra_nginx + "    location / {"),
        ]
        for old, new in replacements:
            if old not in server:
                raise RuntimeError("nginx.conf.example no longer contains %r" % old)
            server = server.replace(old, new)
        d = self.nginx_dir
        main = "\n".join([
            "# Written by scripts/stack.py from nginx.conf.example.",
            "user www-data www-data;" if self.as_root else "",
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

    def start_nginx(self):
        self.write_nginx_conf()
        nginx = _which("nginx")
        test = subprocess.run([nginx, "-t", "-q", "-p", self.nginx_dir, "-c", self.nginx_conf],
                              capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError("nginx rejects its configuration:\n" + test.stderr)
        self._spawn("nginx", [nginx, "-p", self.nginx_dir, "-c", self.nginx_conf, "-g", "daemon off;"],
                    log="nginx.log")
        self._wait(self._answers, 20, "nginx")

    def _answers(self):
        try:
            with urllib.request.urlopen(self.url("/static/css/site.css"), timeout=2) as r:
                return r.status == 200
        except Exception:
            return False

    # ----- whole stack -----------------------------------------------------

    def start(self, demo=True):
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

    def _spawn(self, name, cmd, env=None, log=None):
        out = open(os.path.join(self.log_dir, log), "ab") if log else subprocess.DEVNULL
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=out if log else subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL, start_new_session=True)
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
                    raise RuntimeError("%s exited early (status %s); see %s" % (name, proc.returncode, self.log_dir))
            time.sleep(0.1)
        raise RuntimeError("%s did not come up within %d s; see %s" % (what, seconds, self.log_dir))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["run", "start", "stop", "migrate"])
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8080)))
    ap.add_argument("--root", default=os.path.join(REPO, "var"))
    args = ap.parse_args()
    stack = Stack(args.root, port=args.port)

    if args.command == "stop":
        stack.stop()
        print("stopped")
        return
    if args.command == "migrate":
        stack.newsline("migrate")
        return
    if stack._pid("nginx") and stack._alive("nginx", stack._pid("nginx")):
        sys.exit("the stack in %s is already running (make stop)" % stack.root)
    stack.start()
    print("Newsline is serving %s  (logs: %s)" % (stack.url("/"), stack.log_dir))
    if args.command == "start":
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
