#!/bin/sh
# Installs the bench's peers when missing: a dpkg -s check per package,
# then one apt-get install of whatever is missing. Prints what it did.
set -e
PKGS="njs duktape-dev libmujs-dev nginx libnginx-mod-http-js wrk nodejs"
missing=""
for p in $PKGS; do
    if ! dpkg -s "$p" >/dev/null 2>&1; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    exit 0
fi
echo "bench: installing missing peers:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2
