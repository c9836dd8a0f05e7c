package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// fastRows reads plain RFC 4180 records (a one-byte delimiter, quotes only around whole
// fields, no comments) with the same fields and field positions as encoding/csv, faster:
// fields are split with plain loops, one string is built per record and fields are
// offsets into it.
// On anything else it hands over to an encoding/csv.Reader started at the record in hand,
// which then reports the syntax error exactly as it always did (or reads on, if the record
// was merely unusual).
type fastRows struct {
	br      *bufio.Reader
	comma   byte
	numLine int // the number of the last line read

	long     []byte   // a line longer than the read buffer
	multi    []byte   // a record spanning several lines, as encoding/csv sees it
	multiRaw []byte   // the same lines as read
	buf      []byte   // the record's field values, back to back
	text     string   // the record: field i is text[bounds[2i]:bounds[2i+1]]
	bounds   []int    //
	cells    []string // instead of text and bounds, after a hand-over
	lines    []int
	cols     []int

	cr      *csv.Reader // after a hand-over
	lineOff int
}

func newFastRows(text io.Reader, comma byte, firstLine int) *fastRows {
	return &fastRows{br: bufio.NewReaderSize(text, 64<<10), comma: comma, numLine: firstLine - 1}
}

// readLine returns the next physical line as read (raw) and as encoding/csv sees it
// (content): without its "\n" or "\r\n", and without a "\r" just before the end of the
// file. It returns io.EOF only with no bytes.
func (fr *fastRows) readLine() (raw, content []byte, err error) {
	raw, err = fr.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		fr.long = append(fr.long[:0], raw...)
		for errors.Is(err, bufio.ErrBufferFull) {
			raw, err = fr.br.ReadSlice('\n')
			fr.long = append(fr.long, raw...)
		}
		raw = fr.long
	}
	if len(raw) == 0 {
		return nil, nil, err
	}
	if errors.Is(err, io.EOF) {
		err = nil
	}
	fr.numLine++
	content = raw
	switch n := len(content); {
	case content[n-1] == '\n' && n >= 2 && content[n-2] == '\r':
		content = content[:n-2]
	case content[n-1] == '\n':
		content = content[:n-1]
	case content[n-1] == '\r':
		content = content[:n-1] // only at the end of the file: the line has no "\n"
	}
	return raw, content, err
}

// next reads one record into fr.text and fr.bounds (or fr.cells), fr.lines and fr.cols.
func (fr *fastRows) next() error {
	if fr.cr != nil {
		return fr.nextCSV()
	}
	var raw, rec []byte
	for {
		r, c, err := fr.readLine()
		if err != nil {
			return err
		}
		if len(c) == 0 {
			continue // encoding/csv skips empty lines
		}
		raw, rec = r, c
		break
	}
	recLine := fr.numLine
	// In valid CSV a record ends at the first line end after an even number of quotes.
	q := bytes.Count(rec, []byte{'"'})
	if q%2 == 0 {
		// Doubled quotes need unescaping: those records take the general path.
		if bytes.Contains(rec, []byte(`""`)) {
			if !fr.split(rec, recLine) {
				return fr.handOver(raw, recLine)
			}
			return nil
		}
		if !fr.splitLine(rec, recLine, q) {
			return fr.handOver(raw, recLine)
		}
		return nil
	}
	{
		fr.multiRaw = append(fr.multiRaw[:0], raw...)
		fr.multi = append(fr.multi[:0], rec...)
		for q%2 != 0 {
			r, c, err := fr.readLine()
			if errors.Is(err, io.EOF) {
				return fr.handOver(fr.multiRaw, recLine)
			}
			if err != nil {
				return err
			}
			q += bytes.Count(c, []byte{'"'})
			fr.multiRaw = append(fr.multiRaw, r...)
			fr.multi = append(append(fr.multi, '\n'), c...)
		}
		raw, rec = fr.multiRaw, fr.multi
	}
	if !fr.split(rec, recLine) {
		return fr.handOver(raw, recLine)
	}
	return nil
}

