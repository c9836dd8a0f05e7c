package meta

import (
	"context"
	"strings"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Videos reads the Business Suite video export (Insights → Content → Videos → Export):
// one row per Facebook video, lifetime numbers, followed by about seventy retention
// columns ("Percentage of total views at interval N") that are not stored.
type Videos struct{}

var (
	videosSignature = []string{"Video asset ID", "Publish time", "3-second video views"}
	videoMetrics    = []sheet.Metric{
		{Columns: []string{"Reach"}, Name: "reach"},
		{Columns: []string{"3-second video views"}, Name: "video_views"},
		{Columns: []string{"1-minute video views"}, Name: "video_views_1min"},
		{Columns: []string{"Seconds viewed"}, Name: "watch_time_hours", Scale: 1.0 / 3600, Fractional: true},
		{Columns: []string{"Reactions, comments and shares"}, Name: "engagements"},
		{Columns: []string{"Reactions"}, Name: "reactions"},
		{Columns: []string{"Comments"}, Name: "comments"},
		{Columns: []string{"Shares"}, Name: "shares"},
	}
)

// Spec implements connectors.Connector.
func (Videos) Spec() connectors.Spec {
	cols := append([]string{}, videosSignature...)
	cols = append(cols, "Page name", "Title", "Universal video ID")
	for _, m := range videoMetrics {
		cols = append(cols, m.Columns[0])
	}
	return connectors.Spec{
		Name: "meta-videos", Platform: "facebook",
		Description: "Meta Business Suite video export: one row per Facebook video, lifetime metrics",
		HowToExport: "Meta Business Suite → Insights → Content → Videos (content type) → Export data → CSV",
		Columns:     cols, Signature: videosSignature,
		Metrics: sheet.MetricColumns(videoMetrics),
	}
}

// Detect implements connectors.Connector.
func (Videos) Detect(f *connectors.File) bool {
	return csvio.NewHeader(f.Header()).Has(videosSignature...)
}

// Parse implements connectors.Connector.
func (Videos) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(videosSignature...); err != nil {
		return err
	}
	if opts.Platform != "" && opts.Platform != "facebook" {
		return &connectors.ParseError{File: f.Name, Line: s.HeaderLine, Column: 1, Msg: "the video export is Facebook's but the file was given as " + opts.Platform}
	}
	var (
		idCol, timeCol, titleCol = s.Col("Video asset ID"), s.Col("Publish time"), s.Col("Title")
		pageCol, commentCol      = s.Col("Page name"), s.Col("Data comment")
		bound                    = s.Bind(videoMetrics)
		loc                      = sheet.Location(opts)
	)
	order, err := s.Decide(ctx, sheet.Cols(bound), timeCol, csvio.MonthFirst)
	if err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		id := s.Text(r, idCol)
		if id == "" {
			sink.Skip(r.Line(), skipReason("no video id", s.Text(r, commentCol)))
			return nil
		}
		if strings.Trim(id, "0123456789") != "" {
			return s.Err(r, idCol, "video id", "digits (an id shown as 1.66E+15 was rounded by Excel: export the file again)", nil)
		}
		at, err := s.Time(r, timeCol, order, loc, "MM/DD/YYYY HH:MM")
		if err != nil {
			return err
		}
		account := opts.Account
		if account == "" {
			account = s.Text(r, pageCol)
		}
		if err := sink.Post(connectors.Post{Platform: "facebook", Account: account, PostID: id, PublishedAt: at.UTC(),
			Type: "video", Title: s.Text(r, titleCol)}); err != nil {
			return err
		}
		err = s.Values(r, bound, func(metric string, v float64) error {
			return sink.PostMetric(connectors.PostMetric{Platform: "facebook", Account: account, PostID: id, Metric: metric, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
}
