// Package sheet reads a connector's table by column name and turns bad cells into
// positioned *connectors.ParseError values, so each connector is a list of columns and a
// mapping, not parsing code.
package sheet

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// Sheet is the table of one export file, read in full: exports are small (thousands of rows)
// and number and date formats are decided from all values before any row is emitted.
type Sheet struct {
	File *connectors.File
	H    csvio.Header
	Rows []csvio.Record
	// HeaderLine is the line of the header row.
	HeaderLine int
	// Decimal is the decimal separator decided by DetectDecimal ('.' until then).
	Decimal byte
}

// Read reads every row after the header.
func Read(ctx context.Context, f *connectors.File) (*Sheet, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.ContainerErr != nil {
		return nil, &connectors.ParseError{File: f.Name, Msg: f.ContainerErr.Error(), Err: f.ContainerErr}
	}
	if t := f.Table(); t != nil {
		f = t
	}
	l := f.Layout()
	if l.Header == nil {
		return nil, &connectors.ParseError{File: f.Name, Msg: "no header row found", Expected: "an export with a header row"}
	}
	rows, err := csvio.Rows(f.Text, l, ctx.Err)
	if err != nil {
		var se *csvio.SyntaxError
		if errors.As(err, &se) {
			return nil, &connectors.ParseError{File: f.Name, Line: se.Line, Column: se.Column, Msg: "malformed CSV: " + se.Err.Error(), Err: se.Err}
		}
		return nil, err
	}
	return &Sheet{File: f, H: csvio.NewHeader(l.Header), Rows: rows, HeaderLine: l.HeaderLine, Decimal: '.'}, nil
}

// Require checks that each column is present, reporting every missing one at once together
// with what the file has. A name may list synonyms separated by "|" ("Link|Post Link").
func (s *Sheet) Require(names ...string) error {
	var miss []string
	for _, n := range names {
		if s.H.Index(strings.Split(n, "|")...) < 0 {
			miss = append(miss, fmt.Sprintf("%q", strings.Split(n, "|")[0]))
		}
	}
	if len(miss) == 0 {
		return nil
	}
	return &connectors.ParseError{
		File: s.File.Name, Line: s.HeaderLine, Column: 1,
		Msg: fmt.Sprintf("missing required column(s) %s (found: %q)", strings.Join(miss, ", "), s.H.Raw),
	}
}

// Col returns the index of the first column matching one of names, or -1.
func (s *Sheet) Col(names ...string) int { return s.H.Index(names...) }

// Err builds a positioned error for the cell of row r in column col.
func (s *Sheet) Err(r csvio.Record, col int, kind, expected string, cause error) *connectors.ParseError {
	line, c := r.Pos(col)
	return &connectors.ParseError{
		File: s.File.Name, Line: line, Column: c, ColumnName: s.H.Name(col),
		Value: r.Field(col), Kind: kind, Expected: expected, Err: cause,
	}
}

// Text returns the trimmed cell, "" for a column the file does not have.
func (s *Sheet) Text(r csvio.Record, col int) string {
	if col < 0 {
		return ""
	}
	return strings.TrimSpace(r.Field(col))
}

// DetectDecimal decides the file's decimal separator from the cells of cols.
func (s *Sheet) DetectDecimal(cols ...int) error {
	var vals []string
	for _, r := range s.Rows {
		for _, c := range cols {
			if c >= 0 && !csvio.IsMissing(r.Field(c)) {
				vals = append(vals, r.Field(c))
			}
		}
	}
	d, err := csvio.DetectDecimal(vals)
	if err != nil {
		return &connectors.ParseError{File: s.File.Name, Msg: err.Error(), Expected: "one number format per file"}
	}
	s.Decimal = d
	return nil
}

func (s *Sheet) numberHint() string {
	if s.Decimal == ',' {
		return "a number written like 1 204,5 (this file uses decimal commas)"
	}
	return "a number written like 1204.5 or 1,204.5"
}

