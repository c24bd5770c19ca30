#!/usr/bin/env bash
# Remote backend speed, against the contract test server on 127.0.0.1 (same run, same machine):
#   1. `mlrun get runs --limit 1000` vs curl fetching the same page and jq formatting it
#      (target: within 1.5x), with one page of 1000 and with MLRun's default pages of 20;
#   2. `mlrun run --watch` of a simulated remote job: the time beyond the job's own duration
#      (target: at most one log polling interval).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh --with-bench
command -v jq >/dev/null || { apt-get install -y -qq jq >/dev/null; }
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

python3 tests/contract/mlrun_api_server.py --port-file "$work/port" --step-seconds 0.5 \
    --job-steps 3 --max-seconds 1800 &
server_pid=$!
for _ in $(seq 100); do [ -f "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")"
export HOME="$work" MLRUN_DBPATH="$url" MLRUN_HTTP_RETRY_DEFAULTS__BACKOFF_FACTOR=0

"$mlrun" project create bench --context "$work/bench" --template python-job >/dev/null
python3 - "$work/runs.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as out:
    for i in range(1000):
        out.write(json.dumps({"kind": "run", "metadata": {"name": f"train-{i % 50}", "uid": f"{i:032x}",
            "project": "bench", "iteration": 0, "labels": {"owner": "bench", "kind": "job"}},
            "spec": {"parameters": {"lr": 0.1 * (i % 7), "epochs": i % 11}},
            "status": {"state": "completed", "start_time": f"2026-11-26T{i // 60 % 24:02d}:{i % 60:02d}:00+00:00",
                       "results": {"accuracy": i / 1000, "loss": 1 - i / 1000}}}) + "\n")
PY
"$mlrun" runs import "$work/runs.jsonl" >/dev/null
page="$url/api/v1/projects/bench/runs?state=completed&sort=yes&iter=no&with-notifications=False&page=1&page-size=1000"
results="$work/hyperfine.json"
hyperfine -N --warmup 3 --runs 20 --export-json "$results" \
    "bash -c \"curl -s -H 'x-mlrun-client-version: 1.7.0' '$page' | jq . > /dev/null\"" \
    "bash -c \"MLRUN_HTTPDB__PAGINATION__DEFAULT_PAGE_SIZE=1000 $mlrun get runs -p bench --state completed --limit 1000 --output json > /dev/null\"" \
    "bash -c \"MLRUN_HTTPDB__PAGINATION__DEFAULT_PAGE_SIZE=1000 $mlrun get runs -p bench --state completed --limit 1000 > /dev/null\"" \
    "bash -c \"$mlrun get runs -p bench --state completed --limit 1000 --output json > /dev/null\"" >&2
python3 - "$results" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
names = ["curl + jq, one page of 1000", "mlrun get runs --output json (page 1000)",
         "mlrun get runs, table (page 1000)", "mlrun get runs --output json (50 pages of 20)"]
base = runs[0]["mean"]
print(f"{'get runs --limit 1000':<48} {'mean':>10} {'ratio':>8}")
for name, r in zip(names, runs):
    print(f"{name:<48} {r['mean'] * 1000:>8.1f}ms {r['mean'] / base:>7.2f}x")
worst = max(r["mean"] / base for r in runs[1:3])
print(f"target: within 1.50x of curl + jq -> {'met' if worst <= 1.5 else 'NOT met'} (worst {worst:.2f}x, one page)")
PY

echo
echo "mlrun run --watch of a remote job (3 steps of 0.5 s: 2.5 s of job):"
for interval in 3 1 0.5; do
    for attempt in 1 2 3; do
        start=$(date +%s.%N)
        MLRUN_HTTPDB__LOGS__PULL_LOGS_DEFAULT_INTERVAL=$interval \
            "$mlrun" run -f trainer --context "$work/bench" --watch >/dev/null 2>&1
        end=$(date +%s.%N)
        python3 -c "t=$end-$start; print(f'  interval {float($interval):.1f} s: total {t:.2f} s, beyond the job {t-2.5:.2f} s (target <= {float($interval):.1f} s + start-up)')"
    done
done
