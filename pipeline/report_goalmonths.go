package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/goalpost/goalpost/reports"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
)

// goalKPI is a goal KPI's position: its goal's index in GoalSection.Goals and its index in
// that goal's KPIs, as attainment.sql's goal_position and kpi_position give them.
type goalKPI struct{ goal, kpi int }

// goalMonths measures the goal KPIs month by month with sql/goals/attainment.sql, the
// statement that measures the period, and keeps each month's rows: the workbook's goal
// months (addDetail) and the dashboard's targets and last year's values (withInsights) read
// the same measurement, so the report runs the statement once per month.
type goalMonths struct {
	wh   warehouse.Engine
	stmt string
	org  string
	asOf time.Time // the goals' AsOf: a month still running is measured up to it
	rows map[time.Time]map[goalKPI]map[string]any
}

func newGoalMonths(wh warehouse.Engine, org string, g *reports.GoalSection) *goalMonths {
	return &goalMonths{
		wh: wh, stmt: sqlfiles.OrgStatements("goals/attainment.sql")["goals/attainment.sql"],
		org: org, asOf: g.AsOf, rows: map[time.Time]map[goalKPI]map[string]any{},
	}
}

// month returns the rows of the month that starts on m, by goal KPI, measured as of the
// month's end or AsOf, whichever comes first; nil for a month not yet begun.
func (gm *goalMonths) month(ctx context.Context, m time.Time) (map[goalKPI]map[string]any, error) {
	if rows, done := gm.rows[m]; done {
		return rows, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	end := m.AddDate(0, 1, 0)
	asof := end
	if gm.asOf.Before(asof) {
		asof = gm.asOf
	}
	if !asof.After(m) { // a month not yet begun has no figures
		gm.rows[m] = nil
		return nil, nil
	}
	res, err := gm.wh.Query(ctx, gm.stmt, warehouse.Params{"org": gm.org, "start": m, "end": end, "asof": asof})
	if err != nil {
		return nil, fmt.Errorf("attainment %s: %w", m.Format("2006-01"), err)
	}
	rows := make(map[goalKPI]map[string]any, len(res.Rows))
	for _, row := range res.Rows {
		c := named(res, row)
		rows[goalKPI{intOf(c["goal_position"]), intOf(c["kpi_position"])}] = c
	}
	gm.rows[m] = rows
	return rows, nil
}
