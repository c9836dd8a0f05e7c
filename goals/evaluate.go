package goals

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/goalpost/goalpost/reports"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
)

// Result is the goals section of the report model, as Evaluate computes it.
type Result = reports.GoalSection

// KPI values are computed over every day the warehouse can hold, so that any period can be
// read from kpi_daily afterwards.
var (
	allTimeStart = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	allTimeEnd   = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

var goalStatements = []string{
	"goals/next_version.sql",
	"goals/attainment.sql",
	"goals/milestones.sql",
	"goals/coverage.sql",
}

// KPIParams are the parameters every KPI query takes, for one organisation and period.
func KPIParams(org, timeZone string, start, end time.Time, platforms []string) warehouse.Params {
	if platforms == nil {
		platforms = []string{}
	}
	return warehouse.Params{"org": org, "start": start, "end": end, "platforms": platforms, "tz": timeZone}
}

// Sync writes the goals file to the warehouse (organisation, goals and targets, KPI
// definitions, baselines, milestones, benchmarks) and recomputes every KPI of the library day
// by day into kpi_daily, as one new snapshot. Run it after every ingest and before every
// report, so that sql/goals/attainment.sql gives analysts the numbers the reports show.
func Sync(ctx context.Context, wh warehouse.Engine, f *File, now time.Time) (uint64, error) {
	if f.Org == "" {
		return 0, fmt.Errorf("goals %s: no organisation id (set org in goalpost.yaml or --org)", f.Path)
	}
	stmts := sqlfiles.OrgStatements(goalStatements...)
	res, err := wh.Query(ctx, stmts["goals/next_version.sql"], warehouse.Params{"org": f.Org})
	if err != nil {
		return 0, fmt.Errorf("goals %s: %w", f.Org, err)
	}
	version := uint64(1)
	if len(res.Rows) == 1 {
		if v, ok := res.Rows[0][0].(uint64); ok {
			version = v + 1
		}
	}
	at := now.UTC().Truncate(time.Second)
	tz := f.Organisation.TimeZone

	o := f.Organisation
	lang := o.Language
	var kpiRows, baseRows, msRows, benchRows, defRows [][]any
	for gi, g := range f.Goals {
		for ki, gk := range g.KPIs {
			k, _ := f.Library.Get(gk.KPI)
			t := gk.Target
			typ, per, value := "", "", 0.0
			from, to := allTimeStart, allTimeEnd
			hasBase, base := uint8(0), 0.0
			if t != nil {
				typ, per, value = t.Type, t.Per, t.Value
				if !t.From.IsZero() {
					from = t.From
				}
				switch {
				case t.Type == TargetLevel:
					to = t.By
				case !t.Until.IsZero():
					to = t.Until
				}
				if t.Baseline != nil {
					hasBase, base = 1, *t.Baseline
				}
			}
			kpiRows = append(kpiRows, []any{
				f.Org, g.ID, uint32(gi), g.Category, goalName(g, lang), k.Name, uint32(ki), k.Kind, k.Unit, k.Label(lang),
				strings.Join(gk.Platforms, ","), typ, per, value, from, to, hasBase, base,
				uint8(o.FiscalYearStart), f.Thresholds.OnTrack, f.Thresholds.AtRisk, version, at,
			})
		}
	}
	for _, b := range f.Baselines {
		baseRows = append(baseRows, []any{f.Org, b.Platform, "followers", b.Date, b.Followers, version, at})
	}
	for mi, m := range f.Milestones {
		k, _ := f.Library.Get(m.KPI)
		since := allTimeStart
		if !m.Since.IsZero() {
			since = m.Since
		}
		for _, th := range m.Thresholds {
			msRows = append(msRows, []any{f.Org, uint32(mi), k.Name, k.Kind, strings.Join(m.Platforms, ","), th, since, m.Label, version, at})
		}
	}
	for _, b := range f.Benchmarks {
		benchRows = append(benchRows, []any{f.Org, b.KPI, b.Platform, b.Value, uint32(b.Year), b.Source, b.Definition, version, at})
	}
	for _, k := range f.Library.All() {
		defRows = append(defRows, []any{f.Org, k.Name, k.Kind, k.Unit, k.LabelEN, k.LabelFR, k.DescriptionEN, k.DescriptionFR, k.Origin, k.Query, version, at})
	}
	inserts := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"goal_kpis_log", []string{"org", "goal_id", "goal_position", "category", "goal_name", "kpi", "kpi_position", "kind", "unit", "kpi_label",
			"platforms_csv", "target_type", "target_per", "target_value", "target_from", "target_to", "has_baseline", "baseline_value",
			"fiscal_year_start", "on_track", "at_risk", "version", "written_at"}, kpiRows},
		{"goal_baselines_log", []string{"org", "platform", "metric", "date", "value", "version", "written_at"}, baseRows},
		{"goal_milestones_log", []string{"org", "milestone_position", "kpi", "kind", "platforms_csv", "threshold", "since_date", "label", "version", "written_at"}, msRows},
		{"goal_benchmarks_log", []string{"org", "kpi", "platform", "value", "year", "source", "definition", "version", "written_at"}, benchRows},
		{"kpi_definitions_log", []string{"org", "kpi", "kind", "unit", "label_en", "label_fr", "description_en", "description_fr", "origin", "query", "version", "written_at"}, defRows},
		{"goal_organisations_log", []string{"org", "name", "time_zone", "currency", "lang", "fiscal_year_start", "on_track", "at_risk", "goals_file", "version", "written_at"},
			[][]any{{f.Org, o.Name, o.TimeZone, o.Currency, o.Language, uint8(o.FiscalYearStart), f.Thresholds.OnTrack, f.Thresholds.AtRisk, f.Path, version, at}}},
	}
	for _, in := range inserts {
		if err := wh.Insert(ctx, in.table, in.cols, in.rows); err != nil {
			return 0, fmt.Errorf("goals %s: writing %s: %w", f.Org, in.table, err)
		}
	}
	// KPI values last: the followers KPI reads the baselines and the donation KPIs the
	// currency written above.
	var rows [][]any
	for _, k := range f.Library.All() {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		// A KPI is about one organisation ({org:String}), so it reads the views scoped to it.
		q, err := sqlfiles.ScopeToOrg(k.Query)
		if err != nil {
			return 0, fmt.Errorf("KPI %s (%s): %w", k.Name, k.Origin, err)
		}
		r, err := wh.Query(ctx, q, KPIParams(f.Org, tz, allTimeStart, allTimeEnd, nil))
		if err != nil {
			return 0, fmt.Errorf("KPI %s (%s): %w", k.Name, k.Origin, err)
		}
		idx, err := columns(r, "date", "platform", "numerator", "denominator")
		if err != nil {
			return 0, fmt.Errorf("KPI %s (%s): %w", k.Name, k.Origin, err)
		}
		for _, row := range r.Rows {
			num, okN := toFloat(row[idx[2]])
			den, okD := toFloat(row[idx[3]])
			d, okT := row[idx[0]].(time.Time)
			if !okN || !okD || !okT {
				return 0, fmt.Errorf("KPI %s (%s): want date Date, platform String, numerator and denominator numbers; got %v", k.Name, k.Origin, row)
			}
			rows = append(rows, []any{f.Org, k.Name, fmt.Sprint(row[idx[1]]), d, num, den, version, at})
		}
	}
	if err := wh.Insert(ctx, "kpi_daily_log", []string{"org", "kpi", "platform", "date", "numerator", "denominator", "version", "computed_at"}, rows); err != nil {
		return 0, fmt.Errorf("goals %s: writing KPI values: %w", f.Org, err)
	}

	return version, nil
}

