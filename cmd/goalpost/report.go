package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/warehouse"
)

// reportFlags choose the period, the organisation and where the report goes.
type reportFlags struct {
	month, quarter, year string
	org, name, lang, tz  string
	out                  string
	formats              string
}

func (f *reportFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.month, "period", "", "month to report, e.g. 2025-10 (default: the last complete month)")
	cmd.Flags().StringVar(&f.quarter, "quarter", "", "quarter to report, e.g. 2025Q4")
	cmd.Flags().StringVar(&f.year, "year", "", "year to report, e.g. 2025")
	cmd.Flags().StringVar(&f.org, "org", "", "organisation to report on (default: goalpost.yaml's org, else \"default\")")
	cmd.Flags().StringVar(&f.name, "name", "", "organisation's display name (default: goals.yaml's, else the org id)")
	cmd.Flags().StringVar(&f.lang, "lang", "", "report language: en or fr (default: goals.yaml's, else en)")
	cmd.Flags().StringVar(&f.tz, "timezone", "", "organisation's time zone, IANA name (default: goals.yaml's, else UTC)")
	cmd.Flags().StringVar(&f.out, "out", "", "folder to write the report into (default: goalpost.yaml's reports, else ./reports)")
	cmd.Flags().StringVar(&f.formats, "format", "xlsx,html", "what to write: xlsx, html or both")
}

// resolve fills what the flags left empty from goalpost.yaml and goals.yaml, and returns the
// goals file (nil without one).
func (f *reportFlags) resolve(cfg *goals.Config) (*goals.File, error) {
	f.org = orgOf(f.org, cfg)
	g, err := loadGoals(cfg, f.org)
	if err != nil {
		return nil, err
	}
	if g != nil {
		o := g.Organisation
		if f.name == "" {
			f.name = o.Name
		}
		if f.lang == "" {
			f.lang = o.Language
		}
		if f.tz == "" {
			f.tz = o.TimeZone
		}
	}
	if f.lang == "" {
		f.lang = "en"
	}
	if f.tz == "" {
		f.tz = "UTC"
	}
	if f.out == "" {
		f.out = "reports"
		if cfg != nil {
			f.out = cfg.Reports
		}
	}
	return g, nil
}

func (f *reportFlags) request(now time.Time) (pipeline.ReportRequest, []string, error) {
	var req pipeline.ReportRequest
	if f.lang != "en" && f.lang != "fr" {
		return req, nil, fmt.Errorf("--lang %q: want en or fr", f.lang)
	}
	loc, err := time.LoadLocation(f.tz)
	if err != nil {
		return req, nil, fmt.Errorf("--timezone %q: not a known time zone (want an IANA name such as Europe/Paris)", f.tz)
	}
	set := 0
	key := ""
	for _, k := range []string{f.month, f.quarter, f.year} {
		if k != "" {
			set++
			key = k
		}
	}
	var period reports.Period
	switch set {
	case 0:
		period, err = reports.LastCompleteMonth(now, loc, f.lang)
	case 1:
		period, err = reports.ParsePeriod(key, f.lang)
	default:
		return req, nil, fmt.Errorf("give one of --period, --quarter or --year")
	}
	if err != nil {
		return req, nil, err
	}
	var formats []string
	for _, s := range strings.Split(f.formats, ",") {
		s = strings.TrimSpace(s)
		if s != "xlsx" && s != "html" {
			return req, nil, fmt.Errorf("--format %q: want xlsx, html or xlsx,html", f.formats)
		}
		formats = append(formats, s)
	}
	name := f.name
	if name == "" {
		name = f.org
	}
	return pipeline.ReportRequest{Org: f.org, OrgName: name, Lang: f.lang, Location: loc, Period: period, Now: now}, formats, nil
}

func (a *app) reportCommand() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report [flags]",
		Short: "Write the goal report: an Excel workbook and an offline HTML dashboard",
		Long: `Report computes one organisation's figures for a period from the warehouse and writes
<out>/<org>-<period>.xlsx and <out>/<org>-<period>.html. Both show the same numbers,
computed once by the SQL in sql/. With a goals file (goalpost.yaml's goals:), the report
measures every goal: actual, target, pace and status, milestones and data coverage.`,
		Example: `  goalpost report --org riverside
  goalpost report --org riverside --quarter 2025Q4 --lang fr --out board/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			goalsFile, err := f.resolve(cfg)
			if err != nil {
				return err
			}
			req, formats, err := f.request(a.now())
			if err != nil {
				return err
			}
			if goalsFile != nil {
				goalsFile.Organisation.Language = req.Lang // --lang overrides goals.yaml's
				req.Goals = goalsFile
			}
			req.QueriesDir = queriesDir(cfg)
			ctx := cmd.Context()
			wh, err := a.openWarehouse(ctx, "report")
			if err != nil {
				return err
			}
			defer wh.Close()
			written, err := a.writeReport(ctx, wh, req, f.out, formats)
			if err != nil {
				return err
			}
			a.printWritten(written)
			return nil
		},
	}
	f.register(cmd)
	return cmd
}

func (a *app) writeReport(ctx context.Context, wh warehouse.Engine, req pipeline.ReportRequest, out string, formats []string) (pipeline.WrittenReport, error) {
	model, err := pipeline.BuildReport(ctx, wh, req)
	if err != nil {
		return pipeline.WrittenReport{}, err
	}
	return pipeline.WriteReport(ctx, model, out, formats)
}

func (a *app) printWritten(w pipeline.WrittenReport) {
	if w.Workbook != "" {
		fmt.Fprintf(a.stdout, "workbook:  %s\n", w.Workbook)
	}
	if w.Dashboard != "" {
		fmt.Fprintf(a.stdout, "dashboard: %s\n", w.Dashboard)
	}
}
