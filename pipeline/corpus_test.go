package pipeline_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// TestRealExportsLoadOnBothEngines ingests every real export of the shared corpus on each
// engine. What each file should give is worked out apart from the pipeline, by parsing it
// with its connector; the pipeline must load exactly those records (or reject the file when
// parsing fails), and a second pass must add nothing.
func TestRealExportsLoadOnBothEngines(t *testing.T) {
	root := connectortest.CorpusDir(t)
	paths, err := pipeline.ExpandPaths([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	reg := catalog.Default()
	groups := map[string][]string{} // platform hint (from the corpus folder) -> files
	for _, p := range paths {
		rel, _ := filepath.Rel(root, p)
		hint := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
		if hint != "facebook" && hint != "instagram" {
			hint = ""
		}
		groups[hint] = append(groups[hint], p)
	}
	type expect struct {
		records, metrics int
		ok               bool
	}
	want := map[string]expect{}
	wantMetrics := 0
	for hint, files := range groups {
		for _, p := range files {
			f, err := connectors.ReadFile(p)
			if err != nil {
				want[p] = expect{}
				continue
			}
			c, err := reg.Detect(f)
			if err != nil {
				want[p] = expect{}
				continue
			}
			rec, err := connectortest.Parse(context.Background(), c, f, connectors.Options{Org: "corpus", Location: mustZone(t, "UTC"), Platform: hint, Salt: "s"})
			if err != nil || rec.Records == 0 {
				want[p] = expect{}
				continue
			}
			want[p] = expect{records: rec.Records, metrics: rec.Metrics, ok: true}
			wantMetrics += rec.Metrics
		}
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		loaded := 0
		for hint, files := range groups {
			in := newIngester(e, "corpus")
			in.Options.Platform = hint
			for _, r := range ingest(t, in, files...) {
				w := want[r.Path]
				switch {
				case w.ok && (r.Outcome != pipeline.New && r.Outcome != pipeline.Replaced):
					t.Errorf("%s: %s (%v), want it loaded", r.Path, r.Outcome, r.Err)
				case w.ok && r.Rows != w.records:
					t.Errorf("%s: %d rows loaded, its connector gives %d", r.Path, r.Rows, w.records)
				case !w.ok && r.Outcome != pipeline.Rejected:
					t.Errorf("%s: %s, want rejected", r.Path, r.Outcome)
				case !w.ok && (r.Err == nil || r.Err.Error() == ""):
					t.Errorf("%s: rejected without a reason", r.Path)
				}
				if w.ok {
					loaded++
				}
			}
		}
		if loaded == 0 {
			t.Fatal("no real export loaded")
		}
		res, err := e.Query(context.Background(), "SELECT count() FROM metrics_daily_store WHERE org = 'corpus'", nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Rows[0][0].(uint64); got != uint64(wantMetrics) {
			t.Errorf("metrics_daily_store holds %d rows, the connectors give %d", got, wantMetrics)
		}
		for hint, files := range groups {
			in := newIngester(e, "corpus")
			in.Options.Platform = hint
			for _, r := range ingest(t, in, files...) {
				if r.Outcome != pipeline.Already && r.Outcome != pipeline.Rejected {
					t.Errorf("second pass: %s: %s, want already ingested", r.Path, r.Outcome)
				}
			}
		}
		res, _ = e.Query(context.Background(), "SELECT count() FROM metrics_daily_store WHERE org = 'corpus'", nil)
		if got := res.Rows[0][0].(uint64); got != uint64(wantMetrics) {
			t.Errorf("after a second pass metrics_daily_store holds %d rows, want %d", got, wantMetrics)
		}
	})
}
