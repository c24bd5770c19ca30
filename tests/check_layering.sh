#!/usr/bin/env bash
# Checks that dependencies point one way (lib <- cli <- commands) and that each C library
# header is included by a single file. Prints every violation; exits 1 if there is one.
set -u
root="${1:-.}"
cd "$root" || exit 2
status=0
fail() { printf 'layering: %s\n' "$*"; status=1; }

while IFS= read -r hit; do fail "lib/ must not include the cli or commands layers: $hit"; done \
    < <(grep -rnE '#include "(cli|commands)/' lib/ || true)
while IFS= read -r hit; do fail "lib/ must not use CLI11: $hit"; done \
    < <(grep -rn '#include <CLI/' lib/ || true)
while IFS= read -r hit; do fail "lib/ must not write to the terminal: $hit"; done \
    < <(grep -rnE 'std::(cout|cerr|clog)|(^|[^sn])printf\(|<iostream>|getenv\(' lib/ || true)
while IFS= read -r hit; do fail "cli/ must not include commands/ (except main.cpp): $hit"; done \
    < <(grep -rn '#include "commands/' cli/ | grep -v '^cli/main.cpp:' || true)

for header in 'curl/curl.h' 'sqlite3.h' 'git2.h' 'yaml-cpp/yaml.h' 'archive.h'; do
    count=$(grep -rlF "#include <$header>" lib/ cli/ commands/ | wc -l)
    if [ "$count" -gt 1 ]; then
        fail "<$header> is included by $count files; keep it behind one .cpp: $(grep -rlF "#include <$header>" lib/ cli/ commands/ | tr '\n' ' ')"
    fi
done
exit $status
