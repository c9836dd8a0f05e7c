package ga4

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// Snapshot reads GA4's "Reports snapshot" download: many small sections, each with its own
// "#" block (a question as title, Start date, End date), header and rows, separated by blank
// lines. Only the daily series are stored (the "Nth day" section: "1 day" is the day's
// active users); the other sections are totals over the period, weekly series or retention
// cohorts, which metrics_daily cannot hold without inventing days, so each is listed as a
// skipped section with the reason.
type Snapshot struct{}

// Spec implements connectors.Connector.
func (Snapshot) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "ga4-snapshot", Platform: "web",
		Description: "Google Analytics 4 Reports snapshot download: the daily active users series; the other sections are listed as skipped",
		HowToExport: "GA4 → Reports → Reports snapshot → Share this report → Download file → Download CSV",
		Columns:     []string{"# Start date:", "Nth day", "1 day", "Active users", "New users"},
		Signature:   []string{"Nth day", "1 day"},
		Metrics: []connectors.MetricColumn{
			{Column: "1 day (section \"Nth day\")", Metric: "active_users"},
			{Column: "Active users (section \"Nth day\")", Metric: "active_users"},
			{Column: "New users (section \"Nth day\")", Metric: "new_users"},
			{Column: "Sessions (section \"Nth day\")", Metric: "sessions"},
		},
	}
}

// Detect implements connectors.Connector: a GA4 "#" preamble with a start date, a first
// section keyed by "Nth week" or "Nth day", and the snapshot's title or several sections.
func (Snapshot) Detect(f *connectors.File) bool {
	h := f.Header()
	if len(h) < 2 {
		return false
	}
	k := csvio.Normalize(h[0])
	if k != "nth week" && k != "nth day" && k != "nth month" {
		return false
	}
	start := false
	for _, c := range f.Layout().Comments() {
		if strings.HasPrefix(c, "Start date:") {
			start = true
		}
	}
	return start
}

type section struct {
	start, end time.Time
	headerLine int
	header     []string
	rows       [][]string
	rowLines   []int
}

// sections calls fn with each section of the file as soon as it is complete, so only one
// section is held at a time; line numbers are the file's.
func sections(ctx context.Context, f *connectors.File, fn func(section) error) error {
	text, err := f.Open()
	if err != nil {
		return err
	}
	defer text.Close()
	br := bufio.NewReader(text)
	var cur *section
	flush := func() error {
		if cur == nil || cur.header == nil {
			return nil
		}
		s := *cur
		cur = nil
		return fn(s)
	}
	for i := 0; ; i++ {
		if i%512 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		raw, rerr := br.ReadString('\n')
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return rerr
		}
		if raw == "" && rerr != nil {
			break
		}
		line := strings.TrimRight(raw, "\r\n")
		switch {
		case strings.HasPrefix(line, "#"):
			if cur != nil && cur.header != nil {
				if err := flush(); err != nil {
					return err
				}
			}
			if cur == nil {
				cur = &section{}
			}
			c := strings.TrimSpace(strings.TrimPrefix(line, "#"))
			for _, k := range []struct {
				prefix string
				dst    *time.Time
			}{{"Start date:", &cur.start}, {"End date:", &cur.end}} {
				if v, ok := strings.CutPrefix(c, k.prefix); ok {
					t, err := time.Parse("20060102", strings.TrimSpace(v))
					if err != nil {
						return &connectors.ParseError{File: f.Name, Line: i + 1, Column: 1, Value: strings.TrimSpace(v), Kind: "date", Expected: "YYYYMMDD"}
					}
					*k.dst = t
				}
			}
		case strings.TrimSpace(line) == "":
			if err := flush(); err != nil {
				return err
			}
		default:
			if cur == nil {
				cur = &section{}
			}
			rec, err := readRecord(line)
			if err != nil {
				return &connectors.ParseError{File: f.Name, Line: i + 1, Column: 1, Msg: "malformed CSV: " + err.Error(), Err: err}
			}
			if cur.header == nil {
				cur.header, cur.headerLine = rec, i+1
			} else {
				cur.rows = append(cur.rows, rec)
				cur.rowLines = append(cur.rowLines, i+1)
			}
		}
		if rerr != nil {
			break
		}
	}
	return flush()
}

func readRecord(line string) ([]string, error) {
	r := csv.NewReader(strings.NewReader(line))
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err == io.EOF {
		return nil, nil
	}
	return rec, err
}

// dailyColumns are the columns of an "Nth day" section that are stored.
var dailyColumns = map[string]string{"1 day": "active_users", "active users": "active_users", "new users": "new_users", "sessions": "sessions"}

// Parse implements connectors.Connector.
func (Snapshot) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.Container != "" || f.Header() == nil {
		return &connectors.ParseError{File: f.Name, Msg: "no header row found", Expected: "a GA4 Reports snapshot CSV"}
	}
	account := opts.Account
	if account == "" {
		for _, c := range f.Layout().Comments() {
			if p, ok := strings.CutPrefix(c, "Property:"); ok {
				account = strings.TrimSpace(p)
			}
		}
	}
	return sections(ctx, f, func(s section) error {
		key := csvio.Normalize(s.header[0])
		if key != "nth day" {
			sink.Skip(s.headerLine, fmt.Sprintf("section %q: %s, not a daily series", strings.Join(s.header, ","), sectionKind(key)))
			return nil
		}
		if s.start.IsZero() {
			return &connectors.ParseError{File: f.Name, Line: s.headerLine, Column: 1, Msg: "section without a \"# Start date:\" line", Expected: "GA4's comment block above each section"}
		}
		for i, row := range s.rows {
			if i%512 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			n, err := strconv.Atoi(strings.TrimSpace(row[0]))
			if err != nil || n < 0 || n > 100000 {
				return &connectors.ParseError{File: f.Name, Line: s.rowLines[i], Column: 1, ColumnName: s.header[0], Value: row[0], Kind: "day number", Expected: "a zero-padded day number such as 0007"}
			}
			day := s.start.AddDate(0, 0, n)
			if !s.end.IsZero() && day.After(s.end) {
				return &connectors.ParseError{File: f.Name, Line: s.rowLines[i], Column: 1, ColumnName: s.header[0], Value: row[0], Kind: "day number", Expected: "a day inside the section's date range"}
			}
			for j := 1; j < len(s.header) && j < len(row); j++ {
				metric, ok := dailyColumns[csvio.Normalize(s.header[j])]
				if !ok {
					metric, ok = dailyColumns[strings.TrimSpace(s.header[j])]
				}
				if !ok || csvio.IsMissing(row[j]) {
					continue
				}
				v, err := csvio.ParseCount(row[j], '.')
				if err != nil {
					return &connectors.ParseError{File: f.Name, Line: s.rowLines[i], ColumnName: s.header[j], Value: row[j], Kind: "integer", Expected: "a whole number", Err: err}
				}
				if err := sink.Metric(connectors.MetricRow{Platform: "web", Account: account, Date: day, Metric: metric, Value: v}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func sectionKind(key string) string {
	switch {
	case key == "nth week" || key == "nth month":
		return "a weekly or monthly series"
	case key == "date":
		return "retention cohorts"
	}
	return "totals over the period"
}
