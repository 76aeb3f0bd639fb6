#!/usr/bin/env python3
"""Runs the libFuzzer targets of tests/fuzz/ (built by `make fuzz-build` with
clang, ASan and UBSan) for a while each, two at a time, and prints one line
per target: executions, coverage, corpus, and whether anything failed.

    scripts/fuzz.py --seconds 600            # what `make fuzz FUZZ_SECONDS=600` runs
    scripts/fuzz.py --seconds 10 url query   # some targets only
    scripts/fuzz.py --cpu --seconds 3600     # an hour of processor time each, at the
                                             # lowest priority, beside other work

Each target starts from its seeds (tests/fuzz/corpus/<target>/, in the
repository) and from what earlier runs found (test-output/fuzz/corpus/<target>/);
new inputs go to the latter. A crash, a sanitizer report or a failed property
leaves its input in test-output/fuzz/<target>/ and fails the run: once fixed,
that input joins the seeds, so the fix stays tested.
"""
import argparse
import concurrent.futures
import os
import re
import signal
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ_DIR = os.path.join(REPO, "tests", "fuzz")
BIN_DIR = os.path.join(REPO, "build", "fuzz")
OUT = os.path.join(REPO, "test-output", "fuzz")


def targets():
    return sorted(name[:-3] for name in os.listdir(FUZZ_DIR) if name.endswith(".cc"))


def sanitizer_environment():
    """ASan and UBSan stop at the first report; LeakSanitizer ignores what
    libvips and GLib keep for the life of the process (tests/sanitizers/lsan.supp)."""
    env = dict(os.environ)
    supp = os.path.join(REPO, "tests", "sanitizers", "lsan.supp")
    env["ASAN_OPTIONS"] = "abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    env["LSAN_OPTIONS"] = "suppressions=%s:print_suppressions=0" % supp
    return env


def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for_cpu_seconds(proc, seconds):
    """Lets a target run until it has used `seconds` of processor time, then
    interrupts it (libFuzzer prints its statistics). Never paused: its
    timeouts are wall time, so a stopped target reports a false one."""
    while proc.poll() is None:
        if cpu_seconds(proc.pid) >= seconds:
            proc.send_signal(signal.SIGINT)
            proc.wait(60)
            return 0  # stopped at its budget: not a failure
        time.sleep(2)
    return proc.returncode


def run_target(name, seconds, seed=0, cpu=False):
    work = os.path.join(OUT, "corpus", name)
    artifacts = os.path.join(OUT, name)
    os.makedirs(work, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)
    wall_limit = seconds * 100 if cpu else seconds
    command = [os.path.join(BIN_DIR, name), "-max_total_time=%d" % wall_limit, "-timeout=10", "-rss_limit_mb=2560",
               "-max_len=65536", "-print_final_stats=1", "-artifact_prefix=%s/" % artifacts, work]
    if seed:
        command.insert(1, "-seed=%d" % seed)
    seeds = os.path.join(FUZZ_DIR, "corpus", name)
    if os.path.isdir(seeds):
        command.append(seeds)
    dictionary = os.path.join(FUZZ_DIR, name + ".dict")
    if os.path.exists(dictionary):
        command.insert(1, "-dict=" + dictionary)
    log_path = os.path.join(artifacts, "log.txt")
    with open(log_path, "w") as log, subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=sanitizer_environment(),
            preexec_fn=(lambda: os.nice(19)) if cpu else None) as proc:
        try:
            returncode = wait_for_cpu_seconds(proc, seconds) if cpu else proc.wait(seconds + 300)
        finally:
            proc.kill()  # only if it outlived its bounds
    text = open(log_path, errors="replace").read()
    stats = dict(re.findall(r"^stat::(\w+):\s+(\d+)", text, re.M))
    # The last state it reported: DONE at its time limit, its last line when interrupted (--cpu).
    done = re.findall(r"^#(\d+)\s+%s\s+cov: (\d+) ft: (\d+) corp: (\d+)" % (r"\w+" if cpu else "DONE"), text, re.M)
    crashes = sorted(f for f in os.listdir(artifacts) if re.match(r"(crash|leak|timeout|oom)-", f))
    result = {
        "target": name,
        "runs": int(stats.get("number_of_executed_units", 0)),
        "per_second": int(stats.get("average_exec_per_sec", 0)),
        "cov": int(done[-1][1]) if done else 0,
        "ft": int(done[-1][2]) if done else 0,
        "corpus": int(done[-1][3]) if done else 0,
        "ok": returncode == 0 and not crashes and bool(done),
        "crashes": crashes,
        "log": log_path,
    }
    if not result["ok"]:
        reports = re.findall(r"^(?:==\d+==ERROR: .*|.*runtime error: .*|property failed: .*)$", text, re.M)
        result["why"] = reports[0] if reports else "exit status %d" % returncode
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long each target runs")
    parser.add_argument("--jobs", type=int, default=2, help="targets run at once")
    parser.add_argument("--seed", type=int, default=0,
                        help="libFuzzer's random seed (make test's short runs take a fixed one, so that a run "
                             "fails for a change, not for luck; 0: a new seed each run, as make fuzz does)")
    parser.add_argument("--cpu", action="store_true",
                        help="--seconds are processor time, at the lowest priority (an hour's fuzzing beside other work)")
    parser.add_argument("names", nargs="*", help="targets (default: all of tests/fuzz/)")
    args = parser.parse_args()
    names = args.names or targets()
    missing = [n for n in names if not os.path.exists(os.path.join(BIN_DIR, n))]
    if missing:
        sys.exit("not built: %s (make fuzz-build)" % " ".join(missing))
    print("fuzzing %d targets, %d s%s each, %d at a time (ASan + UBSan)"
          % (len(names), args.seconds, " of processor time" if args.cpu else "", args.jobs),
          flush=True)
    print("  %-14s %12s %9s %7s %7s %7s  %s" % ("target", "executions", "exec/s", "cov", "ft", "corpus", "result"))
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for r in pool.map(lambda n: run_target(n, args.seconds, args.seed, args.cpu), names):
            verdict = "ok" if r["ok"] else "FAILED: %s (%s)" % (r["why"], ", ".join(
                os.path.join(os.path.relpath(OUT, REPO), r["target"], c) for c in r["crashes"]) or r["log"])
            print("  %-14s %12d %9d %7d %7d %7d  %s" % (r["target"], r["runs"], r["per_second"], r["cov"], r["ft"],
                                                        r["corpus"], verdict), flush=True)
            failed += not r["ok"]
    print("fuzz: %d passed, %d failed" % (len(names) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
