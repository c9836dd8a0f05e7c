package pipeline

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/goalpost/goalpost/analyst"
	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/reports/dashboard"
	"github.com/goalpost/goalpost/reports/workbook"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
)

// ReportRequest says which report to compute.
type ReportRequest struct {
	Org      string
	OrgName  string
	Lang     string
	Location *time.Location
	Period   reports.Period
	Now      time.Time
	// Goals is the organisation's goals file; nil builds the report without goals.
	Goals *goals.File
	// QueriesDir is the organisation's queries/ folder of saved .sql files; "" or a missing
	// folder means none.
	QueriesDir string
}

// headlineMetrics are the daily metrics the summary shows, in the order it shows them, and
// whether each is a stock (the last value of the period counts) or a flow (values add up).
var headlineMetrics = []struct {
	metric string
	stock  bool
}{
	{"followers_total", true},
	{"followers_new", false},
	{"reach", false},
	{"impressions", false},
	{"views", false},
	{"engagements", false},
	{"link_clicks", false},
	{"profile_visits", false},
	{"video_views", false},
	{"watch_time_hours", false},
	{"sessions", false},
	{"users", false},
	{"new_users", false},
}

var reportStatements = []string{
	"queries/metric_totals.sql",
	"queries/metric_monthly.sql",
	"queries/coverage.sql",
}

// BuildReport computes the report model for one organisation and period from the SQL in
// sql/queries. Every figure in it comes from the warehouse; absent data stays absent (nil).
func BuildReport(ctx context.Context, wh warehouse.Engine, req ReportRequest) (*reports.Report, error) {
	stmts := sqlfiles.OrgStatements(reportStatements...)
	loc := req.Location
	if loc == nil {
		loc = time.UTC
	}
	labels, err := reports.LabelsFor(req.Lang)
	if err != nil {
		return nil, err
	}
	r := &reports.Report{
		Org: req.Org, OrgName: req.OrgName, Lang: req.Lang, Period: req.Period,
		GeneratedAt: req.Now, TimeZone: loc,
	}
	p := req.Period
	months := p.Months()
	if months < 1 {
		months = 1
	}
	totals := func(per reports.Period) (map[string]totalRow, error) {
		res, err := wh.Query(ctx, stmts["queries/metric_totals.sql"], warehouse.Params{"org": req.Org, "start": per.Start, "end": per.End})
		if err != nil {
			return nil, fmt.Errorf("report %s %s: %w", req.Org, p.Key, err)
		}
		out := map[string]totalRow{}
		for _, row := range res.Rows {
			out[row[0].(string)+"\x00"+row[1].(string)] = totalRow{total: row[2].(float64), last: row[3].(float64)}
		}
		return out, nil
	}
	cur, err := totals(p)
	if err != nil {
		return nil, err
	}
	prev, err := totals(p.Shift(0, -months))
	if err != nil {
		return nil, err
	}
	lastYear, err := totals(p.Shift(-1, 0))
	if err != nil {
		return nil, err
	}
	platforms := platformsOf(cur)
	type key struct{ platform, metric string }
	var shown []key
	for _, pl := range platforms {
		for _, hm := range headlineMetrics {
			k := pl + "\x00" + hm.metric
			if _, ok := cur[k]; !ok {
				continue
			}
			kind := "flow"
			if hm.stock {
				kind = "stock"
			}
			r.Headlines = append(r.Headlines, reports.Headline{
				Platform: pl, Metric: hm.metric, Label: labels.MetricLabel(hm.metric), Kind: kind,
				Actual: pick(cur, k, hm.stock), Previous: pick(prev, k, hm.stock), LastYear: pick(lastYear, k, hm.stock),
			})
			shown = append(shown, key{pl, hm.metric})
		}
	}

	// The trailing 13 months that end with the period.
	trail := reports.Period{Start: p.End.AddDate(0, -13, 0), End: p.End}
	res, err := wh.Query(ctx, stmts["queries/metric_monthly.sql"], warehouse.Params{"org": req.Org, "start": trail.Start, "end": trail.End})
	if err != nil {
		return nil, fmt.Errorf("report %s %s: monthly series: %w", req.Org, p.Key, err)
	}
	monthly := map[string]map[time.Time]totalRow{}
	for _, row := range res.Rows {
		k := row[0].(string) + "\x00" + row[1].(string)
		if monthly[k] == nil {
			monthly[k] = map[time.Time]totalRow{}
		}
		monthly[k][row[2].(time.Time)] = totalRow{total: row[3].(float64), last: row[4].(float64)}
	}
	for _, k := range shown {
		stock := isStock(k.metric)
		s := reports.MonthlySeries{Platform: k.platform, Metric: k.metric, Label: labels.MetricLabel(k.metric)}
		for m := trail.Start; m.Before(trail.End); m = m.AddDate(0, 1, 0) {
			pt := reports.MonthPoint{Month: m}
			if v, ok := monthly[k.platform+"\x00"+k.metric][m]; ok {
				val := v.total
				if stock {
					val = v.last
				}
				pt.Value = &val
			}
			s.Points = append(s.Points, pt)
		}
		r.Monthly = append(r.Monthly, s)
	}

	res, err = wh.Query(ctx, stmts["queries/coverage.sql"], warehouse.Params{"org": req.Org, "start": p.Start, "end": p.End})
	if err != nil {
		return nil, fmt.Errorf("report %s %s: coverage: %w", req.Org, p.Key, err)
	}
	for _, row := range res.Rows {
		r.Coverage = append(r.Coverage, reports.Coverage{
			Platform: row[0].(string), Account: row[1].(string),
			DaysWithData: int(row[2].(uint64)), DaysInPeriod: p.Days(), LastDate: row[3].(time.Time),
		})
	}

	// Goals: written to the warehouse and measured by sql/goals, the same statements
	// analysts run.
	if req.Goals != nil {
		g, err := goals.Evaluate(ctx, wh, req.Goals, p, req.Now)
		if err != nil {
			return nil, fmt.Errorf("report %s %s: goals: %w", req.Org, p.Key, err)
		}
		r.Goals = g
	}
	// The goal KPIs month by month, measured once for the workbook's and the dashboard's
	// figures alike.
	var gm *goalMonths
	if r.Goals != nil {
		gm = newGoalMonths(wh, req.Org, r.Goals)
	}
	if err := addDetail(ctx, wh, req, r, gm); err != nil {
		return nil, err
	}

	// The organisation's saved queries: each becomes a sheet and a dashboard table.
	if req.QueriesDir != "" {
		tables, err := analyst.RunSaved(ctx, wh, req.QueriesDir, warehouse.Params{"org": req.Org, "start": p.Start, "end": p.End})
		if err != nil {
			return nil, fmt.Errorf("report %s %s: %w", req.Org, p.Key, err)
		}
		r.Tables = tables
	}
	return withInsights(ctx, wh, req, r, gm)
}

