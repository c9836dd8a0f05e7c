package pipeline

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/reports"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
)

var workbookStatements = []string{
	"queries/workbook_platform_monthly.sql",
	"queries/workbook_post_ranking.sql",
	"queries/workbook_content_types.sql",
	"queries/workbook_files.sql",
	"queries/workbook_daily.sql",
}

// trailingMonths is how many months the detail series cover, ending with the period's last.
const trailingMonths = 13

// dailyMonthsPerQuery is how many months of the daily table one statement reads.
const dailyMonthsPerQuery = 12

// addDetail computes the report's detail tables (reports.Detail) into r, from the SQL in
// sql/queries/workbook_*.sql and, for the goals month by month, the months of gm
// (sql/goals/attainment.sql over the goals that BuildReport has just synced; nil without
// goals). It computes no figure itself.
func addDetail(ctx context.Context, wh warehouse.Engine, req ReportRequest, r *reports.Report, gm *goalMonths) error {
	stmts := sqlfiles.OrgStatements(workbookStatements...)
	q := func(name string, params warehouse.Params) (*warehouse.Result, error) {
		res, err := wh.Query(ctx, stmts[name], params)
		if err != nil {
			return nil, fmt.Errorf("report %s %s: %s: %w", req.Org, req.Period.Key, name, err)
		}
		return res, nil
	}
	loc := req.Location
	if loc == nil {
		loc = time.UTC
	}
	p := req.Period
	d := &reports.Detail{MinReachForRate: reports.MinReachForRate}

	// The trailing months end with the period's last month.
	lastMonth := time.Date(p.End.Year(), p.End.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !lastMonth.Before(p.End) {
		lastMonth = lastMonth.AddDate(0, -1, 0)
	}
	firstMonth := lastMonth.AddDate(0, 1-trailingMonths, 0)
	trailEnd := lastMonth.AddDate(0, 1, 0)

	if r.Goals != nil && gm != nil {
		if err := addGoalMonths(ctx, gm, req.Lang, r.Goals, d, firstMonth); err != nil {
			return fmt.Errorf("report %s %s: goal months: %w", req.Org, p.Key, err)
		}
	}

	// Platforms month by month.
	res, err := q("queries/workbook_platform_monthly.sql", warehouse.Params{
		"org": req.Org, "start": firstMonth, "end": trailEnd, "tz": loc.String()})
	if err != nil {
		return err
	}
	labels, err := reports.LabelsFor(req.Lang)
	if err != nil {
		return err
	}
	byPlatform := map[string]map[time.Time]*reports.PlatformMonth{}
	for _, row := range res.Rows {
		c := named(res, row)
		pl, month, measure := stringOf(c["platform"]), c["month"].(time.Time), stringOf(c["measure"])
		if byPlatform[pl] == nil {
			byPlatform[pl] = map[time.Time]*reports.PlatformMonth{}
		}
		pm := byPlatform[pl][month]
		if pm == nil {
			pm = &reports.PlatformMonth{Month: month}
			byPlatform[pl][month] = pm
		}
		v := optFloat(c["value"])
		switch measure {
		case "followers":
			pm.Followers = v
		case "followers_total":
			if pm.Followers == nil { // the followers KPI already reads the platform's total
				pm.Followers = v
			}
		case "followers_new":
			pm.FollowersNew = v
		case "reach":
			pm.Reach = v
		case "impressions":
			pm.Impressions = v
		case "views":
			pm.Views = v
		case "engagements":
			pm.Engagements = v
		case "engagement_rate":
			pm.EngagementRate = v
		case "posts":
			pm.Posts = v
		case "link_clicks":
			pm.LinkClicks = v
		case "sessions":
			pm.Sessions = v
		case "users":
			pm.Users = v
		case "new_users":
			pm.NewUsers = v
		}
	}
	for _, pl := range sortedKeysOf(byPlatform) {
		ps := reports.PlatformMonths{Platform: pl, Label: labels.PlatformLabel(pl)}
		for m := firstMonth; m.Before(trailEnd); m = m.AddDate(0, 1, 0) {
			if pm := byPlatform[pl][m]; pm != nil {
				ps.Months = append(ps.Months, *pm)
			} else {
				ps.Months = append(ps.Months, reports.PlatformMonth{Month: m})
			}
		}
		d.Platforms = append(d.Platforms, ps)
	}

	// Posts are timestamped in UTC; the period is in the organisation's calendar.
	startUTC := time.Date(p.Start.Year(), p.Start.Month(), p.Start.Day(), 0, 0, 0, 0, loc).UTC()
	endUTC := time.Date(p.End.Year(), p.End.Month(), p.End.Day(), 0, 0, 0, 0, loc).UTC()
	res, err = q("queries/workbook_post_ranking.sql", warehouse.Params{
		"org": req.Org, "start": startUTC, "end": endUTC, "min_reach": float64(reports.MinReachForRate)})
	if err != nil {
		return err
	}
	for _, row := range res.Rows {
		c := named(res, row)
		post := reports.RankedPost{
			Platform: stringOf(c["platform"]), Account: stringOf(c["account"]), PostID: stringOf(c["post_id"]),
			PublishedAt: c["published_at"].(time.Time), Type: stringOf(c["type"]), Title: stringOf(c["title"]),
			Permalink: stringOf(c["permalink"]), Reach: optFloat(c["reach"]), Engagements: optFloat(c["engagements"]),
			EngagementRate: optFloat(c["engagement_rate"]),
		}
		switch c["ranking"] {
		case "rate":
			d.TopByEngagementRate = append(d.TopByEngagementRate, post)
		case "reach":
			d.TopByReach = append(d.TopByReach, post)
		}
	}

	res, err = q("queries/workbook_content_types.sql", warehouse.Params{"org": req.Org, "start": startUTC, "end": endUTC})
	if err != nil {
		return err
	}
	for _, row := range res.Rows {
		c := named(res, row)
		d.ContentTypes = append(d.ContentTypes, reports.ContentType{
			Platform: stringOf(c["platform"]), Account: stringOf(c["account"]), Type: stringOf(c["type"]),
			Posts: intOf(c["posts"]), AvgReach: optFloat(c["avg_reach"]), AvgEngagements: optFloat(c["avg_engagements"]),
			EngagementRate: optFloat(c["engagement_rate"]), AccountPosts: intOf(c["account_posts"]),
			AccountAvgEngagements: optFloat(c["account_avg_engagements"]),
			AccountEngagementRate: optFloat(c["account_engagement_rate"]), VsAccount: optFloat(c["vs_account"]),
		})
	}
	d.WhatWorked = whatWorked(d)

	res, err = q("queries/workbook_files.sql", warehouse.Params{"org": req.Org, "start": p.Start, "end": p.End})
	if err != nil {
		return err
	}
	for _, row := range res.Rows {
		c := named(res, row)
		f := reports.IngestedFile{
			ID: stringOf(c["file_id"]), Name: stringOf(c["name"]), Connector: stringOf(c["connector"]),
			Status: stringOf(c["status"]), Rows: intOf(c["rows"]), Skipped: intOf(c["skipped"]), Error: stringOf(c["error"]),
		}
		f.FirstDay, _ = c["date_min"].(time.Time)
		f.LastDay, _ = c["date_max"].(time.Time)
		f.IngestedAt, _ = c["ingested_at"].(time.Time)
		d.Files = append(d.Files, f)
	}

	// The tidy daily data over the trailing months and the period, a year per query so that
	// no result holds more than a year; strings are shared between rows. (A month per query
	// cost 14 statements of 20-50 ms each on the embedded engine, a sixth of a report's time:
	// docs/performance.md, step 17.)
	start := firstMonth
	if p.Start.Before(start) {
		start = p.Start
	}
	d.Daily = reports.DailyTable{Start: start, End: p.End}
	if trailEnd.After(d.Daily.End) {
		d.Daily.End = trailEnd
	}
	intern := map[string]string{}
	str := func(v any) string {
		s := stringOf(v)
		if t, ok := intern[s]; ok {
			return t
		}
		intern[s] = s
		return s
	}
	for m := start; m.Before(d.Daily.End); m = m.AddDate(0, dailyMonthsPerQuery, 0) {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := m.AddDate(0, dailyMonthsPerQuery, 0)
		if end.After(d.Daily.End) {
			end = d.Daily.End
		}
		res, err := q("queries/workbook_daily.sql", warehouse.Params{"org": req.Org, "start": m, "end": end})
		if err != nil {
			return err
		}
		for _, row := range res.Rows {
			v, _ := row[5].(float64)
			d.Daily.Rows = append(d.Daily.Rows, reports.DailyRow{
				Date: row[0].(time.Time), Platform: str(row[1]), Account: str(row[2]), Metric: str(row[3]),
				Dimension: str(row[4]), Value: v,
			})
		}
	}
	r.Detail = d
	return nil
}

// addGoalMonths reads every goal KPI month by month from gm, measured by
// sql/goals/attainment.sql, the statement that measures the period, so a month's figures are
// the ones a report for that month shows.
func addGoalMonths(ctx context.Context, gm *goalMonths, lang string, g *reports.GoalSection, d *reports.Detail, firstMonth time.Time) error {
	months := map[goalKPI][]reports.GoalMonth{}
	for i := 0; i < trailingMonths; i++ {
		m := firstMonth.AddDate(0, i, 0)
		rows, err := gm.month(ctx, m)
		if err != nil {
			return err
		}
		for gi, goal := range g.Goals {
			for ki := range goal.KPIs {
				k := goalKPI{gi, ki}
				month := reports.GoalMonth{Month: m}
				if c := rows[k]; c != nil {
					month.Actual, month.Target, month.Attained = optFloat(c["actual"]), optFloat(c["pace_target"]), optFloat(c["pace"])
					month.Status = stringOf(c["status"])
				}
				if month.Status != "" {
					month.StatusLabel = goals.StatusLabel(month.Status, lang)
				}
				months[k] = append(months[k], month)
			}
		}
	}
	for gi, goal := range g.Goals {
		for ki := range goal.KPIs {
			d.GoalMonths = append(d.GoalMonths, reports.GoalKPIMonths{Goal: gi, KPI: ki, Months: months[goalKPI{gi, ki}]})
		}
	}
	return nil
}

// whatWorked picks the Summary's "what worked": the content type with the highest
// engagements per post against its account's average (at least MinPostsForWhatWorked posts,
// and above that average), and the post with the highest engagement rate.
func whatWorked(d *reports.Detail) reports.WhatWorked {
	var w reports.WhatWorked
	for i := range d.ContentTypes {
		c := d.ContentTypes[i]
		if c.Posts < reports.MinPostsForWhatWorked || c.VsAccount == nil || *c.VsAccount <= 1 {
			continue
		}
		if w.BestType == nil || *c.VsAccount > *w.BestType.VsAccount {
			w.BestType = &c
		}
	}
	if len(d.TopByEngagementRate) > 0 {
		p := d.TopByEngagementRate[0]
		w.BestPost = &p
	}
	return w
}

func sortedKeysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