// Count reads a whole number; ok is false for a missing cell ("", "-", "N/A"...).
func (s *Sheet) Count(r csvio.Record, col int) (v float64, ok bool, err error) {
	if col < 0 || csvio.IsMissing(r.Field(col)) {
		return 0, false, nil
	}
	v, err = csvio.ParseCount(r.Field(col), s.Decimal)
	if err != nil {
		if e := s.resaved(r, col, "integer"); e != nil {
			return 0, false, e
		}
		exp := "a whole number such as 1204"
		if s.Decimal == ',' {
			exp += " (this file uses decimal commas)"
		}
		return 0, false, s.Err(r, col, "integer", exp, err)
	}
	return v, true, nil
}

// Number reads a decimal number; ok is false for a missing cell.
func (s *Sheet) Number(r csvio.Record, col int) (v float64, ok bool, err error) {
	if col < 0 || csvio.IsMissing(r.Field(col)) {
		return 0, false, nil
	}
	v, err = csvio.ParseNumber(r.Field(col), s.Decimal)
	if err != nil {
		if e := s.resaved(r, col, "number"); e != nil {
			return 0, false, e
		}
		return 0, false, s.Err(r, col, "number", s.numberHint(), err)
	}
	return v, true, nil
}

// DateOrder decides month-first or day-first from every value of col.
func (s *Sheet) DateOrder(col int, def csvio.DateOrder) (csvio.DateOrder, error) {
	vals := make([]string, 0, len(s.Rows))
	for _, r := range s.Rows {
		vals = append(vals, r.Field(col))
	}
	o, err := csvio.DetectDateOrder(vals, def)
	if err != nil {
		return def, &connectors.ParseError{File: s.File.Name, ColumnName: s.H.Name(col), Msg: err.Error(), Expected: "one date order per file"}
	}
	return o, nil
}

// Time reads a date or date-time cell; wall-clock values are in loc.
func (s *Sheet) Time(r csvio.Record, col int, order csvio.DateOrder, loc *time.Location, expected string) (time.Time, error) {
	t, err := csvio.ParseTime(r.Field(col), order, loc)
	if err != nil {
		return time.Time{}, s.Err(r, col, "date", expected, err)
	}
	return t, nil
}

// Metric maps an export column (with its synonyms) to a canonical metric.
type Metric struct {
	Columns []string
	Name    string
	// Scale multiplies the value, e.g. 1/3600 to turn seconds into hours; 0 means 1.
	Scale float64
	// Fractional allows non-integral values (durations, hours); counts must be whole.
	Fractional bool
}

// Bound is a Metric found in this file's header.
type Bound struct {
	Metric
	Col int
}

// Bind keeps the metrics whose column the file has, in the order given.
func (s *Sheet) Bind(ms []Metric) []Bound {
	var out []Bound
	for _, m := range ms {
		if c := s.Col(m.Columns...); c >= 0 {
			out = append(out, Bound{m, c})
		}
	}
	return out
}

// Cols returns the column indexes of bound metrics (for DetectDecimal).
func Cols(bs []Bound) []int {
	out := make([]int, len(bs))
	for i, b := range bs {
		out[i] = b.Col
	}
	return out
}

// Values calls fn for every bound metric that has a value in row r; missing cells are
// skipped, never turned into zeros.
func (s *Sheet) Values(r csvio.Record, bs []Bound, fn func(metric string, v float64) error) error {
	for _, b := range bs {
		var v float64
		var ok bool
		var err error
		if b.Fractional {
			v, ok, err = s.Number(r, b.Col)
		} else {
			v, ok, err = s.Count(r, b.Col)
		}
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if b.Scale != 0 {
			v *= b.Scale
		}
		if err := fn(b.Name, v); err != nil {
			return err
		}
	}
	return nil
}

// Check returns ctx.Err() every 512 rows so long files stop promptly when cancelled.
func Check(ctx context.Context, i int) error {
	if i%512 == 0 {
		return ctx.Err()
	}
	return nil
}

// Location returns opts.Location, or UTC when the organisation has not set one.
func Location(opts connectors.Options) *time.Location {
	if opts.Location == nil {
		return time.UTC
	}
	return opts.Location
}

