#!/usr/bin/env python3
"""Load on `mlrun serve`: C concurrent clients (keep-alive connections) storing runs, appending
to their logs and listing runs for D seconds; prints requests/s, p50/p99 latency and errors, then
checks that every acknowledged write is in the store (the sqlite3 CLI on the file).

With --kill-after S the server is killed with SIGKILL S seconds into the load; the store must
then pass `pragma integrity_check` and hold every write acknowledged before the kill.

usage: serve_load.py --mlrun BIN --work DIR [--clients 16] [--seconds 60] [--kill-after S]
Standard library only."""

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid


def start(mlrun, work, store):
    port_file = os.path.join(work, "port")
    if os.path.exists(port_file):
        os.remove(port_file)
    env = {"HOME": work, "PATH": "/usr/bin:/bin", "MLRUN_IGNORE_ENV_FILE": "1"}
    process = subprocess.Popen([mlrun, "serve", "--port", "0", "--port-file", port_file,
                                "--db", store, "--threads", "8"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not os.path.exists(port_file):
        if process.poll() is not None:
            sys.exit("mlrun serve did not start")
        time.sleep(0.02)
    return process, int(open(port_file).read())


def client(port, until, stop, results, acknowledged, lock):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors, mine = [], 0, []
    step = 0
    while time.time() < until and not stop.is_set():
        step += 1
        uid = uuid.uuid4().hex
        try:
            kind = step % 3
            started = time.perf_counter()
            if kind == 1:
                body = json.dumps({"kind": "run", "metadata": {"name": f"load-{step % 20}", "uid": uid,
                                                               "project": "load"},
                                   "spec": {"parameters": {"step": step}},
                                   "status": {"state": "completed", "results": {"x": step}}})
                conn.request("POST", f"/api/v1/projects/load/runs/{uid}?iter=0", body)
            elif kind == 2 and mine:
                conn.request("POST", f"/api/v1/projects/load/logs/{mine[-1]}?append=yes",
                             f"line {step}\n")
            else:
                conn.request("GET", "/api/v1/projects/load/runs?page=1&page-size=20&iter=no")
            answer = conn.getresponse()
            answer.read()
            latencies.append(time.perf_counter() - started)
            if answer.status != 200:
                errors += 1
            elif kind == 1:
                mine.append(uid)
                with lock:
                    acknowledged.append(uid)
        except (OSError, http.client.HTTPException):
            if stop.is_set():
                break
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    results.append((latencies, errors))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mlrun", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kill-after", type=float)
    args = parser.parse_args()
    store = os.path.join(args.work, "load.db")
    process, port = start(args.mlrun, args.work, store)
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("POST", "/api/v1/projects", json.dumps({"metadata": {"name": "load"}}))
    conn.getresponse().read()

    results, acknowledged, lock, stop = [], [], threading.Lock(), threading.Event()
    until = time.time() + args.seconds
    threads = [threading.Thread(target=client, args=(port, until, stop, results, acknowledged, lock))
               for _ in range(args.clients)]
    began = time.time()
    for t in threads:
        t.start()
    killed = False
    if args.kill_after:
        time.sleep(args.kill_after)
        with lock:
            before_kill = list(acknowledged)
        process.send_signal(signal.SIGKILL)
        killed = True
        stop.set()
    for t in threads:
        t.join()
    elapsed = time.time() - began
    rss_kb = 0
    if not killed:
        with open(f"/proc/{process.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    rss_kb = int(line.split()[1])
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    else:
        process.wait(timeout=30)
        acknowledged = before_kill

    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    stored = set(subprocess.run(["sqlite3", store, "SELECT uid FROM runs WHERE project = 'load'"],
                                capture_output=True, text=True, check=True).stdout.split())
    missing = [uid for uid in acknowledged if uid not in stored]
    integrity = subprocess.run(["sqlite3", store, "pragma integrity_check"], capture_output=True,
                               text=True).stdout.strip()
    if not killed:
        print(f"{args.clients} clients, {elapsed:.0f} s: {len(latencies) / elapsed:.0f} requests/s, "
              f"p50 {statistics.median(latencies) * 1000:.2f} ms, "
              f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.2f} ms, errors {errors}, "
              f"server peak memory {rss_kb / 1024:.1f} MB")
    else:
        print(f"SIGKILL after {args.kill_after:.0f} s of load ({len(latencies)} requests answered)")
    print(f"acknowledged runs: {len(acknowledged)}, in the store: {len(acknowledged) - len(missing)}, "
          f"missing {len(missing)}; integrity_check: {integrity}")
    ok = not missing and integrity == "ok" and (killed or errors == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
