#!/usr/bin/env bash
# Installs the embedded ClickHouse engine (chDB's libchdb.so) into a per-user cache directory.
# The library is ~566 MB: it never goes into the repository. The npm package is pinned and its
# integrity checked against the value recorded here before anything is unpacked.
set -euo pipefail

version="26.7.3-stable.1"
package="@chdb/lib-linux-x64-gnu@${version}"
integrity="sha512-XP97mMqnc5tZpKQywR8N7cLTsHNiTmHr30pC5mzo3jWmukjKn2IBa60c2B/gWUNcuFjOMjWoorQICCqBVj5wpw=="
lib_sha256="36ad4e999882821ef13cf2d0f52c93f48e6ee1b4498b35a201c23ce4b8d15bf5"

cache="${XDG_CACHE_HOME:-$HOME/.cache}/goalpost/chdb-${version}"
target="${cache}/libchdb.so"

if [ -f "$target" ] && echo "${lib_sha256}  ${target}" | sha256sum --check --status; then
  echo "chDB ${version} already installed: ${target}"
  exit 0
fi

for tool in npm tar sha256sum openssl base64; do
  command -v "$tool" >/dev/null || { echo "install-chdb: '$tool' is needed (apt-get install nodejs npm openssl coreutils tar)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Fetching ${package} (about 178 MB) ..."
(cd "$work" && npm pack --silent "$package" >/dev/null)
tgz=$(ls "$work"/*.tgz)
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$got" != "$integrity" ]; then
  echo "install-chdb: integrity mismatch for ${package}: got ${got}, want ${integrity}" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work" package/libchdb.so
echo "${lib_sha256}  ${work}/package/libchdb.so" | sha256sum --check --status || {
  echo "install-chdb: libchdb.so checksum mismatch" >&2; exit 1; }
mkdir -p "$cache"
mv "$work/package/libchdb.so" "${target}.tmp"
mv "${target}.tmp" "$target"
echo "chDB ${version} installed: ${target}"
