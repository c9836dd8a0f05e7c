package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/demo"
	"github.com/goalpost/goalpost/goals"
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
	// demoCurrency is the currency of the demo's donations.
	demoCurrency = "USD"
	// demoFiscalYearStart: like many Canadian charities, the food bank's year starts in April.
	demoFiscalYearStart = time.April
)

// demoTargets are the food bank's targets, set where its (generated) history makes some goals
// comfortable, some a stretch and some out of reach, as a board would see in a real year.
var demoTargets = goals.StarterTargets{
	PostsPerMonth: 45, VisualShare: 0.8, FollowersByYearEnd: 2650, ReachPerMonth: 15000, ViewsPerMonth: 28000,
	SharesPerQuarter: 270, EngagementRateReach: 0.05, NewsletterOpenRate: 0.38, SocialSessionsPerMonth: 400,
	LinkClicksPerMonth: 110, EngagementsPerMonth: 950, EmailSignupsPerMonth: 45, NewsletterClickRate: 0.035,
	EventsPerQuarter: 250, DonationsPerYear: 240000, SocialDonationsPerQtr: 22000, GiftsPerMonth: 110,
	VolunteersPerQuarter: 90, FollowerMilestones: []int{1000, 1500, 2500}, DonationMilestones: []int{50000, 100000, 150000},
	SignupMilestones: []int{100, 250, 500},
}

// writeDemoGoals writes the food bank's goals.yaml (the starter goals of `goalpost init`,
// with its own targets and follower counts) and its benchmarks file into dir.
func writeDemoGoals(dir, lang string, now time.Time) (string, error) {
	// The exports carry daily new followers only; these are the audiences on the day before
	// the first exported day (see package demo).
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -13, -1)
	text, err := goals.Starter(goals.StarterOptions{
		Lang: lang, OrgName: demoOrgName, TimeZone: demoTimeZone, Currency: demoCurrency,
		FiscalYearStart: demoFiscalYearStart, Now: now, Targets: demoTargets, Benchmarks: "benchmarks.yaml",
		Baselines: []goals.Baseline{
			{Platform: "facebook", Followers: demo.FacebookFollowersAtStart, Date: first},
			{Platform: "instagram", Followers: demo.InstagramFollowersAtStart, Date: first},
		},
	})
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "benchmarks.yaml"), []byte(demoBenchmarks), 0o644); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "goals.yaml")
	return path, os.WriteFile(path, text, 0o644)
}

// demoBenchmarks shows the benchmarks feature with a figure that is openly illustrative: the
// demo must not pass an invented number off as a published one.
const demoBenchmarks = `# Benchmarks shown beside the KPIs. Replace with figures from a published study (e.g. the
# M+R Benchmarks report), with its year, source and definition.
benchmarks:
  - kpi: engagement_rate_reach
    platform: facebook
    value: 5%
    year: 2025
    source: "Illustrative figure for the demo, not a published benchmark"
    definition: "Engagements divided by reach, Facebook pages of small nonprofits"
`

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
ingests them into the warehouse, writes the food bank's goals into <out>/goals.yaml (the
starter goals of goalpost init, with its targets) and writes the report for the last complete
month, goals included, into <out>/reports. Running it again adds nothing twice.`,
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
			// The demo is the fictional food bank: its own org id, zone and goals, in the
			// language and warehouse of goalpost.yaml when there is one.
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			lang, salt := "en", demoSalt
			if cfg != nil {
				salt = cfg.Salt
				if g, err := loadGoals(cfg, demoOrg); err == nil && g != nil {
					lang = g.Organisation.Language
				}
			}
			goalsPath, err := writeDemoGoals(out, lang, now)
			if err != nil {
				return err
			}
			goalsFile, err := loadGoalsFile(goalsPath, demoOrg)
			if err != nil {
				return fmt.Errorf("the demo's goals file: %w", err)
			}
			fmt.Fprintf(a.stdout, "wrote the food bank's goals into %s\n", goalsPath)
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
			for _, group := range demo.GroupByPlatformFolder(exportsDir, files) {
				in := &pipeline.Ingester{
					Warehouse: wh, Connectors: catalog.Default(), Now: a.now, Log: a.log,
					Options: connectors.Options{Org: demoOrg, Location: loc, Platform: group.Platform, Salt: salt},
				}
				rs, err := in.IngestFiles(ctx, group.Files, func(pipeline.FileResult) { progress.step() })
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

			period, err := reports.LastCompleteMonth(now, loc, lang)
			if err != nil {
				return err
			}
			req := pipeline.ReportRequest{Org: demoOrg, OrgName: demoOrgName, Lang: lang, Location: loc, Period: period, Now: now, Goals: goalsFile}
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