// MetricColumns lists the column → metric pairs of metric tables, for Spec.Metrics.
func MetricColumns(tables ...[]Metric) []connectors.MetricColumn {
	var out []connectors.MetricColumn
	for _, ms := range tables {
		for _, m := range ms {
			col := m.Columns[0]
			if m.Scale != 0 && m.Scale != 1 {
				col += fmt.Sprintf(" (× %g)", m.Scale)
			}
			out = append(out, connectors.MetricColumn{Column: col, Metric: m.Name})
		}
	}
	return out
}

// ErrMsg builds a positioned error about the cell of row r in column col that never
// repeats the cell's value: for columns holding personal data (names, e-mails, phones,
// free text) the message names only the line, the column and what was wrong.
func (s *Sheet) ErrMsg(r csvio.Record, col int, msg, expected string) *connectors.ParseError {
	line, c := r.Pos(col)
	return &connectors.ParseError{File: s.File.Name, Line: line, Column: c, ColumnName: s.H.Name(col), Msg: msg, Expected: expected}
}

// RequireSalt refuses to read an export with personal data when no salt is configured:
// people are only ever stored as salted hashes, never hashed without a salt.
func RequireSalt(f *connectors.File, opts connectors.Options) error {
	if opts.Salt == "" {
		return &connectors.ParseError{File: f.Name, Msg: "the export holds personal data but no salt is configured to hash it (goalpost init writes one into the config)", Err: connectors.ErrNoSalt}
	}
	return nil
}

// DailyTable describes a table with one row per day and one column per metric.
type DailyTable struct {
	Platform, Account string
	DateCol           int
	// Order is the platform's documented date order; the file's own dates decide when
	// one has a day above 12.
	Order csvio.DateOrder
	// DateHint says what the date column should hold, for errors.
	DateHint string
	Metrics  []Bound
	// DecimalCols are the columns that decide the file's decimal separator; nil means the
	// metric columns. Rates written "0,031" are often the only proof of a decimal comma.
	DecimalCols []int
	// Skip, when set, leaves a row out with a reason (a description row, a provisional
	// day); "" keeps it.
	Skip func(r csvio.Record) string
}

// Daily emits the MetricRow of every metric cell of a daily table. Dates are calendar days
// as written, never shifted by a zone; missing cells are left out, never zero.
func (s *Sheet) Daily(ctx context.Context, sink connectors.Sink, t DailyTable) error {
	dec := t.DecimalCols
	if dec == nil {
		dec = Cols(t.Metrics)
	}
	if err := s.DetectDecimal(dec...); err != nil {
		return err
	}
	order, err := s.DateOrder(t.DateCol, t.Order)
	if err != nil {
		return err
	}
	for i, r := range s.Rows {
		if err := Check(ctx, i); err != nil {
			return err
		}
		if t.Skip != nil {
			if why := t.Skip(r); why != "" {
				sink.Skip(r.Line(), why)
				continue
			}
		}
		d, err := s.Time(r, t.DateCol, order, time.UTC, t.DateHint)
		if err != nil {
			return err
		}
		day := csvio.CalendarDate(d)
		err = s.Values(r, t.Metrics, func(metric string, v float64) error {
			return sink.Metric(connectors.MetricRow{Platform: t.Platform, Account: t.Account, Date: day, Metric: metric, Value: v})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// resaved recognises the damage a spreadsheet does when it re-saves an export: a decimal
// such as 3.4 turned into a date ("3.апр", "3-Apr", "Apr-03") or a long number turned into
// scientific notation ("6.49E+17"). Such a file cannot be repaired, only exported again.
func (s *Sheet) resaved(r csvio.Record, col int, kind string) *connectors.ParseError {
	v := strings.TrimSpace(r.Field(col))
	var what string
	switch {
	case csvio.LooksLikeExcelDate(v):
		what = "a number that a spreadsheet turned into a date (3.4 becomes 3 April when the file is opened and saved)"
	case csvio.LooksLikeScientific(v):
		what = "a number that a spreadsheet rounded to scientific notation"
	default:
		return nil
	}
	e := s.Err(r, col, kind, "", nil)
	e.Msg = fmt.Sprintf("%q is %s: export the file again from the platform and import it without opening and saving it in a spreadsheet", v, what)
	return e
}
