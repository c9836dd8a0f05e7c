#!/usr/bin/env bash
# Runs every test: unit tests, the connectors on the real exports in ../shared/corpus, and the
# warehouse suite on both engines (the embedded engine and a ClickHouse server the tests start
# on a free loopback port). Where an engine is missing the tests skip and say how to install
# it; with CI=true a missing engine fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."
go vet ./...
go test -race -count=1 "$@" ./...