// splitLine cuts a record that fits on one line and has no doubled quotes, the common
// case, holding quotes quotes. The fields are slices of one string made of the line, so a
// record costs one allocation and one copy, and no pointer is written per field (write
// barriers were a fifth of a parse while the collector ran).
func (fr *fastRows) splitLine(rec []byte, line, quotes int) bool {
	s := string(rec)
	fr.text, fr.cells = s, nil
	// Appending to locals and storing the slices once keeps the collector's write barrier
	// out of the loop (storing a slice in fr writes a pointer).
	bounds, lines, cols := fr.bounds[:0], fr.lines[:0], fr.cols[:0]
	defer func() { fr.bounds, fr.lines, fr.cols = bounds, lines, cols }()
	seen, i := 0, 0
	for {
		if i < len(s) && s[i] == '"' {
			k := strings.IndexByte(s[i+1:], '"')
			if k < 0 {
				return false
			}
			j := i + 1 + k + 1 // just after the closing quote
			seen += 2
			bounds, lines, cols = append(bounds, i+1, j-1), append(lines, line), append(cols, i+1)
			if j == len(s) {
				return seen == quotes
			}
			if s[j] != fr.comma {
				return false
			}
			i = j + 1
			continue
		}
		// Unquoted fields are short (numbers, ids): a plain loop beats IndexByte's call.
		// A quote inside one is a bare quote, caught by the count at the end.
		j := i
		for j < len(s) && s[j] != fr.comma {
			j++
		}
		bounds, lines, cols = append(bounds, i, j), append(lines, line), append(cols, i+1)
		if j == len(s) {
			return seen == quotes
		}
		i = j + 1
	}
}

// split cuts a whole record (its lines joined by "\n", without the last line end) into
// fields, or reports false when it is not plain CSV.
func (fr *fastRows) split(rec []byte, recLine int) bool {
	// Built in a local and stored once, as in splitLine, to keep write barriers out.
	out := fieldList{buf: fr.buf[:0], bounds: fr.bounds[:0], lines: fr.lines[:0], cols: fr.cols[:0]}
	defer func() { fr.buf, fr.bounds, fr.lines, fr.cols = out.buf, out.bounds, out.lines, out.cols }()
	line, col := recLine, 1
	i := 0
	for {
		if i < len(rec) && rec[i] == '"' {
			fLine, fCol := line, col
			i++
			col++
			for {
				j := bytes.IndexByte(rec[i:], '"')
				if j < 0 {
					return false
				}
				seg := rec[i : i+j]
				out.buf = append(out.buf, seg...)
				if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
					line += bytes.Count(seg, []byte{'\n'})
					col = len(seg) - nl
				} else {
					col += len(seg)
				}
				i += j + 1
				col++
				switch {
				case i < len(rec) && rec[i] == '"':
					out.buf = append(out.buf, '"')
					i++
					col++
					continue
				case i < len(rec) && rec[i] == fr.comma:
					out.add(fLine, fCol)
					i++
					col++
				case i == len(rec):
					out.add(fLine, fCol)
					fr.text, fr.cells = string(out.buf), nil
					return true
				default:
					return false
				}
				break
			}
			continue
		}
		j := i
		for j < len(rec) && rec[j] != fr.comma {
			if rec[j] == '"' || rec[j] == '\n' {
				return false // a bare quote, or a line break outside quotes
			}
			j++
		}
		out.buf = append(out.buf, rec[i:j]...)
		out.add(line, col)
		if j == len(rec) {
			fr.text, fr.cells = string(out.buf), nil
			return true
		}
		col += j - i + 1
		i = j + 1
	}
}

// fieldList collects a record's unescaped values back to back with their bounds and
// positions.
type fieldList struct {
	buf                 []byte
	bounds, lines, cols []int
	start               int
}

func (l *fieldList) add(line, col int) {
	l.bounds = append(l.bounds, l.start, len(l.buf))
	l.start = len(l.buf)
	l.lines = append(l.lines, line)
	l.cols = append(l.cols, col)
}

// handOver gives the rest of the text, from the record in hand, to encoding/csv.
func (fr *fastRows) handOver(rec []byte, recLine int) error {
	start := append([]byte(nil), rec...)
	fr.cr = csv.NewReader(io.MultiReader(bytes.NewReader(start), fr.br))
	fr.cr.Comma = rune(fr.comma)
	fr.cr.FieldsPerRecord = -1
	fr.cr.ReuseRecord = true
	fr.lineOff = recLine - 1
	return fr.nextCSV()
}

func (fr *fastRows) nextCSV() error {
	fields, err := fr.cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return &SyntaxError{Line: pe.Line + fr.lineOff, Column: pe.Column, Err: pe.Err}
		}
		return err
	}
	fr.cells, fr.lines, fr.cols = fields, fr.lines[:0], fr.cols[:0]
	for i := range fields {
		line, col := fr.cr.FieldPos(i)
		fr.lines = append(fr.lines, line+fr.lineOff)
		fr.cols = append(fr.cols, col)
	}
	return nil
}
