#!/usr/bin/env bash
# README command 2 (and CI): installs what is missing, checks formatting, builds the dev
# preset's binary (warnings as errors) and the ASan+UBSan preset, and runs every test once,
# under the sanitizers (which sees everything the dev run would, and more).
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

# The dev preset builds the product (lib, cli, commands, the binary) for its warnings without
# sanitizers; the test programs are compiled once, in the ASan build, with the same warning
# flags (-Werror), so building them twice would check nothing more.
say "building the dev preset's binary (clean: about 2.5 min on 2 cores; then seconds)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j2 --target mlrun
say "clang-tidy (.clang-tidy) on the C++ files the last commit changed"
bash scripts/tidy.sh
say "building the asan preset (clean: about 5 min on 2 cores; then seconds)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j2
say "running every test under ASan+UBSan (about 3 min on 2 cores)"
ctest --preset asan -j2
say "all checks passed"
