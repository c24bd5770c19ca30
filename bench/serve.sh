#!/usr/bin/env bash
# `mlrun serve` under load (bench/serve_load.py), on 127.0.0.1, release build:
#   1. 16 concurrent keep-alive clients storing runs, appending logs and listing runs for 60 s:
#      requests/s, p50/p99 latency, errors (target 0), every acknowledged write in the store,
#      the server's peak memory;
#   2. the same load with the server killed (SIGKILL) after 10 s: the store passes
#      `pragma integrity_check` and holds every write acknowledged before the kill;
#   3. the server's peak memory listing a store of 100,000 runs page by page.
# usage: bench/serve.sh [SECONDS]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

bash scripts/deps.sh --with-bench
cmake --preset release >/dev/null
cmake --build --preset release -j2 >/dev/null
mlrun="$PWD/build/release/mlrun"
work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
status=0
echo "load average (1 min) before: $(cut -d' ' -f1 /proc/loadavg) (2 cores)"
python3 bench/serve_load.py --mlrun "$mlrun" --work "$work" --seconds "$seconds" || status=1
rm -f "$work"/load.db*
python3 bench/serve_load.py --mlrun "$mlrun" --work "$work" --seconds 60 --kill-after 10 || status=1

# Memory at 100,000 runs: the store imported, then every page of a listing fetched.
export HOME="$work" MLRUN_IGNORE_ENV_FILE=1
python3 bench/make_runs.py 100000 "$work/runs.jsonl"
"$mlrun" runs import "$work/runs.jsonl" --db "$work/big.db" >/dev/null
"$mlrun" serve --port 0 --port-file "$work/big.port" --db "$work/big.db" 2>/dev/null &
server_pid=$!
for _ in $(seq 200); do [ -f "$work/big.port" ] && break; sleep 0.05; done
python3 - "$(cat "$work/big.port")" "$server_pid" <<'PY'
import http.client, json, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
conn = http.client.HTTPConnection("127.0.0.1", port)
started, pages, runs = time.time(), 0, 0
conn.request("GET", "/api/v1/projects/bench/runs?page=1&page-size=1000&iter=no")
while True:
    body = json.loads(conn.getresponse().read())
    pages, runs = pages + 1, runs + len(body["runs"])
    token = body["pagination"]["page-token"]
    if not token:
        break
    conn.request("GET", f"/api/v1/projects/bench/runs?page-token={token}")
conn.request("GET", "/api/v1/projects/bench/runs?iter=no")  # everything in one answer
whole = len(json.loads(conn.getresponse().read())["runs"])
peak = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM:"))
print(f"100,000 runs: {runs:,} listed in {pages} pages of 1000 in {time.time() - started:.1f} s, "
      f"{whole:,} in one unpaged answer; server peak memory {peak / 1024:.1f} MB")
PY
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
exit "$status"
