package dashboard

import (
	"time"

	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/reports/reportstest"
)

func fp(v float64) *float64 { return &v }

// full is reportstest.Sample with every section of the dashboard filled: goals (every
// status, a level target with its pace, a goal without data), milestones, source coverage,
// definitions and the insights, so each chart kind is drawn.
func full(lang string) *reports.Report {
	r := reportstest.Sample(lang)
	months := func(start time.Time, vals ...float64) []reports.MonthPoint {
		var out []reports.MonthPoint
		for i := 0; i < 13; i++ {
			p := reports.MonthPoint{Month: start.AddDate(0, i, 0)}
			if i < len(vals) {
				if v := vals[i]; !(v < 0) {
					p.Value = fp(v)
				}
			}
			out = append(out, p)
		}
		return out
	}
	first := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	series := func(base, step float64) []float64 {
		var v []float64
		for i := 0; i < 13; i++ {
			v = append(v, base+step*float64(i%5)+float64(i)*step/3)
		}
		return v
	}
	last := time.Date(2025, 10, 31, 0, 0, 0, 0, time.UTC)
	r.Goals = &reports.GoalSection{
		AsOf: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), Complete: true, Currency: "EUR",
		Goals: []reports.Goal{
			{ID: "reach", Category: "awareness", CategoryLabel: "Awareness", Name: "Grow our audience", Description: "More people hear about the river.",
				KPIs: []reports.GoalKPI{
					{KPI: "reach", Label: "Reach", Kind: "flow", Unit: "count", TargetType: "rate", TargetPer: "month", TargetText: "100,000 per month",
						Actual: fp(123456.5), PeriodValue: fp(123456.5), Target: fp(100000), PaceTarget: fp(100000), Attainment: fp(1.234565), Pace: fp(1.234565),
						Status: "on_track", StatusLabel: "On track", Previous: fp(100000), LastYear: fp(150000), Trend: months(first, series(80000, 9000)...),
						DaysWithData: 31, LastDate: &last},
					{KPI: "followers", Label: "Followers", Kind: "stock", Unit: "count", Platforms: []string{"facebook", "instagram"}, TargetType: "level", TargetText: "6,000 by 2026-06-30",
						Actual: fp(4821), PeriodValue: fp(4821), Target: fp(6000), PaceTarget: fp(5100), Baseline: fp(4000), Attainment: fp(0.804), Pace: fp(0.7727),
						Status: "off_track", StatusLabel: "Off track", Previous: fp(4790), Trend: months(first, series(4000, 60)...)},
				}},
			{ID: "trust", Category: "trust", CategoryLabel: "Trust", Name: `Trust </script><script>alert(1)</script>`,
				KPIs: []reports.GoalKPI{
					{KPI: "engagement_rate_reach", Label: `__f__function(){alert(1)}__f__`, Kind: "ratio", Unit: "percent", TargetType: "value", TargetText: "5%",
						Actual: fp(0.046), PeriodValue: fp(0.046), Target: fp(0.05), PaceTarget: fp(0.05), Attainment: fp(0.92), Pace: fp(0.92),
						Status: "at_risk", StatusLabel: "At risk", Previous: fp(0.05), LastYear: fp(0.04), Trend: months(first, 0.05, 0.052, -1, 0.048, 0.05, 0.047, 0.049, 0.051, 0.05, 0.046, 0.045, 0.047, 0.046)},
					{KPI: "donations_amount", Label: "Donations", Kind: "flow", Unit: "currency", TargetType: "rate", TargetPer: "year", TargetText: "EUR 120,000 per year",
						Actual: fp(9000), PeriodValue: fp(9000), Target: fp(10191.78), PaceTarget: fp(10191.78), Attainment: fp(0.883), Pace: fp(0.883),
						Status: "at_risk", StatusLabel: "At risk", Trend: months(first, series(7000, 800)...)},
					{KPI: "volunteer_signups", Label: "Volunteers", Kind: "flow", Unit: "count", Status: "no_data", StatusLabel: "No data", Trend: months(first)},
				}},
		},
		Milestones: []reports.Milestone{
			{KPI: "followers", Label: "Followers", Platforms: []string{"facebook"}, Threshold: 4800, Status: "reached", StatusLabel: "Reached", CrossedOn: &last, InPeriod: true, Latest: fp(4821), LatestDate: &last},
			{KPI: "followers", Label: "<img src=x onerror=alert(1)>", Threshold: 10000, Status: "not_yet", StatusLabel: "Not yet", Latest: fp(4821), LatestDate: &last},
		},
		Sources: []reports.SourceCoverage{
			{Kind: "daily", Platform: "facebook", Source: "Les Amis du Fleuve", DaysWithData: 31, DaysExpected: 31},
			{Kind: "daily", Platform: "instagram", Source: "@amisdufleuve", DaysWithData: 27, DaysExpected: 31,
				MissingDays: []time.Time{day(2025, 10, 3), day(2025, 10, 4), day(2025, 10, 5), day(2025, 10, 30)}},
			{Kind: "files", Source: "stripe", DaysWithData: 20, DaysExpected: 31, LastSeen: func() *time.Time { d := day(2025, 10, 20); return &d }(),
				MissingDays: []time.Time{day(2025, 10, 21), day(2025, 10, 22)}},
		},
		Definitions: []reports.KPIDefinition{{KPI: "reach", Label: "Reach", Kind: "flow", Unit: "count", Description: "People who saw a post.",
			Benchmarks: []reports.Benchmark{{KPI: "reach", Platform: "facebook", Value: 5000, Year: 2025, Source: "Illustrative"}}}},
	}
	if lang == "fr" {
		words := map[string]string{"On track": "En bonne voie", "At risk": "À surveiller", "Off track": "En retard", "No data": "Aucune donnée"}
		for gi := range r.Goals.Goals {
			for ki := range r.Goals.Goals[gi].KPIs {
				k := &r.Goals.Goals[gi].KPIs[ki]
				k.StatusLabel = words[k.StatusLabel]
			}
		}
	}
	var targets, ghost []reports.MonthPoint
	for i, p := range r.Goals.Goals[0].KPIs[0].Trend {
		targets = append(targets, reports.MonthPoint{Month: p.Month, Value: fp(100000)})
		g := reports.MonthPoint{Month: p.Month.AddDate(-1, 0, 0)}
		if i >= 6 {
			g.Value = fp(70000 + float64(i)*1000)
		}
		ghost = append(ghost, g)
	}
	hostile := `</script><script>alert(1)</script>`
	r.Insights = &reports.Insights{
		GoalTrends: []reports.GoalTrend{{Goal: 0, KPI: 0, Targets: targets, LastYear: ghost}},
		Platforms: []reports.PlatformSeries{
			{KPI: "followers", Label: "Followers", Platform: "facebook", Points: months(first, series(3000, 40)...)},
			{KPI: "followers", Label: "Followers", Platform: hostile, Points: months(first, series(1000, 30)...)},
		},
		PostingFrom: day(2024, 11, 1), PostingTo: day(2025, 11, 1),
		PostingTimes: []reports.PostingTime{
			{Weekday: 1, Hour: 9, Posts: 4, Index: 1.4, AvgEngagements: 30}, {Weekday: 2, Hour: 18, Posts: 6, Index: 0.8, AvgEngagements: 12},
			{Weekday: 5, Hour: 12, Posts: 3, Index: 2.1, AvgEngagements: 40}, {Weekday: 7, Hour: 21, Posts: 1, Index: 3, AvgEngagements: 50},
		},
		Donations: []reports.DonationSource{
			{Source: "", Medium: "", Currency: "EUR", Gifts: 40, Amount: 5000},
			{Source: "facebook", Medium: "social", Currency: "EUR", Gifts: 10, Amount: 2500.5},
			{Source: hostile, Medium: "<img src=x onerror=alert(1)>", Currency: "EUR", Gifts: 1, Amount: 10},
			{Source: "instagram", Medium: "social", Currency: "USD", Gifts: 2, Amount: 80},
		},
		Signups: []reports.SignupChannel{
			{Kind: "newsletter", Channel: "facebook", Signups: 21}, {Kind: "newsletter", Channel: "", Signups: 3},
			{Kind: "volunteer", Channel: "__f__function(){alert(1)}__f__", Signups: 2}, {Kind: "event", Channel: "word_of_mouth", Signups: 9},
		},
	}
	// Content types: Facebook has two accounts, so its bars name them; Instagram has one.
	r.Detail.ContentTypes = []reports.ContentType{
		{Platform: "facebook", Account: "Les Amis du Fleuve", Type: "photo", Posts: 12, AvgReach: fp(500), AvgEngagements: fp(21.8), EngagementRate: fp(0.046),
			AccountPosts: 15, AccountAvgEngagements: fp(17.4), VsAccount: fp(1.25)},
		{Platform: "facebook", Account: "Les Amis du Fleuve", Type: `__f__function(){alert(1)}__f__`, Posts: 3, AvgEngagements: fp(6.5),
			AccountPosts: 15, AccountAvgEngagements: fp(17.4), VsAccount: fp(0.37)},
		{Platform: "facebook", Account: hostile, Type: "video", Posts: 2, AccountPosts: 2},
		{Platform: "instagram", Account: "@amisdufleuve", Type: "<img src=x onerror=alert(1)>", Posts: 7, AvgEngagements: fp(32.4),
			AccountPosts: 7, AccountAvgEngagements: fp(26.1), VsAccount: fp(1.24)},
		{Platform: "youtube", Account: "Les Amis du Fleuve", Type: "video", Posts: 1, AccountPosts: 1},
	}
	return r
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
