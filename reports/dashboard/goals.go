package dashboard

import (
	"fmt"
	"math"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/goalpost/goalpost/reports"
)

// goalView is one goal on the page: its scorecard rows and its KPIs' trend charts.
type goalView struct {
	Anchor      string
	Name        string
	Category    string
	Description string
	Tally       string // "2 of 3 on track"
	KPIs        []kpiView
}

// kpiView is one goal KPI: the figures as text (each from the model, formatted), its bullet
// bar and its 13-month chart.
type kpiView struct {
	Label       string
	Platforms   string
	Actual      string
	TargetText  string
	Attainment  string // "104 % of target"
	Pace        string // "pace 98 %", running periods and level targets only
	Status      string // the word
	StatusClass string
	Mark        string // ✓ ! ✗ –: the status without colour
	Change      string
	ChangeClass string
	ChangeYear  string
	YearClass   string
	Bullet      chart
	Trend       chart
	Months      []string
	Rows        []trendRow
}

// statusMark is a status's symbol, so it reads in black and white.
func statusMark(status string) (mark, class string) {
	switch status {
	case "on_track", "reached":
		return "✓", "ok"
	case "at_risk":
		return "!", "risk"
	case "off_track":
		return "✗", "off"
	}
	return "–", "none"
}

// goalViews builds the scorecard and the per-goal charts from r.Goals and r.Insights.
func goalViews(r *reports.Report, f format, w words) ([]goalView, error) {
	if r.Goals == nil {
		return nil, nil
	}
	trends := map[[2]int]reports.GoalTrend{}
	if r.Insights != nil {
		for _, t := range r.Insights.GoalTrends {
			trends[[2]int{t.Goal, t.KPI}] = t
		}
	}
	currency := r.Goals.Currency
	var out []goalView
	for gi, g := range r.Goals.Goals {
		gv := goalView{Anchor: fmt.Sprintf("goal-%d", gi+1), Name: g.Name, Category: g.CategoryLabel, Description: g.Description}
		if gv.Name == "" {
			gv.Name = g.CategoryLabel
		}
		judged, onTrack := 0, 0
		for ki, k := range g.KPIs {
			kv := kpiView{Label: k.Label, TargetText: k.TargetText, Status: k.StatusLabel}
			if k.TargetType == "rate" && k.TargetPer != perOf(r.Period) && k.Target != nil {
				// A quarter's or a year's target read over a month: say the month's share.
				whole := math.Round(*k.Target) // a share of a count or an amount: no decimals
				kv.TargetText += " · " + fmt.Sprintf(w.ThisPeriod, f.value(&whole, k.Unit, currency))
			}
			if kv.Label == "" {
				kv.Label = k.KPI
			}
			if kv.Status == "" {
				kv.Status = k.Status
			}
			if len(k.Platforms) > 0 {
				kv.Platforms = f.platforms(k.Platforms)
			}
			switch k.Status {
			case "on_track":
				judged++
				onTrack++
			case "at_risk", "off_track":
				judged++
			}
			kv.Mark, kv.StatusClass = statusMark(k.Status)
			kv.Actual = f.value(k.Actual, k.Unit, currency)
			if k.Attainment != nil {
				kv.Attainment = fmt.Sprintf(w.OfTarget, f.percent(*k.Attainment))
			}
			if k.Pace != nil && k.PaceTarget != nil && k.Target != nil && *k.PaceTarget != *k.Target {
				kv.Pace = fmt.Sprintf(w.PaceIs, f.percent(*k.Pace))
			}
			kv.Change, kv.ChangeClass = f.change(relChange(k.PeriodValue, k.Previous))
			kv.ChangeYear, kv.YearClass = f.change(relChange(k.PeriodValue, k.LastYear))

			id := fmt.Sprintf("%d-%d", gi+1, ki+1)
			b, err := bulletChart("bullet-"+id, k, w)
			if err != nil {
				return nil, fmt.Errorf("goal %s, KPI %s: %w", g.ID, k.KPI, err)
			}
			kv.Bullet = b
			t, months, rows, err := goalTrendChart("kpi-"+id, k, trends[[2]int{gi, ki}], f, w, currency)
			if err != nil {
				return nil, fmt.Errorf("goal %s, KPI %s: %w", g.ID, k.KPI, err)
			}
			kv.Trend, kv.Months, kv.Rows = t, months, rows
			gv.KPIs = append(gv.KPIs, kv)
		}
		if judged > 0 {
			gv.Tally = fmt.Sprintf(w.OnTrackOf, onTrack, judged)
		}
		out = append(out, gv)
	}
	return out, nil
}

// relChange is the change of now against base, as the model's Headline does it (one rule
// for the whole report): nil when either is missing or base is zero.
func relChange(now, base *float64) *float64 {
	return reports.Headline{Actual: now, Previous: base}.ChangeVsPrevious()
}

