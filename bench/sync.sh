#!/usr/bin/env bash
# `mlrun sync push` throughput on loopback, against a baseline measured in the same run:
#   N runs (default 2000) of the local store pushed to the contract server and to `mlrun serve`
#   (runs/s), vs a plain Python client POSTing the same N run documents on one kept-alive
#   connection to the same kind of server (runs/s); then a second push (nothing sent).
# usage: bench/sync.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-2000}"

bash scripts/deps.sh --with-bench
cmake --preset release >/dev/null
cmake --build --preset release -j2 >/dev/null
mlrun="$PWD/build/release/mlrun"
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work" MLRUN_IGNORE_ENV_FILE=1 MLRUN_HTTP_RETRY_DEFAULTS__BACKOFF_FACTOR=0

python3 bench/make_runs.py "$count" "$work/runs.jsonl"
"$mlrun" runs import "$work/runs.jsonl" --db "$work/local.db" >/dev/null

start_contract() {  # $1: port file
    python3 tests/contract/mlrun_api_server.py --port-file "$1" --max-seconds 1800 &
    pids+=($!)
    for _ in $(seq 200); do [ -f "$1" ] && break; sleep 0.05; done
}
start_serve() {  # $1: port file, $2: store
    "$mlrun" serve --port 0 --port-file "$1" --db "$2" 2>/dev/null &
    pids+=($!)
    for _ in $(seq 200); do [ -f "$1" ] && break; sleep 0.05; done
}

baseline() {  # $1: URL; POSTs every run document, one kept-alive connection
    python3 - "$1" "$work/runs.jsonl" <<'PY'
import http.client, json, sys, time, urllib.parse
url, path = sys.argv[1], sys.argv[2]
host = urllib.parse.urlsplit(url)
conn = http.client.HTTPConnection(host.hostname, host.port)
conn.request("POST", "/api/v1/projects", json.dumps({"metadata": {"name": "bench"}}),
             {"x-mlrun-client-version": "1.7.0"})
conn.getresponse().read()
runs = [json.loads(line) for line in open(path)]
started = time.time()
for run in runs:
    uid = run["metadata"]["uid"]
    conn.request("POST", f"/api/v1/projects/bench/runs/{uid}?iter=0", json.dumps(run),
                 {"x-mlrun-client-version": "1.7.0"})
    conn.getresponse().read()
print(f"{len(runs) / (time.time() - started):.0f}")
PY
}

timed_push() {  # $1: URL -> runs/s
    local started ended
    started=$(date +%s.%N)
    "$mlrun" sync push --from "$work/local.db" --to "$1" >/dev/null
    ended=$(date +%s.%N)
    python3 -c "print(f'{$count / ($ended - $started):.0f}')"
}

echo "load average (1 min) before: $(cut -d' ' -f1 /proc/loadavg) (2 cores)"
start_contract "$work/c1.port"; base_contract=$(baseline "http://127.0.0.1:$(cat "$work/c1.port")")
start_contract "$work/c2.port"; url="http://127.0.0.1:$(cat "$work/c2.port")"
push_contract=$(timed_push "$url")
second=$("$mlrun" sync push --from "$work/local.db" --to "$url" | tail -1)
start_serve "$work/s1.port" "$work/s1.db"; base_serve=$(baseline "http://127.0.0.1:$(cat "$work/s1.port")")
start_serve "$work/s2.port" "$work/s2.db"; push_serve=$(timed_push "http://127.0.0.1:$(cat "$work/s2.port")")

echo "runs pushed: $count (with their logs and artifact records: none in this data)"
echo "contract server: mlrun sync push $push_contract runs/s, plain client POSTs $base_contract runs/s ($(python3 -c "print(f'{$push_contract / $base_contract:.2f}')")x)"
echo "mlrun serve:     mlrun sync push $push_serve runs/s, plain client POSTs $base_serve runs/s ($(python3 -c "print(f'{$push_serve / $base_serve:.2f}')")x)"
echo "second push: $second"
