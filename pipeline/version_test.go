package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// Two exports of the same period, loaded within the same second, must still be ordered: the
// one loaded later replaces the other. Before the ingester kept its clock monotonic, both got
// the same record version and the engine kept either, so the demo's follower count moved
// between runs. The clock here is frozen, the worst case, and the order is tried both ways
// so that an arbitrary pick cannot pass by luck.
func TestSamePeriodLoadedInOneSecondLaterWins(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, value int) string {
		p := filepath.Join(dir, name, "Reach.csv")
		body := "sep=,\nFacebook reach\n\"Date\",\"Primary\"\n"
		for d := 1; d <= 3; d++ {
			body += fmt.Sprintf("\"2025-03-%02dT00:00:00\",\"%d\"\n", d, value)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	hundred, twoHundred := write("a", 100), write("b", 200)
	frozen := time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)
	newFrozen := func(e warehouse.Engine, org string) *pipeline.Ingester {
		return &pipeline.Ingester{
			Warehouse: e, Connectors: catalog.Default(),
			Options: connectors.Options{Org: org, Location: time.UTC, Salt: "test"},
			Now:     func() time.Time { return frozen },
		}
	}
	tests := []struct {
		name     string
		runs     [][]string // files per run, each run a new ingester (a new process)
		wantSum  float64
		wantFile string
	}{
		{"one run, 100 then 200", [][]string{{hundred, twoHundred}}, 600, twoHundred},
		{"one run, 200 then 100", [][]string{{twoHundred, hundred}}, 300, hundred},
		{"two runs, 100 then 200", [][]string{{hundred}, {twoHundred}}, 600, twoHundred},
		{"two runs, 200 then 100", [][]string{{twoHundred}, {hundred}}, 300, hundred},
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				org := fmt.Sprintf("frozen%d", i)
				for _, run := range tt.runs {
					ingest(t, newFrozen(e, org), run...)
				}
				if got := total(t, e, org, "reach"); got != tt.wantSum {
					t.Errorf("reach over three days = %v, want %v (the file loaded last)", got, tt.wantSum)
				}
				res, err := e.Query(context.Background(),
					"SELECT status, count() FROM ingested_files WHERE org = {org:String} GROUP BY status ORDER BY status",
					warehouse.Params{"org": org})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Rows) != 1 || res.Rows[0][0] != "loaded" || res.Rows[0][1] != uint64(2) {
					t.Errorf("ledger states = %v, want both files loaded", res.Rows)
				}
			})
		}
	})
}
