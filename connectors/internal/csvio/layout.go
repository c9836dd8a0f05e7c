package csvio

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Line is one physical line of a file with its 1-based number.
type Line struct {
	Number int
	Text   string
}

// Layout is what Sniff learnt about a delimited file: its delimiter, the lines in front of the
// table (a "sep=" hint, "#" comments, a title such as Meta's metric name) and the table header.
type Layout struct {
	Comma rune
	// SepHint is true when the file starts with an Excel "sep=" line.
	SepHint bool
	// Preamble holds the lines before the header, in order, without line terminators.
	Preamble []Line
	// Header is the first record with at least two non-empty fields; nil when there is none.
	Header     []string
	HeaderLine int
	// OneCell is true when the first record is a single cell holding delimiters: Excel
	// re-saved the file with every line quoted as one cell.
	OneCell bool
	// Wide is the number of fields of a first record wider than MaxColumns, which is then
	// not taken as a header; 0 otherwise.
	Wide int
	// start and startLine locate the first line after the "sep=" and "#" lines, where the
	// CSV reader begins; body and bodyLine locate the first line after the header record,
	// where the rows begin. Offsets are in bytes of the decoded text.
	start     int
	startLine int
	body      int
	bodyLine  int
	// grid holds the cells of a worksheet when the table comes from a workbook rather
	// than from delimited text; records are then read from it, not from the text.
	grid [][]string
}

// Title returns the preamble lines that are neither the "sep=" hint nor "#" comments, with
// quotes and trailing delimiters removed: for a Meta overview series this is the metric name.
func (l Layout) Title() []Line {
	var out []Line
	for _, p := range l.Preamble {
		t := strings.TrimSpace(p.Text)
		if t == "" || strings.HasPrefix(t, "#") || (l.SepHint && p.Number == 1) {
			continue
		}
		t = strings.TrimRight(t, string(l.Comma)+" ")
		t = strings.TrimSpace(strings.Trim(t, `"`))
		if t != "" {
			out = append(out, Line{Number: p.Number, Text: t})
		}
	}
	return out
}

// Comments returns the text of the "#" preamble lines with the "#" removed.
func (l Layout) Comments() []string {
	var out []string
	for _, p := range l.Preamble {
		if t, ok := strings.CutPrefix(strings.TrimSpace(p.Text), "#"); ok {
			out = append(out, strings.TrimSpace(t))
		}
	}
	return out
}

// maxTitleRecords bounds how many title records may sit between the preamble and the header.
const maxTitleRecords = 3

// Sniff finds the delimiter, the preamble and the header of text. It never fails: a file
// without a recognisable header simply has a nil Header, which no connector claims.
func Sniff(text string) Layout {
	l, _ := SniffHead(text, true)
	return l
}

// SniffHead is Sniff on the first bytes of a file's decoded text (whole is false when the
// file goes on). ok is false when head was too short to tell: the header may go on past it,
// or no header was found in it; the caller may try again with a longer head.
func SniffHead(head string, whole bool) (l Layout, ok bool) {
	l = sniff(head)
	if whole || l.OneCell {
		return l, true
	}
	return l, l.Header != nil && l.body < len(head)
}

