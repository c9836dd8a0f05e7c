package warehouse_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/demo"
	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// TestDemoOnClusterEqualsOneServer ingests the demo's exports (the report's month of every
// platform, with an overlapping quarterly export) and builds the monthly report on one
// ClickHouse server and on a cluster of two shards, then checks that every analyst view holds
// the same rows and the report model the same figures: the cluster changes where rows are
// kept, never a number.
// The demo's organisation, and one that cityHash64 puts on the other shard of two.
const (
	demoOrg      = "riverside"
	secondOrg    = "lakeside"
	demoTimeZone = "America/Toronto"
	demoSalt     = "goalpost-demo-salt"
)

func TestDemoOnClusterEqualsOneServer(t *testing.T) {
	ctx := context.Background()
	single := warehousetest.NewTarget(t, "server").Location
	c := warehousetest.NewCluster(t, 2, 1)
	clustered := c.Location(t)

	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	goalsFile := demoGoals(t, dir, now)
	exportsDir := filepath.Join(dir, "exports")
	all, err := demo.WriteExports(exportsDir, now)
	if err != nil {
		t.Fatal(err)
	}
	// Dated exports of the report's month, and Instagram's reach of December 2025 (a monthly
	// and a quarterly export that overlap) are enough; leaving the rest out keeps the test short.
	dated := regexp.MustCompile(`\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2}-\d{2}-\d{4}|_\d{8}_\d{8}_`)
	recent := regexp.MustCompile(`2026-10-|Oct-01-2026|_20261001_|instagram/insights_2025-1[0-2]-[^/]*/Reach`)
	var files, secondFiles []string
	for _, f := range all {
		rel, _ := filepath.Rel(exportsDir, f)
		if !dated.MatchString(rel) || recent.MatchString(rel) {
			files = append(files, f)
		}
		if strings.HasPrefix(rel, "ga4/") || strings.HasPrefix(rel, "x/") && recent.MatchString(rel) {
			secondFiles = append(secondFiles, f)
		}
	}
	zone, err := time.LoadLocation(demoTimeZone)
	if err != nil {
		t.Fatal(err)
	}
	period, err := reports.LastCompleteMonth(now, zone, "en")
	if err != nil {
		t.Fatal(err)
	}

	figures := map[string]map[string]string{}
	models := map[string]any{}
	for _, loc := range []string{single, clustered} {
		start := time.Now()
		var m any
		wh, err := warehouse.Open(ctx, loc, warehouse.Options{})
		if err != nil {
			t.Fatalf("open %s: %v", loc, err)
		}
		// The same clock on both runs, a second per reading: load times and the versions
		// built from them are equal on both, and never tie between two files.
		var tick atomic.Int64
		clock := func() time.Time { return now.Add(time.Duration(tick.Add(1)) * time.Second) }
		// A second organisation, with a few of the same exports, so that both shards hold
		// rows (organisations are what the cluster spreads).
		for _, o := range []struct {
			org   string
			files []string
		}{{demoOrg, files}, {secondOrg, secondFiles}} {
			for _, group := range demo.GroupByPlatformFolder(exportsDir, o.files) {
				in := &pipeline.Ingester{
					Warehouse: wh, Connectors: catalog.Default(), Now: clock,
					Options: connectors.Options{Org: o.org, Location: zone, Platform: group.Platform, Salt: demoSalt},
				}
				results, err := in.IngestFiles(ctx, group.Files, nil)
				if err != nil {
					t.Fatalf("ingest into %s: %v", loc, err)
				}
				if s := pipeline.Summarize(results); s.Rejected > 0 {
					t.Fatalf("ingest into %s: %v", loc, s)
				}
			}
		}
		model, err := pipeline.BuildReport(ctx, wh, pipeline.ReportRequest{Org: demoOrg, OrgName: "Riverside Food Bank", Lang: "en", Location: zone, Period: period, Now: now, Goals: goalsFile})
		if err != nil {
			t.Fatalf("report on %s: %v", loc, err)
		}
		// The model as JSON, to compare every figure without knowing its types.
		js, err := json.Marshal(model)
		if err == nil {
			err = json.Unmarshal(js, &m)
		}
		if err != nil {
			t.Fatal(err)
		}
		models[loc] = m
		wh.Close()
		figures[loc] = viewFigures(t, loc)
		t.Logf("%d exports and the report on %s: %v", len(files), loc, time.Since(start))
	}

	// Each shard holds one of the two organisations.
	for _, n := range c.Nodes {
		e, err := warehouse.Open(ctx, n.DSN(warehousetest.Database(clustered)), warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Query(ctx, "SELECT DISTINCT org FROM metrics_daily_store_local", nil)
		e.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 1 {
			t.Errorf("shard %d holds the rows of %v, want one organisation", n.Shard, res.Rows)
		}
	}
	// Analysts' sessions (read-only, limited) read the cluster as they read one server.
	for _, q := range []string{"SELECT sum(value) FROM metrics_daily WHERE dimension = ''", "SELECT count() FROM posts"} {
		if got, want := sessionFigure(t, clustered, q), sessionFigure(t, single, q); !sameFigure(got, want) {
			t.Errorf("restricted session %q: cluster %s, one server %s", q, got, want)
		}
	}
	if figures[single]["metrics_daily rows"] == "0" || figures[single]["kpi_daily rows"] == "0" || figures[single]["posts rows"] == "0" {
		t.Fatalf("the demo left metrics_daily, posts or kpi_daily empty: %v", figures[single])
	}
	var keys []string
	for k := range figures[single] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if got, want := figures[clustered][k], figures[single][k]; !sameFigure(got, want) {
			t.Errorf("%s: cluster %s, one server %s", k, got, want)
		}
	}
	for _, d := range diffJSON("report", models[clustered], models[single], 10) {
		t.Error(d)
	}
}

