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
printf '\ndemo finished: the secrets above were redacted; HOME %s is removed\n' "$demo"
