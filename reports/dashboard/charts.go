package dashboard

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/goalpost/goalpost/reports"
)

// trailingMonths is how many months a trend chart shows.
const trailingMonths = 13

// chart is one chart of the page: a fixed ID (per position, so the same model gives the same
// page), its go-echarts option as JSON, and how the constant init script formats its values.
type chart struct {
	ID     string
	Title  string
	Size   string // CSS class: "chart" (default), "chart tiny", "chart tall"...
	Format chartFormat
	Option json.RawMessage
}

// chartFormat tells the init script how to show a chart's values; it holds no text that
// becomes code.
type chartFormat struct {
	// Unit is count, percent (a fraction), currency, hours or index (a ratio: ×1.5).
	Unit string `json:"unit"`
	// Axis is the value axis, "x" or "y"; "" for none (a heatmap).
	Axis string `json:"axis,omitempty"`
	// Kind selects a tooltip: "" (values) or "heatmap".
	Kind string `json:"kind,omitempty"`
}

// trend is a metric over the trailing months, one line per platform.
type trend struct {
	chart
	Months []string   // axis labels
	Rows   []trendRow // the same data as a table, for screen readers and print
}

type trendRow struct {
	Platform string
	Values   []string
}

// Colours. Status colours pass WCAG AA as text on white; every status is also a word and a
// mark, so the page reads without colour.
const (
	colourOnTrack  = "#1a7f37"
	colourAtRisk   = "#9a6700"
	colourOffTrack = "#cf222e"
	colourNone     = "#8c959f"
	colourActual   = "#0b5cad"
	colourTarget   = "#1f2328"
	colourGhost    = "#8c959f"
	colourTrack    = "#eaeef2"
)

// platformStyle gives each platform a fixed colour, symbol and dash, so lines tell apart in
// print and without colour, and the same platform looks the same in every chart.
var platformStyle = map[string]struct{ colour, symbol, dash string }{
	"facebook":  {"#1b5fc9", "circle", "solid"},
	"instagram": {"#b0317a", "rect", "dashed"},
	"x":         {"#24292f", "triangle", "dotted"},
	"linkedin":  {"#0a8fa8", "diamond", "solid"},
	"youtube":   {"#d1242f", "roundRect", "dashed"},
	"tiktok":    {"#6639ba", "pin", "dotted"},
	"web":       {"#1a7f37", "arrow", "solid"},
	"email":     {"#9a6700", "emptyCircle", "dashed"},
}

var fallbackColours = []string{"#0550ae", "#953800", "#116329", "#8250df", "#bf3989", "#4d2d00"}
var fallbackSymbols = []string{"circle", "rect", "triangle", "diamond", "roundRect", "pin"}
var fallbackDashes = []string{"solid", "dashed", "dotted"}

func styleOf(platform string, i int) (colour, symbol, dash string) {
	if s, ok := platformStyle[platform]; ok {
		return s.colour, s.symbol, s.dash
	}
	return fallbackColours[i%len(fallbackColours)], fallbackSymbols[i%len(fallbackSymbols)], fallbackDashes[i%len(fallbackDashes)]
}

func statusColour(status string) string {
	switch status {
	case "on_track":
		return colourOnTrack
	case "at_risk":
		return colourAtRisk
	case "off_track":
		return colourOffTrack
	}
	return colourNone
}

// jsonChart is what every go-echarts chart gives.
type jsonChart interface {
	Validate()
	JSON() map[string]interface{}
}

// finish turns a go-echarts chart into option JSON, letting patch set what go-echarts has no
// field for. json.Marshal escapes <, >, &, U+2028 and U+2029, so no text in the option can
// close the script element or break the JavaScript that reads it (notes §3.4); map keys
// come out sorted, so the bytes are deterministic.
func finish(c jsonChart, patch func(o map[string]any)) (json.RawMessage, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, err
	}
	var o map[string]any
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, err
	}
	// No animation: the chart is complete as soon as it is drawn, for print and screenshots.
	o["animation"] = false
	o["textStyle"] = map[string]any{"fontFamily": "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \"DejaVu Sans\", sans-serif"}
	if patch != nil {
		patch(o)
	}
	return json.Marshal(o)
}

