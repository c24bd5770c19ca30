#!/usr/bin/env python3
"""Benchmarks of `mlrun run` and `mlrun logs -f` against plain Python, same machine, same run.

usage: run.py MLRUN_BINARY
  1. overhead of `mlrun run h.py --handler noop` over `python3 -c 'import h; h.noop()'`
     (median of N runs each; target <= 50 ms);
  2. a handler logging 10,000 results and 100 small artifacts, end to end, against the same
     handler writing them to a JSON file and copying the files itself (target <= 2x);
  3. `mlrun logs -f` latency from a line written by a handler to the line on stdout
     (median; target < 100 ms).
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HANDLERS = '''
import json, os, shutil, time

def noop():
    pass

def heavy(context):
    for i in range(10000):
        context.log_result(f"r{i}", i * 0.5)
    os.makedirs("files", exist_ok=True)
    for i in range(100):
        path = f"files/f{i}.txt"
        with open(path, "w") as out:
            out.write("x" * 1000 + str(i))
        context.log_artifact(f"a{i}", local_path=path)

def heavy_plain(target):
    results = {f"r{i}": i * 0.5 for i in range(10000)}
    os.makedirs("files", exist_ok=True)
    os.makedirs(target, exist_ok=True)
    for i in range(100):
        path = f"files/f{i}.txt"
        with open(path, "w") as out:
            out.write("x" * 1000 + str(i))
        shutil.copyfile(path, os.path.join(target, f"a{i}.txt"))
    with open(os.path.join(target, "results.json"), "w") as out:
        json.dump(results, out)

def ticker(context, seconds=3.0):
    end = time.time() + seconds
    while time.time() < end:
        print(f"T={time.time()}", flush=True)
        time.sleep(0.05)
'''


def timed(command, env, cwd):
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    mlrun = sys.argv[1]
    runs = int(os.environ.get("BENCH_RUNS", "20"))
    work = tempfile.mkdtemp()
    try:
        env = dict(os.environ, HOME=work, MLRUN_IGNORE_ENV_FILE="1", NO_COLOR="1")
        with open(os.path.join(work, "h.py"), "w") as out:
            out.write(HANDLERS)
        subprocess.run([mlrun, "run", "h.py", "--handler", "noop"], env=env, cwd=work, check=True,
                       stdout=subprocess.DEVNULL)  # warm-up: writes the runner, creates the store
        python, native = [], []
        for _ in range(runs):
            python.append(timed(["python3", "-c", "import h; h.noop()"], env, work))
            native.append(timed([mlrun, "run", "h.py", "--handler", "noop"], env, work))
        overhead_ms = (statistics.median(native) - statistics.median(python)) * 1000
        print(f"noop handler: python3 {statistics.median(python) * 1000:.1f} ms, mlrun run "
              f"{statistics.median(native) * 1000:.1f} ms (median of {runs}); overhead {overhead_ms:.1f} ms "
              f"(target <= 50 ms) -> {'met' if overhead_ms <= 50 else 'NOT met'}")

        plain, tracked = [], []
        for i in range(5):
            plain.append(timed(["python3", "-c", f"import h; h.heavy_plain('out{i}')"], env, work))
            tracked.append(timed([mlrun, "run", "h.py", "--handler", "heavy"], env, work))
        ratio = statistics.median(tracked) / statistics.median(plain)
        print(f"10,000 results + 100 artifacts: plain python {statistics.median(plain) * 1000:.0f} ms, "
              f"mlrun run {statistics.median(tracked) * 1000:.0f} ms; ratio {ratio:.2f}x (target <= 2x) -> "
              f"{'met' if ratio <= 2 else 'NOT met'}")

        uid = "feed" * 8
        runner = subprocess.Popen([mlrun, "run", "h.py", "--handler", "ticker", "--uid", uid, "-p", "seconds=3"],
                                  env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            if subprocess.run([mlrun, "runs", "show", uid], env=env, cwd=work, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                break
            time.sleep(0.02)
        follower = subprocess.Popen([mlrun, "logs", uid, "-f"], env=env, cwd=work, stdout=subprocess.PIPE,
                                    text=True, bufsize=1)
        latencies = []
        for line in follower.stdout:
            now = time.time()
            if line.startswith("T="):
                latencies.append(now - float(line[2:]))
        follower.wait()
        runner.wait()
        fresh = latencies[len(latencies) // 3:]  # lines written after the follower caught up
        median_ms = statistics.median(fresh) * 1000 if fresh else float("nan")
        print(f"logs -f latency: median {median_ms:.1f} ms over {len(fresh)} lines, max "
              f"{max(fresh) * 1000 if fresh else float('nan'):.1f} ms (target < 100 ms) -> "
              f"{'met' if median_ms < 100 else 'NOT met'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
