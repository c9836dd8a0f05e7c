package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func TestMain(m *testing.M) { warehousetest.Main(m) }

// dailySeries writes a Meta Business Suite one-metric file (UTF-16 LE with BOM, a sep= line,
// the metric line, then Date,Primary) with one value per day from start.
func dailySeries(t *testing.T, dir, name, title string, start time.Time, values []int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("sep=,\n\"" + title + "\"\n\"Date\",\"Primary\"\n")
	for i, v := range values {
		fmt.Fprintf(&b, "\"%s\",\"%d\"\n", start.AddDate(0, 0, i).Format("2006-01-02T15:04:05"), v)
	}
	u := utf16.Encode([]rune(b.String()))
	out := []byte{0xff, 0xfe}
	for _, c := range u {
		out = append(out, byte(c), byte(c>>8))
	}
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func newIngester(e warehouse.Engine, org string) *pipeline.Ingester {
	clock := time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)
	return &pipeline.Ingester{
		Warehouse: e, Connectors: catalog.Default(),
		Options: connectors.Options{Org: org, Location: time.UTC, Salt: "test"},
		// Each call is a second later, so loads have distinct times as in real runs.
		Now: func() time.Time { clock = clock.Add(time.Second); return clock },
	}
}

func ingest(t *testing.T, in *pipeline.Ingester, paths ...string) []pipeline.FileResult {
	t.Helper()
	res, err := in.IngestFiles(context.Background(), paths, nil)
	if err != nil {
		t.Fatalf("ingest %v: %v", paths, err)
	}
	return res
}

func total(t *testing.T, e warehouse.Engine, org, metric string) float64 {
	t.Helper()
	res, err := e.Query(context.Background(), "SELECT sum(value) FROM metrics_daily WHERE org = {org:String} AND metric = {m:String}", warehouse.Params{"org": org, "m": metric})
	if err != nil {
		t.Fatal(err)
	}
	return res.Rows[0][0].(float64)
}

func TestSameFileTwiceAddsNothing(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		dir := t.TempDir()
		a := dailySeries(t, dir, "Reach.csv", "Facebook reach", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), repeat(100, 31))
		copyPath := filepath.Join(dir, "again", "Reach (1).csv") // the same bytes under another name
		os.MkdirAll(filepath.Dir(copyPath), 0o755)
		data, _ := os.ReadFile(a)
		os.WriteFile(copyPath, data, 0o644)

		in := newIngester(e, "org1")
		first := ingest(t, in, a)
		if first[0].Outcome != pipeline.New || first[0].Rows != 31 {
			t.Fatalf("first ingest: %+v", first[0])
		}
		again := ingest(t, in, a, copyPath)
		for _, r := range again {
			if r.Outcome != pipeline.Already {
				t.Errorf("%s: outcome %q, want %q", r.Path, r.Outcome, pipeline.Already)
			}
		}
		if got, want := total(t, e, "org1", "reach"), 31*100.0; got != want {
			t.Errorf("reach after three ingests = %v, want %v", got, want)
		}
	})
}

func TestOverlappingExportsNewestPeriodWinsInEitherOrder(t *testing.T) {
	// A quarterly-style download (March 1-31, 100 a day) and a later one (March 15 - April 9,
	// 200 a day): the days they share take the later export's values.
	want := 14*100.0 + 26*200.0
	for _, order := range []string{"older first", "newer first"} {
		t.Run(order, func(t *testing.T) {
			warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
				dir := t.TempDir()
				older := dailySeries(t, dir, "a/Reach.csv", "Facebook reach", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), repeat(100, 31))
				newer := dailySeries(t, dir, "b/Reach.csv", "Facebook reach", time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC), repeat(200, 26))
				in := newIngester(e, "org1")
				paths := []string{older, newer}
				if order == "newer first" {
					paths = []string{newer, older}
				}
				res := ingest(t, in, paths...)
				if res[1].Outcome != pipeline.Replaced || res[1].Overlaps != 1 {
					t.Errorf("second file: outcome %q with %d overlaps, want %q with 1", res[1].Outcome, res[1].Overlaps, pipeline.Replaced)
				}
				if got := total(t, e, "org1", "reach"); got != want {
					t.Errorf("reach = %v, want %v", got, want)
				}
			})
		})
	}
}