// obj returns o[key] as an object, creating it.
func obj(o map[string]any, key string) map[string]any {
	if m, ok := o[key].(map[string]any); ok {
		return m
	}
	m := map[string]any{}
	o[key] = m
	return m
}

// series returns the option's series list.
func seriesOf(o map[string]any) []map[string]any {
	list, _ := o["series"].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, s := range list {
		if m, ok := s.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// value is a chart value: the number, or "-", which ECharts reads as "no value" (a line
// breaks instead of dropping to 0).
func value(v *float64) any {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return "-"
	}
	return *v
}

// trends groups r.Monthly by metric, in the model's order, and builds one line chart each;
// followers come first from the goals run when the model has them (Insights.Platforms).
func trends(r *reports.Report, f format, w words) ([]trend, error) {
	var order []string
	groups := map[string][]reports.MonthlySeries{}
	if r.Insights != nil {
		for _, p := range r.Insights.Platforms {
			key := "kpi:" + p.KPI
			if _, ok := groups[key]; !ok {
				order = append(order, key)
			}
			groups[key] = append(groups[key], reports.MonthlySeries{Platform: p.Platform, Metric: p.KPI, Label: p.Label, Points: p.Points})
		}
	}
	for _, s := range r.Monthly {
		if _, ok := groups["kpi:followers"]; ok && (s.Metric == "followers_total") {
			continue // the goals run's followers already include the platforms' totals
		}
		if _, ok := groups[s.Metric]; !ok {
			order = append(order, s.Metric)
		}
		groups[s.Metric] = append(groups[s.Metric], s)
	}
	var out []trend
	for i, metric := range order {
		t, err := buildTrend("platform-"+strconv.Itoa(i+1), groups[metric], f, w)
		if err != nil {
			return nil, fmt.Errorf("chart of %s: %w", metric, err)
		}
		out = append(out, t)
	}
	return out, nil
}

func buildTrend(id string, series []reports.MonthlySeries, f format, w words) (trend, error) {
	months := lastMonths(series, trailingMonths)
	t := trend{chart: chart{ID: id, Title: series[0].Label, Size: "chart", Format: chartFormat{Unit: "count", Axis: "y"}}}
	if t.Title == "" {
		t.Title = series[0].Metric
	}
	for _, m := range months {
		t.Months = append(t.Months, f.month(m))
	}

	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "36", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
	)
	line.SetXAxis(t.Months)
	for i, s := range series {
		byMonth := map[time.Time]*float64{}
		for _, p := range s.Points {
			byMonth[monthOf(p.Month)] = p.Value
		}
		data := make([]opts.LineData, len(months))
		row := trendRow{Platform: f.l.PlatformLabel(s.Platform)}
		for j, m := range months {
			v := byMonth[m]
			row.Values = append(row.Values, f.number(v))
			data[j] = opts.LineData{Value: value(v)}
		}
		t.Rows = append(t.Rows, row)
		colour, symbol, dash := styleOf(s.Platform, i)
		line.AddSeries(f.l.PlatformLabel(s.Platform), data,
			charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), Symbol: symbol, SymbolSize: 7}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: colour, Width: 2, Type: dash}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}),
		)
	}
	b, err := finish(line, nil)
	if err != nil {
		return trend{}, err
	}
	t.Option = b
	return t, nil
}

// lastMonths returns the n latest months present in any series, oldest first.
func lastMonths(series []reports.MonthlySeries, n int) []time.Time {
	seen := map[time.Time]bool{}
	var months []time.Time
	for _, s := range series {
		for _, p := range s.Points {
			m := monthOf(p.Month)
			if !seen[m] {
				seen[m] = true
				months = append(months, m)
			}
		}
	}
	sort.Slice(months, func(i, j int) bool { return months[i].Before(months[j]) })
	if len(months) > n {
		months = months[len(months)-n:]
	}
	return months
}

// monthOf normalises a month's date so that series built in different zones still line up.
func monthOf(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }
