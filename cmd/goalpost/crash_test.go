package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// crashExports writes a multi-file ingest: GA4 exports of several years by channel (each
// more than one batch at --batch-rows 500) and one that overlaps another's last year.
func crashExports(t *testing.T, dir string) []string {
	t.Helper()
	r := rand.New(rand.NewPCG(7, 7))
	channels := []string{"Organic Search", "Direct", "Organic Social", "Email", "Referral"}
	var paths []string
	write := func(name string, from time.Time, days int) {
		var b strings.Builder
		b.WriteString("# ----------------------------------------\n# Crash test\n# ----------------------------------------\n\nDate,Session default channel group,Sessions,New users\n")
		for d := 0; d < days; d++ {
			for _, c := range channels {
				fmt.Fprintf(&b, "%s,%s,%d,%d\n", from.AddDate(0, 0, d).Format("20060102"), c, 10+r.IntN(500), r.IntN(50))
			}
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	write("a-2022.csv", start, 365)
	write("b-2023.csv", start.AddDate(1, 0, 0), 365)
	write("c-2023-redownload.csv", start.AddDate(1, 6, 0), 300) // overlaps b, newer period
	write("d-2024.csv", start.AddDate(2, 0, 0), 366)
	return paths
}

// figures are what an analyst would read: they must match a clean single ingest exactly.
func figures(t *testing.T, loc string) string {
	t.Helper()
	e, err := warehouse.Open(context.Background(), loc, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	// Partial loads are removed by mutations, which ClickHouse applies in the background.
	for i := 0; i < 100; i++ {
		r, err := e.Query(ctx, "SELECT count() FROM system.mutations WHERE database = currentDatabase() AND is_done = 0", nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Rows[0][0] == uint64(0) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	var out []string
	for _, q := range []string{
		"SELECT count(), sum(value) FROM metrics_daily",
		"SELECT metric, dimension = '' AS total, count(), sum(value) FROM metrics_daily GROUP BY metric, total ORDER BY metric, total",
		"SELECT status, count() FROM ingested_files GROUP BY status ORDER BY status",
		// Storage: no row of a loaded file twice, and nothing left of files not loaded.
		"SELECT count() - uniqExact(source_file, source_row) FROM metrics_daily_store",
		"SELECT count() FROM metrics_daily_store WHERE source_file NOT IN (SELECT sha256 FROM ingested_files WHERE status = 'loaded')",
	} {
		r, err := e.Query(ctx, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(r.Rows))
	}
	return strings.Join(out, "\n")
}

func TestKilledIngestLosesAndDoublesNothing(t *testing.T) {
	bin := buildGoalpost(t)
	points := []string{"before-loading:1", "after-loading:1", "mid-insert:1", "mid-insert:3", "after-insert:2", "after-loaded:2", "before-loading:4", "mid-insert:9", "after-insert:4"}
	for _, engine := range warehousetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			files := crashExports(t, dir)
			ingestArgs := func(loc string) []string {
				return append([]string{"--warehouse", loc, "ingest", "--org", "crash", "--batch-rows", "500"}, files...)
			}
			clean := warehousetest.NewTarget(t, engine).Location
			if out, err := exec.Command(bin, ingestArgs(clean)...).CombinedOutput(); err != nil {
				t.Fatalf("clean ingest: %v\n%s", err, out)
			}
			want := figures(t, clean)

			for _, point := range points {
				t.Run(point, func(t *testing.T) {
					loc := warehousetest.NewTarget(t, engine).Location
					cmd := exec.Command(bin, ingestArgs(loc)...)
					cmd.Env = append(os.Environ(), "GOALPOST_FAILPOINT="+point)
					out, err := cmd.CombinedOutput()
					var ee *exec.ExitError
					if err == nil || !errorsAs(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
						t.Fatalf("run with failpoint %s was not killed: %v\n%s", point, err, out)
					}
					// Killed mid-insert, the embedded ingest leaves its stage in memory (where
					// the machine has a tmpfs); the next open removes it.
					var staged []string
					if glob := warehouse.MemoryStageGlob(loc); engine == "embedded" && glob != "" {
						staged, _ = filepath.Glob(glob)
						if strings.HasPrefix(point, "mid-insert") && len(staged) == 0 {
							t.Errorf("no memory stage left by a kill at %s (%s)", point, glob)
						}
					}
					// Run again, twice: the second run must find everything already there.
					for i := 0; i < 2; i++ {
						if out, err := exec.Command(bin, ingestArgs(loc)...).CombinedOutput(); err != nil {
							t.Fatalf("re-run %d: %v\n%s", i+1, err, out)
						}
					}
					if got := figures(t, loc); got != want {
						t.Errorf("after a kill at %s:\n got %s\nwant %s", point, got, want)
					}
					for _, dir := range staged {
						if _, err := os.Stat(dir); !os.IsNotExist(err) {
							t.Errorf("the killed run's memory stage %s is still there: %v", dir, err)
						}
					}
				})
			}

			// And kills from outside at arbitrary moments of the run.
			r := rand.New(rand.NewPCG(11, 12))
			for i := 0; i < 6; i++ {
				loc := warehousetest.NewTarget(t, engine).Location
				cmd := exec.Command(bin, ingestArgs(loc)...)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(50+r.IntN(1500)) * time.Millisecond)
				cmd.Process.Kill()
				cmd.Wait()
				if out, err := exec.Command(bin, ingestArgs(loc)...).CombinedOutput(); err != nil {
					t.Fatalf("re-run after an outside kill: %v\n%s", err, out)
				}
				if got := figures(t, loc); got != want {
					t.Errorf("after outside kill %d:\n got %s\nwant %s", i, got, want)
				}
			}
		})
	}
}

func errorsAs(err error, target **exec.ExitError) bool {
	ee, ok := err.(*exec.ExitError)
	if ok {
		*target = ee
	}
	return ok
}
