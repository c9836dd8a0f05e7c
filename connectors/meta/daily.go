package meta

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

// Daily reads one Business Suite overview series (Insights → Overview/Results → Export):
// UTF-16LE, a "sep=," line, the metric's title, then "Date","Primary". The same file names
// (Reach.csv, Views.csv...) come from Facebook and Instagram; only the title tells them apart.
type Daily struct{}

type series struct {
	platform string // "" when the title is used by both platforms
	metric   string
}

// titles maps the normalised title line to the series. Wording differs between exports of
// the same metric ("Follows" in 2023/24 and early 2025, "Facebook follows" later).
var titles = map[string]series{
	"facebook reach":           {"facebook", "reach"},
	"reach":                    {"instagram", "reach"}, // Facebook's says "Facebook reach"
	"instagram reach":          {"instagram", "reach"},
	"follows":                  {"facebook", "followers_new"}, // Instagram's says "Instagram follows"
	"facebook follows":         {"facebook", "followers_new"},
	"instagram follows":        {"instagram", "followers_new"},
	"facebook visits":          {"facebook", "profile_visits"},
	"instagram profile visits": {"instagram", "profile_visits"},
	"facebook link clicks":     {"facebook", "link_clicks"},
	"instagram link clicks":    {"instagram", "link_clicks"},
	"views":                    {"", "views"},
	"facebook views":           {"facebook", "views"},
	"instagram views":          {"instagram", "views"},
	"viewers":                  {"", "viewers"},
	"content interactions":     {"", "engagements"},
}

var dailySignature = []string{"Date", "Primary"}

// Spec implements connectors.Connector.
func (Daily) Spec() connectors.Spec {
	return connectors.Spec{
		Name:        "meta-daily",
		Platform:    "facebook,instagram",
		Description: "Meta Business Suite overview series: one metric per file, one row per day (Reach.csv, Follows.csv, Views.csv...)",
		HowToExport: "Meta Business Suite → Insights → Overview (or Results) → pick a metric's chart → Export → CSV",
		Columns:     []string{"(title line)", "Date", "Primary"},
		Signature:   dailySignature,
		Metrics:     titleMetrics(),
	}
}

// Detect implements connectors.Connector: the header is exactly Date, Primary (Excel's
// re-save may add empty cells) and a title line precedes it.
func (Daily) Detect(f *connectors.File) bool {
	h := f.Header()
	if len(h) < 2 || csvio.Normalize(h[0]) != "date" || csvio.Normalize(h[1]) != "primary" {
		return false
	}
	for _, x := range h[2:] {
		if strings.TrimSpace(x) != "" {
			return false
		}
	}
	return len(f.Layout().Title()) == 1
}

func knownTitles() string {
	var out []string
	for k := range titles {
		out = append(out, fmt.Sprintf("%q", k))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// Parse implements connectors.Connector.
func (Daily) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(dailySignature...); err != nil {
		return err
	}
	tl := f.Layout().Title()
	if len(tl) != 1 {
		return &connectors.ParseError{File: f.Name, Line: s.HeaderLine, Column: 1, Msg: "no metric title line above the header", Expected: `a line such as "Facebook reach"`}
	}
	cur, err := resolve(f.Name, tl[0], opts)
	if err != nil {
		return err
	}
	dateCol, valCol := s.Col("Date"), s.Col("Primary")
	if err := s.DetectDecimal(ctx, valCol); err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		// Older exports hold several blocks (Facebook, then Instagram), each a title line
		// and its own "Date","Primary" header.
		first, n := "", 0
		for i := range r.Len() {
			if x := r.Field(i); strings.TrimSpace(x) != "" {
				n++
				if first == "" {
					first = strings.TrimSpace(x)
				}
			}
		}
		switch {
		case n == 0:
			return nil
		case csvio.Normalize(first) == "date" && csvio.Normalize(r.Field(valCol)) == "primary":
			return nil
		case n == 1 && s.Text(r, valCol) == "":
			if cur, err = resolve(f.Name, csvio.Line{Number: r.Line(), Text: first}, opts); err != nil {
				return err
			}
			return nil
		}
		// The hour jumps between T00 and T01 at US DST changes: keep the calendar date
		// as written, in UTC, never convert.
		t, err := s.Time(r, dateCol, csvio.MonthFirst, time.UTC, "YYYY-MM-DDTHH:MM:SS")
		if err != nil {
			return err
		}
		v, ok, err := s.Count(r, valCol)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if err := sink.Metric(connectors.MetricRow{
			Platform: cur.platform, Account: opts.Account, Date: csvio.CalendarDate(t), Metric: cur.metric, Value: v,
		}); err != nil {
			return err
		}
		return nil
	})
}

// resolve turns a title line into its series, taking the platform from opts when the
// title is shared by Facebook and Instagram.
func resolve(file string, title csvio.Line, opts connectors.Options) (series, error) {
	ser, ok := titles[csvio.Normalize(title.Text)]
	if !ok {
		return ser, &connectors.ParseError{File: file, Line: title.Number, Column: 1, Value: title.Text, Kind: "series title",
			Expected: "one of " + knownTitles()}
	}
	switch {
	case ser.platform == "" && opts.Platform == "":
		return ser, &connectors.ParseError{File: file, Line: title.Number, Column: 1,
			Msg:      fmt.Sprintf("the title %q is used by both Facebook and Instagram and the file does not say which", title.Text),
			Expected: "the platform to be given with the file: facebook or instagram"}
	case ser.platform == "":
		if opts.Platform != "facebook" && opts.Platform != "instagram" {
			return ser, fmt.Errorf("%s: platform %q given for a Meta series: want facebook or instagram", file, opts.Platform)
		}
		ser.platform = opts.Platform
	case opts.Platform != "" && opts.Platform != ser.platform:
		// The caller said which platform the file is; a title of the other one means a mix-up.
		return ser, &connectors.ParseError{File: file, Line: title.Number, Column: 1,
			Msg: fmt.Sprintf("the title %q says %s but the file was given as %s", title.Text, ser.platform, opts.Platform)}
	}
	return ser, nil
}

// titleMetrics lists the title lines and the metric each one gives, for Spec.Metrics.
func titleMetrics() []connectors.MetricColumn {
	var out []connectors.MetricColumn
	for title, sr := range titles {
		out = append(out, connectors.MetricColumn{Column: "(title line) " + title, Metric: sr.metric})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Column < out[j].Column })
	return out
}
