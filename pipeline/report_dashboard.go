package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/goalpost/goalpost/reports"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
)

var dashboardStatements = []string{
	"queries/dashboard_kpi_first_day.sql",
	"queries/dashboard_kpi_platform_months.sql",
	"queries/dashboard_posting_times.sql",
	"queries/dashboard_donation_sources.sql",
	"queries/dashboard_signup_channels.sql",
}

// platformKPIs are the goal KPIs the dashboard compares platform by platform, from the
// latest goals run; reach and engagements come from the daily metrics (Report.Monthly).
var platformKPIs = []string{"followers"}

// withInsights adds the dashboard's further figures (reports.Insights) to r, all from SQL:
// goal KPIs' monthly targets and last year's values (the months of gm, measured by
// sql/goals/attainment.sql, the statement the goals section comes from), followers by
// platform, posting times, and gifts and sign-ups by source (sql/queries/dashboard_*.sql).
// Content by type and the top posts are the Detail's (addDetail), shown by both renderings.
func withInsights(ctx context.Context, wh warehouse.Engine, req ReportRequest, r *reports.Report, gm *goalMonths) (*reports.Report, error) {
	stmts := sqlfiles.OrgStatements(dashboardStatements...)
	loc := r.Zone()
	p := req.Period
	in := &reports.Insights{}
	fail := func(what string, err error) (*reports.Report, error) {
		return nil, fmt.Errorf("report %s %s: %s: %w", req.Org, p.Key, what, err)
	}
	local := warehouse.Params{"org": req.Org, "start": p.Start, "end": p.End, "tz": loc.String()}

	if req.Goals != nil && r.Goals != nil && gm != nil {
		res, err := wh.Query(ctx, stmts["queries/dashboard_kpi_first_day.sql"], warehouse.Params{"org": req.Org})
		if err != nil {
			return fail("goal trends", err)
		}
		var first time.Time // the first day with KPI values; zero when there are none
		if len(res.Rows) == 1 && intOf(res.Rows[0][1]) > 0 {
			first, _ = res.Rows[0][0].(time.Time)
		}
		if err := goalTrends(ctx, gm, first, r.Goals, in); err != nil {
			return fail("goal trends", err)
		}
		trail := warehouse.Params{"org": req.Org, "start": p.End.AddDate(0, -13, 0), "end": p.End, "kpis": platformKPIs}
		res, err = wh.Query(ctx, stmts["queries/dashboard_kpi_platform_months.sql"], trail)
		if err != nil {
			return fail("platforms", err)
		}
		for _, row := range res.Rows {
			kpi, platform := row[0].(string), row[1].(string)
			n := len(in.Platforms)
			if n == 0 || in.Platforms[n-1].KPI != kpi || in.Platforms[n-1].Platform != platform {
				s := reports.PlatformSeries{KPI: kpi, Label: kpi, Platform: platform}
				if k, ok := req.Goals.Library.Get(kpi); ok {
					s.Label, s.Unit = k.Label(r.Lang), k.Unit
				}
				in.Platforms = append(in.Platforms, s)
				n++
			}
			in.Platforms[n-1].Points = append(in.Platforms[n-1].Points, reports.MonthPoint{Month: row[2].(time.Time), Value: optFloat(row[3])})
		}
	}

	// When to post: a single month holds too few posts per hour of the week, so the
	// heatmap covers the trailing year (or the period, when that is longer).
	in.PostingFrom, in.PostingTo = p.End.AddDate(-1, 0, 0), p.End
	if p.Start.Before(in.PostingFrom) {
		in.PostingFrom = p.Start
	}
	res, err := wh.Query(ctx, stmts["queries/dashboard_posting_times.sql"], warehouse.Params{"org": req.Org, "start": in.PostingFrom, "end": in.PostingTo, "tz": loc.String()})
	if err != nil {
		return fail("posting times", err)
	}
	for _, row := range res.Rows {
		t := reports.PostingTime{Weekday: intOf(row[0]), Hour: intOf(row[1]), Posts: intOf(row[2])}
		if v := optFloat(row[3]); v != nil {
			t.Index = *v
		}
		if v := optFloat(row[4]); v != nil {
			t.AvgEngagements = *v
		}
		in.PostingTimes = append(in.PostingTimes, t)
	}

	res, err = wh.Query(ctx, stmts["queries/dashboard_donation_sources.sql"], local)
	if err != nil {
		return fail("donation sources", err)
	}
	for _, row := range res.Rows {
		amount, _ := row[4].(float64)
		in.Donations = append(in.Donations, reports.DonationSource{
			Source: row[0].(string), Medium: row[1].(string), Currency: row[2].(string), Gifts: intOf(row[3]), Amount: amount,
		})
	}

	res, err = wh.Query(ctx, stmts["queries/dashboard_signup_channels.sql"], local)
	if err != nil {
		return fail("sign-up channels", err)
	}
	for _, row := range res.Rows {
		in.Signups = append(in.Signups, reports.SignupChannel{Kind: row[0].(string), Channel: row[1].(string), Signups: intOf(row[2])})
	}

	r.Insights = in
	return r, nil
}

// goalTrends reads from gm, measured by the statement the goals section is measured by, each
// month of the goal KPIs' trends and the 12 months before: the months' targets and last
// year's values. Months that end before first (the first day with KPI values) hold no values
// and are not measured for last year's values.
func goalTrends(ctx context.Context, gm *goalMonths, first time.Time, g *reports.GoalSection, in *reports.Insights) error {
	var months []time.Time
	for _, goal := range g.Goals {
		for _, k := range goal.KPIs {
			if len(k.Trend) > len(months) {
				months = nil
				for _, pt := range k.Trend {
					months = append(months, pt.Month)
				}
			}
		}
	}
	if len(months) == 0 {
		return nil
	}
	targets := make([]map[goalKPI]map[string]any, len(months))
	lastYear := make([]map[goalKPI]map[string]any, len(months))
	for i, m := range months {
		var err error
		if targets[i], err = gm.month(ctx, m); err != nil {
			return err
		}
		ly := m.AddDate(-1, 0, 0)
		if first.IsZero() || !ly.AddDate(0, 1, 0).After(first) {
			continue // before the first value: no value to read
		}
		if lastYear[i], err = gm.month(ctx, ly); err != nil {
			return err
		}
	}
	for gi, goal := range g.Goals {
		for ki := range goal.KPIs {
			k := goalKPI{gi, ki}
			t := reports.GoalTrend{Goal: gi, KPI: ki}
			for i, m := range months {
				target := reports.MonthPoint{Month: m}
				if r := targets[i][k]; r != nil {
					target.Value = monthTarget(r)
				}
				t.Targets = append(t.Targets, target)
				ly := reports.MonthPoint{Month: m.AddDate(-1, 0, 0)}
				if r := lastYear[i][k]; r != nil {
					ly.Value = optFloat(r["period_value"])
				}
				t.LastYear = append(t.LastYear, ly)
			}
			in.GoalTrends = append(in.GoalTrends, t)
		}
	}
	return nil
}

// monthTarget is the target a month's value is read against on a trend chart: a rate
// target's share of the month, a ratio's value, and for a stock's level target where the
// straight line stood at the month's end. A level target of a flow is a running total,
// which a month's value cannot be read against: none.
func monthTarget(r map[string]any) *float64 {
	switch r["target_type"] {
	case "rate":
		if v := optFloat(r["target"]); v != nil && *v != 0 {
			return v
		}
	case "value":
		return optFloat(r["target"])
	case "level":
		if r["kind"] == "stock" {
			return optFloat(r["pace_target"])
		}
	}
	return nil
}
