package workbook

import (
	"context"
	"fmt"

	"github.com/goalpost/goalpost/reports"
	"github.com/xuri/excelize/v2"
)

// A goal sheet: the goal's name and description, its KPIs month by month (actual, target,
// % of target) and a chart per KPI of actual against target.
const (
	goalHeaderRow     = 4
	goalFirstMonthRow = goalHeaderRow + 1
	goalColsPerKPI    = 3
	chartRows         = 16 // rows a chart covers (300 px at the default 20 px a row)
)

// goalActualCol is the column of a KPI's actual values; its target and % follow.
func goalActualCol(kpi int) int { return 2 + kpi*goalColsPerKPI }

// goalMonths is a goal KPI's months: the detail's (with targets) or, for a model without
// detail, the KPI's trend (actuals only).
func goalMonths(r *reports.Report, goal, kpi int) []reports.GoalMonth {
	if r.Detail != nil {
		for _, m := range r.Detail.GoalMonths {
			if m.Goal == goal && m.KPI == kpi {
				return m.Months
			}
		}
	}
	if r.Goals == nil || goal >= len(r.Goals.Goals) || kpi >= len(r.Goals.Goals[goal].KPIs) {
		return nil
	}
	var out []reports.GoalMonth
	for _, p := range r.Goals.Goals[goal].KPIs[kpi].Trend {
		out = append(out, reports.GoalMonth{Month: p.Month, Actual: p.Value})
	}
	return out
}

func (b *book) goal(ctx context.Context, s *sheet, gi int) error {
	r, wl := b.r, b.l.Workbook
	g := r.Goals.Goals[gi]
	s.fitFrom = goalHeaderRow
	if err := s.text(1, 1, g.Name, s.st.title); err != nil {
		return err
	}
	about := g.CategoryLabel
	if g.Description != "" {
		about += " — " + g.Description
	}
	if err := s.textAs(1, 2, about, look{italic: true}); err != nil {
		return err
	}
	if err := s.text(1, goalHeaderRow, wl.Month, s.st.header); err != nil {
		return err
	}
	for ki, k := range g.KPIs {
		col := goalActualCol(ki)
		for i, t := range []string{wl.ActualOf, wl.TargetOf, wl.AttainedOf} {
			if err := s.text(col+i, goalHeaderRow, fmt.Sprintf(t, k.Label), s.st.header); err != nil {
				return err
			}
			s.width(col+i, 16)
		}
	}
	s.width(1, 12)
	if err := s.height(goalHeaderRow, 45); err != nil {
		return err
	}
	rows := 0
	for ki, k := range g.KPIs {
		if err := ctx.Err(); err != nil {
			return err
		}
		unit := unitLook(k.Unit, r.Goals.Currency)
		col := goalActualCol(ki)
		months := goalMonths(r, gi, ki)
		for i, m := range months {
			row := goalFirstMonthRow + i
			if ki == 0 {
				if err := s.month(1, row, m.Month, look{}); err != nil {
					return err
				}
			}
			cells := []func() error{
				func() error { return s.figure(col, row, m.Actual, unit) },
				func() error { return s.figure(col+1, row, m.Target, unit) },
				func() error { return s.figure(col+2, row, m.Attained, look{format: fmtWhole}) },
			}
			if err := run(cells); err != nil {
				return err
			}
		}
		rows = max(rows, len(months))
	}
	lastRow := goalFirstMonthRow + max(rows, 1) - 1
	lastCol := goalActualCol(len(g.KPIs)) - 1
	if err := s.define(fmt.Sprintf("Goal%d_Months", gi+1), 1, goalHeaderRow, max(lastCol, 1), lastRow); err != nil {
		return err
	}

	// The targets in words and this period's status, under the table.
	row := lastRow + 2
	if err := s.header(row, wl.KPI, wl.TargetSet, wl.ThisPeriod, wl.Attained); err != nil {
		return err
	}
	for _, k := range g.KPIs {
		row++
		statusLook := look{bold: true}
		if c, ok := statusLooks[k.Status]; ok {
			statusLook.color, statusLook.fill = c[0], c[1]
		}
		cells := []func() error{
			func() error { return s.text(1, row, k.Label, 0) },
			func() error { return s.text(2, row, k.TargetText, 0) },
			func() error { return s.textAs(3, row, k.StatusLabel, statusLook) },
			func() error { return s.figure(4, row, k.Attainment, look{format: fmtWhole}) },
		}
		if err := run(cells); err != nil {
			return err
		}
	}

	// One chart per KPI: actual (solid, dark, with markers) against target (dashed, grey),
	// readable in black and white.
	row += 2
	for ki, k := range g.KPIs {
		if rows == 0 {
			break
		}
		col := goalActualCol(ki)
		cats := ref(s.name, 1, goalFirstMonthRow, 1, lastRow)
		yFmt := "#,##0"
		switch k.Unit {
		case "percent":
			yFmt = "0%"
		case "hours":
			yFmt = "#,##0.0"
		}
		chart := &excelize.Chart{
			Type: excelize.Line,
			Series: []excelize.ChartSeries{
				{
					Name: cellRef(s.name, col, goalHeaderRow), Categories: cats,
					Values: ref(s.name, col, goalFirstMonthRow, col, lastRow),
					Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3864"}},
					Line:   excelize.LineOptions{Width: 2.25},
					Marker: excelize.ChartMarker{Symbol: "circle", Size: 5, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3864"}}},
				},
				{
					Name: cellRef(s.name, col+1, goalHeaderRow), Categories: cats,
					Values: ref(s.name, col+1, goalFirstMonthRow, col+1, lastRow),
					Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"808080"}},
					Line:   excelize.LineOptions{Width: 1.5, Dash: excelize.LineDashDash},
					Marker: excelize.ChartMarker{Symbol: "none"},
				},
			},
			Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: xmlSafe(k.Label), Font: &excelize.Font{Size: 11, Bold: true}}}},
			Legend:       excelize.ChartLegend{Position: "bottom"},
			Dimension:    excelize.ChartDimension{Width: 640, Height: 300},
			YAxis:        excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: yFmt}, MajorGridLines: true},
			XAxis:        excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: fmtMonth}},
			ShowBlanksAs: "gap",
		}
		if err := s.f.AddChart(s.name, s.cell(1, row+ki*chartRows), chart); err != nil {
			return fmt.Errorf("chart of %s on %s: %w", k.KPI, s.name, err)
		}
	}
	if err := s.freeze(goalHeaderRow); err != nil {
		return err
	}
	return s.landscape(false)
}

// cellRef is an absolute reference to one cell: 'Sheet name'!$A$1.
func cellRef(sheet string, col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row, true)
	return quoteSheet(sheet) + "!" + c
}
