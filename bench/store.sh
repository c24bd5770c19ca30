#!/usr/bin/env bash
# The embedded store at scale, against the sqlite3 command-line tool on the same data, same run:
#  - `mlrun runs import` of N runs vs `sqlite3` loading the same rows into the same schema in one
#    transaction (target: within 2x);
#  - `mlrun get runs --limit 100` vs `sqlite3` running the equivalent query on the same file
#    (target: within 1.5x: the listing is mostly start-up, so this also guards start-up), and
#    mlrun's peak memory (target: under 20 MB). Exits 1 when a target is missed.
# usage: bench/store.sh [N]   (default 100000; 1000000 for the large report)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"

bash scripts/deps.sh --with-bench
cmake --preset release >/dev/null
cmake --build --preset release -j2 >/dev/null
mlrun="$PWD/build/release/mlrun"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export HOME="$work" MLRUN_IGNORE_ENV_FILE=1

"$mlrun" runs import /dev/null --db schema.db >/dev/null      # an empty store: its schema
sqlite3 schema.db .schema > schema.sql
echo "generating $count runs..." >&2
python3 "$OLDPWD/bench/make_runs.py" "$count" runs.jsonl schema.sql load.sql

measure() {  # prints "seconds peak_kb" of a command
    /usr/bin/time -f "%e %M" -o time.out "$@" >/dev/null
    cat time.out
}
read -r import_s import_kb < <(measure "$mlrun" runs import runs.jsonl --db mlrun.db)
read -r load_s load_kb < <(measure sh -c "sqlite3 baseline.db < load.sql")

load_before=$(cut -d' ' -f1 /proc/loadavg)
query="SELECT body FROM runs WHERE project = 'bench' AND iteration = 0 ORDER BY sort_us DESC, id DESC LIMIT 100"
hyperfine -N --warmup 5 --runs 50 --export-json get.json \
    "sqlite3 mlrun.db \"$query\"" \
    "$mlrun get runs -p bench --limit 100 --db mlrun.db" >&2
read -r _ get_kb < <(measure "$mlrun" get runs -p bench --limit 100 --db mlrun.db)

load_after=$(cut -d' ' -f1 /proc/loadavg)

python3 - "$count" "$import_s" "$load_s" "$get_kb" "$load_before" "$load_after" <<'PY'
import json, sys
count, import_s, load_s, get_kb = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
print(f"load average (1 min) before / after the listing: {sys.argv[5]} / {sys.argv[6]} (2 cores)")
runs = json.load(open("get.json"))["results"]
sqlite_get, mlrun_get = runs[0]["mean"], runs[1]["mean"]
print(f"runs in store: {count:,}")
print(f"runs import      mlrun {import_s:7.2f}s   sqlite3 load {load_s:7.2f}s   ratio {import_s / load_s:5.2f}x  (target <= 2x)")
print(f"get runs --limit 100  mlrun {mlrun_get * 1000:7.2f}ms  sqlite3 query {sqlite_get * 1000:7.2f}ms  ratio {mlrun_get / sqlite_get:5.2f}x  (target <= 1.5x)")
print(f"get runs peak memory  {get_kb / 1024:.1f} MB  (target < 20 MB)")
met = import_s / load_s <= 2 and mlrun_get / sqlite_get <= 1.5 and get_kb < 20 * 1024
print("targets:", "met" if met else "NOT met")
sys.exit(0 if met else 1)
PY
