#!/usr/bin/env bash
# The local workflow engine's cost: the three-step template workflow (`mlrun project wp -r main`)
# against the same three steps run one after another with `mlrun run -f STEP --local` (outputs
# passed as store:// inputs), measured in the same run with hyperfine. The difference is what
# the engine adds: its Python driver, the workflow's record, the steps' result files and the
# summary. Target (ours): within 1.5x of the steps alone.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh --with-bench
cmake --preset release >/dev/null
cmake --build --preset release -j2 >/dev/null
mlrun="$PWD/build/release/mlrun"
work=$(mktemp -d)
results=$(mktemp)
trap 'rm -rf "$work" "$results"' EXIT
export HOME="$work/home"
mkdir -p "$HOME"
cd "$work"
"$mlrun" project create wp --template workflow >/dev/null
cd wp
"$mlrun" project . -r main --no-save >/dev/null  # warm the Python runtime and the store

steps="$mlrun run -f ingest --local -p rows=100 >/dev/null && \
$mlrun run -f clean --local -i raw=store://artifacts/wp/ingest-ingest_raw >/dev/null && \
$mlrun run -f summarise --local -i cleaned=store://artifacts/wp/clean-clean_cleaned >/dev/null"
hyperfine --warmup 2 --runs 15 --export-json "$results" \
    -n 'three mlrun run steps' "$steps" \
    -n 'mlrun project . -r main' "$mlrun project . -r main --no-save >/dev/null" >&2

python3 - "$results" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
base = runs[0]["mean"]
print(f"{'command':<32} {'mean':>10} {'ratio':>8}")
for r in runs:
    print(f"{r['command']:<32} {r['mean'] * 1000:>8.1f}ms {r['mean'] / base:>7.2f}x")
ratio = runs[1]["mean"] / base
print(f"engine overhead per workflow: {(runs[1]['mean'] - base) * 1000:.1f} ms; "
      f"target within 1.50x of the steps alone -> {'met' if ratio <= 1.5 else 'NOT met'} ({ratio:.2f}x)")
PY
