// Package sheet reads a connector's table by column name and turns bad cells into
// positioned *connectors.ParseError values, so each connector is a list of columns and a
// mapping, not parsing code.
package sheet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// Sheet is the table of one export file, read as a stream: Read takes only the header, and
// Each reads the rows one at a time, as often as needed (each call reads the file again), so
// memory is bounded by a row, never by the file. What a file decides from all its values
// (decimal separator, date order) is decided by Decide, a cheap pass over just those
// columns, before any row is emitted.
type Sheet struct {
	File *connectors.File
	H    csvio.Header
	// HeaderLine is the line of the header row.
	HeaderLine int
	// Decimal is the decimal separator decided by Decide or DetectDecimal ('.' until then).
	Decimal byte
}

// Read reads the header of f's table.
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
	return &Sheet{File: f, H: csvio.NewHeader(l.Header), HeaderLine: l.HeaderLine, Decimal: '.'}, nil
}

// text opens the file's decoded text; an empty text for a worksheet, whose cells are in
// its layout.
func (s *Sheet) text() (io.ReadCloser, error) {
	if s.File.Layout().Grid() {
		return io.NopCloser(strings.NewReader("")), nil
	}
	return s.File.Open()
}

// Each calls fn with every row after the header, in file order, and stops at the first
// error fn returns. The Record is only valid during the call (the strings its Field
// returns may be kept; Clone keeps a whole record). Each checks ctx every 512 rows, so long
// files stop promptly when cancelled.
func (s *Sheet) Each(ctx context.Context, fn func(r csvio.Record) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	text, err := s.text()
	if err != nil {
		return err
	}
	defer text.Close()
	rr, err := s.File.Layout().Rows(text)
	if err != nil {
		return err
	}
	// Records are split on another goroutine while fn converts the ones before them.
	rows := csvio.Prefetch(rr)
	defer rows.Close() // before text.Close: the reading goroutine reads text
	for n := 1; ; n++ {
		r, err := rows.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return s.syntax(err)
		}
		if err := fn(r); err != nil {
			return err
		}
		if n%512 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
}

// First returns the first row after the header; ok is false when the table has none.
func (s *Sheet) First(ctx context.Context) (r csvio.Record, ok bool, err error) {
	errStop := errors.New("stop")
	err = s.Each(ctx, func(rec csvio.Record) error {
		r, ok = rec.Clone(), true
		return errStop
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return r, ok, err
}

func (s *Sheet) syntax(err error) error {
	var se *csvio.SyntaxError
	if errors.As(err, &se) {
		return &connectors.ParseError{File: s.File.Name, Line: se.Line, Column: se.Column, Msg: "malformed CSV: " + se.Err.Error(), Err: se.Err}
	}
	if errors.Is(err, connectors.ErrChanged) {
		return err
	}
	return fmt.Errorf("reading %s: %w", s.File.Name, err)
}

// Scan calls fn with the cells of cols of every row, in one pass that builds no records:
// the pass for decisions that need every value of a few columns. v is only valid during
// the call. A file that is not plain CSV is read with Each instead, so a syntax error is
// reported with its position.
func (s *Sheet) Scan(ctx context.Context, cols []int, fn func(col int, v string)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	text, err := s.text()
	if err != nil {
		return err
	}
	err = s.File.Layout().Scan(text, cols, fn)
	text.Close()
	if !errors.Is(err, csvio.ErrIrregular) {
		// A scan that ran to the end is whole even if ctx ended meanwhile: Decide keeps
		// what it decided (pipeline.ReadAhead cancels its pass once the ingest needs the
		// file), and the caller's next step sees ctx.
		if err != nil {
			return s.syntax(err)
		}
		return nil
	}
	return s.Each(ctx, func(r csvio.Record) error {
		for _, c := range cols {
			if c >= 0 && c < r.Len() {
				fn(c, r.Field(c))
			}
		}
		return nil
	})
}

// Decide runs one Scan that decides, when decimalCols is not empty, the file's decimal
// separator from their cells (stored in s.Decimal) and, when dateCol >= 0, its date order
// from every value of dateCol (def when no value decides).
func (s *Sheet) Decide(ctx context.Context, decimalCols []int, dateCol int, def csvio.DateOrder) (csvio.DateOrder, error) {
	// A pass made ahead over the same File may have decided already (connectors.File.Remember).
	key := fmt.Sprintf("sheet.Decide %v %d %d", decimalCols, dateCol, def)
	if d, ok := s.File.Recall(key); ok {
		d := d.(decision)
		if len(decimalCols) > 0 {
			s.Decimal = d.decimal
		}
		return d.order, nil
	}
	order, err := s.decide(ctx, decimalCols, dateCol, def)
	if err == nil {
		s.File.Remember(key, decision{decimal: s.Decimal, order: order})
	}
	return order, err
}

// decision is what Decide remembers.
type decision struct {
	decimal byte
	order   csvio.DateOrder
}

func (s *Sheet) decide(ctx context.Context, decimalCols []int, dateCol int, def csvio.DateOrder) (csvio.DateOrder, error) {
	cols := slices.Clone(decimalCols)
	if dateCol >= 0 {
		cols = append(cols, dateCol)
	}
	isDec := make([]bool, slices.Max(append(cols, 0))+1)
	for _, c := range decimalCols {
		if c >= 0 {
			isDec[c] = true
		}
	}
	var dd csvio.DecimalDetector
	var od csvio.DateOrderDetector
	err := s.Scan(ctx, cols, func(c int, v string) {
		if c == dateCol {
			od.Add(v)
		}
		if c < len(isDec) && isDec[c] {
			dd.Add(v)
		}
	})
	if err != nil {
		return def, err
	}
	d, err := dd.Decimal()
	if err != nil {
		return def, &connectors.ParseError{File: s.File.Name, Msg: err.Error(), Expected: "one number format per file"}
	}
	if len(decimalCols) > 0 {
		s.Decimal = d
	}
	if dateCol < 0 {
		return def, nil
	}
	o, err := od.Order(def)
	if err != nil {
		return def, &connectors.ParseError{File: s.File.Name, ColumnName: s.H.Name(dateCol), Msg: err.Error(), Expected: "one date order per file"}
	}
	return o, nil
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

// DetectDecimal decides the file's decimal separator from the cells of cols (a Decide
// without a date column).
func (s *Sheet) DetectDecimal(ctx context.Context, cols ...int) error {
	_, err := s.Decide(ctx, cols, -1, csvio.MonthFirst)
	return err
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
	order, err := s.Decide(ctx, dec, t.DateCol, t.Order)
	if err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		if t.Skip != nil {
			if why := t.Skip(r); why != "" {
				sink.Skip(r.Line(), why)
				return nil
			}
		}
		d, err := s.Time(r, t.DateCol, order, time.UTC, t.DateHint)
		if err != nil {
			return err
		}
		day := csvio.CalendarDate(d)
		return s.Values(r, t.Metrics, func(metric string, v float64) error {
			return sink.Metric(connectors.MetricRow{Platform: t.Platform, Account: t.Account, Date: day, Metric: metric, Value: v})
		})
	})
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