func sniff(text string) Layout {
	l := Layout{Comma: ',', startLine: 1}
	pos, lineNo := 0, 1
	next := func() (string, int) { // the line at pos and the offset after it
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			return text[pos:], len(text)
		}
		return text[pos : pos+end], pos + end + 1
	}
	if pos < len(text) {
		line, after := next()
		t := strings.TrimRight(line, "\r")
		if len(t) >= 4 && strings.EqualFold(t[:4], "sep=") {
			l.SepHint = true
			if r := []rune(t[4:]); len(r) > 0 {
				l.Comma = r[0]
			}
			l.Preamble = append(l.Preamble, Line{Number: lineNo, Text: t})
			pos, lineNo = after, lineNo+1
		}
	}
	for pos < len(text) {
		line, after := next()
		t := strings.TrimRight(line, "\r")
		if !strings.HasPrefix(t, "#") && strings.TrimSpace(t) != "" {
			break
		}
		l.Preamble = append(l.Preamble, Line{Number: lineNo, Text: t})
		pos, lineNo = after, lineNo+1
	}
	l.start, l.startLine = pos, lineNo
	if !l.SepHint {
		l.Comma = sniffComma(text[pos:])
	}
	r := l.reader(text)
	for i := 0; i <= maxTitleRecords; i++ {
		rec, err := r.Read()
		if err != nil {
			return l
		}
		line, _ := r.FieldPos(0)
		line += l.startLine - 1
		if i == 0 && len(rec) == 1 && strings.ContainsRune(rec[0], l.Comma) {
			l.OneCell = true
			return l
		}
		if len(rec) > MaxColumns {
			// No export is wider than Excel; a million-column "header" would cost every
			// connector's detection a million names.
			l.Wide = len(rec)
			return l
		}
		if nonEmpty(rec) >= 2 {
			l.Header, l.HeaderLine = rec, line
			l.body = l.start + int(r.InputOffset())
			l.bodyLine = l.startLine + strings.Count(text[l.start:l.body], "\n")
			return l
		}
		l.Preamble = append(l.Preamble, Line{Number: line, Text: strings.Join(rec, string(l.Comma))})
	}
	return l
}

func nonEmpty(rec []string) int {
	n := 0
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			n++
		}
	}
	return n
}

// Grid reports whether the table comes from a workbook's worksheet.
func (l Layout) Grid() bool { return l.grid != nil }

func (l Layout) reader(text string) *csv.Reader {
	r := csv.NewReader(strings.NewReader(text[l.start:]))
	r.Comma = l.Comma
	r.FieldsPerRecord = -1 // ragged rows are the connectors' business, reported per line
	return r
}