type totalRow struct{ total, last float64 }

func pick(m map[string]totalRow, k string, stock bool) *float64 {
	v, ok := m[k]
	if !ok {
		return nil
	}
	x := v.total
	if stock {
		x = v.last
	}
	return &x
}

func isStock(metric string) bool {
	for _, hm := range headlineMetrics {
		if hm.metric == metric {
			return hm.stock
		}
	}
	return false
}

func platformsOf(m map[string]totalRow) []string {
	set := map[string]bool{}
	for k := range m {
		for i := 0; i < len(k); i++ {
			if k[i] == 0 {
				set[k[:i]] = true
				break
			}
		}
	}
	return sortedKeys(set)
}

// named maps a result row by column name.
func named(res *warehouse.Result, row []any) map[string]any {
	m := make(map[string]any, len(row))
	for i, c := range res.Columns {
		m[c.Name] = row[i]
	}
	return m
}

// stringOf reads a text column; NULL is "".
func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

// optFloat reads a nullable number; NULL (and NaN or an infinity, which no figure should be)
// stays nil, never 0.
func optFloat(v any) *float64 {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case int64:
		f = float64(x)
	case uint64:
		f = float64(x)
	default:
		return nil
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

// intOf reads a count; NULL is 0.
func intOf(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case uint64:
		return int(x)
	case uint8:
		return int(x)
	case float64:
		return int(x)
	case bool:
		if x {
			return 1
		}
	}
	return 0
}

// WrittenReport lists the files a report run wrote.
type WrittenReport struct {
	Workbook  string
	Dashboard string
}

// WriteReport renders the model into dir as <org>-<period>.xlsx and .html, each written to a
// temporary file first and renamed, so a reader never sees half a report.
func WriteReport(ctx context.Context, r *reports.Report, dir string, formats []string) (WrittenReport, error) {
	var out WrittenReport
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return out, fmt.Errorf("report: %w", err)
	}
	sort.Strings(formats)
	for _, f := range formats {
		base := filepath.Join(dir, r.Org+"-"+r.Period.Key+"."+f)
		var err error
		switch f {
		case "xlsx":
			err = writeAtomically(base, func(w *os.File) error { return workbook.Write(ctx, w, r) })
			out.Workbook = base
		case "html":
			err = writeAtomically(base, func(w *os.File) error { return dashboard.Write(ctx, w, r) })
			out.Dashboard = base
		default:
			err = fmt.Errorf("unknown format %q (want xlsx or html)", f)
		}
		if err != nil {
			return out, fmt.Errorf("report %s: %w", base, err)
		}
	}
	return out, nil
}

func writeAtomically(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
