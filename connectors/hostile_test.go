package connectors_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/connectortest/hostile"
)

// Bounds every hostile file must stay within, for reading, detection and every connector's
// parse together. They are generous for -race on a 2-core CI machine; the figures measured
// are logged and recorded in docs/reliability.md.
const (
	hostileTimeLimit = 60 * time.Second
	hostileHeapLimit = 600 << 20
	// hostileSample: CI runs one mutated file in hostileSample (a prime, so that the
	// sample goes through every mutation of the ~30 per layout).
	hostileSample = 19
	// hostileSweepMax is the size up to which every connector parses every file in CI.
	hostileSweepMax = 1 << 20
)

// TestHostileFiles runs the decoder, detection and every connector's parser over the
// generated hostile corpus (hostile.Files): each file is rejected with a clear error
// or read into well-formed records, and none panics, hangs or goes past the memory bound.
func TestHostileFiles(t *testing.T) {
	all := hostile.Files(t)
	files := all
	if os.Getenv("GOALPOST_HOSTILE") != "all" {
		// CI runs every file built to exhaust a parser and a fixed sample of the mutated
		// layouts that still covers every mutation; GOALPOST_HOSTILE=all runs them all.
		files = nil
		for i, h := range all {
			if strings.HasPrefix(h.Name, "special/") || i%hostileSample == 0 {
				files = append(files, h)
			}
		}
	}
	if len(files) < 200 {
		t.Fatalf("hostile corpus has %d files, want at least 200", len(files))
	}
	reg := catalog.Default()
	dir := t.TempDir()
	opts := connectors.Options{Org: "hostile", Location: time.UTC, Salt: "hostile-salt", ExportedAt: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}
	outcomes := map[string]int{}
	var slowest time.Duration
	var slowName, heapName string
	var heaviest uint64
	for i, h := range files {
		path := filepath.Join(dir, fmt.Sprintf("%04d.csv", i))
		if err := os.WriteFile(path, h.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		var outcome string
		d, heap := bounded(t, h.Name, func(ctx context.Context) {
			outcome = hostile1(ctx, t, reg, h.Name, path, opts)
		})
		os.Remove(path)
		outcomes[outcome]++
		if d > slowest {
			slowest, slowName = d, h.Name
		}
		if heap > heaviest {
			heaviest, heapName = heap, h.Name
		}
	}
	keys := make([]string, 0, len(outcomes))
	for k := range outcomes {
		keys = append(keys, fmt.Sprintf("%s %d", k, outcomes[k]))
	}
	sort.Strings(keys)
	t.Logf("%d hostile files (of %d generated): %s; slowest %v (%s), most heap %d MiB (%s)", len(files), len(all), strings.Join(keys, ", "), slowest.Round(time.Millisecond), slowName, heaviest>>20, heapName)
}

// hostile1 reads one hostile file, detects it, and parses it with every connector; it
// returns what happened to it: "rejected:read", "rejected:format", "rejected:parse" or
// "loaded".
func hostile1(ctx context.Context, t *testing.T, reg *connectors.Registry, name, path string, opts connectors.Options) string {
	f, err := connectors.ReadFile(path)
	if err != nil {
		actionable(t, name, path, err)
		return "rejected:read"
	}
	// Every connector looks at the file and parses it, claimed or not: none may panic. The
	// 10 MB files are parsed by the connector that claims them only (the others would read
	// them thirty times over, minutes under -race); GOALPOST_HOSTILE=all parses them all.
	for _, c := range reg.All() {
		c.Detect(f)
		if st, err := os.Stat(path); err == nil && st.Size() > hostileSweepMax && os.Getenv("GOALPOST_HOSTILE") != "all" {
			continue
		}
		rec := &connectortest.Recorder{ArbitraryText: true}
		if err := c.Parse(ctx, f, opts, rec); err == nil {
			for _, p := range rec.Problems {
				t.Errorf("%s: %s parsed it into a bad record: %s", name, c.Spec().Name, p)
			}
		} else if ctx.Err() != nil {
			return "timeout"
		}
	}
	c, err := reg.Detect(f)
	if err != nil {
		if !errors.Is(err, connectors.ErrUnknownFormat) && !errors.Is(err, connectors.ErrAmbiguousFormat) {
			t.Errorf("%s: Detect error is neither unknown nor ambiguous format: %v", name, err)
		}
		actionable(t, name, path, err)
		return "rejected:format"
	}
	rec := &connectortest.Recorder{ArbitraryText: strings.Contains(name, "/formula") || strings.HasPrefix(name, "special/")}
	if err := c.Parse(ctx, f, opts, rec); err != nil {
		actionable(t, name, path, err)
		return "rejected:parse"
	}
	for _, p := range rec.Problems {
		t.Errorf("%s: %s loaded a bad record: %s", name, c.Spec().Name, p)
	}
	return "loaded"
}

// actionable fails unless err is an error a user can act on: it names the file, is one line and
// is not a Go panic or a raw runtime message.
func actionable(t *testing.T, name, path string, err error) {
	t.Helper()
	msg := err.Error()
	switch {
	case !strings.Contains(msg, path):
		t.Errorf("%s: error does not name the file: %v", name, msg)
	case strings.Contains(msg, "\n"):
		t.Errorf("%s: error is not one line: %q", name, msg)
	case len(msg) > 2000:
		t.Errorf("%s: error is %d bytes long: %.200q…", name, len(msg), msg)
	case strings.Contains(msg, "runtime error") || strings.Contains(msg, "goroutine"):
		t.Errorf("%s: error is a runtime failure: %v", name, msg)
	}
}

// bounded runs fn with a deadline and samples the heap while it runs: a panic, going past
// hostileTimeLimit or growing the heap by more than hostileHeapLimit fails the test. It
// returns the time taken and the heap growth seen.
func bounded(t *testing.T, name string, fn func(ctx context.Context)) (time.Duration, uint64) {
	t.Helper()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := heap()
	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeLimit)
	defer cancel()
	done := make(chan any, 1)
	start := time.Now()
	go func() {
		defer func() { done <- recover() }()
		fn(ctx)
	}()
	var peak uint64
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	hang := time.NewTimer(hostileTimeLimit + 10*time.Second)
	defer hang.Stop()
	for {
		select {
		case p := <-done:
			d := time.Since(start)
			if p != nil {
				t.Fatalf("%s: panic: %v", name, p)
			}
			if d > hostileTimeLimit {
				t.Errorf("%s: took %v (limit %v)", name, d, hostileTimeLimit)
			}
			if peak > hostileHeapLimit {
				t.Errorf("%s: heap grew by %d MiB (limit %d MiB)", name, peak>>20, hostileHeapLimit>>20)
			}
			return d, peak
		case <-tick.C:
			if h := heap(); h > base && h-base > peak {
				peak = h - base
			}
		case <-hang.C:
			t.Fatalf("%s: still running after %v: a hang", name, hostileTimeLimit+10*time.Second)
		}
	}
}

// An unknown-format message quotes the header, which a hostile file makes as long as it
// likes: the message stays short, and a header wider than a spreadsheet is not a header.
func TestUnknownFormatMessageIsBounded(t *testing.T) {
	reg := catalog.Default()
	for name, data := range map[string]string{
		"long names":      strings.Repeat("x", 100_000) + "," + strings.Repeat("y", 100_000) + "\n1,2\n",
		"million columns": strings.Repeat("c,", 1_000_000) + "c\n1,2\n",
	} {
		f, err := connectors.NewFile("f.csv", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		_, err = reg.Detect(f)
		if !errors.Is(err, connectors.ErrUnknownFormat) || len(err.Error()) > 1000 {
			t.Errorf("%s: Detect = %.300v (%d bytes), want a short unknown-format error", name, err, len(err.Error()))
		}
		if name == "million columns" && !strings.Contains(err.Error(), "1000001 columns, more than a spreadsheet can hold") {
			t.Errorf("%s: Detect = %v, want the column count named", name, err)
		}
	}
}
