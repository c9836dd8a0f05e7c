package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// TestSmallScale runs the benchmark at its small scale on both engines and checks that it
// prints the four figures of issue 9 with their goals. It does not judge the timings: CI
// machines vary too much for that.
func TestSmallScale(t *testing.T) {
	if testing.Short() {
		t.Skip("the small-scale benchmark takes about a minute")
	}
	for what, ok := range map[string]bool{
		"the embedded engine (" + warehouse.InstallHint + ")":   fileExists(warehouse.ChDBLibraryPath("")),
		"clickhouse-server (apt-get install clickhouse-server)": warehousetest.ServerBinary() != "",
		"clickhouse-client (apt-get install clickhouse-client)": clientBinary() != "",
	} {
		if !ok {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing", what)
			}
			t.Skipf("%s is missing", what)
		}
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the benchmark builds goalpost with the go command, which is not on PATH")
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-scale", "small", "-reports", "one"}, &stdout, &stderr); code != 0 {
		t.Fatalf("bench exited with %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	out := stdout.String()
	for _, want := range [][]string{
		{"1 ingest 20000 posts, wall", "embedded", "≤ 1.5×"},
		{"1 ingest 20000 posts, wall", "server", "≤ 1.5×"},
		{"  each try, wall", "embedded"},
		{"  each try, wall", "server"},
		{"2 peak RSS, ingest", "server", "< 150 MB"},
		{"2 peak RSS, report", "server", "< 150 MB"},
		{"3 report one org (org02), first, wall", "embedded", "< 2.00 s"},
		{"3 report one org (org02), best of 3", "embedded", "< 2.00 s"},
		{"3 report one org (org02), first, wall", "server", "< 2.00 s"},
		{"3 report one org (org02), best of 3", "server", "< 2.00 s"},
		{`4 start-up, sql "SELECT 1"`, "embedded", "< 0.50 s"},
	} {
		if !hasLine(out, want...) {
			t.Errorf("no line of the output holds %q:\n%s", want, out)
		}
	}
}

// hasLine reports whether one line of out holds every part.
func hasLine(out string, parts ...string) bool {
	for line := range strings.Lines(out) {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(line, p)
		}
		if all {
			return true
		}
	}
	return false
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// median picks the try with the middle wall time (the lower middle of an even number),
// whatever the order the tries came in, and ratios pairs the tries in order.
func TestMedianAndRatios(t *testing.T) {
	m := func(ms ...int) []measure {
		var out []measure
		for _, x := range ms {
			out = append(out, measure{wall: time.Duration(x) * time.Millisecond})
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		tries []measure
		want  time.Duration
	}{
		{"one", m(3500), 3500 * time.Millisecond},
		{"three, slowest first", m(4400, 4100, 3700), 4100 * time.Millisecond},
		{"five, out of order", m(3760, 4140, 3200, 3800, 3220), 3760 * time.Millisecond},
		{"four: the lower middle", m(2000, 5000, 3000, 4000), 3 * time.Second},
	} {
		if got := median(tt.tries).wall; got != tt.want {
			t.Errorf("%s: median = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := ratios(m(4400, 4100), m(2200, 4100)); got != "2.0 1.0" {
		t.Errorf("ratios = %q, want %q", got, "2.0 1.0")
	}
}
