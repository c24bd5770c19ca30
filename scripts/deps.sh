#!/usr/bin/env bash
# Installs the Debian 12 packages the build and tests need, only those missing (idempotent;
# a no-op taking milliseconds when everything is there). Run as root, or with sudo available.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git python3
    libcli11-dev libcurl4-openssl-dev nlohmann-json3-dev libyaml-cpp-dev libsqlite3-dev
    libgit2-dev nettle-dev doctest-dev libarchive-dev libmicrohttpd-dev
)
for option in "$@"; do
    case "$option" in
    --with-bench) packages+=(hyperfine sqlite3 time) ;;
    # podman: a real local image build (FROM scratch, offline); PyYAML: the golden harness;
    # pandas: the recorded handlers that log DataFrames (as the recordings had it)
    # clang-format: the formatting check (enforced, not skipped when missing); clang-tidy: the
    # bug checks of the changed files (scripts/tidy.sh)
    --with-tests) packages+=(podman python3-yaml python3-pandas clang-format clang-tidy) ;;
    *) echo "usage: deps.sh [--with-bench] [--with-tests]" >&2; exit 2 ;;
    esac
done

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
