#!/usr/bin/env bash
# Artifact data and listing speed, against baselines measured in the same run:
#  1. `mlrun artifacts log` of a 1 GiB file (copy + SHA-1) vs `sha1sum` (target: hashing
#     throughput at least 0.9x) and vs `cp` (target: copying at least 0.8x); peak memory.
#  2. `mlrun artifacts list` over 100,000 artifacts vs the equivalent sqlite3 query on the same
#     store file (target: within 2x).
# usage: bench/artifacts.sh [SIZE_MIB] [ARTIFACTS]   (defaults 1024 and 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib="${1:-1024}"
count="${2:-100000}"

bash scripts/deps.sh --with-bench
cmake --preset release >/dev/null
cmake --build --preset release -j2 >/dev/null
mlrun="$PWD/build/release/mlrun"
work=$(mktemp -d "${TMPDIR:-/var/tmp}/mlrun-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
export HOME="$work" MLRUN_IGNORE_ENV_FILE=1

echo "writing a ${size_mib} MiB file..." >&2
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > big.bin
cat big.bin > /dev/null  # warm the page cache for every contender alike
hyperfine -N --warmup 1 --runs 5 --export-json log.json \
    --prepare "rm -rf $work/out $work/cp.bin" \
    "sha1sum big.bin" \
    "cp big.bin cp.bin" \
    "$mlrun artifacts log big.bin --key big -p bench -q --artifact-path $work/out" \
    "env MLRUN_ARTIFACTS__CALCULATE_HASH=false $mlrun artifacts log big.bin --key big -p bench -q --artifact-path $work/out" >&2
rm -rf out
/usr/bin/time -f "%M" -o rss.txt "$mlrun" artifacts log big.bin --key big -p bench -q \
    --artifact-path "$work/out" >/dev/null
python3 - "$size_mib" "$(cat rss.txt)" <<'PY'
import json, sys
size_mib, rss_kb = int(sys.argv[1]), int(sys.argv[2])
sha1sum, cp, mlrun, copy_only = (r["mean"] for r in json.load(open("log.json"))["results"])
print(f"artifacts log of {size_mib} MiB: {mlrun:.2f} s ({size_mib / mlrun:.0f} MiB/s), hash and copy at once")
print(f"  hashing: sha1sum {sha1sum:.2f} s -> {sha1sum / mlrun:.2f}x its throughput (target >= 0.9x)")
print(f"  copying: cp {cp:.2f} s; log with calculate_hash off {copy_only:.2f} s -> {cp / copy_only:.2f}x (target >= 0.8x)")
print(f"  (with the hash, the whole log is bound by SHA-1: {cp / mlrun:.2f}x of cp)")
print(f"  peak memory {rss_kb / 1024:.1f} MB")
PY
rm -f big.bin cp.bin; rm -rf out

echo "filling a store with $count artifacts..." >&2
"$mlrun" artifacts list -p bench --db mlrun.db >/dev/null 2>&1 || true
"$mlrun" runs import /dev/null --db mlrun.db >/dev/null
python3 - "$count" > load.sql <<'PY'
import json, sys
count = int(sys.argv[1])
print("BEGIN;")
for i in range(count):
    key = f"data-{i % 1000}"
    tree = f"{i:032x}"
    body = {"kind": "artifact", "metadata": {"key": key, "project": "bench", "iter": 0, "tree": tree,
            "hash": f"{i * 7919:040x}"[-40:], "updated": "2026-11-26T10:00:00+00:00"},
            "spec": {"target_path": f"/data/bench/{tree}/{key}.csv", "size": i, "db_key": key,
                     "producer": {"kind": "run", "name": "train", "uri": f"bench/{tree}"}},
            "status": {"state": "created"}}
    text = json.dumps(body).replace("'", "''")
    print(f"INSERT INTO artifacts(id, project, key, iter, tree, uid, kind, updated_us, body, plain_key, "
          f"target_path, hash) VALUES ({i + 1}, 'bench', '{key}', 0, '{tree}', '{i:040x}', 'artifact', "
          f"{1764151200000000 + i}, '{text}', '{key}', '{body['spec']['target_path']}', "
          f"'{body['metadata']['hash']}');")
    if i >= count - 1000:
        print(f"INSERT OR REPLACE INTO artifact_tags VALUES ('bench', '{key}', 'latest', 0, {i + 1});")
print("COMMIT;")
PY
sqlite3 mlrun.db < load.sql
# The same query mlrun runs for the table (its columns), and the whole documents (for json).
query="SELECT t.tag, a.project, a.key, a.iter, a.tree, a.kind, a.updated_us, a.plain_key, a.target_path, a.hash FROM artifacts a LEFT JOIN artifact_tags t ON t.artifact_id = a.id WHERE a.project = 'bench' ORDER BY a.updated_us DESC, a.id DESC, t.tag"
body_query="SELECT t.tag, a.body FROM artifacts a LEFT JOIN artifact_tags t ON t.artifact_id = a.id WHERE a.project = 'bench' ORDER BY a.updated_us DESC, a.id DESC, t.tag"
hyperfine -N --warmup 2 --runs 10 --export-json list.json \
    "sqlite3 mlrun.db \"$query\"" \
    "sqlite3 mlrun.db \"$body_query\"" \
    "$mlrun artifacts list -p bench --db mlrun.db" \
    "$mlrun artifacts list -p bench --db mlrun.db --output json" >&2
python3 - "$count" <<'PY'
import json, sys
base, body, table, as_json = (r["mean"] for r in json.load(open("list.json"))["results"])
print(f"artifacts list, {int(sys.argv[1]):,} artifacts:")
print(f"  table {table * 1000:.0f} ms vs sqlite3 on the same columns {base * 1000:.0f} ms: {table / base:.2f}x (target <= 2x)")
print(f"  json  {as_json * 1000:.0f} ms vs sqlite3 printing the documents {body * 1000:.0f} ms: {as_json / body:.2f}x")
PY
