#!/usr/bin/env bash
# Start-up cost: `mlrun --help`, `mlrun version` and a completion query against `git --version`,
# measured in the same run with hyperfine, printed as ratios with the load average around the run
# (a busy machine inflates both sides, but not always alike). Target: each within 2x of git; the
# script exits 1 when a ratio misses it, so it guards against start-up regressions.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh --with-bench
cmake --preset release >/dev/null
cmake --build --preset release -j2 >/dev/null
mlrun="$PWD/build/release/mlrun"
results=$(mktemp)
trap 'rm -f "$results"' EXIT

load_before=$(cut -d' ' -f1 /proc/loadavg)
HOME=$(mktemp -d) hyperfine -N --warmup 20 --runs 300 --export-json "$results" \
    'git --version' "$mlrun --help" "$mlrun version" "$mlrun __complete get runs --o" >&2
load_after=$(cut -d' ' -f1 /proc/loadavg)

status=0
python3 - "$results" "$load_before" "$load_after" <<'PY' || status=1
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
print(f"load average (1 min) before / after: {sys.argv[2]} / {sys.argv[3]} (2 cores)")
base = runs[0]["mean"]
print(f"{'command':<40} {'mean':>10} {'ratio':>8}")
for r in runs:
    ratio = r["mean"] / base
    name = r["command"].split("/")[-1] if "mlrun" in r["command"] else r["command"]
    print(f"{name:<40} {r['mean'] * 1000:>8.2f}ms {ratio:>7.2f}x")
worst = max(r["mean"] / base for r in runs[1:])
print(f"target: within 2.00x of git --version -> {'met' if worst <= 2 else 'NOT met'} (worst {worst:.2f}x)")
sys.exit(0 if worst <= 2 else 1)
PY

echo >&2
echo "mlrun run and logs -f:" >&2
python3 bench/run.py "$mlrun"
exit "$status"