// sniffComma picks the delimiter that occurs most often outside quotes in the first lines.
// Excel's European re-save uses ';', Meta's older series and Excel "Unicode text" use tabs.
func sniffComma(text string) rune {
	counts := map[rune]int{}
	inQuote, lines := false, 0
	for _, c := range text {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '\n':
			lines++
		case c == ',' || c == ';' || c == '\t':
			counts[c]++
		}
		if lines >= 5 {
			break
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// Record is one CSV record with the position of each field. Its fields are either slices of
// one string (text, cut at bounds: the fast reader's records, which cost one allocation and
// no pointer writes per field) or separate strings (cells: worksheets, encoding/csv).
type Record struct {
	text   string
	bounds []int // field i is text[bounds[2i]:bounds[2i+1]]
	cells  []string
	lines  []int
	cols   []int
	grid   bool // from a worksheet: columns are cell columns, not byte offsets
}

// Clone returns a copy of r that stays valid after the reader has moved on.
func (r Record) Clone() Record {
	r.bounds = slices.Clone(r.bounds)
	r.cells = slices.Clone(r.cells)
	r.lines = slices.Clone(r.lines)
	r.cols = slices.Clone(r.cols)
	return r
}

// Len is the number of fields.
func (r Record) Len() int {
	if r.cells != nil {
		return len(r.cells)
	}
	return len(r.bounds) / 2
}

// Fields returns the fields as a new slice.
func (r Record) Fields() []string {
	out := make([]string, r.Len())
	for i := range out {
		out[i] = r.Field(i)
	}
	return out
}

// Line is the line on which the record starts.
func (r Record) Line() int {
	if len(r.lines) == 0 {
		return 0
	}
	return r.lines[0]
}

// Pos returns the line and byte column of field i; past the last field it points just after
// the record's last field, where the missing value would have been.
func (r Record) Pos(i int) (line, col int) {
	if len(r.lines) == 0 {
		return 0, 0
	}
	if i < 0 {
		return r.lines[0], 0 // a column the file does not have: the line is all we know
	}
	if r.grid {
		return r.lines[0], i + 1
	}
	if i < len(r.lines) {
		return r.lines[i], r.cols[i]
	}
	last := len(r.lines) - 1
	return r.lines[last], r.cols[last] + len(r.Field(last)) + 1
}

// Field returns field i, or "" when the row is shorter than the header. The string stays
// valid after the reader moves on (it keeps the record's text alive while referenced).
func (r Record) Field(i int) string {
	if r.cells != nil {
		if i < 0 || i >= len(r.cells) {
			return ""
		}
		return r.cells[i]
	}
	if i < 0 || 2*i+1 >= len(r.bounds) {
		return ""
	}
	return r.text[r.bounds[2*i]:r.bounds[2*i+1]]
}

// SyntaxError is a CSV syntax error at a position of the file (not of the table).
type SyntaxError struct {
	Line, Column int
	Err          error
}

func (e *SyntaxError) Error() string { return e.Err.Error() }
func (e *SyntaxError) Unwrap() error { return e.Err }

// RowReader reads the records after the header one at a time, from the decoded text of
// the whole file or from a worksheet's cells. It keeps no record it has returned: each
// Record is valid until the next call to Next, except the strings Field returns, which stay
// valid (and keep the record's line alive) for as long as they are referenced.
type RowReader struct {
	fast    *fastRows
	cr      *csv.Reader
	lineOff int
	grid    [][]string
	gi      int
	rec     Record
}

// Rows returns a reader of the records after the header. text is the decoded text of the
// whole file from its first byte (ignored for a worksheet).
func (l Layout) Rows(text io.Reader) (*RowReader, error) {
	if l.grid != nil {
		return &RowReader{grid: l.grid, gi: l.HeaderLine, rec: Record{grid: true}}, nil
	}
	rr := &RowReader{}
	if l.Header == nil {
		return rr, nil
	}
	if _, err := io.CopyN(io.Discard, text, int64(l.body)); err != nil {
		if errors.Is(err, io.EOF) {
			return rr, nil
		}
		return nil, err
	}
	if l.Comma < utf8.RuneSelf && l.Comma != '"' && l.Comma != '\r' && l.Comma != '\n' {
		rr.fast = newFastRows(text, byte(l.Comma), l.bodyLine)
		return rr, nil
	}
	rr.cr = csv.NewReader(text)
	rr.cr.Comma = l.Comma
	rr.cr.FieldsPerRecord = -1 // ragged rows are the connectors' business, reported per line
	rr.cr.ReuseRecord = true
	rr.lineOff = l.bodyLine - 1
	return rr, nil
}

// Next returns the next record, or io.EOF after the last one. A CSV syntax error is a
// *SyntaxError positioned in the file.
func (rr *RowReader) Next() (Record, error) {
	if rr.grid != nil {
		return rr.nextCells()
	}
	rec := &rr.rec
	if rr.fast != nil {
		if err := rr.fast.next(); err != nil {
			return Record{}, err
		}
		rec.text, rec.bounds, rec.cells = rr.fast.text, rr.fast.bounds, rr.fast.cells
		rec.lines, rec.cols = rr.fast.lines, rr.fast.cols
		return *rec, nil
	}
	if rr.cr == nil {
		return Record{}, io.EOF
	}
	fields, err := rr.cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return Record{}, &SyntaxError{Line: pe.Line + rr.lineOff, Column: pe.Column, Err: pe.Err}
		}
		return Record{}, err
	}
	rec.cells = fields
	rec.lines, rec.cols = rec.lines[:0], rec.cols[:0]
	for i := range fields {
		line, col := rr.cr.FieldPos(i)
		rec.lines = append(rec.lines, line+rr.lineOff)
		rec.cols = append(rec.cols, col)
	}
	return *rec, nil
}

func (rr *RowReader) nextCells() (Record, error) {
	for ; rr.gi < len(rr.grid); rr.gi++ {
		fields := rr.grid[rr.gi]
		if nonEmpty(fields) == 0 {
			continue
		}
		rec := &rr.rec
		rec.cells = fields
		rec.lines, rec.cols = rec.lines[:0], rec.cols[:0]
		for j := range fields {
			rec.lines = append(rec.lines, rr.gi+1)
			rec.cols = append(rec.cols, j+1)
		}
		rr.gi++
		return *rec, nil
	}
	return Record{}, io.EOF
}
