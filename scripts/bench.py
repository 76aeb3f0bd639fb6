#!/usr/bin/env python3
"""make bench: wrk against the real stack (nginx -> FastCGI workers -> MariaDB).

Starts a throwaway stack with the demo content plus generated articles (so the
deep all-news page is deep), saves the article page's HTML as a static file that
the same nginx serves, then measures in interleaved rounds (A B C D, A B C D, ...):

  static   nginx serving the saved article HTML (the ceiling)
  article  the seed article page
  home     /en/
  deep     /en/news?before=<cursor> about 15,000 articles down

and prints req/s, p50, p99, errors and non-2xx for each (medians over the
rounds) with the ratio to the static file. No numbers are asserted anywhere.

  python3 scripts/bench.py [--rounds 2] [--seconds 10] [--connections 32] [--articles 20000]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stack import Stack  # noqa: E402

SEED_PATH = "/en/news/country/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def generate_articles(stack, count):
    """Older en articles (before the demo's), spread a few minutes apart, via the sequence engine."""
    stack.admin_sql(
        "INSERT INTO articles (edition, category_id, slug, title, body, author, source, status, published_at) "
        "SELECT 'en', 1 + (seq %% 7), CONCAT('generated-story-', seq), CONCAT('Generated story number ', seq), "
        "REPEAT('A paragraph of generated text for the benchmark. ', 40), 'Bench', 'EDnews', 'published', "
        "TIMESTAMP'2025-05-01 00:00:00' - INTERVAL seq * 7 MINUTE FROM seq_1_to_%d;" % count,
        database="newsline")


def wrk(url, seconds, connections):
    threads = min(2, connections)
    out = subprocess.run(["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency",
                          "--timeout", "5s", url], capture_output=True, text=True, timeout=seconds + 30).stdout

    def latency_ms(pct):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % pct, out, re.M)
        if not m:
            return float("nan")
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1])
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return {"rps": rps, "p50": latency_ms(50), "p99": latency_ms(99), "non2xx": non2xx, "errors": errors}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--articles", type=int, default=20000)
    args = ap.parse_args()

    root = tempfile.mkdtemp(prefix="newsline-bench-")
    os.chmod(root, 0o755)
    static_dir = os.path.join(root, "static-copy")
    os.makedirs(static_dir)
    os.chmod(static_dir, 0o755)
    static_file = os.path.join(static_dir, "article.html")
    location = ("    location = /bench/static-article.html {\n"
                "        alias %s;\n        default_type text/html;\n    }\n" % static_file)
    stack = Stack(root, port=free_port(), processes=2, threads=4, extra_nginx=location)
    try:
        stack.start()
        generate_articles(stack, args.articles)
        with urllib.request.urlopen(stack.url(SEED_PATH)) as r:
            html = r.read()
        with open(static_file, "wb") as f:
            f.write(html)
        os.chmod(static_file, 0o644)
        deep = stack.admin_sql("SELECT CONCAT(UNIX_TIMESTAMP(published_at), '-', id) FROM articles "
                               "WHERE edition='en' AND status='published' ORDER BY published_at DESC, id DESC "
                               "LIMIT 1 OFFSET %d;" % int(args.articles * 0.75), database="newsline").stdout.strip()
        targets = [("static", "/bench/static-article.html"), ("article", SEED_PATH), ("home", "/en/"),
                   ("deep", "/en/news?before=" + deep)]
        for name, path in targets:  # warm up, and prove each answers 200
            with urllib.request.urlopen(stack.url(path)) as r:
                assert r.status == 200, (name, r.status)
        print("article page: %d bytes; %d generated articles; deep cursor %s" % (len(html), args.articles, deep))
        print("wrk: %d rounds x %d s, %d connections, interleaved\n" % (args.rounds, args.seconds, args.connections))
        results = {name: [] for name, _ in targets}
        for rnd in range(args.rounds):
            for name, path in targets:
                r = wrk(stack.url(path), args.seconds, args.connections)
                results[name].append(r)
                print("  round %d %-8s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms" % (rnd + 1, name, r["rps"], r["p50"], r["p99"]))
        static_rps = statistics.median(r["rps"] for r in results["static"])
        print("\n%-8s %10s %9s %9s %7s %7s %9s" % ("page", "req/s", "p50 ms", "p99 ms", "errors", "non2xx", "x static"))
        for name, _ in targets:
            rs = results[name]
            rps = statistics.median(r["rps"] for r in rs)
            print("%-8s %10.0f %9.2f %9.2f %7d %7d %9.2f" % (
                name, rps, statistics.median(r["p50"] for r in rs), statistics.median(r["p99"] for r in rs),
                sum(r["errors"] for r in rs), sum(r["non2xx"] for r in rs), rps / static_rps))
        rss = subprocess.run(["ps", "-o", "rss=", "--ppid", str(stack.procs["newsline"].pid)],
                             capture_output=True, text=True).stdout.split()
        print("\nworker resident memory: " + ", ".join("%.1f MB" % (int(k) / 1024) for k in rss))
    finally:
        stack.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
