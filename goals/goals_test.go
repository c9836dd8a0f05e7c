package goals

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/reports"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func TestMain(m *testing.M) { warehousetest.Main(m) }

// parseGoals builds a goals file for the test organisation from YAML text.
func parseGoals(t *testing.T, text string) *File {
	t.Helper()
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("goals.yaml", []byte(text), lib, LoadOptions{})
	if err != nil {
		t.Fatalf("goals file:\n%v", err)
	}
	f.Org = testOrg
	return f
}

const testHeader = `organisation:
  name: Test
  time_zone: America/Toronto
  currency: CAD
  language: en
  fiscal_year_start: %d
baselines:
  - {platform: facebook, followers: 1000, date: 2025-03-15}
  - {platform: instagram, followers: 500, date: 2025-02-28}
  - {platform: linkedin, followers: 999, date: 2025-03-01}
`

// attainment runs sql/goals/attainment.sql and returns its rows by goal id, KPI and the KPI's
// position in its goal ("g/reach#0"), and by goal id and KPI alone ("g/reach").
func attainment(t *testing.T, e warehouse.Engine, start, end, asof time.Time) map[string]map[string]any {
	t.Helper()
	q, err := sqlfiles.Statement("goals/attainment.sql")
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Query(context.Background(), q, warehouse.Params{"org": testOrg, "start": start, "end": end, "asof": asof})
	if err != nil {
		t.Fatalf("attainment: %v", err)
	}
	out := map[string]map[string]any{}
	for _, row := range res.Rows {
		r := named(res, row)
		out[fmt.Sprintf("%v/%v", r["goal_id"], r["kpi"])] = r
		out[fmt.Sprintf("%v/%v#%v", r["goal_id"], r["kpi"], r["kpi_position"])] = r
	}
	return out
}

// TestEveryBuiltinKPIMatchesItsDefinition computes every built-in KPI over several periods in
// Go, from the rows the test inserted, and compares it with the SQL (KPI file, kpi_daily and
// attainment.sql), on both engines.
func TestEveryBuiltinKPIMatchesItsDefinition(t *testing.T) {
	ds := newDataset()
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, testHeader, 4)
	b.WriteString("goals:\n  - id: all\n    category: awareness\n    kpis:\n")
	for _, n := range lib.Names() {
		fmt.Fprintf(&b, "      - kpi: %s\n", n)
	}
	f := parseGoals(t, b.String())
	periods := []struct {
		name            string
		start, end, now time.Time
	}{
		{"a complete month", day(2025, 5, 1), day(2025, 6, 1), day(2025, 7, 15)},
		{"a partial month", day(2025, 6, 1), day(2025, 7, 1), time.Date(2025, 6, 16, 15, 0, 0, 0, time.UTC)},
		{"a quarter", day(2025, 4, 1), day(2025, 7, 1), day(2025, 7, 15)},
		{"a fiscal year from April", day(2025, 4, 1), day(2026, 4, 1), day(2025, 7, 15)},
		{"the first days (the baseline's day before)", day(2025, 3, 1), day(2025, 3, 10), day(2025, 7, 15)},
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ds.load(t, e)
		if _, err := Sync(context.Background(), e, f, day(2025, 7, 15)); err != nil {
			t.Fatal(err)
		}
		for _, p := range periods {
			t.Run(p.name, func(t *testing.T) {
				asof := AsOf(reports.Period{Start: p.start, End: p.end}, p.now, toronto)
				got := attainment(t, e, p.start, p.end, asof)
				for _, n := range lib.Names() {
					r := got["all/"+n]
					want, ok := ds.expected(n, p.start, minDate(p.end, asof))
					v := optFloat(r["period_value"])
					switch {
					case !ok && v != nil:
						t.Errorf("%s: SQL %v, want no data", n, *v)
					case ok && v == nil:
						t.Errorf("%s: SQL has no data, want %v (status %v)", n, want, r["status"])
					case ok && !near(*v, want):
						t.Errorf("%s: SQL %v, want %v", n, *v, want)
					}
				}
			})
		}
		// A KPI file run directly, with a platform filter, as an analyst would.
		k, _ := lib.Get("reach")
		res, err := e.Query(context.Background(), k.Query, KPIParams(testOrg, testTZ, day(2025, 5, 1), day(2025, 6, 1), []string{"instagram"}))
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, row := range res.Rows {
			if row[1] != "instagram" {
				t.Fatalf("platform filter let %v through", row[1])
			}
			sum += row[2].(float64)
		}
		var want float64
		for _, m := range ds.metrics {
			if m.platform == "instagram" && m.metric == "reach" && in(m.date, day(2025, 5, 1), day(2025, 6, 1)) {
				want += m.value
			}
		}
		if sum != want || len(res.Rows) != 28 {
			t.Errorf("instagram reach in May: %v over %d days, want %v over 28 (3 days missing)", sum, len(res.Rows), want)
		}
	})
}

