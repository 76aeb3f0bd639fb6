#!/usr/bin/env python3
"""Runs every test of Newsline and ends with one line: `N passed, N failed`.

1. Boost.Test unit tests (build/unit_tests), counted per test case.
2. Integration tests (tests/integration, Python unittest) against a throwaway
   MariaDB + FastCGI workers + nginx on loopback that they start and stop.
3. The browser check (tests/browser) in headless Chromium, part of the same run.
Artifacts (screenshots, logs) are kept under test-output/.
"""
import os
import re
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "test-output")


def run_unit_tests():
    os.makedirs(OUT, exist_ok=True)
    report = os.path.join(OUT, "unit-report.xml")
    proc = subprocess.run([os.path.join(REPO, "build", "unit_tests"), "--report_format=XML",
                           "--report_level=detailed", "--report_sink=" + report, "--log_level=error"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    passed = failed = 0
    try:
        for case in ET.parse(report).iter("TestCase"):
            if case.get("result") == "passed":
                passed += 1
            else:
                failed += 1
                print("unit FAILED:", case.get("name"))
    except (ET.ParseError, FileNotFoundError):
        failed += 1
        print("unit tests produced no report (exit %d)" % proc.returncode)
    # ctemplate only logs its errors (a double escape, say): they fail the run.
    template_errors = [l for l in proc.stderr.splitlines() if re.match(r"^(ERROR|WARNING)", l)]
    if template_errors:
        failed += 1
        print("ctemplate reported errors:\n  " + "\n  ".join(template_errors))
    if proc.returncode != 0 and failed == 0:
        failed += 1
        print("unit test binary exited with %d" % proc.returncode)
    print("unit tests: %d passed, %d failed" % (passed, failed))
    return passed, failed


def run_python_tests():
    sys.path.insert(0, os.path.join(REPO, "tests"))
    suite = unittest.TestSuite()
    loader = unittest.TestLoader()
    for d in ("integration", "browser"):
        suite.addTests(loader.discover(os.path.join(REPO, "tests", d), pattern="test_*.py",
                                       top_level_dir=os.path.join(REPO, "tests")))
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    # A skipped test proved nothing: count it as failed so nothing can pass by skipping.
    return passed, failed + skipped


def main():
    up, uf = run_unit_tests()
    ip, if_ = run_python_tests()
    passed, failed = up + ip, uf + if_
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or passed == 0 else 0)


if __name__ == "__main__":
    main()
