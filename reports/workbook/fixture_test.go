package workbook

import (
	"time"

	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/reports/reportstest"
)

func fp(v float64) *float64 { return &v }

func utcDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// fullSample is reportstest.Sample (whose detail holds the post rankings) with goals and the
// rest of the workbook's detail: two goals (counts,
// a rate, an amount), every status, gaps (nil values, missing days) and export text that tries
// to become code in every place export text reaches (titles, accounts, file names, types).
func fullSample(lang string) *reports.Report {
	r := reportstest.Sample(lang)
	hostile := reportstest.HostileTitles
	trend := func(base, step float64, gap int) []reports.MonthPoint {
		var out []reports.MonthPoint
		for i := 0; i < 13; i++ {
			p := reports.MonthPoint{Month: utcDay(2024, 10, 1).AddDate(0, i, 0), Value: fp(base + step*float64(i))}
			if i == gap {
				p.Value = nil
			}
			out = append(out, p)
		}
		return out
	}
	r.Goals = &reports.GoalSection{
		AsOf: utcDay(2025, 11, 1), Complete: true, Currency: "EUR",
		Goals: []reports.Goal{
			{ID: "awareness", Category: "awareness", CategoryLabel: "Awareness", Name: "Grow our audience: [2025/26]",
				Description: "More people hear of us", KPIs: []reports.GoalKPI{
					{KPI: "reach", Label: "Reach", Kind: "flow", Unit: "count", Platforms: []string{"facebook", "instagram"},
						TargetType: "rate", TargetPer: "month", TargetText: "15,000 per month",
						Actual: fp(16200), PeriodValue: fp(16200), Target: fp(15000), PaceTarget: fp(15000),
						Attainment: fp(1.08), Pace: fp(1.08), Status: "on_track", StatusLabel: "On track",
						Previous: fp(14000), LastYear: fp(12000), Trend: trend(10000, 500, 4)},
					{KPI: "engagement_rate_reach", Label: "Engagement rate", Kind: "ratio", Unit: "percent",
						TargetType: "value", TargetText: "5 %",
						Actual: fp(0.042), PeriodValue: fp(0.042), Numerator: 680, Denominator: 16200, Target: fp(0.05), PaceTarget: fp(0.05),
						Attainment: fp(0.84), Pace: fp(0.84), Status: "at_risk", StatusLabel: "At risk",
						Previous: fp(0.05), LastYear: nil, Trend: trend(0.04, 0.001, -1)},
				}},
			{ID: "fundraising", Category: "donations", CategoryLabel: "Donations", Name: `=HYPERLINK("http://evil.example","x")`,
				KPIs: []reports.GoalKPI{
					{KPI: "donations_amount", Label: "Donations", Kind: "flow", Unit: "currency", TargetType: "rate", TargetPer: "year",
						TargetText: "240,000 EUR per year", Actual: fp(12000.5), PeriodValue: fp(12000.5), Target: fp(20000),
						PaceTarget: fp(20000), Attainment: fp(0.6000025), Pace: fp(0.6000025), Status: "off_track", StatusLabel: "Off track",
						Previous: fp(0), LastYear: fp(10000), Trend: trend(9000, 250, -1)},
				}},
		},
		Milestones: []reports.Milestone{
			{KPI: "followers", Label: "Followers", Platforms: []string{"facebook"}, Threshold: 5000, Status: "reached",
				StatusLabel: "Reached", CrossedOn: ptime(utcDay(2025, 10, 12)), InPeriod: true, Latest: fp(5012), LatestDate: ptime(utcDay(2025, 10, 31))},
			{KPI: "followers", Label: hostile[2], Threshold: 10000, Status: "not_yet", StatusLabel: "Not yet", Latest: fp(5012)},
		},
		Sources: []reports.SourceCoverage{
			{Kind: "daily", Platform: "facebook", Source: "Les Amis du Fleuve", DaysWithData: 31, DaysExpected: 31, LastSeen: ptime(utcDay(2025, 10, 31))},
			{Kind: "daily", Platform: "instagram", Source: hostile[1], DaysWithData: 27, DaysExpected: 31,
				MissingDays: []time.Time{utcDay(2025, 10, 3), utcDay(2025, 10, 4), utcDay(2025, 10, 5), utcDay(2025, 10, 9)}, LastSeen: ptime(utcDay(2025, 10, 31))},
			{Kind: "files", Source: "mailchimp-campaigns", DaysWithData: 0, DaysExpected: 31},
		},
		Definitions: []reports.KPIDefinition{
			{KPI: "engagement_rate_reach", Label: "Engagement rate", Kind: "ratio", Unit: "percent", Description: "Engagements divided by reach.",
				Origin: "builtin", Benchmarks: []reports.Benchmark{{KPI: "engagement_rate_reach", Platform: "facebook", Value: 0.05, Year: 2025, Source: hostile[0], Definition: "Illustrative"}}},
			{KPI: "reach", Label: "Reach", Kind: "flow", Unit: "count", Description: "Daily reach added up.", Origin: "builtin"},
		},
	}
	d := r.Detail // Sample's rankings, with their hostile titles, accounts and types
	for gi, g := range r.Goals.Goals {
		for ki, k := range g.KPIs {
			m := reports.GoalKPIMonths{Goal: gi, KPI: ki}
			for i, p := range k.Trend {
				gm := reports.GoalMonth{Month: p.Month, Actual: p.Value, Target: k.Target}
				if p.Value != nil && k.Target != nil {
					gm.Attained = fp(*p.Value / *k.Target)
				}
				if i == 0 {
					gm.Target = nil // before the target started
				}
				m.Months = append(m.Months, gm)
			}
			d.GoalMonths = append(d.GoalMonths, m)
		}
	}
	for _, pl := range []string{"facebook", "instagram"} {
		ps := reports.PlatformMonths{Platform: pl, Label: map[string]string{"facebook": "Facebook", "instagram": "Instagram"}[pl]}
		for i := 0; i < 13; i++ {
			pm := reports.PlatformMonth{Month: utcDay(2024, 10, 1).AddDate(0, i, 0), Followers: fp(4000 + float64(i*60)),
				Reach: fp(9000 + float64(i*100)), Engagements: fp(400), EngagementRate: fp(400 / (9000 + float64(i*100))), Posts: fp(20)}
			if i == 3 {
				pm.Reach, pm.EngagementRate = nil, nil
			}
			ps.Months = append(ps.Months, pm)
		}
		d.Platforms = append(d.Platforms, ps)
	}
	d.ContentTypes = []reports.ContentType{
		{Platform: "facebook", Account: "Les Amis du Fleuve", Type: "photo", Posts: 12, AvgReach: fp(469.5), AvgEngagements: fp(21.8),
			EngagementRate: fp(0.0465), AccountPosts: 20, AccountAvgEngagements: fp(17.4), AccountEngagementRate: fp(0.0416), VsAccount: fp(1.2547892720306513)},
		{Platform: "facebook", Account: "Les Amis du Fleuve", Type: hostile[4], Posts: 2, AccountPosts: 20, AccountAvgEngagements: fp(17.4)},
	}
	d.WhatWorked = reports.WhatWorked{BestType: &d.ContentTypes[0], BestPost: &d.TopByEngagementRate[0]}
	d.Files = []reports.IngestedFile{
		{ID: "0123456789ab", Name: hostile[0] + ".csv", Connector: "meta-posts", Status: "loaded", Rows: 120, FirstDay: utcDay(2025, 10, 1),
			LastDay: utcDay(2025, 10, 31), IngestedAt: time.Date(2025, 11, 1, 9, 0, 0, 0, time.UTC)},
		{ID: "ba9876543210", Name: "bad.csv", Connector: "ga4", Status: "rejected", Error: "bad.csv:3:2: column \"Sessions\": invalid integer"},
	}
	d.Daily = reports.DailyTable{Start: utcDay(2024, 10, 1), End: utcDay(2025, 11, 1)}
	for i := 0; i < 40; i++ {
		d.Daily.Rows = append(d.Daily.Rows, reports.DailyRow{Date: utcDay(2025, 10, 1).AddDate(0, 0, i%31), Platform: "facebook",
			Account: hostile[i%len(hostile)], Metric: "reach", Dimension: []string{"", hostile[1]}[i%2], Value: float64(100 + i)})
	}
	r.Detail = d
	return r
}

func ptime(t time.Time) *time.Time { return &t }