func goalName(g Goal, lang string) string {
	if g.Name != "" {
		return g.Name
	}
	return CategoryLabel(g.Category, lang)
}

// AsOf is the first day of the period not yet elapsed at now, in the organisation's time zone:
// today while the period runs, its end once it is over, its start before it begins.
func AsOf(period reports.Period, now time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	l := now.In(loc)
	today := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case today.After(period.End):
		return period.End
	case today.Before(period.Start):
		return period.Start
	}
	return today
}

// Evaluate syncs the goals to the warehouse and measures them for period as of now: every
// goal KPI's actual, target, pace and status (sql/goals/attainment.sql), its values for the
// previous period, the same period last year and the trailing 13 months, the milestones
// (sql/goals/milestones.sql), source coverage (sql/goals/coverage.sql) and the definitions
// of the KPIs shown, in the goals file's language.
func Evaluate(ctx context.Context, wh warehouse.Engine, f *File, period reports.Period, now time.Time) (*Result, error) {
	if _, err := Sync(ctx, wh, f, now); err != nil {
		return nil, err
	}
	stmts := sqlfiles.OrgStatements(goalStatements...)
	lang := f.Organisation.Language
	asof := AsOf(period, now, f.Organisation.Location)
	out := &Result{AsOf: asof, Complete: !asof.Before(period.End), Currency: f.Organisation.Currency}

	attain := func(p reports.Period, asof time.Time) (map[[2]int]map[string]any, error) {
		res, err := wh.Query(ctx, stmts["goals/attainment.sql"], warehouse.Params{"org": f.Org, "start": p.Start, "end": p.End, "asof": asof})
		if err != nil {
			return nil, fmt.Errorf("attainment %s %s..%s: %w", f.Org, p.Start.Format("2006-01-02"), p.End.Format("2006-01-02"), err)
		}
		m := map[[2]int]map[string]any{}
		for _, row := range res.Rows {
			r := named(res, row)
			m[[2]int{toInt(r["goal_position"]), toInt(r["kpi_position"])}] = r
		}
		return m, nil
	}
	cur, err := attain(period, asof)
	if err != nil {
		return nil, err
	}
	months := period.Months()
	if months < 1 {
		months = 1
	}
	prevP := period.Shift(0, -months)
	prev, err := attain(prevP, minDate(prevP.End, asof))
	if err != nil {
		return nil, err
	}
	lyP := period.Shift(-1, 0)
	ly, err := attain(lyP, minDate(lyP.End, asof))
	if err != nil {
		return nil, err
	}
	lastMonth := time.Date(period.End.Year(), period.End.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !lastMonth.Before(period.End) {
		lastMonth = lastMonth.AddDate(0, -1, 0)
	}
	var trend []time.Time
	var trendVals []map[[2]int]map[string]any
	for m := lastMonth.AddDate(0, -12, 0); !m.After(lastMonth); m = m.AddDate(0, 1, 0) {
		mp := reports.Period{Start: m, End: m.AddDate(0, 1, 0)}
		if !asof.After(mp.Start) {
			trend = append(trend, m)
			trendVals = append(trendVals, nil)
			continue
		}
		v, err := attain(mp, minDate(mp.End, asof))
		if err != nil {
			return nil, err
		}
		trend = append(trend, m)
		trendVals = append(trendVals, v)
	}

	benchmarks := map[string][]reports.Benchmark{}
	for _, b := range f.Benchmarks {
		benchmarks[b.KPI] = append(benchmarks[b.KPI], reports.Benchmark(b))
	}
	shown := map[string]bool{}
	for gi, g := range f.Goals {
		rg := reports.Goal{ID: g.ID, Category: g.Category, CategoryLabel: CategoryLabel(g.Category, lang), Name: goalName(g, lang), Description: g.Description}
		for ki, gk := range g.KPIs {
			k, _ := f.Library.Get(gk.KPI)
			shown[k.Name] = true
			key := [2]int{gi, ki}
			r := cur[key]
			if r == nil {
				return nil, fmt.Errorf("attainment %s: no row for goal %s KPI %s", f.Org, g.ID, k.Name)
			}
			row := reports.GoalKPI{
				KPI: k.Name, Label: k.Label(lang), Kind: k.Kind, Unit: k.Unit, Platforms: gk.Platforms,
				TargetText:  TargetText(gk.Target, k.Unit, f.Organisation.Currency, lang),
				Actual:      optFloat(r["actual"]),
				PeriodValue: optFloat(r["period_value"]),
				Target:      optFloat(r["target"]),
				PaceTarget:  optFloat(r["pace_target"]),
				Baseline:    optFloat(r["baseline"]),
				Attainment:  optFloat(r["attainment"]),
				Pace:        optFloat(r["pace"]),
				Status:      fmt.Sprint(r["status"]),
				Benchmarks:  benchmarks[k.Name],
			}
			if gk.Target != nil {
				row.TargetType, row.TargetPer = gk.Target.Type, gk.Target.Per
			}
			row.StatusLabel = StatusLabel(row.Status, lang)
			row.Numerator, _ = toFloat(r["numerator"])
			row.Denominator, _ = toFloat(r["denominator"])
			row.DaysWithData = toInt(r["days_with_data"])
			if d, ok := r["last_date"].(time.Time); ok {
				row.LastDate = &d
			}
			if p := prev[key]; p != nil {
				row.Previous = optFloat(p["period_value"])
			}
			if p := ly[key]; p != nil {
				row.LastYear = optFloat(p["period_value"])
			}
			for i, m := range trend {
				pt := reports.MonthPoint{Month: m}
				if trendVals[i] != nil {
					if p := trendVals[i][key]; p != nil {
						pt.Value = optFloat(p["period_value"])
					}
				}
				row.Trend = append(row.Trend, pt)
			}
			rg.KPIs = append(rg.KPIs, row)
		}
		out.Goals = append(out.Goals, rg)
	}

	res, err := wh.Query(ctx, stmts["goals/milestones.sql"], warehouse.Params{"org": f.Org, "start": period.Start, "end": minDate(period.End, asof)})
	if err != nil {
		return nil, fmt.Errorf("milestones %s: %w", f.Org, err)
	}
	for _, row := range res.Rows {
		r := named(res, row)
		mi := toInt(r["milestone_position"])
		m := f.Milestones[mi]
		k, _ := f.Library.Get(m.KPI)
		th, _ := toFloat(r["threshold"])
		label := m.Label
		if label == "" {
			label = k.Label(lang)
		}
		ms := reports.Milestone{
			KPI: k.Name, Label: label, Platforms: m.Platforms, Threshold: th,
			Status: fmt.Sprint(r["status"]), InPeriod: toInt(r["in_period"]) == 1 || r["in_period"] == true,
			Latest: optFloat(r["latest_value"]),
		}
		ms.StatusLabel = StatusLabel(ms.Status, lang)
		if d, ok := r["crossed_on"].(time.Time); ok {
			ms.CrossedOn = &d
		}
		if d, ok := r["latest_date"].(time.Time); ok {
			ms.LatestDate = &d
		}
		out.Milestones = append(out.Milestones, ms)
	}

	res, err = wh.Query(ctx, stmts["goals/coverage.sql"], warehouse.Params{"org": f.Org, "start": period.Start, "end": period.End, "asof": asof})
	if err != nil {
		return nil, fmt.Errorf("coverage %s: %w", f.Org, err)
	}
	for _, row := range res.Rows {
		r := named(res, row)
		c := reports.SourceCoverage{
			Kind: fmt.Sprint(r["source_kind"]), Platform: fmt.Sprint(r["platform"]), Source: fmt.Sprint(r["source"]),
			DaysWithData: toInt(r["days_with_data"]), DaysExpected: toInt(r["days_expected"]),
		}
		for _, s := range strings.Split(fmt.Sprint(r["missing_list"]), ",") {
			if d, err := time.Parse("2006-01-02", s); err == nil {
				c.MissingDays = append(c.MissingDays, d)
			}
		}
		if d, ok := r["last_seen"].(time.Time); ok {
			c.LastSeen = &d
		}
		out.Sources = append(out.Sources, c)
	}

	var names []string
	for n := range shown {
		names = append(names, n)
	}
	for _, m := range f.Milestones {
		if !shown[m.KPI] {
			shown[m.KPI] = true
			names = append(names, m.KPI)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		k, _ := f.Library.Get(n)
		out.Definitions = append(out.Definitions, reports.KPIDefinition{
			KPI: k.Name, Label: k.Label(lang), Kind: k.Kind, Unit: k.Unit, Description: k.Description(lang),
			Origin: k.Origin, Benchmarks: benchmarks[k.Name],
		})
	}
	return out, nil
}

func minDate(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// columns finds the named columns of a result.
func columns(r *warehouse.Result, names ...string) ([]int, error) {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = -1
		for j, c := range r.Columns {
			if c.Name == n {
				out[i] = j
			}
		}
		if out[i] < 0 {
			return nil, fmt.Errorf("the query returns no column %q (want date, platform, numerator, denominator)", n)
		}
	}
	return out, nil
}

func named(r *warehouse.Result, row []any) map[string]any {
	m := make(map[string]any, len(row))
	for i, c := range r.Columns {
		m[c.Name] = row[i]
	}
	return m
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case int:
		return float64(x), true
	}
	return 0, false
}

func optFloat(v any) *float64 {
	f, ok := toFloat(v)
	if !ok {
		return nil
	}
	return &f
}

func toInt(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case uint64:
		return int(x)
	case bool:
		if x {
			return 1
		}
		return 0
	case float64:
		return int(x)
	}
	return 0
}
