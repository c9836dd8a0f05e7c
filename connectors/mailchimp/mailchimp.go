// Package mailchimp reads Mailchimp's campaign report export (Reports → Export as CSV):
// one row per sent campaign, aggregate numbers only (no personal data).
package mailchimp

import (
	"context"
	"math"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Campaigns reads the campaign report export.
type Campaigns struct{}

const platform = "email"

var (
	signature = []string{"Title", "Send Date", "Total Recipients", "Unique Id"}
	metrics   = []sheet.Metric{
		{Columns: []string{"Total Recipients"}, Name: "recipients"},
		{Columns: []string{"Successful Deliveries"}, Name: "deliveries"},
		{Columns: []string{"Total Bounces"}, Name: "bounces"},
		{Columns: []string{"Unique Opens"}, Name: "opens"},
		{Columns: []string{"Total Opens"}, Name: "opens_total"},
		{Columns: []string{"Unique Clicks"}, Name: "link_clicks"},
		{Columns: []string{"Total Clicks"}, Name: "clicks_total"},
		{Columns: []string{"Unsubscribes"}, Name: "unsubscribes"},
		{Columns: []string{"Abuse Complaints"}, Name: "abuse_complaints"},
		{Columns: []string{"Times Forwarded"}, Name: "forwards"},
	}
	// rates turn into counts (rate × deliveries) only when the count column is absent:
	// goals are computed from counts, never from a platform's rounded rate.
	rates = []struct{ column, metric string }{
		{"Open Rate", "opens"},
		{"Click Rate", "link_clicks"},
	}
)

// Spec implements connectors.Connector.
func (Campaigns) Spec() connectors.Spec {
	cols := append([]string{}, signature...)
	cols = append(cols, "Subject", "List")
	for _, m := range metrics {
		cols = append(cols, m.Columns[0])
	}
	cols = append(cols, "Open Rate", "Click Rate")
	return connectors.Spec{
		Name: "mailchimp-campaigns", Platform: platform,
		Description: "Mailchimp campaign report export: one row per sent campaign",
		HowToExport: "Mailchimp → Analytics → Reports → Campaigns → Export as CSV (Download)",
		Columns:     cols, Signature: signature,
		Metrics: append(sheet.MetricColumns(metrics), connectors.MetricColumn{Column: "Open Rate (× Successful Deliveries, when Unique Opens is absent)", Metric: "opens"}, connectors.MetricColumn{Column: "Click Rate (× Successful Deliveries, when Unique Clicks is absent)", Metric: "link_clicks"}),
	}
}

// Detect implements connectors.Connector.
func (Campaigns) Detect(f *connectors.File) bool {
	return csvio.NewHeader(f.Header()).Has(signature...)
}

// Parse implements connectors.Connector.
func (Campaigns) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(signature...); err != nil {
		return err
	}
	var (
		idCol, titleCol, subjCol = s.Col("Unique Id"), s.Col("Title"), s.Col("Subject")
		dateCol, listCol         = s.Col("Send Date"), s.Col("List")
		delivCol                 = s.Col("Successful Deliveries")
		bound                    = s.Bind(metrics)
		loc                      = sheet.Location(opts)
	)
	numCols := sheet.Cols(bound)
	for _, r := range rates {
		numCols = append(numCols, s.Col(r.column))
	}
	order, err := s.Decide(ctx, numCols, dateCol, csvio.MonthFirst)
	if err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		id := s.Text(r, idCol)
		if id == "" {
			return s.Err(r, idCol, "campaign id", "the campaign's Unique Id", nil)
		}
		at, err := s.Time(r, dateCol, order, loc, `a date such as "Jan 02, 2025 10:00 am"`)
		if err != nil {
			return err
		}
		title := s.Text(r, subjCol) // what readers saw; Title is the internal name
		if title == "" {
			title = s.Text(r, titleCol)
		}
		account := opts.Account
		if account == "" {
			account = s.Text(r, listCol)
		}
		if err := sink.Post(connectors.Post{
			Platform: platform, Account: account, PostID: id, PublishedAt: at.UTC(), Type: "email", Title: title,
		}); err != nil {
			return err
		}
		seen := map[string]bool{}
		emit := func(metric string, v float64) error {
			seen[metric] = true
			return sink.PostMetric(connectors.PostMetric{Platform: platform, Account: account, PostID: id, Metric: metric, Value: v})
		}
		if err := s.Values(r, bound, emit); err != nil {
			return err
		}
		deliveries, hasDeliveries, err := s.Count(r, delivCol)
		if err != nil {
			return err
		}
		for _, rt := range rates {
			if seen[rt.metric] || !hasDeliveries {
				continue
			}
			pct, ok, err := s.Number(r, s.Col(rt.column))
			if err != nil || !ok {
				if err != nil {
					return err
				}
				continue
			}
			if err := emit(rt.metric, math.Round(pct/100*deliveries)); err != nil {
				return err
			}
		}
		return nil
	})
}
