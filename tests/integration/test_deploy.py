"""deploy/: what an operator installs on a server (the systemd unit, the
tmpfiles.d entry, the logrotate file, the example configuration), checked
with the tools that will read them. The grants (deploy/grants.sql) are the
ones every test stack runs with (scripts/stack.py)."""
import os
import pwd
import grp
import re
import shutil
import subprocess
import tempfile
import unittest

from stackfixture import REPO

DEPLOY = os.path.join(REPO, "deploy")


def read(name):
    with open(os.path.join(DEPLOY, name)) as f:
        return f.read()


class Deployment(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="newsline-deploy-")
        self.addCleanup(shutil.rmtree, self.dir)

    def unit_here(self):
        """The unit with ExecStart on the binary just built (verify checks that it exists)."""
        unit = read("newsline.service").replace("/srv/newsline/newsline", os.path.join(REPO, "build", "newsline"))
        path = os.path.join(self.dir, "newsline.service")
        with open(path, "w") as f:
            f.write(unit)
        return path

    def settings(self):
        """The unit's [Service] settings: {name: [values]}."""
        found = {}
        for name, value in re.findall(r"^(\w+)=(.*)$", read("newsline.service"), re.M):
            found.setdefault(name, []).append(value)
        return found

    def test_the_unit_verifies(self):
        r = subprocess.run(["systemd-analyze", "verify", self.unit_here()], capture_output=True, text=True,
                           timeout=60, cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout + r.stderr), (0, ""))

    def test_the_drop_in_for_several_hosts_verifies_and_keeps_the_unit_rated_ok(self):
        unit = self.unit_here()
        os.makedirs(unit + ".d")
        shutil.copy(os.path.join(DEPLOY, "several-hosts.conf"), unit + ".d")
        r = subprocess.run(["systemd-analyze", "verify", unit], capture_output=True, text=True, timeout=60,
                           cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout + r.stderr), (0, ""))
        r = subprocess.run(["systemd-analyze", "security", "--offline=true", "--no-pager", unit],
                           capture_output=True, text=True, timeout=60, cwd=self.dir)
        self.assertIn("Service has access to the host's network", r.stdout)  # the drop-in was read
        level = re.search(r"Overall exposure level for newsline.service: ([\d.]+) (\w+)", r.stdout)
        self.assertIn(level.group(2), ("SAFE", "OK"), level.group(0))

    def test_the_unit_is_rated_safe_by_systemd(self):
        r = subprocess.run(["systemd-analyze", "security", "--offline=true", "--no-pager", self.unit_here()],
                           capture_output=True, text=True, timeout=60, cwd=self.dir)
        level = re.search(r"Overall exposure level for newsline.service: ([\d.]+) (\w+)", r.stdout)
        self.assertTrue(level, r.stdout + r.stderr)
        self.assertIn(level.group(2), ("SAFE", "OK"), level.group(0))
        self.assertLessEqual(float(level.group(1)), 2.0, level.group(0))

    def test_the_unit_runs_the_workers_as_the_readme_says(self):
        s = self.settings()
        for name, value in [("User", "newsline"), ("Restart", "always"), ("RuntimeDirectory", "newsline"),
                            ("SupplementaryGroups", "www-data"), ("ProtectSystem", "strict"),
                            ("ProtectHome", "yes"), ("PrivateTmp", "yes"), ("NoNewPrivileges", "yes"),
                            ("RestrictAddressFamilies", "AF_UNIX"), ("LimitNOFILE", "1024")]:
            self.assertEqual(s.get(name), [value], name)
        self.assertEqual(s["ExecReload"], ["/bin/kill -HUP $MAINPID"])  # the reload test_site tests
        self.assertEqual(s["SystemCallFilter"][0], "@system-service")
        self.assertTrue(s.get("MemoryMax"))
        # The paths the unit starts the workers with are the example configuration's.
        conf = dict(re.findall(r"^(\w+) = (.*)$", read("newsline.conf"), re.M))
        self.assertIn("--config /etc/newsline/newsline.conf serve", s["ExecStart"][0])
        self.assertEqual(conf["listen"], "/run/newsline/newsline.sock")  # in RuntimeDirectory
        self.assertEqual(conf["socket_group"], "www-data")
        self.assertEqual(conf["socket_mode"], "0660")
        self.assertNotIn("db_password", conf)  # the password is in the environment file only
        self.assertTrue(conf["media_dir"].startswith("/var/lib/newsline/"))  # StateDirectory

    def test_the_example_configuration_is_read_without_complaint(self):
        # `newsline --config FILE explain` reads the file first and stops at the
        # first bad setting; with no database at hand it then fails to connect.
        env = dict(os.environ, NEWSLINE_DB_SOCKET=os.path.join(self.dir, "no-database.sock"))
        r = subprocess.run([os.path.join(REPO, "build", "newsline"), "--config", os.path.join(DEPLOY, "newsline.conf"),
                            "explain"], capture_output=True, text=True, timeout=60, env=env)
        self.assertNotEqual(r.returncode, 0)
        self.assertRegex(r.stderr, r"(?i)connect")
        self.assertNotRegex(r.stderr, r"(?i)unknown setting|invalid|not a number")

    def test_tmpfiles_entries(self):
        lines = [l.split() for l in read("newsline.tmpfiles").splitlines() if l.strip() and not l.startswith("#")]
        entries = {fields[1]: fields for fields in lines}
        for fields in lines:
            self.assertEqual(len(fields), 6, fields)
            self.assertEqual(fields[0], "d")
            self.assertRegex(fields[2], r"^[0-7]{4}$")
        self.assertEqual(entries["/var/lib/newsline/media"][2:5], ["2750", "newsline", "www-data"])
        self.assertEqual(entries["/var/log/newsline"][3], "newsline")
        # systemd-tmpfiles itself makes them under a throwaway root, with the
        # owners this machine has (the service user exists only where make deps ran as root).
        me, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
        conf = os.path.join(self.dir, "newsline.conf")
        with open(conf, "w") as f:
            f.write(read("newsline.tmpfiles").replace(" newsline ", " %s " % me).replace(" www-data ", " %s " % group)
                    .replace(" adm ", " %s " % group))
        root = os.path.join(self.dir, "root")
        os.makedirs(root)
        r = subprocess.run(["systemd-tmpfiles", "--create", "--root=" + root, conf], capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        media = os.stat(os.path.join(root, "var/lib/newsline/media"))
        self.assertEqual(oct(media.st_mode & 0o7777), "0o2750")

    def test_logrotate_reads_its_file(self):
        text = read("newsline.logrotate")
        self.assertIn("su newsline adm", text)
        self.assertIn("copytruncate", text)  # systemd keeps the file open for appending
        me, group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
        conf = os.path.join(self.dir, "newsline")
        with open(conf, "w") as f:
            f.write(text.replace("su newsline adm", "su %s %s" % (me, group))
                    .replace("/var/log/newsline/", self.dir + "/"))
        os.chmod(conf, 0o644)
        with open(os.path.join(self.dir, "newsline.log"), "w") as f:
            f.write("newsline: serving FastCGI\n")
        r = subprocess.run(["logrotate", "--debug", "--state", os.path.join(self.dir, "state"), conf],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotRegex(r.stderr, r"(?m)^error")


if __name__ == "__main__":
    unittest.main()