// sameFigure compares two figures, numbers up to the rounding of a float sum, which adds the
// shards' rows in another order.
func sameFigure(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && math.Abs(x-y) <= 1e-9*math.Max(math.Abs(x), math.Abs(y))
}

// diffJSON lists up to max differences between two decoded JSON values, by path.
func diffJSON(path string, got, want any, max int) []string {
	var out []string
	var walk func(path string, got, want any)
	walk = func(path string, got, want any) {
		if len(out) >= max {
			return
		}
		switch w := want.(type) {
		case map[string]any:
			g, ok := got.(map[string]any)
			if !ok || len(g) != len(w) {
				out = append(out, fmt.Sprintf("%s: cluster %v, one server %v", path, got, want))
				return
			}
			keys := make([]string, 0, len(w))
			for k := range w {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(path+"."+k, g[k], w[k])
			}
		case []any:
			g, ok := got.([]any)
			if !ok || len(g) != len(w) {
				out = append(out, fmt.Sprintf("%s: cluster has %d items, one server %d", path, len(g), len(w)))
				return
			}
			for i := range w {
				walk(fmt.Sprintf("%s[%d]", path, i), g[i], w[i])
			}
		case float64:
			if g, ok := got.(float64); !ok || !sameFigure(fmt.Sprint(g), fmt.Sprint(w)) {
				out = append(out, fmt.Sprintf("%s: cluster %v, one server %v", path, got, want))
			}
		default:
			if fmt.Sprint(got) != fmt.Sprint(want) {
				out = append(out, fmt.Sprintf("%s: cluster %v, one server %v", path, got, want))
			}
		}
	}
	walk(path, got, want)
	return out
}

// mergeColumns depend on when ClickHouse merges parts, on any engine: ingested_files'
// first_seen is the earliest ledger row of a file, and ReplacingMergeTree drops a file's
// earlier rows when it merges them. (The report shows updated_at, which merges keep.)
var mergeColumns = map[string]bool{"ingested_files.first_seen": true}

// viewFigures reads, for every view of the warehouse, its row count and an order-free
// fingerprint of each column (the sum of the rows' hashes), plus plain sums of the values.
func viewFigures(t *testing.T, loc string) map[string]string {
	t.Helper()
	ctx := context.Background()
	e, err := warehouse.Open(ctx, loc, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	views, err := e.Query(ctx, "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine = 'View' ORDER BY name", nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, v := range views.Rows {
		view := v[0].(string)
		cols, err := e.Query(ctx, "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {t:String}", warehouse.Params{"t": view})
		if err != nil {
			t.Fatal(err)
		}
		// Names come from system.columns of our own schema, so they can be written in.
		exprs := []string{"toString(count())"}
		names := []string{"rows"}
		for _, c := range cols.Rows {
			name, typ := c[0].(string), c[1].(string)
			if mergeColumns[view+"."+name] {
				continue
			}
			value := "toString(" + name + ")"
			if strings.HasPrefix(typ, "Array(") {
				value = "arrayStringConcat(" + name + ", ',')"
			}
			exprs = append(exprs, "toString(sum(cityHash64("+value+")))")
			names = append(names, name+" fingerprint")
			if typ == "Float64" || strings.HasPrefix(typ, "Decimal") || strings.HasPrefix(typ, "UInt") {
				exprs = append(exprs, "toString(sum("+name+"))")
				names = append(names, name+" sum")
			}
		}
		res, err := e.Query(ctx, "SELECT "+strings.Join(exprs, ", ")+" FROM "+view, nil)
		if err != nil {
			t.Fatalf("%s: %v", view, err)
		}
		for i, n := range names {
			out[view+" "+n] = fmt.Sprint(res.Rows[0][i])
		}
	}
	return out
}

// demoGoals writes the starter goals (as goalpost init writes them) for the demo's
// organisation into dir and loads them.
func demoGoals(t *testing.T, dir string, now time.Time) *goals.File {
	t.Helper()
	text, err := goals.Starter(goals.StarterOptions{Lang: "en", OrgName: "Riverside Food Bank", TimeZone: demoTimeZone, Currency: "USD", FiscalYearStart: time.April, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "goals.yaml")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	var platforms []string
	for _, c := range catalog.Default().All() {
		platforms = append(platforms, c.Spec().Platform)
	}
	f, err := goals.Load(path, goals.LoadOptions{Platforms: platforms})
	if err != nil {
		t.Fatal(err)
	}
	f.Org = demoOrg
	return f
}

// sessionFigure runs a one-value query in a restricted (read-only, limited) session.
func sessionFigure(t *testing.T, loc, q string) string {
	t.Helper()
	ctx := context.Background()
	e, err := warehouse.Open(ctx, loc, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	r, err := warehouse.Restrict(ctx, e, warehouse.Session{Limits: warehouse.Limits{MaxTime: time.Minute, MaxRows: 10}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := r.Query(ctx, q, nil)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return fmt.Sprint(res.Rows[0][0])
}
