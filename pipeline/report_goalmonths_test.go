package pipeline_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/reports"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// attainmentCounter counts the runs of sql/goals/attainment.sql by their parameters.
type attainmentCounter struct {
	warehouse.Engine
	stmt string
	mu   sync.Mutex
	runs map[string]int
}

func (c *attainmentCounter) Query(ctx context.Context, q string, p warehouse.Params) (*warehouse.Result, error) {
	if q == c.stmt {
		c.mu.Lock()
		c.runs[fmt.Sprint(p["start"], p["end"], p["asof"])]++
		c.mu.Unlock()
	}
	return c.Engine.Query(ctx, q, p)
}

// TestReportMeasuresEachGoalMonthOnce: the workbook's goal months and the dashboard's
// targets and last year's values read one measurement of each month, so beyond what
// goals.Evaluate runs for the goals section, the pipeline runs attainment.sql once per month;
// the months line up with the goals section's trend.
func TestReportMeasuresEachGoalMonthOnce(t *testing.T) {
	// The statement as the pipeline runs it: scoped to the organisation.
	stmt := sqlfiles.OrgStatements("goals/attainment.sql")["goals/attainment.sql"]
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		o := syntheticOrg{org: "months", from: time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC), to: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC),
			accounts: 2, postEvery: 7}
		o.load(t, e)
		period, _ := reports.ParsePeriod("2025-10", "en")
		now := time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC)
		req := syntheticRequest(t, o.org, "en", period, now)
		// What goals.Evaluate runs on its own (the period, the previous period, last year's
		// and the 13 trend months), then the whole report.
		evaluate := &attainmentCounter{Engine: e, stmt: stmt, runs: map[string]int{}}
		if _, err := goals.Evaluate(context.Background(), evaluate, req.Goals, period, now); err != nil {
			t.Fatal(err)
		}
		report := &attainmentCounter{Engine: e, stmt: stmt, runs: map[string]int{}}
		r, err := pipeline.BuildReport(context.Background(), report, req)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for k, n := range report.runs {
			n -= evaluate.runs[k]
			total += n
			if n > 1 {
				t.Errorf("the pipeline ran attainment.sql %d times for %s", n, k)
			}
		}
		// The 13 trend months and the 7 months a year earlier that have data, but for the
		// first trend month, already measured.
		if want := 13 + 7; total != want {
			t.Errorf("the pipeline ran attainment.sql %d times, want %d: %v", total, want, report.runs)
		}
		if len(r.Detail.GoalMonths) == 0 || len(r.Insights.GoalTrends) != len(r.Detail.GoalMonths) {
			t.Fatalf("goal months %d, trends %d", len(r.Detail.GoalMonths), len(r.Insights.GoalTrends))
		}
		for i, gm := range r.Detail.GoalMonths {
			k, gt := r.Goals.Goals[gm.Goal].KPIs[gm.KPI], r.Insights.GoalTrends[i]
			if gt.Goal != gm.Goal || gt.KPI != gm.KPI || len(gm.Months) != len(k.Trend) || len(gt.LastYear) != len(k.Trend) {
				t.Fatalf("%s: %d months, %d trend months, %d last-year months", k.KPI, len(gm.Months), len(k.Trend), len(gt.LastYear))
			}
			for m := range k.Trend {
				if !gm.Months[m].Month.Equal(k.Trend[m].Month) || !gt.Targets[m].Month.Equal(k.Trend[m].Month) {
					t.Errorf("%s month %d: %v, target %v, trend %v", k.KPI, m, gm.Months[m].Month, gt.Targets[m].Month, k.Trend[m].Month)
				}
			}
			// The first trend month is the last month's value a year earlier: one measurement.
			a, b := k.Trend[0].Value, gt.LastYear[12].Value
			if a == nil || b == nil || *a != *b {
				t.Errorf("%s: %v in the trend, %v as last year's value of the same month", k.KPI, a, b)
			}
			if gt.LastYear[0].Value != nil { // 2023-10 is before the first day with data
				t.Errorf("%s: last year's value %v before the first day with data", k.KPI, *gt.LastYear[0].Value)
			}
		}
	})
}
