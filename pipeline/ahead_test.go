package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
)

// A file read ahead is the ingest's file: the same records, dates and skipped rows as without
// the pass ahead, for a connector that emits as it reads (Meta's posts) and one that adds its
// rows up first (GA4's); and only that file is taken, once.
func TestReadAheadGivesTheSameIngest(t *testing.T) {
	root := connectortest.CorpusDir(t)
	reg := catalog.Default()
	opts := connectors.Options{Org: "ahead", Location: time.UTC, Salt: "s"}
	dryRun := func(ahead *Ahead, paths ...string) []FileResult {
		t.Helper()
		in := &Ingester{Connectors: reg, Options: opts, DryRun: true, Ahead: ahead}
		res, err := in.IngestFiles(context.Background(), paths, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	summary := func(rs []FileResult) string {
		var out string
		for _, r := range rs {
			out += fmt.Sprintf("%s %s %s %d %v %s %s %v\n", filepath.Base(r.Path), r.Connector, r.Outcome, r.Rows, r.Skipped,
				r.DateMin.Format(time.DateOnly), r.DateMax.Format(time.DateOnly), r.Err)
		}
		return out
	}
	posts := filepath.Join(root, "facebook", "proefficient", "Feb-01-2025_Mar-15-2025_613168031534769.csv")
	ga4 := filepath.Join(root, "ga4", "mh4u", "data-export.csv")
	for _, tt := range []struct {
		name  string
		ahead string   // the file read ahead
		paths []string // the ingest's files
	}{
		{"Meta posts", posts, []string{posts}},
		{"GA4, which emits after its last row", ga4, []string{ga4}},
		{"the first of two files", posts, []string{posts, ga4}},
		{"a file the ingest does not come to first", ga4, []string{posts, ga4}},
		{"a file the ingest is not given", ga4, []string{posts}},
		{"a missing file", filepath.Join(root, "missing.csv"), []string{posts}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := summary(dryRun(nil, tt.paths...))
			a := ReadAhead(context.Background(), tt.ahead, reg, opts)
			defer a.Stop()
			if got := summary(dryRun(a, tt.paths...)); got != want {
				t.Errorf("with the file read ahead:\n%s\nwithout:\n%s", got, want)
			}
		})
	}
}

// take hands out the file read ahead for its path only, once; skip stops the pass without
// handing it out.
func TestAheadTake(t *testing.T) {
	root := connectortest.CorpusDir(t)
	reg := catalog.Default()
	opts := connectors.Options{Org: "ahead", Location: time.UTC}
	posts := filepath.Join(root, "facebook", "proefficient", "Feb-01-2025_Mar-15-2025_613168031534769.csv")

	a := ReadAhead(context.Background(), posts, reg, opts)
	if _, _, ok := a.take(posts + ".other"); ok {
		t.Error("take of another path: ok")
	}
	f, c, ok := a.take(posts)
	if !ok || f == nil || c == nil || f.Name != posts {
		t.Fatalf("take(%s) = %v, %v, %v", posts, f, c, ok)
	}
	if want, _ := reg.Detect(f); reflect.TypeOf(c) != reflect.TypeOf(want) {
		t.Errorf("connector read ahead %T, detected %T", c, want)
	}
	if _, _, ok := a.take(posts); ok {
		t.Error("second take: ok")
	}
	a.Stop()

	b := ReadAhead(context.Background(), posts, reg, opts)
	b.skip(posts)
	b.Stop() // must return: skip cancelled the pass
	if _, _, ok := b.take(posts); ok {
		t.Error("take after skip: ok")
	}

	var none *Ahead // an ingest without a pass ahead
	if _, _, ok := none.take(posts); ok {
		t.Error("take on no Ahead: ok")
	}
	none.skip(posts)
	none.Stop()
}