func TestOrganisationsAreKeptApart(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		dir := t.TempDir()
		f := dailySeries(t, dir, "Reach.csv", "Facebook reach", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), repeat(10, 5))
		ingest(t, newIngester(e, "org1"), f)
		res := ingest(t, newIngester(e, "'); DROP TABLE posts; --"), f)
		if res[0].Outcome != pipeline.New {
			t.Errorf("the same file for another organisation: %q, want new", res[0].Outcome)
		}
		if got := total(t, e, "'); DROP TABLE posts; --", "reach"); got != 50 {
			t.Errorf("reach of the second organisation = %v, want 50", got)
		}
		if got := total(t, e, "org1", "reach"); got != 50 {
			t.Errorf("reach of org1 = %v, want 50", got)
		}
	})
}

func TestBadRowRejectsTheWholeFile(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		dir := t.TempDir()
		good := dailySeries(t, dir, "good/Reach.csv", "Facebook reach", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), repeat(10, 3))
		bad := filepath.Join(dir, "bad.csv")
		os.WriteFile(bad, []byte("sep=,\n\"Facebook reach\"\n\"Date\",\"Primary\"\n\"2025-03-01T00:00:00\",\"5\"\n\"2025-03-02T00:00:00\",\"lots\"\n"), 0o644)
		in := newIngester(e, "org1")
		res := ingest(t, in, bad, good)
		if res[0].Outcome != pipeline.Rejected {
			t.Fatalf("bad file: outcome %q, want rejected", res[0].Outcome)
		}
		msg := res[0].Err.Error()
		if !strings.Contains(msg, "bad.csv:5:") || !strings.Contains(msg, `"lots"`) {
			t.Errorf("error should name file, line and value: %s", msg)
		}
		if res[1].Outcome != pipeline.New {
			t.Errorf("good file after a bad one: %q, want new", res[1].Outcome)
		}
		if got := total(t, e, "org1", "reach"); got != 30 {
			t.Errorf("reach = %v, want 30 (only the good file)", got)
		}
		st, err := e.Query(context.Background(), "SELECT status, error FROM ingested_files WHERE name = 'bad.csv'", nil)
		if err != nil || len(st.Rows) != 1 || st.Rows[0][0] != "rejected" {
			t.Fatalf("ledger for bad.csv: %v %v", st, err)
		}
		rows, _ := e.Query(context.Background(), "SELECT count() FROM metrics_daily_store WHERE source_file IN (SELECT sha256 FROM ingested_files WHERE name = 'bad.csv')", nil)
		if rows.Rows[0][0] != uint64(0) {
			t.Errorf("%v rows of the rejected file reached storage", rows.Rows[0][0])
		}
	})
}

