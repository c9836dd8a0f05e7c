package csvio

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
	"unsafe"
)

// ErrIrregular is returned by Scan when the text is not plain RFC 4180 CSV (a bare quote,
// text after a closing quote, an unterminated quoted field, a multi-byte delimiter). Scan
// does not position such errors: the caller reads the file with Rows instead, whose
// SyntaxError says where the problem is.
var ErrIrregular = errors.New("csvio: irregular CSV")

// Scan calls fn with the value of each of cols in every record after the header, in file
// order, without building records: it is the cheap pass that decides what a file needs
// decided from all its values (decimal separator, date order) before any row is emitted.
// text is the decoded text of the whole file from its first byte (ignored for a worksheet).
// v is only valid during the call to fn. For valid CSV the values are exactly those Rows
// returns; for anything else Scan returns ErrIrregular.
func (l Layout) Scan(text io.Reader, cols []int, fn func(col int, v string)) error {
	maxCol := -1
	for _, c := range cols {
		maxCol = max(maxCol, c)
	}
	if maxCol < 0 || l.Header == nil {
		return nil
	}
	want := make([]bool, maxCol+1)
	for _, c := range cols {
		if c >= 0 {
			want[c] = true
		}
	}
	if l.grid != nil {
		for _, row := range l.grid[l.HeaderLine:] {
			if nonEmpty(row) == 0 {
				continue
			}
			for c, v := range row[:min(len(row), maxCol+1)] {
				if want[c] {
					fn(c, v)
				}
			}
		}
		return nil
	}
	if l.Comma >= utf8.RuneSelf || l.Comma == '"' || l.Comma == '\r' || l.Comma == '\n' {
		return ErrIrregular
	}
	if _, err := io.CopyN(io.Discard, text, int64(l.body)); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	sc := scanner{br: bufio.NewReaderSize(text, 64<<10), comma: byte(l.Comma), want: want, fn: fn}
	return sc.run()
}

type scanner struct {
	br    *bufio.Reader
	comma byte
	want  []bool
	fn    func(int, string)
	rec   []byte // a record longer than the buffer or spanning lines
	field []byte // an unescaped quoted field
}

func (sc *scanner) run() error {
	for {
		line, err := sc.line()
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		eof := err != nil
		if len(line) == 0 && eof {
			return nil
		}
		// A quoted field may hold line breaks: in valid CSV a record ends at the first line
		// end after an even number of quotes.
		if q := quotes(line); q%2 != 0 {
			sc.rec = append(sc.rec[:0], line...)
			// Count the quotes of each added line only: recounting the whole record would be
			// quadratic in a file whose one stray quote opens a field that never closes.
			for q%2 != 0 {
				if eof {
					return ErrIrregular
				}
				more, err := sc.line()
				if err != nil && !errors.Is(err, io.EOF) {
					return err
				}
				eof = err != nil
				q += quotes(more)
				sc.rec = append(sc.rec, more...)
			}
			line = sc.rec
		}
		if err := sc.record(line, eof); err != nil {
			return err
		}
		if eof {
			return nil
		}
	}
}

// line returns the next physical line, "\r\n" turned into "\n" as encoding/csv does.
func (sc *scanner) line() ([]byte, error) {
	line, err := sc.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		buf := append([]byte(nil), line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = sc.br.ReadSlice('\n')
			buf = append(buf, line...)
		}
		line = buf
	}
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		line[n-2] = '\n'
		line = line[:n-1]
	}
	return line, err
}

func quotes(b []byte) int { return bytes.Count(b, []byte{'"'}) }

func (sc *scanner) record(line []byte, eof bool) error {
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	} else if eof && n > 0 && line[n-1] == '\r' {
		line = line[:n-1] // encoding/csv drops a trailing \r before EOF
	}
	if len(line) == 0 {
		return nil // encoding/csv skips empty lines
	}
	// Every field is split, wanted or not, so that a record that is not valid CSV (a bare
	// quote in a later field) is found here as it is by Rows.
	want := func(col int) bool { return col < len(sc.want) && sc.want[col] }
	for col := 0; ; col++ {
		var v []byte
		if len(line) > 0 && line[0] == '"' {
			// Quoted field: "" is a quote; the closing quote is followed by the delimiter or
			// the end of the record.
			i, esc := 1, false
			for {
				j := bytes.IndexByte(line[i:], '"')
				if j < 0 {
					return ErrIrregular
				}
				i += j
				if i+1 < len(line) && line[i+1] == '"' {
					esc, i = true, i+2
					continue
				}
				break
			}
			v = line[1:i]
			if esc && want(col) {
				sc.field = append(sc.field[:0], v...)
				sc.field = bytes.ReplaceAll(sc.field, []byte(`""`), []byte(`"`))
				v = sc.field
			}
			line = line[i+1:]
			if len(line) > 0 && line[0] != sc.comma {
				return ErrIrregular
			}
		} else {
			// Unquoted fields are short (numbers, ids): a plain loop beats IndexByte's call.
			end := 0
			for end < len(line) && line[end] != sc.comma {
				if line[end] == '"' {
					return ErrIrregular
				}
				end++
			}
			v, line = line[:end], line[end:]
		}
		if want(col) {
			sc.fn(col, str(v))
		}
		if len(line) == 0 {
			return nil
		}
		line = line[1:] // the delimiter
		if len(line) == 0 && want(col+1) {
			sc.fn(col+1, "") // a record ending with a delimiter has an empty last field
			return nil
		}
	}
}

// str views b as a string without copying; the string is only valid while b is unchanged,
// which Scan documents to its callers.
func str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
