// Package youtube reads YouTube Studio's Advanced-mode export (a zip of "Table data.csv",
// "Chart data.csv" and "Totals.csv"). The file names say nothing, so the header decides.
package youtube

import (
	"context"
	"fmt"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

const platform = "youtube"

var metrics = []sheet.Metric{
	{Columns: []string{"Views"}, Name: "views"},
	{Columns: []string{"Watch time (hours)"}, Name: "watch_time_hours", Fractional: true},
	{Columns: []string{"Subscribers"}, Name: "followers_new"}, // net subscribers gained
	{Columns: []string{"Impressions"}, Name: "impressions"},
	{Columns: []string{"Likes"}, Name: "reactions"},
	{Columns: []string{"Comments added", "Comments"}, Name: "comments"},
	{Columns: []string{"Shares"}, Name: "shares"},
}

// ignored are columns read by neither connector: video attributes and ratios (a ratio
// cannot be summed; goals are computed from counts).
var ignored = []string{
	"Video title", "Video publish time", "Duration", "Impressions click-through rate (%)",
	"Average view duration", "Average percentage viewed (%)",
}

// Videos reads "Table data.csv" of a report by Content: one row per video, after a Total row.
type Videos struct{}

var videosSignature = []string{"Content", "Video title", "Video publish time", "Views"}

func columns(sig []string) []string {
	out := append([]string{}, sig...)
	for _, m := range metrics {
		out = append(out, m.Columns[0])
	}
	return out
}

// Spec implements connectors.Connector.
func (Videos) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "youtube-videos", Platform: platform,
		Description: "YouTube Studio Table data.csv by Content: one row per video, totals over the report's range",
		HowToExport: "YouTube Studio → Analytics → Advanced mode → Content tab → Export current view → Comma-separated values (.csv); use Table data.csv",
		Columns:     columns(videosSignature), Signature: videosSignature,
		Metrics: sheet.MetricColumns(metrics),
	}
}

// Detect implements connectors.Connector.
func (Videos) Detect(f *connectors.File) bool {
	h := f.Header()
	return len(h) > 0 && csvio.Normalize(h[0]) == "content" && csvio.NewHeader(h).Has(videosSignature...)
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
	idCol, titleCol, pubCol := s.Col("Content"), s.Col("Video title"), s.Col("Video publish time")
	bound := s.Bind(metrics)
	if err := s.DetectDecimal(ctx, sheet.Cols(bound)...); err != nil {
		return err
	}
	loc := sheet.Location(opts)
	return s.Each(ctx, func(r csvio.Record) error {
		id := s.Text(r, idCol)
		if csvio.Normalize(id) == "total" {
			sink.Skip(r.Line(), "totals row")
			return nil
		}
		if id == "" {
			return s.Err(r, idCol, "video id", "a YouTube video id such as UWQNrpakgcA", nil)
		}
		// Studio gives the publication day only ("Aug 28, 2025"): midnight in the
		// organisation's zone.
		at, err := s.Time(r, pubCol, csvio.MonthFirst, loc, `a date such as "Aug 28, 2025"`)
		if err != nil {
			return err
		}
		if err := sink.Post(connectors.Post{
			Platform: platform, Account: opts.Account, PostID: id, PublishedAt: at.UTC(), Type: "video",
			Title: s.Text(r, titleCol), Permalink: "https://www.youtube.com/watch?v=" + id,
		}); err != nil {
			return err
		}
		err = s.Values(r, bound, func(metric string, v float64) error {
			return sink.PostMetric(connectors.PostMetric{Platform: platform, Account: opts.Account, PostID: id, Metric: metric, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
}

// Daily reads "Totals.csv" (Date and metrics) and "Chart data.csv" (Date, one dimension such
// as Content or Traffic source, and metrics). The dimension value becomes the Dimension.
type Daily struct{}

// Spec implements connectors.Connector.
func (Daily) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "youtube-daily", Platform: platform,
		Description: "YouTube Studio Totals.csv and Chart data.csv: one row per day (and per dimension value)",
		HowToExport: "YouTube Studio → Analytics → Advanced mode → Export current view → Comma-separated values (.csv); use Totals.csv or Chart data.csv",
		Columns:     columns([]string{"Date", "<dimension>"}), Signature: []string{"Date", "Views"},
		Metrics: sheet.MetricColumns(metrics),
	}
}

// layout returns the dimension column (-1 for Totals.csv) and whether the header is a
// YouTube daily header: Date first, known metrics, at most one other column.
func layout(h csvio.Header) (dim int, ok bool) {
	if len(h.Raw) < 2 || h.Norm(0) != "date" {
		return -1, false
	}
	known := csvio.NewHeader(ignored)
	dim, hasMetric := -1, false
	for i := 1; i < len(h.Raw); i++ {
		switch {
		case csvio.NewHeader(h.Raw[i:i+1]).Index(metricNames()...) == 0:
			hasMetric = true
		case known.Index(h.Raw[i]) >= 0:
		case dim < 0:
			dim = i
		default:
			return -1, false
		}
	}
	return dim, hasMetric
}

func metricNames() []string {
	var out []string
	for _, m := range metrics {
		out = append(out, m.Columns...)
	}
	return out
}

// Detect implements connectors.Connector. GA4 also has Date and Views, but always a "#"
// preamble, which Studio never writes.
func (Daily) Detect(f *connectors.File) bool {
	if len(f.Layout().Comments()) > 0 || f.Layout().Title() != nil {
		return false
	}
	_, ok := layout(csvio.NewHeader(f.Header()))
	return ok
}

// Parse implements connectors.Connector.
func (Daily) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	dimCol, ok := layout(s.H)
	if !ok {
		return &connectors.ParseError{File: f.Name, Line: s.HeaderLine, Column: 1,
			Msg: fmt.Sprintf("not a YouTube Studio daily header: %q", s.H.Raw), Expected: "Date, at most one dimension column, and metrics such as Views"}
	}
	dateCol := s.Col("Date")
	bound := s.Bind(metrics)
	// Studio writes YYYY-MM-DD; an Excel re-save writes DD-MM-YYYY, decided over the file.
	order, err := s.Decide(ctx, sheet.Cols(bound), dateCol, csvio.MonthFirst)
	if err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		t, err := s.Time(r, dateCol, order, nil, "YYYY-MM-DD")
		if err != nil {
			return err
		}
		day, dim := csvio.CalendarDate(t), s.Text(r, dimCol)
		err = s.Values(r, bound, func(metric string, v float64) error {
			return sink.Metric(connectors.MetricRow{Platform: platform, Account: opts.Account, Date: day, Metric: metric, Dimension: dim, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
}