// A bad row found after many batches were built: on the embedded engine they were staged
// (the single pass, warehouse.Stage), on a server not yet sent. Either way nothing reaches a
// table, and no staged block stays on disk.
func TestBadRowLateInTheFileLeavesNothing(t *testing.T) {
	for _, engine := range warehousetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			target := warehousetest.NewTarget(t, engine)
			e, err := warehouse.Open(ctx, target.Location, warehouse.Options{Holder: "go test"})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			dir := t.TempDir()
			var b strings.Builder
			b.WriteString("sep=,\n\"Facebook reach\"\n\"Date\",\"Primary\"\n")
			for i := 0; i < 40; i++ {
				fmt.Fprintf(&b, "\"%s\",\"%d\"\n", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02T15:04:05"), i)
			}
			b.WriteString("\"2025-02-10T00:00:00\",\"lots\"\n")
			bad := filepath.Join(dir, "late.csv")
			if err := os.WriteFile(bad, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			in := newIngester(e, "org1")
			in.BatchRows = 3 // thirteen batches before the bad row
			res := ingest(t, in, bad)
			if res[0].Outcome != pipeline.Rejected || !strings.Contains(res[0].Err.Error(), "late.csv:44:") {
				t.Fatalf("outcome %q, error %v; want rejected at line 44", res[0].Outcome, res[0].Err)
			}
			r, err := e.Query(ctx, "SELECT count() FROM metrics_daily_store", nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Rows[0][0] != uint64(0) {
				t.Errorf("%v rows of the rejected file reached storage", r.Rows[0][0])
			}
			if engine == "embedded" {
				left, err := filepath.Glob(filepath.Join(target.Location, "goalpost-staging", "*"))
				if err != nil {
					t.Fatal(err)
				}
				if len(left) != 0 {
					t.Errorf("staged blocks left on disk: %v", left)
				}
			}
		})
	}
}

func TestHalfLoadedFileIsRemovedAndLoadedAgain(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		dir := t.TempDir()
		f := dailySeries(t, dir, "Reach.csv", "Facebook reach", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), repeat(7, 10))
		in := newIngester(e, "org1")
		dry := *in
		dry.DryRun = true
		checked := ingest(t, &dry, f)
		sha := checked[0].SHA256
		// What a run killed mid-insert leaves: the ledger says loading, part of the rows are stored.
		at := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
		if err := e.Insert(ctx, "ingested_files_log", []string{"org", "sha256", "name", "status", "version", "at", "date_min", "date_max"},
			[][]any{{"org1", sha, "Reach.csv", "loading", uint64(1), at, at, at}}); err != nil {
			t.Fatal(err)
		}
		var partial [][]any
		for i := 0; i < 4; i++ {
			partial = append(partial, []any{"org1", "facebook", "", time.Date(2025, 3, 1+i, 0, 0, 0, 0, time.UTC), "reach", "", 7.0, sha, uint32(i + 1), uint64(1), at})
		}
		if err := e.Insert(ctx, "metrics_daily_store", []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"}, partial); err != nil {
			t.Fatal(err)
		}
		if got := total(t, e, "org1", "reach"); got != 0 {
			t.Errorf("a file still loading shows %v in metrics_daily, want nothing", got)
		}
		res := ingest(t, in, f)
		if res[0].Outcome != pipeline.New {
			t.Fatalf("reload: outcome %q, want new", res[0].Outcome)
		}
		if got := total(t, e, "org1", "reach"); got != 70 {
			t.Errorf("reach after reload = %v, want 70", got)
		}
	})
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestFilesLoadInBatchesWithTheSameFigures(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		dir := t.TempDir()
		values := make([]int, 45)
		want := 0.0
		for i := range values {
			values[i] = i * 3
			want += float64(i * 3)
		}
		f := dailySeries(t, dir, "Reach.csv", "Facebook reach", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), values)
		in := newIngester(e, "org1")
		in.BatchRows = 7 // 45 rows: seven inserts
		res := ingest(t, in, f)
		if res[0].Outcome != pipeline.New || res[0].Rows != 45 {
			t.Fatalf("outcome %+v", res[0])
		}
		if got := total(t, e, "org1", "reach"); got != want {
			t.Errorf("reach = %v, want %v", got, want)
		}
		r, _ := e.Query(context.Background(), "SELECT count(), uniqExact(source_row) FROM metrics_daily_store", nil)
		if r.Rows[0][0] != uint64(45) || r.Rows[0][1] != uint64(45) {
			t.Errorf("store holds %v rows with %v distinct row numbers, want 45 and 45", r.Rows[0][0], r.Rows[0][1])
		}
	})
}
