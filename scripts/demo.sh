#!/usr/bin/env bash
# Everything a new machine needs, then the main job: installs the embedded engine (once, into
# the user cache), builds bin/goalpost, and runs the demo (sample exports -> warehouse ->
# workbook + dashboard). Extra arguments go to `goalpost demo`.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v go >/dev/null || { echo "demo: Go is needed (https://go.dev/dl/)" >&2; exit 1; }
bash scripts/install-chdb.sh
echo "Building bin/goalpost ..."
go build -o bin/goalpost ./cmd/goalpost
exec bin/goalpost demo "$@"