// bulletChart draws a KPI's attainment as a bullet bar: the bar is Actual / Target (the
// model's attainment) in the status colour, a solid line marks the target (100 %) and a
// dashed one where the KPI should be by now (PaceTarget / Target) when that differs.
func bulletChart(id string, k reports.GoalKPI, w words) (chart, error) {
	c := chart{ID: id, Size: "chart bullet", Format: chartFormat{Unit: "percent", Axis: "x"}}
	maxX := 1.25
	bar := "-"
	if k.Attainment != nil && !math.IsNaN(*k.Attainment) && !math.IsInf(*k.Attainment, 0) {
		a := math.Max(0, *k.Attainment)
		if a > maxX {
			maxX = math.Min(2, a*1.05)
		}
		bar = fmt.Sprint(math.Min(a, maxX))
	}
	var pace *float64
	if k.PaceTarget != nil && k.Target != nil && *k.Target > 0 && *k.PaceTarget != *k.Target {
		p := *k.PaceTarget / *k.Target
		pace = &p
	}
	b := charts.NewBar()
	b.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "1", Right: "1", Top: "4", Bottom: "4"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: maxX, SplitNumber: 4}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Show: opts.Bool(false)}),
	)
	b.SetXAxis([]string{k.Label})
	b.AddSeries(k.Label, []opts.BarData{{Value: bar}},
		charts.WithBarChartOpts(opts.BarChart{ShowBackground: opts.Bool(true), BarWidth: "14"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColour(k.Status)}),
	)
	opt, err := finish(b, func(o map[string]any) {
		o["yAxis"] = []any{map[string]any{"type": "category", "show": false, "data": []any{k.Label}}}
		// The figures are written beside the bar; the axis itself stays bare.
		o["xAxis"] = []any{map[string]any{"type": "value", "min": 0, "max": maxX, "show": false}}
		s := seriesOf(o)[0]
		s["backgroundStyle"] = map[string]any{"color": colourTrack}
		s["silent"] = true
		marks := []any{map[string]any{"xAxis": 1, "lineStyle": map[string]any{"color": colourTarget, "width": 2, "type": "solid"}}}
		if pace != nil && *pace >= 0 && *pace <= maxX {
			marks = append(marks, map[string]any{"xAxis": *pace, "lineStyle": map[string]any{"color": colourTarget, "width": 2, "type": "dashed"}})
		}
		s["markLine"] = map[string]any{"silent": true, "symbol": []any{"none", "none"}, "label": map[string]any{"show": false}, "data": marks}
	})
	if err != nil {
		return c, err
	}
	c.Option = opt
	return c, nil
}

// goalTrendChart draws a KPI's trailing 13 months (the model's Trend) against each month's
// target, with the same months a year earlier as a faint ghost line.
func goalTrendChart(id string, k reports.GoalKPI, gt reports.GoalTrend, f format, w words, currency string) (chart, []string, []trendRow, error) {
	c := chart{ID: id, Title: k.Label, Size: "chart", Format: chartFormat{Unit: unitOf(k.Unit), Axis: "y"}}
	var months []string
	actual := make([]opts.LineData, len(k.Trend))
	target := make([]opts.LineData, len(k.Trend))
	ghost := make([]opts.LineData, len(k.Trend))
	rowA := trendRow{Platform: w.ThisYear}
	rowT := trendRow{Platform: w.Target}
	rowG := trendRow{Platform: w.LastYear}
	hasTarget, hasGhost := false, false
	for i, p := range k.Trend {
		months = append(months, f.month(p.Month))
		actual[i] = opts.LineData{Value: value(p.Value)}
		rowA.Values = append(rowA.Values, f.value(p.Value, k.Unit, currency))
		var t, g *float64
		if i < len(gt.Targets) && monthOf(gt.Targets[i].Month).Equal(monthOf(p.Month)) {
			t = gt.Targets[i].Value
		}
		if i < len(gt.LastYear) && monthOf(gt.LastYear[i].Month).Equal(monthOf(p.Month).AddDate(-1, 0, 0)) {
			g = gt.LastYear[i].Value
		}
		hasTarget = hasTarget || t != nil
		hasGhost = hasGhost || g != nil
		target[i] = opts.LineData{Value: value(t)}
		ghost[i] = opts.LineData{Value: value(g)}
		rowT.Values = append(rowT.Values, f.value(t, k.Unit, currency))
		rowG.Values = append(rowG.Values, f.value(g, k.Unit, currency))
	}
	rows := []trendRow{rowA}
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "36", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
	)
	line.SetXAxis(months)
	if hasGhost {
		line.AddSeries(w.LastYear, ghost,
			charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), Symbol: "emptyCircle", SymbolSize: 6}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: colourGhost, Width: 1.5, Type: "dotted"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colourGhost}),
		)
		rows = append(rows, rowG)
	}
	if hasTarget {
		line.AddSeries(w.Target, target,
			charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), Symbol: "none"}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: colourTarget, Width: 1.5, Type: "dashed"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colourTarget}),
		)
		rows = append(rows, rowT)
	}
	line.AddSeries(w.ThisYear, actual,
		charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), Symbol: "circle", SymbolSize: 7}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: colourActual, Width: 2.5}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colourActual}),
	)
	opt, err := finish(line, func(o map[string]any) {
		// The period's own month stands out: the last point is larger.
		ss := seriesOf(o)
		s := ss[len(ss)-1]
		if data, ok := s["data"].([]any); ok && len(data) > 0 {
			if last, ok := data[len(data)-1].(map[string]any); ok {
				last["symbolSize"] = 11
			}
		}
	})
	if err != nil {
		return c, nil, nil, err
	}
	c.Option = opt
	return c, months, rows, nil
}

// perOf names the length of a period as targets name theirs: month, quarter or year.
func perOf(p reports.Period) string {
	switch p.Months() {
	case 1:
		return "month"
	case 3:
		return "quarter"
	case 12:
		return "year"
	}
	return ""
}

// unitOf maps a KPI unit to the init script's formats.
func unitOf(unit string) string {
	switch unit {
	case "percent", "currency", "hours":
		return unit
	}
	return "count"
}

// asOfNote says how far a running period's figures go, or "" once the period is over.
func asOfNote(r *reports.Report, f format, w words) string {
	if r.Goals == nil || r.Goals.Complete || r.Goals.AsOf.IsZero() {
		return ""
	}
	last := r.Goals.AsOf.AddDate(0, 0, -1)
	if last.Before(r.Period.Start) {
		return w.NotStarted
	}
	return fmt.Sprintf(w.RunningPeriod, f.date(time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)))
}
