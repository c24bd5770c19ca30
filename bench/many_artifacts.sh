#!/usr/bin/env bash
# One handler logging many artifacts: time must grow linearly with their number (the fault
# campaign measured 233 s for 20,000, super-linear). Reported against a baseline measured in the
# same run: plain Python writing the same files and their SHA-1 (the least work the task needs).
#   t(N) / t(N/2)          target <= 2.3 (linear, with noise)
#   t(N) / baseline(N)     shown, no target
# usage: bench/many_artifacts.sh [N]   (default 20000); MLRUN_BIN=path skips the release build
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-20000}"
mlrun="${MLRUN_BIN:-}"
if [ -z "$mlrun" ]; then
    bash scripts/deps.sh --with-bench
    cmake --preset release >/dev/null
    cmake --build --preset release -j2 >/dev/null
    mlrun="$PWD/build/release/mlrun"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > h.py <<'PY'
def many(context, n=100):
    for i in range(n):
        context.log_artifact(f"a{i}", body=f"body {i}\n" * 8)
PY
cat > baseline.py <<'PY'
import hashlib, os, sys
n = int(sys.argv[1])
os.makedirs("plain", exist_ok=True)
for i in range(n):
    body = (f"body {i}\n" * 8).encode()
    with open(f"plain/a{i}", "wb") as f:
        f.write(body)
        f.flush()
        os.fsync(f.fileno())
    hashlib.sha1(body).hexdigest()
PY
seconds() {  # wall seconds of a command (or function)
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    python3 -c "print($end - $start)"
}
run() { env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 "$mlrun" run h.py --handler many \
            -p "n=$1" --name "r$1"; }
half=$((count / 2))
t_half=$(seconds run "$half")
t_full=$(seconds run "$count")
t_base=$(seconds python3 baseline.py "$count")
python3 - "$count" "$t_half" "$t_full" "$t_base" <<'PY'
import sys
n, half, full, base = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"{n // 2} artifacts: {half:.1f} s   {n} artifacts: {full:.1f} s "
      f"({full / n * 1000:.2f} ms each)")
print(f"t(N)/t(N/2) = {full / half:.2f} (target <= 2.3, linear)")
print(f"t(N)/baseline = {full / base:.1f} (plain Python writing and hashing the same files: "
      f"{base:.1f} s)")
sys.exit(0 if full / half <= 2.3 else 1)
PY
