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

// trend is one chart: a metric over the trailing months, one line per platform.
type trend struct {
	ID     string // fixed per position, so the same model gives the same page
	Title  string
	Months []string   // axis labels
	Rows   []trendRow // the same data as a table, for screen readers and print
	option json.RawMessage
}

type trendRow struct {
	Platform string
	Values   []string
}

// trends groups r.Monthly by metric, in the model's order, and builds one line chart each.
func trends(r *reports.Report, f format) ([]trend, error) {
	var order []string
	groups := map[string][]reports.MonthlySeries{}
	for _, s := range r.Monthly {
		if _, ok := groups[s.Metric]; !ok {
			order = append(order, s.Metric)
		}
		groups[s.Metric] = append(groups[s.Metric], s)
	}
	var out []trend
	for i, metric := range order {
		t, err := buildTrend("trend-"+strconv.Itoa(i+1), groups[metric], f)
		if err != nil {
			return nil, fmt.Errorf("chart of %s: %w", metric, err)
		}
		out = append(out, t)
	}
	return out, nil
}

func buildTrend(id string, series []reports.MonthlySeries, f format) (trend, error) {
	months := lastMonths(series, trailingMonths)
	t := trend{ID: id, Title: series[0].Label}
	if t.Title == "" {
		t.Title = series[0].Metric
	}
	for _, m := range months {
		t.Months = append(t.Months, f.month(m))
	}

	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		// No animation: the chart is complete as soon as it is drawn, for print and screenshots.
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "40", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
	)
	line.SetXAxis(t.Months)
	for _, s := range series {
		byMonth := map[time.Time]*float64{}
		for _, p := range s.Points {
			byMonth[monthOf(p.Month)] = p.Value
		}
		data := make([]opts.LineData, len(months))
		row := trendRow{Platform: s.Platform}
		for i, m := range months {
			v := byMonth[m]
			row.Values = append(row.Values, f.number(v))
			if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
				// ECharts reads "-" as "no value": the line breaks instead of dropping to 0.
				data[i] = opts.LineData{Value: "-"}
				continue
			}
			data[i] = opts.LineData{Value: *v}
		}
		t.Rows = append(t.Rows, row)
		line.AddSeries(s.Platform, data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false)}))
	}
	line.Validate()
	// json.Marshal escapes <, >, &, U+2028 and U+2029, so no text in the option can close
	// the script element or break the JavaScript that reads it (notes §3.4).
	b, err := json.Marshal(line.JSON())
	if err != nil {
		return trend{}, err
	}
	t.option = b
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
