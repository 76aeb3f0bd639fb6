#!/usr/bin/env python3
"""Several machines' worth of Newsline on loopback: a primary MariaDB and
read replicas (MariaDB's GTID replication over 127.0.0.1), and several worker
pools standing for hosts (a socket, settings and photo-variant directory
each) behind one nginx upstream. Pool 0 listens on a unix socket as on
nginx's own host; the others on loopback TCP, as on hosts of their own, with
nginx's address as their listen_allow. Used by tests/integration/test_cluster.py
and `make bench` (one pool against two).

  python3 scripts/cluster.py start --root /tmp/nlc --port 8090 [--replicas 2] [--pools 2]
  python3 scripts/cluster.py stop  --root /tmp/nlc

Each pool also answers on a port of its own (pool_port(n)), straight to its
socket, so a test can ask one host in particular.
"""
import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stack import Stack, StackError, example_config, fastcgi_address, fastcgi_server, port_is_free  # noqa: E402


def free_ports(count, start=21000):
    """The first of `count` consecutive ports free on 127.0.0.1 (a cluster takes
    its port and the next ones: the primary's, one per pool, the TCP pools')."""
    for base in range(start, start + 10000, 10):
        if all(port_is_free(base + k) for k in range(count)):
            return base
    raise StackError("no %d consecutive free ports from %d" % (count, start))


