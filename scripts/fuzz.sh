#!/usr/bin/env bash
# Runs every fuzz target of the connectors and the decoder for a bounded time each and prints
# one line per target with the time it ran. A failing input is written by `go test` under the
# package's testdata/fuzz/<Target>/ and replayed by every later `go test` run.
#   FUZZTIME=60s bash scripts/fuzz.sh              # every target
#   FUZZTIME=10m bash scripts/fuzz.sh connectors/meta # one package (nightly)
set -uo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-60s}
# Go minimizes every new interesting input for up to a minute by default, counting no
# executions meanwhile: in a 30 s run a target with large seeds (an xlsx workbook) spent its
# whole time minimizing its first find (docs/reliability.md). A failing input is still
# minimized, for this long.
minimize=${FUZZMINIMIZE:-2s}
status=0
for pkg in $(go list ${1:-./connectors/...}); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
		start=$(date +%s)
		if out=$(go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" -parallel "${FUZZPARALLEL:-1}" "$pkg" 2>&1); then
			res=ok
		else
			res=FAIL
			status=1
			echo "$out" | tail -30
		fi
		execs=$(echo "$out" | grep -o 'execs: [0-9]*' | tail -1)
		echo "$res $pkg $target fuzztime=$fuzztime wall=$(( $(date +%s) - start ))s $execs"
	done
done
exit $status
