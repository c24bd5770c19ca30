#!/usr/bin/env bash
# README command 1: installs what is missing, builds the release binary, and runs the main
# job end to end on the embedded default, in a throw-away HOME so nothing of yours is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j2 >/dev/null
mlrun="$PWD/build/release/mlrun"

demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
export HOME="$demo" NO_COLOR=1
cd "$demo"

step() { printf '\n$ %s\n' "$*"; "$@"; }
step "$mlrun" version
step "$mlrun" config set -a https://admin:s3cret@mlrun-api.example.com -p "$demo/artifacts" -k MY-ACCESS-KEY
step "$mlrun" config get dbpath --show-origin
step "$mlrun" config get httpdb --output json
step "$mlrun" config clear

# The embedded run store: runs kept locally, queried like an MLRun API. (Until `mlrun run`
# lands, the runs come from a JSON-lines file, the format `mlrun runs export` writes.)
python3 - > runs.jsonl <<'PY'
import json
for i, (state, lr) in enumerate([("completed", 0.1), ("error", 0.5), ("completed", 0.01)]):
    print(json.dumps({
        "metadata": {"name": "trainer", "uid": f"{i:032x}", "iteration": 0, "project": "demo",
                     "labels": {"owner": "ci", "kind": "local"}},
        "spec": {"handler": "train", "parameters": {"lr": lr, "epochs": 5}},
        "status": {"state": state, "results": {"accuracy": round(0.8 + i / 20, 2)},
                   "start_time": f"2026-11-0{i + 1}T10:00:00+00:00"}}))
PY
step "$mlrun" runs import runs.jsonl
step "$mlrun" get runs -p demo
step "$mlrun" get runs -p demo --state error --output json
step "$mlrun" runs diff 00000000000000000000000000000000 00000000000000000000000000000002 -p demo --only-changed
printf '\ndemo finished: secrets were redacted; the store and HOME %s are removed\n' "$demo"