class Cluster(Stack):
    def __init__(self, root, port=8090, replicas=2, pools=2, processes=1, **kw):
        super().__init__(root, port=port, processes=processes, **kw)
        self.replicas = replicas
        self.pools = pools
        # The primary's TCP port (replicas connect over loopback), one nginx port
        # per pool, then the FastCGI ports of the pools on "other hosts".
        self.db_port = port + 1
        self.pool_ports = [port + 2 + n for n in range(pools)]
        self.fastcgi_ports = [None] + [port + 1 + pools + n for n in range(1, pools)]
        self.extra_http += "".join(fastcgi_server(p, self.pool_socket(n)) for n, p in enumerate(self.pool_ports))
        self.nginx_edits.append(self._upstream_edit())

    # ----- names and places ------------------------------------------------

    def replica_name(self, i):
        return "replica-%d" % i

    def replica_socket(self, i):
        return os.path.join(self.run_dir, "mysql", "replica-%d.sock" % i)

    def replica_datadir(self, i):
        return os.path.join(self.root, "replica-%d" % i)

    def pool_name(self, n):
        return "newsline" if n == 0 else "newsline-%d" % n

    def pool_socket(self, n):
        """Where pool n listens: a unix socket, or 127.0.0.1:PORT."""
        return self.fcgi_socket if n == 0 else "127.0.0.1:%d" % self.fastcgi_ports[n]

    def pool_config(self, n):
        return self.config_file if n == 0 else os.path.join(self.root, "newsline-%d.conf" % n)

    def pool_media_dir(self, n):
        """Pool 0's variants are the ones nginx serves from disk; the others' are their hosts' own."""
        return self.media_dir if n == 0 else os.path.join(self.root, "media-%d" % n)

    def pool_url(self, n, path="/"):
        return "http://127.0.0.1:%d%s" % (self.pool_ports[n], path)

    def _upstream_edit(self):
        """nginx.conf.example's upstream, with the pools as its hosts, each with
        the health-check parameters of the example's commented host lines."""
        local = "    server unix:%s max_fails=0;\n" % self.fcgi_socket
        checks = re.search(r"^    # server [0-9.]+:[0-9]+ (.*);$", example_config(), re.M).group(1)
        hosts = "".join("    server %s %s;\n" % (fastcgi_address(self.pool_socket(n)), checks)
                        for n in range(self.pools))
        return local * 2, hosts

    # ----- start and stop --------------------------------------------------

    def preflight(self):
        super().preflight()
        for p in [self.db_port] + self.pool_ports + self.fastcgi_ports[1:]:
            if not port_is_free(p):
                raise StackError("port %d on 127.0.0.1 is taken: choose another --port" % p)

    def _prepare_dirs(self):
        super()._prepare_dirs()
        for n in range(1, self.pools):
            os.makedirs(self.pool_media_dir(n), exist_ok=True)
            self._chown_to_service(self.pool_media_dir(n), 0o750 if self.as_root else 0o700)

    def write_config(self, path=None, settings=None):
        replicas = ",".join(self.replica_socket(i) for i in range(1, self.replicas + 1))
        for n in range(self.pools):
            settings = self.settings()
            settings.update(listen=self.pool_socket(n), media_dir=self.pool_media_dir(n))
            if n:
                settings["listen_allow"] = "127.0.0.1"  # nginx's host
            if replicas:
                settings["db_replicas"] = replicas
            super().write_config(self.pool_config(n), settings)

    def replication_password(self):
        return self._secret("db-replication-password")

    def start_mariadb(self):
        """The primary, its replication user, then the replicas."""
        self.start_primary()
        r = self.admin_sql(
            "CREATE USER IF NOT EXISTS 'replication'@'127.0.0.1' IDENTIFIED BY '%s';\n"
            "GRANT REPLICATION SLAVE ON *.* TO 'replication'@'127.0.0.1';\n" % self.replication_password())
        if r.returncode != 0:
            raise StackError("cannot create the replication user: " + r.stderr.strip())
        for i in range(1, self.replicas + 1):
            self.start_replica(i)

    def start_primary(self):
        """The primary: a binary log, and loopback TCP for the replicas."""
        self.start_mariadb_server("mariadb", self.datadir, self.db_socket, [
            "--port=%d" % self.db_port, "--bind-address=127.0.0.1", "--server-id=1", "--log-bin=primary-bin",
            "--binlog-format=ROW"] + self.mariadb_args)

    def start_replica(self, i):
        """Replica i, following the primary from its first transaction (GTID)."""
        fresh = not os.path.isdir(os.path.join(self.replica_datadir(i), "mysql"))
        self.start_mariadb_server(self.replica_name(i), self.replica_datadir(i), self.replica_socket(i), [
            "--skip-networking", "--server-id=%d" % (1 + i), "--read-only=1",
            "--relay-log=replica-%d-relay" % i] + self.mariadb_args)
        if fresh:
            r = self.admin_sql(
                "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%d, MASTER_USER='replication', "
                "MASTER_PASSWORD='%s', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1;\nSTART SLAVE;\n"
                % (self.db_port, self.replication_password()), socket_path=self.replica_socket(i))
            if r.returncode != 0:
                raise StackError("cannot start replica %d: %s" % (i, r.stderr.strip()))

    def primary_position(self):
        return self.admin_sql("SELECT @@gtid_binlog_pos").stdout.strip()

    def wait_for_replicas(self, seconds=60):
        """Until every running replica has applied all the primary has written."""
        position = self.primary_position()
        for i in range(1, self.replicas + 1):
            pid = self._pid(self.replica_name(i))
            if pid is None or not self._alive(self.replica_name(i), pid):
                continue  # stopped
            r = self.admin_sql("SELECT MASTER_GTID_WAIT('%s', %d)" % (position, seconds),
                               socket_path=self.replica_socket(i))
            if r.stdout.strip() != "0":
                status = self.admin_sql("SHOW SLAVE STATUS\\G", socket_path=self.replica_socket(i)).stdout
                raise StackError("replica %d did not catch up with the primary: %s" % (i, status[-2000:]))

    def start_newsline(self):
        self.wait_for_replicas()
        for n in range(self.pools):
            self.start_pool(n)

    def start_pool(self, n):
        self.start_workers(self.pool_name(n), self.pool_config(n), self.pool_socket(n))

    def stop(self):
        self.stop_one("nginx")
        for n in range(self.pools):
            self.stop_one(self.pool_name(n))
        for i in range(1, self.replicas + 1):
            self.stop_one(self.replica_name(i))
        self.stop_one("mariadb")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["start", "stop"])
    ap.add_argument("--root", required=True)
    ap.add_argument("--port", type=int, default=8090)
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--pools", type=int, default=2)
    args = ap.parse_args()
    cluster = Cluster(args.root, port=args.port, replicas=args.replicas, pools=args.pools)
    try:
        if args.command == "stop":
            cluster.stop()
            return
        started = time.monotonic()
        cluster.start()
        cluster.procs.clear()  # left running; `stop` finds them by PID file
        print("serving %s through %d pools, %d replicas (%.0f s); each pool alone: %s" % (
            cluster.url("/"), args.pools, args.replicas, time.monotonic() - started,
            ", ".join(cluster.pool_url(n) for n in range(args.pools))))
    except (StackError, subprocess.CalledProcessError) as e:
        sys.exit("cluster: %s" % e)


if __name__ == "__main__":
    main()
