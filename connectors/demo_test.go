package connectors_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/demo"
)

// TestDemoExports checks that every file the demo generator writes is claimed by exactly one
// connector and parses into records: the demo must look like the real exports.
func TestDemoExports(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2025, 4, 15, 9, 30, 0, 0, time.UTC)
	paths, err := demo.WriteExports(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("demo.WriteExports wrote no files")
	}
	reg := catalog.Default()
	paris, _ := time.LoadLocation("Europe/Paris")
	claimed := map[string]int{}
	defer func() {
		// The demo covers the fundraising and volunteering side too.
		for _, name := range []string{"stripe-payments", "eventbrite-attendees", "google-forms-volunteers", "mailchimp-audience"} {
			if claimed[name] == 0 {
				t.Errorf("no demo export is read by %s", name)
			}
		}
	}()
	for _, p := range paths {
		rel, _ := filepath.Rel(dir, p)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			f, err := connectors.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			c, err := reg.Detect(f)
			if err != nil {
				t.Fatal(err)
			}
			// Meta writes "Views" and "Content interactions" identically for Facebook and
			// Instagram; the platform comes with the file, here from the demo's folder.
			opts := connectors.Options{Org: "demo", Location: paris, Salt: "demo-salt"}
			if top, _, _ := strings.Cut(filepath.ToSlash(rel), "/"); top == "facebook" || top == "instagram" {
				opts.Platform = top
			}
			claimed[c.Spec().Name]++
			rec, err := connectortest.Parse(context.Background(), c, f, opts)
			if err != nil {
				t.Fatalf("%s: %v", c.Spec().Name, err)
			}
			for _, p := range rec.Problems {
				t.Error(p)
			}
			if rec.Records == 0 {
				t.Errorf("%s emitted no records", c.Spec().Name)
			}
		})
	}
}
