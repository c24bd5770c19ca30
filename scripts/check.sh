#!/usr/bin/env bash
# README command 2 (and CI): installs what is missing, checks formatting, builds the dev
# preset (warnings as errors) and the ASan+UBSan preset, and runs every test once, under the
# sanitizers (which sees everything the dev run would, and more).
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
say() { printf 'check.sh [%dm%02ds]: %s\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$*" >&2; }

say "installing the Debian packages that are missing (none: instant; all: 2-5 min)"
bash scripts/deps.sh --with-tests

# Formatting (includes sorted within their blocks) is checked, never skipped: a missing
# formatter is a failure.
if ! command -v clang-format >/dev/null 2>&1; then
    echo "check.sh: clang-format is missing (scripts/deps.sh --with-tests installs it)" >&2
    exit 1
fi
say "checking the formatting"
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

for preset in dev asan; do
    say "building the $preset preset (clean: about 4 min on 2 cores; then seconds)"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j2
done
say "running every test under ASan+UBSan (about 3 min on 2 cores)"
ctest --preset asan -j2
say "all checks passed"
