package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/connectors/connectortest/hostile"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// hostileIngestSample is one generated hostile file in hostileIngestSample that goes through
// the real ingest (the connectors' TestHostileFiles runs them all through the parsers).
const hostileIngestSample = 61

// TestHostileFilesLoadWhollyOrNotAtAll runs a sample of the generated hostile corpus (every
// special file, zip bombs and entity expansion included, and mutations of every kind of
// layout) through `goalpost ingest` on both engines: each file is either loaded or rejected
// with the ledger saying so, nothing of a rejected file is stored, and a second run changes
// nothing.
func TestHostileFilesLoadWhollyOrNotAtAll(t *testing.T) {
	bin := buildGoalpost(t) // the real binary: an in-process ingest under -race is ten times slower
	all := hostile.Files(t)
	dir := t.TempDir()
	names := map[string]string{} // sha256 → generated name
	n := 0
	for i, h := range all {
		if !strings.HasPrefix(h.Name, "special/") && i%hostileIngestSample != 0 {
			continue
		}
		sum := sha256.Sum256(h.Data)
		key := hex.EncodeToString(sum[:])
		if _, dup := names[key]; dup || len(h.Data) == 0 {
			continue // the ledger knows files by content; empty files are refused before it
		}
		names[key] = h.Name
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("h%04d.csv", i)), h.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	for _, engine := range warehousetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			wh := warehousetest.NewTarget(t, engine).Location
			code, stdout, stderr := runBin(bin, "--warehouse", wh, "ingest", "--org", "hostile", dir)
			if code != 1 {
				t.Fatalf("ingest exit %d, want 1 (some files rejected)\n%s%s", code, stdout, stderr)
			}
			if strings.Contains(stdout+stderr, "goroutine ") || strings.Contains(stdout+stderr, "panic") {
				t.Fatalf("ingest panicked:\n%s%s", stdout, stderr)
			}
			loaded := sqlNumber(t, wh, "SELECT count() FROM ingested_files WHERE org = 'hostile' AND status = 'loaded'")
			rejected := sqlNumber(t, wh, "SELECT count() FROM ingested_files WHERE org = 'hostile' AND status = 'rejected'")
			other := sqlNumber(t, wh, "SELECT count() FROM ingested_files WHERE org = 'hostile' AND status NOT IN ('loaded', 'rejected')")
			if other != 0 {
				t.Errorf("%v files neither loaded nor rejected in the ledger", other)
			}
			t.Logf("%d hostile files through the real ingest: %v loaded, %v rejected (ledger)", n, loaded, rejected)
			if rejected == 0 {
				t.Error("no hostile file was rejected")
			}
			// Nothing of a file that is not loaded is stored, in any table.
			for _, store := range []string{"metrics_daily_store", "posts_store", "post_metric_sets_store", "post_metrics_store", "donations_store", "signups_store"} {
				q := fmt.Sprintf("SELECT count() FROM %s WHERE source_file NOT IN (SELECT sha256 FROM ingested_files WHERE status = 'loaded')", store)
				if got := sqlNumber(t, wh, q); got != 0 {
					t.Errorf("%s holds %v rows of files that were not loaded (a partial load)", store, got)
				}
			}
			before := figures(t, wh)
			code, stdout2, stderr2 := runBin(bin, "--warehouse", wh, "ingest", "--org", "hostile", dir)
			if code != 1 || strings.Contains(stdout2, " 1 new") {
				t.Errorf("second ingest: exit %d\n%s%s", code, stdout2, stderr2)
			}
			if after := figures(t, wh); after != before {
				t.Errorf("a second ingest of the same files changed the figures:\n got %s\nwant %s", after, before)
			}
		})
	}
}

// runBin runs the built binary and returns its exit code and output.
func runBin(bin string, args ...string) (int, string, string) {
	cmd := exec.Command(bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if err != nil {
		code = -1
		if cmd.ProcessState != nil {
			code = cmd.ProcessState.ExitCode()
		}
	}
	return code, out.String(), errb.String()
}