// TestTargetsPaceAndStatus checks rate targets over a partial month, a quarter and a fiscal
// year starting in April, a level target's straight line, a ratio target, and the status
// thresholds, each computed independently here.
func TestTargetsPaceAndStatus(t *testing.T) {
	ds := newDataset()
	text := fmt.Sprintf(testHeader, 4) + `status: {on_track: 100%, at_risk: 80%}
goals:
  - id: g
    category: awareness
    kpis:
      - kpi: reach
        platforms: [facebook]
        target: {per: month, value: 3000}
      - kpi: reach
        platforms: [facebook]
        target: {per: quarter, value: 9000}
      - kpi: reach
        platforms: [facebook]
        target: {per: year, value: 36500}
      - kpi: followers
        platforms: [facebook, instagram]
        target: {level: 2400, from: 2025-04-01, by: 2025-06-30}
      - kpi: engagement_rate_reach
        target: {value: 5%}
      - kpi: donations_amount
        target: {level: 2000, from: 2025-04-15, by: 2025-06-14}
`
	f := parseGoals(t, text)
	fbReach := func(s, e time.Time) float64 {
		var v float64
		for _, m := range ds.metrics {
			if m.platform == "facebook" && m.metric == "reach" && m.dimension == "" && in(m.date, s, e) {
				v += m.value
			}
		}
		return v
	}
	status := func(pace float64) string {
		switch {
		case pace >= 1:
			return "on_track"
		case pace >= 0.8:
			return "at_risk"
		}
		return "off_track"
	}
	type want struct {
		key                     string
		actual, target, paceTgt float64
		status                  string
	}
	june16 := time.Date(2025, 6, 16, 15, 0, 0, 0, time.UTC) // 11:00 in Toronto: June 1..15 elapsed
	fol := func(d time.Time) float64 {
		v, _ := ds.followersAt(d, d.AddDate(0, 0, 1), map[string]bool{"facebook": true, "instagram": true})
		return v
	}
	base := fol(day(2025, 4, 1))
	mayEnd := fol(day(2025, 5, 31))
	levelPace := base + (2400-base)*60.0/90.0 // May 31 is 60 of the 90 days from Apr 1 to Jun 30
	var donated float64
	for _, d := range ds.donations {
		if d.currency == testCurrency && in(localDay(d.at), day(2025, 4, 15), day(2025, 6, 1)) {
			donated += d.amount
		}
	}
	donationPace := 2000 * 47.0 / 61.0 // Apr 15..May 31 is 47 of the 61 days to Jun 14
	er, _ := ds.expected("engagement_rate_reach", day(2025, 5, 1), day(2025, 6, 1))
	cases := []struct {
		name            string
		start, end, now time.Time
		wants           []want
	}{
		{"a partial month: the target scaled to the days elapsed", day(2025, 6, 1), day(2025, 7, 1), june16, []want{
			{"g/reach#0", fbReach(day(2025, 6, 1), day(2025, 6, 16)), 3000, 3000 * 15.0 / 30.0, status(fbReach(day(2025, 6, 1), day(2025, 6, 16)) / 1500)},
		}},
		{"a complete month", day(2025, 5, 1), day(2025, 6, 1), june16, []want{
			{"g/reach#0", fbReach(day(2025, 5, 1), day(2025, 6, 1)), 3000, 3000, status(fbReach(day(2025, 5, 1), day(2025, 6, 1)) / 3000)},
			// The fiscal year starts in April, so the quarter is April to June: May carries 31
			// of its 91 days.
			{"g/reach#1", fbReach(day(2025, 5, 1), day(2025, 6, 1)), 9000 * 31.0 / 91.0, 9000 * 31.0 / 91.0, ""},
			{"g/reach#2", fbReach(day(2025, 5, 1), day(2025, 6, 1)), 36500 * 31.0 / 365.0, 36500 * 31.0 / 365.0, ""},
			{"g/followers#3", mayEnd, 2400, levelPace, status((mayEnd - base) / (levelPace - base))},
			{"g/engagement_rate_reach#4", er, 0.05, 0.05, status(er / 0.05)},
			{"g/donations_amount#5", donated, 2000, donationPace, status(donated / donationPace)},
		}},
		{"a quarter", day(2025, 4, 1), day(2025, 7, 1), day(2025, 7, 15), []want{
			{"g/reach#0", fbReach(day(2025, 4, 1), day(2025, 7, 1)), 9000, 9000, ""},
			{"g/reach#1", fbReach(day(2025, 4, 1), day(2025, 7, 1)), 9000, 9000, ""},
		}},
		// July 15 at noon in Toronto: April 1 to July 14 elapsed, 105 of the year's 365 days.
		{"a fiscal year starting in April, running", day(2025, 4, 1), day(2026, 4, 1), time.Date(2025, 7, 15, 16, 0, 0, 0, time.UTC), []want{
			{"g/reach#2", fbReach(day(2025, 4, 1), day(2025, 7, 1)), 36500, 36500 * 105.0 / 365.0, ""},
			{"g/reach#0", fbReach(day(2025, 4, 1), day(2025, 7, 1)), 36000, 3000*3 + 3000*14.0/31.0, ""},
		}},
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ds.load(t, e)
		if _, err := Sync(context.Background(), e, f, day(2025, 7, 15)); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				asof := AsOf(reports.Period{Start: c.start, End: c.end}, c.now, toronto)
				got := attainment(t, e, c.start, c.end, asof)
				for _, w := range c.wants {
					r := got[w.key]
					if r == nil {
						t.Fatalf("no attainment row %s", w.key)
					}
					check := func(field string, want float64) {
						v := optFloat(r[field])
						if v == nil || !near(*v, want) {
							t.Errorf("%s %s = %v, want %v", w.key, field, fmtPtr(v), want)
						}
					}
					check("actual", w.actual)
					check("target", w.target)
					check("pace_target", w.paceTgt)
					if a := optFloat(r["attainment"]); a == nil || !near(*a, w.actual/w.target) {
						t.Errorf("%s attainment = %v, want %v", w.key, fmtPtr(a), w.actual/w.target)
					}
					if w.status != "" && r["status"] != w.status {
						t.Errorf("%s status = %v, want %s (pace %v)", w.key, r["status"], w.status, fmtPtr(optFloat(r["pace"])))
					}
				}
			})
		}
	})
}

