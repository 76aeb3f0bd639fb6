#!/usr/bin/env python3
"""Runs every test of Newsline and ends with one line: `N passed, N failed`.

0. The C++ files changed since the style was set, through clang-format
   (.clang-format): one test per file.
1. Boost.Test unit tests (build/unit_tests), counted per test case, then the
   same tests built with clang's ASan and UBSan (build/san/unit_tests).
2. Each fuzz target of tests/fuzz for a short while (scripts/fuzz.py), one
   test each; `make fuzz` runs them for longer.
3. Integration tests (tests/integration, Python unittest) against a throwaway
   MariaDB + FastCGI workers + nginx on loopback that they start and stop.
4. The browser check (tests/browser) in headless Chromium.
5. The short runs of `make security` and `make chaos` (scripts/security.py
   and scripts/chaos.py --short), one test per tool and per target.
Then how long each stage took, and the total. Artifacts (screenshots, logs)
are kept under test-output/.
"""
import os
import re
import subprocess
import sys
import time
import unittest
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def wxr_dir():
    """WordPress's own test exports (../shared/wxr beside the checkout; for a
    clone made elsewhere, beside the checkout it was cloned from), for the
    importer's tests, which read NEWSLINE_WXR_DIR."""
    candidates = [os.environ.get("NEWSLINE_WXR_DIR", ""), os.path.join(REPO, "..", "shared", "wxr")]
    origin = subprocess.run(["git", "-C", REPO, "config", "--get", "remote.origin.url"], capture_output=True,
                            text=True).stdout.strip()
    if origin.startswith("/") or origin.startswith("file://"):
        candidates.append(os.path.join(origin.replace("file://", "", 1), "..", "shared", "wxr"))
    for path in candidates:
        if path and os.path.isfile(os.path.join(path, "small-export.xml")):
            return os.path.abspath(path)
    return candidates[1]  # the tests then say which file is missing


os.environ["NEWSLINE_WXR_DIR"] = wxr_dir()
OUT = os.path.join(REPO, "test-output")
sys.path.insert(0, os.path.join(REPO, "scripts"))
from fuzz import sanitizer_environment  # noqa: E402


def run_unit_tests(binary, label, env=None):
    os.makedirs(OUT, exist_ok=True)
    report = os.path.join(OUT, label.split(" with ")[0].replace(" ", "-") + ("-sanitized" if env else "") + ".xml")
    proc = subprocess.run([os.path.join(REPO, binary), "--report_format=XML",
                           "--report_level=detailed", "--report_sink=" + report, "--log_level=error"],
                          cwd=REPO, capture_output=True, text=True, timeout=600, env=env)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    passed = failed = 0
    try:
        for case in ET.parse(report).iter("TestCase"):
            if case.get("result") == "passed":
                passed += 1
            else:
                failed += 1
                print("%s FAILED: %s" % (label, case.get("name")))
    except (ET.ParseError, FileNotFoundError):
        failed += 1
        print("%s produced no report (exit %d)" % (label, proc.returncode))
    # ctemplate only logs its errors (a double escape, say): they fail the run.
    template_errors = [l for l in proc.stderr.splitlines() if re.match(r"^(ERROR|WARNING)", l)]
    if template_errors:
        failed += 1
        print("ctemplate reported errors:\n  " + "\n  ".join(template_errors))
    if proc.returncode != 0 and failed == 0:
        failed += 1
        print("%s: the binary exited with %d" % (label, proc.returncode))
    print("%s: %d passed, %d failed" % (label, passed, failed))
    return passed, failed


def run_python_tests(folder):
    """tests/<folder> (integration or browser), Python unittest."""
    sys.path.insert(0, os.path.join(REPO, "tests"))
    suite = unittest.TestLoader().discover(os.path.join(REPO, "tests", folder), pattern="test_*.py",
                                           top_level_dir=os.path.join(REPO, "tests"))
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    # A skipped test proved nothing: count it as failed so nothing can pass by skipping.
    return passed, failed + skipped


