package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/demo"
	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/reports"
)

// The demo's fictional organisation.
const (
	demoOrg      = "riverside"
	demoOrgName  = "Riverside Food Bank"
	demoTimeZone = "America/Toronto"
	// demoSalt hashes the demo's (fictional) people; a real organisation gets its own from init.
	demoSalt = "goalpost-demo-salt"
)

func (a *app) demoCommand() *cobra.Command {
	var (
		out   string
		today string
	)
	cmd := &cobra.Command{
		Use:   "demo [flags]",
		Short: "Run the whole job on a fictional nonprofit: exports, warehouse, workbook, dashboard",
		Long: `Demo writes 13 months of a fictional food bank's exports in the platforms' real layouts
(Meta Business Suite, X, Google Analytics 4, YouTube Studio, Mailchimp) into <out>/exports,
ingests them into the warehouse, and writes the report for the last complete month into
<out>/reports. Running it again adds nothing twice.`,
		Example: `  goalpost demo
  goalpost demo --out /tmp/demo --warehouse /tmp/demo/warehouse`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			now := a.now()
			if today != "" {
				t, err := time.Parse("2006-01-02", today)
				if err != nil {
					return fmt.Errorf("--today %q: want YYYY-MM-DD", today)
				}
				now = t.Add(12 * time.Hour)
			}
			loc, err := time.LoadLocation(demoTimeZone)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			exportsDir := filepath.Join(out, "exports")
			files, err := demo.WriteExports(exportsDir, now)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %d demo exports into %s\n", len(files), exportsDir)

			wh, err := a.openWarehouse(ctx, "demo")
			if err != nil {
				return err
			}
			defer wh.Close()
			fmt.Fprintf(a.stdout, "warehouse: %s\n", wh.Describe())
			// Meta's overview series do not always say whether they are Facebook's or
			// Instagram's; staff keep them in a folder per platform, and say so.
			var results []pipeline.FileResult
			progress := newProgress(a.stderr, "ingesting", len(files))
			for _, group := range groupByPlatformFolder(exportsDir, files) {
				in := &pipeline.Ingester{
					Warehouse: wh, Connectors: catalog.Default(), Now: a.now, Log: a.log,
					Options: connectors.Options{Org: demoOrg, Location: loc, Platform: group.platform, Salt: demoSalt},
				}
				rs, err := in.IngestFiles(ctx, group.files, func(pipeline.FileResult) { progress.step() })
				results = append(results, rs...)
				if err != nil {
					return err
				}
			}
			progress.done()
			s := pipeline.Summarize(results)
			printSummary(a.stdout, s, false)
			if s.Rejected > 0 {
				for _, r := range results {
					if r.Outcome == pipeline.Rejected {
						printFileResult(a.stdout, r)
					}
				}
				return fmt.Errorf("%d demo exports were rejected: this is a bug in goalpost", s.Rejected)
			}

			period, err := reports.LastCompleteMonth(now, loc, "en")
			if err != nil {
				return err
			}
			req := pipeline.ReportRequest{Org: demoOrg, OrgName: demoOrgName, Lang: "en", Location: loc, Period: period, Now: now}
			written, err := a.writeReport(ctx, wh, req, filepath.Join(out, "reports"), []string{"xlsx", "html"})
			if err != nil {
				return err
			}
			a.printWritten(written)
			fmt.Fprintf(a.stdout, "try: goalpost sql \"SELECT platform, metric, sum(value) FROM metrics_daily GROUP BY platform, metric ORDER BY platform, metric\"\n")
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "demo-out", "folder for the demo's exports and reports")
	cmd.Flags().StringVar(&today, "today", "", "pretend today is this date (YYYY-MM-DD), for reproducible demos")
	return cmd
}

type fileGroup struct {
	platform string
	files    []string
}

// groupByPlatformFolder splits the demo's files by their first folder under dir: files under
// facebook/ or instagram/ are given that platform, the rest none (their content says it).
func groupByPlatformFolder(dir string, files []string) []fileGroup {
	groups := []fileGroup{{platform: ""}, {platform: "facebook"}, {platform: "instagram"}}
	for _, f := range files {
		rel, err := filepath.Rel(dir, f)
		first := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
		switch {
		case err == nil && first == "facebook":
			groups[1].files = append(groups[1].files, f)
		case err == nil && first == "instagram":
			groups[2].files = append(groups[2].files, f)
		default:
			groups[0].files = append(groups[0].files, f)
		}
	}
	return groups
}
