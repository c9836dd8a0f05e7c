// Package mapped is the connector for exports no built-in connector knows: a Mapping,
// written by the user in the configuration, names the date column and which columns are
// which canonical metrics, and the file is read like any other export (detection by
// header, positioned errors, missing cells left out, never zero).
package mapped

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Mapping describes one user-defined export. The configuration loader fills it (config
// keys in snake_case: name, description, platform, account, date_column, date_layout,
// metrics, dimension_column).
type Mapping struct {
	// Name identifies the connector in the ledger and in messages ("givelively-daily").
	Name string
	// Description says in one line what the export is; optional.
	Description string
	// Platform is the canonical platform of the rows (facebook, web, email…) or another
	// lower-case name for a platform Goalpost does not know (givelively, zeffy…).
	Platform string
	// Account is the account the rows belong to; optional (Options.Account otherwise).
	Account string
	// DateColumn is the header of the column holding each row's day.
	DateColumn string
	// DateLayout is the layout of DateColumn in Go's reference-time notation
	// ("2006-01-02", "02/01/2006", "Jan 2, 2006"). Empty means the layouts the built-in
	// connectors recognise, with month/day order decided from the file's values.
	DateLayout string
	// Metrics maps export column headers to canonical metric names (connectors.Metrics).
	Metrics map[string]string
	// DimensionColumn optionally names a column that splits each day (a channel, a
	// campaign); its value becomes the rows' dimension.
	DimensionColumn string
}

var (
	nameRE     = regexp.MustCompile(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$`)
	platformRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

// ErrInvalid is wrapped by every validation error of New.
var ErrInvalid = errors.New("invalid mapping")

// New validates m and returns its connector. Every problem is reported at once.
func New(m Mapping) (connectors.Connector, error) {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if !nameRE.MatchString(m.Name) {
		bad("name %q: want lower-case letters, digits and dashes, such as \"givelively-daily\"", m.Name)
	}
	if !platformRE.MatchString(m.Platform) {
		bad("platform %q: want a lower-case name such as web, facebook or givelively", m.Platform)
	}
	if strings.TrimSpace(m.DateColumn) == "" {
		bad("date_column is empty: name the column that holds each row's day")
	}
	if m.DateLayout != "" {
		ref := time.Date(2025, time.December, 31, 0, 0, 0, 0, time.UTC)
		t, err := time.Parse(m.DateLayout, ref.Format(m.DateLayout))
		if err != nil || !t.Equal(ref) {
			bad("date_layout %q: want Go's reference date with year, month and day, such as 2006-01-02 or 02/01/2006", m.DateLayout)
		}
	}
	if len(m.Metrics) == 0 {
		bad("metrics is empty: map at least one column to a metric")
	}
	seen := map[string]string{csvio.Normalize(m.DateColumn): m.DateColumn}
	if m.DimensionColumn != "" {
		if prev, dup := seen[csvio.Normalize(m.DimensionColumn)]; dup {
			bad("dimension_column %q is also %q", m.DimensionColumn, prev)
		}
		seen[csvio.Normalize(m.DimensionColumn)] = m.DimensionColumn
	}
	for _, col := range sortedKeys(m.Metrics) {
		metric := m.Metrics[col]
		if strings.TrimSpace(col) == "" {
			bad("metrics: an empty column name")
			continue
		}
		if prev, dup := seen[csvio.Normalize(col)]; dup {
			bad("metrics: column %q is the same column as %q", col, prev)
		}
		seen[csvio.Normalize(col)] = col
		if !connectors.IsMetric(metric) {
			bad("metrics: column %q maps to %q, which is not a canonical metric (see docs/metrics.md)", col, metric)
		}
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("mapping %q: %w: %s", m.Name, ErrInvalid, strings.Join(probs, "; "))
	}
	c := &connector{m: m}
	for _, col := range sortedKeys(m.Metrics) {
		c.metrics = append(c.metrics, sheet.Metric{Columns: []string{col}, Name: m.Metrics[col], Fractional: true})
	}
	return c, nil
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

type connector struct {
	m       Mapping
	metrics []sheet.Metric
}

func (c *connector) signature() []string {
	sig := []string{c.m.DateColumn}
	for _, mt := range c.metrics {
		sig = append(sig, mt.Columns[0])
	}
	if c.m.DimensionColumn != "" {
		sig = append(sig, c.m.DimensionColumn)
	}
	return sig
}

// Spec implements connectors.Connector.
func (c *connector) Spec() connectors.Spec {
	desc := c.m.Description
	if desc == "" {
		desc = fmt.Sprintf("user-defined mapping: one row per day of %s", c.m.Platform)
	}
	return connectors.Spec{
		Name: c.m.Name, Platform: c.m.Platform, Description: desc,
		HowToExport: "defined by a mapping in the Goalpost configuration: export the file as its platform offers it",
		Columns:     c.signature(), Signature: c.signature(),
		Metrics: sheet.MetricColumns(c.metrics),
	}
}

// Detect implements connectors.Connector: every mapped column is in the header.
func (c *connector) Detect(f *connectors.File) bool {
	return len(f.Header()) > 0 && csvio.NewHeader(f.Header()).Has(c.signature()...)
}

// Parse implements connectors.Connector.
func (c *connector) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(c.signature()...); err != nil {
		return err
	}
	var (
		dateCol = s.Col(c.m.DateColumn)
		dimCol  = -1
		bound   = s.Bind(c.metrics)
		account = c.m.Account
	)
	if c.m.DimensionColumn != "" {
		dimCol = s.Col(c.m.DimensionColumn)
	}
	if account == "" {
		account = opts.Account
	}
	if err := s.DetectDecimal(ctx, sheet.Cols(bound)...); err != nil {
		return err
	}
	order := csvio.MonthFirst
	if c.m.DateLayout == "" {
		if order, err = s.Decide(ctx, nil, dateCol, csvio.MonthFirst); err != nil {
			return err
		}
	}
	return s.Each(ctx, func(r csvio.Record) error {
		var t time.Time
		if c.m.DateLayout != "" {
			if t, err = time.Parse(c.m.DateLayout, s.Text(r, dateCol)); err != nil {
				return s.Err(r, dateCol, "date", fmt.Sprintf("a date written like %q (the mapping's date_layout)", c.m.DateLayout), err)
			}
		} else if t, err = s.Time(r, dateCol, order, time.UTC, "a date such as 2025-12-31"); err != nil {
			return err
		}
		day := csvio.CalendarDate(t)
		dim := ""
		if dimCol >= 0 {
			if dim = s.Text(r, dimCol); dim == "" {
				dim = "(not set)" // "" is reserved for the day's total
			}
		}
		err = s.Values(r, bound, func(metric string, v float64) error {
			return sink.Metric(connectors.MetricRow{Platform: c.m.Platform, Account: account, Date: day, Metric: metric, Dimension: dim, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
}
