"""The local stack as a newcomer meets it: started from a checkout in a home
directory of mode 0700, its services never running as root, its database user
allowed only what the pages need, and a clear line when something is missing."""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import unittest
import urllib.request

from stackfixture import REPO, free_port, stack

STACK_PY = os.path.join("scripts", "stack.py")


def uid_of(pid):
    with open("/proc/%d/status" % pid) as f:
        return int(re.search(r"^Uid:\s+(\d+)", f.read(), re.M).group(1))


def children_of(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def copy_checkout(into):
    """What a clone holds, plus the binary `make` built (building again would take a minute)."""
    shutil.copytree(REPO, into, ignore=shutil.ignore_patterns(".git", "build", "var", "test-output", "__pycache__"))
    os.makedirs(os.path.join(into, "build"))
    shutil.copy(os.path.join(REPO, "build", "newsline"), os.path.join(into, "build", "newsline"))


def run_stack_py(checkout, *args, timeout=180):
    # A newcomer's checkout runs its own build, whatever worker this run tests (SANITIZE=1).
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSLINE_BINARY", "NEWSLINE_SANITIZED")}
    return subprocess.run(["python3", STACK_PY, *args], cwd=checkout, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, env=env)


class NewcomerCheckout(unittest.TestCase):
    def test_a_checkout_under_a_0700_directory_serves_pages_with_their_stylesheet_and_starts_again_at_once(self):
        home = tempfile.mkdtemp(prefix="newsline-home-")  # mode 0700, as root's home and Debian's homes are
        self.assertEqual(os.stat(home).st_mode & 0o777, 0o700)
        checkout = os.path.join(home, "newsline")
        copy_checkout(checkout)
        port = free_port()
        var = os.path.join(checkout, "var")
        try:
            r = run_stack_py(checkout, "start", "--port", str(port))
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            with urllib.request.urlopen("http://127.0.0.1:%d/en/" % port, timeout=10) as page:
                self.assertEqual(page.status, 200)
                html = page.read().decode()
            stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)">', html).group(1)
            with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, stylesheet), timeout=10) as css:
                self.assertEqual(css.status, 200)
                self.assertEqual(css.headers.get_content_type(), "text/css")
                self.assertIn(b".newsline", css.read())
            self.assertEqual(os.stat(home).st_mode & 0o777, 0o700, "the home directory was opened up")
            # Stopped and started again at once: the connections just closed
            # (nginx closed them: TIME_WAIT on its port) do not make the port look taken.
            r = run_stack_py(checkout, "stop")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = run_stack_py(checkout, "start", "--port", str(port))
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            with urllib.request.urlopen("http://127.0.0.1:%d/en/" % port, timeout=10) as page:
                self.assertEqual(page.status, 200)
            if os.geteuid() == 0:
                real = os.path.realpath(var)
                mariadb_pid = int(open(os.path.join(real, "run", "mariadb.pid.stack")).read())
                master_pid = int(open(os.path.join(real, "run", "newsline.pid.stack")).read())
                for pid in [mariadb_pid, master_pid] + children_of(master_pid):
                    self.assertNotEqual(uid_of(pid), 0, "process %d runs as root" % pid)
        finally:
            r = run_stack_py(checkout, "stop")
            real = os.path.realpath(var)
            shutil.rmtree(home, ignore_errors=True)
            if real != var:
                shutil.rmtree(real, ignore_errors=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_a_port_taken_is_said_in_one_line(self):
        checkout = tempfile.mkdtemp(prefix="newsline-port-")
        copy_checkout(os.path.join(checkout, "co"))
        try:
            with socket.socket() as taken:
                taken.bind(("127.0.0.1", 0))
                taken.listen()
                port = taken.getsockname()[1]
                r = run_stack_py(os.path.join(checkout, "co"), "start", "--port", str(port), timeout=30)
            self.assertNotEqual(r.returncode, 0)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            self.assertIn("port %d" % port, r.stderr)
            self.assertIn("PORT=%d make run" % (port + 1), r.stderr)
            self.assertFalse(os.path.exists(os.path.join(checkout, "co", "var", "mysql")), "it started anyway")
        finally:
            shutil.rmtree(checkout, ignore_errors=True)

    def test_a_missing_build_is_said_in_one_line(self):
        checkout = tempfile.mkdtemp(prefix="newsline-nobuild-")
        copy_checkout(os.path.join(checkout, "co"))
        os.unlink(os.path.join(checkout, "co", "build", "newsline"))
        try:
            r = run_stack_py(os.path.join(checkout, "co"), "start", "--port", str(free_port()), timeout=30)
            self.assertNotEqual(r.returncode, 0)
            self.assertEqual(r.stderr.strip(), "stack: build/newsline is missing: run `make build` "
                                               "(make run and make test build it)")
        finally:
            shutil.rmtree(checkout, ignore_errors=True)


class LeastPrivilege(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stack = stack()

    def test_mariadb_and_the_workers_never_run_as_root(self):
        s = self.stack
        expected = s.service[1]
        master = s.procs["newsline"].pid
        workers = children_of(master)
        self.assertEqual(len(workers), 2)
        for pid in [s.procs["mariadb"].pid, master] + workers:
            self.assertEqual(uid_of(pid), expected, "process %d" % pid)
        if os.geteuid() == 0:
            self.assertNotEqual(expected, 0)
            # And the binary itself will not serve as root.
            r = subprocess.run([s.binary, "--config", s.config_file, "serve"], capture_output=True, text=True,
                               timeout=20, env=dict(s.newsline_env(), NEWSLINE_LISTEN=os.path.join(s.run_dir, "x.sock")))
            self.assertEqual(r.returncode, 2)
            self.assertIn("will not serve as root", r.stderr)

    def test_the_application_may_only_read_and_write_rows(self):
        s = self.stack
        grants = s.admin_sql("SHOW GRANTS FOR 'newsline'@'localhost'").stdout
        self.assertIn("GRANT SELECT, INSERT, UPDATE, DELETE ON `newsline`.* TO `newsline`@`localhost`", grants)
        self.assertNotIn("ALL PRIVILEGES", grants)
        as_app = subprocess.run(["mariadb", "--no-defaults", "--socket=" + s.db_socket, "-u", "newsline",
                                 "-p" + s.db_password(), "newsline", "-e", "DROP TABLE audit_log"],
                                capture_output=True, text=True)
        self.assertNotEqual(as_app.returncode, 0)
        self.assertIn("DROP command denied", as_app.stderr)
        self.assertIn("ALL PRIVILEGES ON `newsline`.*",
                      s.admin_sql("SHOW GRANTS FOR 'newsline_migrate'@'localhost'").stdout)

    def test_the_workers_never_see_the_migration_password(self):
        self.assertNotIn("NEWSLINE_DB_MIGRATE_PASSWORD", self.stack.newsline_env())
        master = self.stack.procs["newsline"].pid
        with open("/proc/%d/environ" % master, "rb") as f:
            self.assertNotIn(b"NEWSLINE_DB_MIGRATE_PASSWORD", f.read())


class ServeRefuses(unittest.TestCase):
    """`newsline serve` refuses settings that would let others talk FastCGI to it."""

    def serve(self, **settings):
        s = stack()
        env = dict(s.newsline_env(), **{"NEWSLINE_" + k.upper(): v for k, v in settings.items()})
        return subprocess.run([s.binary, "--config", s.config_file, "serve"], env=env, capture_output=True,
                              text=True, timeout=20, **s.as_service())

    def test_a_listen_address_that_is_neither_a_unix_socket_path_nor_an_ip_address_and_port(self):
        for listen in (":9000", "localhost:9000", "relative.sock", "127.0.0.1:99999"):
            r = self.serve(listen=listen, listen_allow="127.0.0.1")
            self.assertEqual(r.returncode, 1, listen)
            self.assertIn("listen: expected a unix socket's absolute path or ADDRESS:PORT", r.stderr)

    def test_a_tcp_socket_without_the_addresses_allowed_to_use_it(self):
        r = self.serve(listen="127.0.0.1:9000")
        self.assertEqual(r.returncode, 1)
        self.assertIn("listen: a TCP socket needs listen_allow", r.stderr)
        r = self.serve(listen="127.0.0.1:9000", listen_allow="nginx-host")
        self.assertEqual(r.returncode, 1)
        self.assertIn("listen_allow: expected IP addresses (no names), got 'nginx-host'", r.stderr)

    def test_a_socket_it_cannot_give_to_its_group(self):
        path = os.path.join(stack().run_dir, "refused.sock")
        r = self.serve(listen=path, socket_group="no-such-group")
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot give", r.stderr)
        self.assertFalse(os.path.exists(path), "the socket was left behind")
