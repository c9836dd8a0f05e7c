// Package ga4 reads Google Analytics 4 report downloads ("Download file → Download CSV",
// data-export.csv): a "#" comment preamble, then a table by date.
package ga4

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Connector reads a GA4 report whose first dimension is Date, optionally broken down by a
// channel group.
type Connector struct{}

var metrics = []sheet.Metric{
	{Columns: []string{"Sessions"}, Name: "sessions"},
	{Columns: []string{"Total users"}, Name: "users"},
	{Columns: []string{"Active users"}, Name: "active_users"},
	{Columns: []string{"New users"}, Name: "new_users"},
	{Columns: []string{"Returning users"}, Name: "returning_users"},
	{Columns: []string{"Engaged sessions"}, Name: "engaged_sessions"},
	{Columns: []string{"Event count"}, Name: "events"},
	{Columns: []string{"Views", "Screen page views"}, Name: "page_views"},
	{Columns: []string{"Key events", "Conversions"}, Name: "key_events"},
	{Columns: []string{"Total revenue"}, Name: "revenue", Fractional: true},
}

// ratios are averages and rates: they cannot be summed over days or channels, and every
// goal is computed from counts, so they are deliberately not stored.
var ratios = []string{
	"Event count per user", "Average session duration", "Average engagement time",
	"Average engagement time per active user", "Average engagement time per session",
	"Engagement rate", "Bounce rate", "Views per user", "Views per session", "Sessions per user",
	"Engaged sessions per user", "Events per session", "Session key event rate", "User key event rate",
}

var signature = []string{"Date"}

// additive metrics count things that belong to exactly one channel group (a session, a
// new user's first visit, an event), so a day's total is the sum over the groups. Users
// are not additive: one person can arrive through two channels in a day. metrics_daily
// keeps totals under the empty dimension, so for a file broken down by channel the
// additive totals are emitted too, and users stay as a breakdown only.
var additive = map[string]bool{
	"sessions": true, "new_users": true, "engaged_sessions": true, "events": true,
	"page_views": true, "key_events": true, "revenue": true,
}

// Spec implements connectors.Connector.
func (Connector) Spec() connectors.Spec {
	cols := []string{"Date", "<…> channel group"}
	for _, m := range metrics {
		cols = append(cols, m.Columns[0])
	}
	return connectors.Spec{
		Name: "ga4", Platform: "web",
		Description: "Google Analytics 4 report download by date (data-export.csv), optionally by channel group",
		HowToExport: "GA4 → Reports → a report with Date as the first dimension → Share this report → Download file → Download CSV",
		Columns:     cols, Signature: []string{"Date", "Sessions", "Total users", "New users"},
		Metrics: sheet.MetricColumns(metrics),
	}
}

// Detect implements connectors.Connector: GA4's "#" preamble, a Date first column and at
// least one GA4 metric.
func (Connector) Detect(f *connectors.File) bool {
	h := f.Header()
	if len(f.Layout().Comments()) == 0 || len(h) < 2 || csvio.Normalize(h[0]) != "date" {
		return false
	}
	hh := csvio.NewHeader(h)
	for _, m := range metrics {
		if hh.Index(m.Columns...) >= 0 {
			return true
		}
	}
	return false
}

func isChannelGroup(norm string) bool { return strings.Contains(norm, "channel group") }

// Parse implements connectors.Connector.
func (Connector) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(signature...); err != nil {
		return err
	}
	dateCol, dimCol := s.Col("Date"), -1
	bound := s.Bind(metrics)
	known := map[int]bool{dateCol: true}
	for _, b := range bound {
		known[b.Col] = true
	}
	ratio := csvio.NewHeader(ratios)
	for i := range s.H.Raw {
		switch {
		case known[i] || ratio.Index(s.H.Raw[i]) >= 0:
		case isChannelGroup(s.H.Norm(i)) && dimCol < 0:
			dimCol = i
		default:
			// An unknown dimension would split each day into rows we would then add up
			// wrongly; an unknown metric would be lost. Either way, say so.
			return &connectors.ParseError{File: f.Name, Line: s.HeaderLine, Column: 1, ColumnName: s.H.Raw[i],
				Msg: "column not supported", Expected: fmt.Sprintf("Date, a channel group and the metrics %s", metricNames())}
		}
	}
	if err := s.DetectDecimal(ctx, sheet.Cols(bound)...); err != nil {
		return err
	}
	account := opts.Account
	if account == "" {
		for _, c := range f.Layout().Comments() {
			if p, ok := strings.CutPrefix(c, "Property:"); ok {
				account = strings.TrimSpace(p)
			}
		}
	}
	type dayMetric struct {
		day    time.Time
		metric string
	}
	totals := map[dayMetric]float64{}
	err = s.Each(ctx, func(r csvio.Record) error {
		t, err := s.Time(r, dateCol, csvio.MonthFirst, time.UTC, "YYYYMMDD")
		if err != nil {
			return err
		}
		day, dim := csvio.CalendarDate(t), s.Text(r, dimCol)
		if dimCol >= 0 && dim == "" {
			dim = "(not set)" // GA4's own name for a missing group; "" is reserved for totals
		}
		err = s.Values(r, bound, func(metric string, v float64) error {
			if dimCol >= 0 && additive[metric] {
				totals[dayMetric{day, metric}] += v
			}
			return sink.Metric(connectors.MetricRow{Platform: "web", Account: account, Date: day, Metric: metric, Dimension: dim, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	keys := make([]dayMetric, 0, len(totals))
	for k := range totals {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if !keys[i].day.Equal(keys[j].day) {
			return keys[i].day.Before(keys[j].day)
		}
		return keys[i].metric < keys[j].metric
	})
	for _, k := range keys {
		if err := sink.Metric(connectors.MetricRow{Platform: "web", Account: account, Date: k.day, Metric: k.metric, Value: totals[k]}); err != nil {
			return err
		}
	}
	return nil
}

func metricNames() string {
	var out []string
	for _, m := range metrics {
		out = append(out, fmt.Sprintf("%q", m.Columns[0]))
	}
	return strings.Join(out, ", ")
}
