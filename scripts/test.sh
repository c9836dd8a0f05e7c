#!/usr/bin/env bash
# Runs every test: unit tests, the connectors on the real exports in ../shared/corpus, and the
# warehouse suite on both engines (the embedded engine and a ClickHouse server the tests start
# on a free loopback port). Where an engine is missing the tests skip and say how to install
# it; with CI=true a missing engine fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."
go vet ./...
# cmd/goalpost runs the real binary against both engines (crashes, faults, load, the demo on
# a cluster): on a 2-core machine with -race it takes longer than go test's default 10 min.
go test -race -count=1 -timeout 60m "$@" ./...