func fmtPtr(v *float64) string {
	if v == nil {
		return "NULL"
	}
	return fmt.Sprint(*v)
}

// TestMilestonesAndCoverage: a milestone crossed in the middle of a month carries that day;
// one already past on the first day is "reached before the data"; a source with missing days
// lists them.
func TestMilestonesAndCoverage(t *testing.T) {
	ds := newDataset()
	series := ds.followersSeries()["facebook"]
	mid := day(2025, 5, 16)
	threshold := series[mid.AddDate(0, 0, -1)] + 1 // crossed on May 16 at the latest
	var crossed time.Time
	for _, d := range sortedDays(series) {
		if series[d] >= threshold {
			crossed = d
			break
		}
	}
	if crossed.Month() != time.May || crossed.Day() < 10 {
		t.Fatalf("test data: the threshold %v is crossed on %v, want mid-May", threshold, crossed)
	}
	var newsletter float64
	var signupCrossed time.Time
	for _, s := range ds.signups { // signups are in date order
		if s.kind == "newsletter" && !localDay(s.at).Before(day(2025, 4, 1)) {
			newsletter++
			if newsletter == 10 {
				signupCrossed = localDay(s.at)
			}
		}
	}
	text := fmt.Sprintf(testHeader, 1) + fmt.Sprintf(`goals:
  - id: g
    category: awareness
    kpis: [{kpi: followers}]
milestones:
  - kpi: followers
    platforms: [facebook]
    thresholds: [500, %v, 100000]
  - kpi: email_signups
    since: 2025-04-01
    thresholds: [10]
`, threshold)
	f := parseGoals(t, text)
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ds.load(t, e)
		period, _ := reports.ParsePeriod("2025-05", "en")
		r, err := Evaluate(context.Background(), e, f, period, day(2025, 7, 15))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Milestones) != 4 {
			t.Fatalf("milestones: %+v", r.Milestones)
		}
		wants := []struct {
			status   string
			on       time.Time
			inPeriod bool
		}{
			{"reached_before_data", day(2025, 3, 1), false},
			{"reached", crossed, true},
			{"not_yet", time.Time{}, false},
			{"reached", signupCrossed, false},
		}
		for i, w := range wants {
			m := r.Milestones[i]
			on := time.Time{}
			if m.CrossedOn != nil {
				on = *m.CrossedOn
			}
			if m.Status != w.status || !on.Equal(w.on) || m.InPeriod != w.inPeriod {
				t.Errorf("milestone %v %v: status %s on %v in period %v, want %s on %v in period %v",
					m.KPI, m.Threshold, m.Status, on, m.InPeriod, w.status, w.on, w.inPeriod)
			}
		}
		var ig *reports.SourceCoverage
		for i, s := range r.Sources {
			if s.Kind == "daily" && s.Platform == "instagram" {
				ig = &r.Sources[i]
			}
		}
		if ig == nil {
			t.Fatalf("no instagram source in %+v", r.Sources)
		}
		if ig.DaysWithData != 28 || ig.DaysExpected != 31 || len(ig.MissingDays) != 3 || !ig.MissingDays[0].Equal(day(2025, 5, 10)) || ig.LastSeen == nil || !ig.LastSeen.Equal(day(2025, 5, 31)) {
			t.Errorf("instagram coverage in May: %d of %d days, missing %v, last %v; want 28 of 31, missing May 10-12, last May 31",
				ig.DaysWithData, ig.DaysExpected, ig.MissingDays, ig.LastSeen)
		}
		k := r.Goals[0].KPIs[0]
		if k.Previous == nil || k.LastYear != nil || len(k.Trend) != 13 || k.Trend[12].Value == nil || *k.Trend[12].Value != *k.Actual {
			t.Errorf("comparisons: previous %v, last year %v (want none: no data), trend %d months ending %v, actual %v",
				fmtPtr(k.Previous), fmtPtr(k.LastYear), len(k.Trend), k.Trend[len(k.Trend)-1].Value, fmtPtr(k.Actual))
		}
		if want, _ := ds.followersAt(day(2025, 4, 1), day(2025, 5, 1), nil); k.Previous == nil || !near(*k.Previous, want) {
			t.Errorf("previous period = %v, want %v", fmtPtr(k.Previous), want)
		}
	})
}
