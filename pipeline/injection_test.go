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
// name), a post id (Publer's post link) and a donation campaign holding a statement are
// stored as written and the tables they name are still there. (The organisation is TestOrganisationsAreKeptApart's.)
func TestExportTextIsNeverSQL(t *testing.T) {
	const hostile = `'); DROP TABLE posts; -- \' "x"`
	dir := t.TempDir()
	// rewrite writes src with old replaced by prefix+hostile as one quoted CSV field.
	rewrite := func(src, name, old, prefix string) string {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s holds no %q", src, old)
		}
		// The hostile text as one quoted CSV field, its quotes doubled.
		body := strings.ReplaceAll(string(b), old, `"`+strings.ReplaceAll(prefix+hostile, `"`, `""`)+`"`)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	posts := rewrite("../connectors/meta/testdata/meta-posts.facebook-2025/input.csv", "posts.csv", `"Riverside Food Bank"`, "")
	gifts := rewrite("../connectors/donations/testdata/donorbox-donations.export/input.csv", "donorbox.csv", "Giving Tuesday 2024", "")
	// Publer has no post id but the post's link, which becomes the id.
	const link = "https://www.linkedin.com/feed/update/urn:li:share:"
	publer := rewrite("../connectors/publer/testdata/publer-posts.post-insights/input.csv", "publer.csv", link+"7356000000000000001", link)
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		org := "injection"
		for _, r := range ingest(t, newIngester(e, org), posts, gifts, publer) {
			if r.Err != nil {
				t.Fatalf("%s: %v", r.Path, r.Err)
			}
		}
		for _, q := range []string{
			"SELECT DISTINCT account FROM posts WHERE org = {org:String} AND position(account, 'DROP TABLE') > 0",
			"SELECT replaceOne(post_id, '" + link + "', '') FROM posts WHERE org = {org:String} AND position(post_id, 'DROP TABLE') > 0",
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
