package csvio

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
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
	// start and startLine locate the first line after the "sep=" and "#" lines, where the
	// CSV reader begins.
	start     int
	startLine int
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
		if nonEmpty(rec) >= 2 {
			l.Header, l.HeaderLine = rec, line
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

// Record is one CSV record with the position of each field.
type Record struct {
	Fields []string
	lines  []int
	cols   []int
	cells  bool // from a worksheet: columns are cell columns, not byte offsets
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
	if r.cells {
		return r.lines[0], i + 1
	}
	if i < len(r.lines) {
		return r.lines[i], r.cols[i]
	}
	last := len(r.lines) - 1
	return r.lines[last], r.cols[last] + len(r.Fields[last]) + 1
}

// Field returns field i, or "" when the row is shorter than the header.
func (r Record) Field(i int) string {
	if i < 0 || i >= len(r.Fields) {
		return ""
	}
	return r.Fields[i]
}

// SyntaxError is a CSV syntax error at a position of the file (not of the table).
type SyntaxError struct {
	Line, Column int
	Err          error
}

func (e *SyntaxError) Error() string { return e.Err.Error() }
func (e *SyntaxError) Unwrap() error { return e.Err }

// Rows reads every record after the header. check is called every few hundred rows so long
// files stop promptly when the caller's context is cancelled.
func Rows(text string, l Layout, check func() error) ([]Record, error) {
	if l.Header == nil {
		return nil, nil
	}
	if l.grid != nil {
		return gridRows(l, check)
	}
	r := l.reader(text)
	var out []Record
	for n := 0; ; n++ {
		if n%512 == 0 {
			if err := check(); err != nil {
				return nil, err
			}
		}
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &SyntaxError{Line: pe.Line + l.startLine - 1, Column: pe.Column, Err: pe.Err}
			}
			return nil, err
		}
		rec := Record{Fields: fields, lines: make([]int, len(fields)), cols: make([]int, len(fields))}
		for i := range fields {
			line, col := r.FieldPos(i)
			rec.lines[i], rec.cols[i] = line+l.startLine-1, col
		}
		if rec.Line() <= l.HeaderLine {
			continue // the title records and the header itself
		}
		out = append(out, rec)
	}
}
