#!/usr/bin/env bash
# deps.sh: installs the Debian packages brink builds and tests with, and only
# those that are missing. Idempotent: a machine that has them all runs no
# apt-get at all. Called by the make targets that build.
set -euo pipefail

pkgs=(
  gcc make clang llvm libclang-rt-14-dev
  libuv1-dev libpcre2-dev libicu-dev libjansson-dev libssl-dev zlib1g-dev
  libbrotli-dev libmaxminddb-dev libnghttp2-dev libcmocka-dev
  nodejs python3 curl
)

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg -s "$p" >/dev/null 2>&1; then
    missing+=("$p")
  fi
done
# node may come from outside Debian (e.g. /usr/bin/node from another
# source); only ask apt for it when no node is on PATH at all.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
fi
# Drop the empty slots the substitution above may leave.
want=()
for p in "${missing[@]}"; do [ -n "$p" ] && want+=("$p"); done

[ ${#want[@]} -eq 0 ] && exit 0

echo "deps: installing ${want[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
