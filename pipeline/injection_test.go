package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// Text from an export reaches the engine as data, never as SQL: an account (Meta's page
// name), a post's text and a donation campaign holding a statement are stored as written and
// the tables they name are still there. (The organisation is TestOrganisationsAreKeptApart's.)
func TestExportTextIsNeverSQL(t *testing.T) {
	const hostile = `'); DROP TABLE posts; -- \' "x"`
	dir := t.TempDir()
	rewrite := func(src, name, old string) string {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s holds no %q", src, old)
		}
		// The hostile text as one quoted CSV field, its quotes doubled.
		body := strings.ReplaceAll(string(b), old, `"`+strings.ReplaceAll(hostile, `"`, `""`)+`"`)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	posts := rewrite("../connectors/meta/testdata/meta-posts.facebook-2025/input.csv", "posts.csv", `"Riverside Food Bank"`)
	gifts := rewrite("../connectors/donations/testdata/donorbox-donations.export/input.csv", "donorbox.csv", "Giving Tuesday 2024")
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		org := "injection"
		for _, r := range ingest(t, newIngester(e, org), posts, gifts) {
			if r.Err != nil {
				t.Fatalf("%s: %v", r.Path, r.Err)
			}
		}
		for _, q := range []string{
			"SELECT DISTINCT account FROM posts WHERE org = {org:String}",
			"SELECT DISTINCT campaign FROM donations WHERE org = {org:String} AND position(campaign, 'DROP TABLE') > 0",
		} {
			res, err := e.Query(context.Background(), q, warehouse.Params{"org": org})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if len(res.Rows) != 1 || res.Rows[0][0] != hostile {
				t.Errorf("%s = %q, want the export's text %q unchanged", q, res.Rows, hostile)
			}
		}
		// The statement in the text did not run: posts still exists and holds the file's posts.
		res, err := e.Query(context.Background(), "SELECT count() FROM posts WHERE org = {org:String}", warehouse.Params{"org": org})
		if err != nil {
			t.Fatalf("posts after ingest: %v", err)
		}
		if n := res.Rows[0][0].(uint64); n == 0 {
			t.Errorf("posts holds no post of the ingested export")
		}
	})
}
