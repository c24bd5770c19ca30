#!/usr/bin/env bash
# clang-tidy (.clang-tidy: a minimal set of bug checks, warnings as errors) on the C++ files a
# change touches: those changed since BASE (default: the last commit's parent), or the files
# named. Needs the dev preset configured (its compile_commands.json); GCC's precompiled-header
# flags are left out for clang.
# usage: scripts/tidy.sh [--base REV] [FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
base=HEAD~1
if [[ "${1:-}" == "--base" ]]; then
    base="$2"
    shift 2
fi
if [[ $# -gt 0 ]]; then
    files=("$@")
elif git rev-parse --verify --quiet "$base" >/dev/null; then
    mapfile -t files < <(git diff --name-only --diff-filter=AM "$base" -- 'lib/*.cpp' 'cli/*.cpp' \
        'commands/*.cpp')
else
    echo "tidy.sh: no $base to compare with (a shallow clone?): nothing checked" >&2
    exit 0
fi
if [[ ${#files[@]} -eq 0 ]]; then
    echo "tidy.sh: no changed C++ source files" >&2
    exit 0
fi
command -v clang-tidy >/dev/null || { echo "tidy.sh: clang-tidy is missing" >&2; exit 1; }
[[ -f build/dev/compile_commands.json ]] || cmake --preset dev >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - build/dev/compile_commands.json "$work/compile_commands.json" <<'PY'
import json, shlex, sys
commands = json.load(open(sys.argv[1]))
for entry in commands:
    args = shlex.split(entry["command"])
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg == "-include" :
            skip = True  # GCC's precompiled header
            continue
        if arg == "-Winvalid-pch":
            continue
        kept.append(arg)
    entry["command"] = shlex.join(kept)
json.dump(commands, open(sys.argv[2], "w"))
PY
echo "tidy.sh: ${#files[@]} file(s)" >&2
printf '%s\n' "${files[@]}" | xargs -P 2 -n 1 clang-tidy -p "$work" --quiet
