#!/usr/bin/env bash
# Start-up cost: `mlrun --help` and `mlrun version` against `git --version`, measured in the
# same run with hyperfine, printed as ratios. Target: both within 3x of git.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh --with-bench
cmake --preset release >/dev/null
cmake --build --preset release -j2 >/dev/null
mlrun="$PWD/build/release/mlrun"
results=$(mktemp)
trap 'rm -f "$results"' EXIT

HOME=$(mktemp -d) hyperfine -N --warmup 20 --runs 300 --export-json "$results" \
    'git --version' "$mlrun --help" "$mlrun version" >&2

python3 - "$results" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
base = runs[0]["mean"]
print(f"{'command':<40} {'mean':>10} {'ratio':>8}")
for r in runs:
    ratio = r["mean"] / base
    name = r["command"].split("/")[-1] if "mlrun" in r["command"] else r["command"]
    print(f"{name:<40} {r['mean'] * 1000:>8.2f}ms {ratio:>7.2f}x")
worst = max(r["mean"] / base for r in runs[1:])
print(f"target: within 3.00x of git --version -> {'met' if worst <= 3 else 'NOT met'} (worst {worst:.2f}x)")
PY

echo >&2
echo "mlrun run and logs -f:" >&2
python3 bench/run.py "$mlrun"