def run_script(name, args, timeout):
    """Runs scripts/<name>.py, which ends with `<name>: N passed, M failed`, and counts that line."""
    proc = subprocess.run([sys.executable, os.path.join(REPO, "scripts", name + ".py"), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=timeout)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    counts = re.search(r"^%s: (\d+) passed, (\d+) failed" % name, proc.stdout, re.M)
    if not counts:
        print("scripts/%s.py did not run to its end (exit %d)" % (name, proc.returncode))
        return 0, 1
    return int(counts.group(1)), int(counts.group(2))


def changed_cxx_files():
    """The C++ files changed (committed or not, or new) since the commit that last
    set the style (.clang-format): that commit formatted every file, so each
    later change answers for the files it touches. Every C++ file without git."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.split()
    since = git("log", "-1", "--format=%H", "--", ".clang-format")
    if not since:
        return sorted(os.path.relpath(os.path.join(d, f), REPO) for top in ("cgi", "tests", "scripts")
                      for d, _, names in os.walk(os.path.join(REPO, top)) for f in names if f.endswith((".cc", ".h")))
    changed = git("diff", "--name-only", since[0], "--", "*.cc", "*.h")
    changed += git("ls-files", "--others", "--exclude-standard", "--", "*.cc", "*.h")
    return sorted(f for f in set(changed) if os.path.exists(os.path.join(REPO, f)))


def run_format_check():
    """clang-format's verdict on each changed C++ file, one test each: a file
    it would change fails, with the lines it would write."""
    passed = failed = 0
    for path in changed_cxx_files():
        with open(os.path.join(REPO, path), encoding="utf-8") as f:
            text = f.read()
        formatted = subprocess.run(["clang-format", "--style=file", path], cwd=REPO, capture_output=True,
                                   text=True, timeout=60).stdout
        if formatted == text:
            passed += 1
            continue
        failed += 1
        wanted = [line for line in formatted.splitlines() if line not in text.splitlines()]
        print("format: %s is not as clang-format writes it (run: clang-format -i %s); it would write:" % (path, path))
        for line in wanted[:10]:
            print("    " + line)
    print("format: %d files as clang-format writes them, %d not" % (passed, failed))
    return passed, failed


STAGES = [
    ("format", run_format_check),
    ("unit", lambda: run_unit_tests(os.path.join("build", "unit_tests"), "unit tests")),
    ("sanitized unit", lambda: run_unit_tests(os.path.join("build", "san", "unit_tests"),
                                              "unit tests with ASan+UBSan", sanitizer_environment())),
    ("fuzz", lambda: run_script("fuzz", ["--seconds", os.environ.get("FUZZ_SECONDS_IN_TEST", "10"), "--seed", "1"],
                                1200)),
    ("integration", lambda: run_python_tests("integration")),
    ("browser", lambda: run_python_tests("browser")),
    ("security", lambda: run_script("security", ["--short"], 900)),
    ("chaos", lambda: run_script("chaos", ["--short"], 600)),
]


def print_times(times):
    """How long each stage took, so that whoever shortens `make test` knows where its time goes."""
    print("\nstage            seconds  passed  failed")
    for name, seconds, passed, failed in times:
        print("%-15s %8.0f %7s %7s" % (name, seconds, passed, failed))
    print("%-15s %8.0f" % ("total", sum(t[1] for t in times)))


def main():
    times = []
    # `make test` builds first and passes how long that took (NEWSLINE_BUILD_SECONDS).
    if os.environ.get("NEWSLINE_BUILD_SECONDS"):
        times.append(("build", float(os.environ["NEWSLINE_BUILD_SECONDS"]), "", ""))
    results = []
    for name, run in STAGES:
        started = time.monotonic()
        passed, failed = run()
        times.append((name, time.monotonic() - started, passed, failed))
        results.append((passed, failed))
    print_times(times)
    passed, failed = sum(p for p, _ in results), sum(f for _, f in results)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or passed == 0 else 0)


if __name__ == "__main__":
    main()
