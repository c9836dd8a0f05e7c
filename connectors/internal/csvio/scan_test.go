package csvio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// rowsOf reads text with Rows and returns the value of every column of every record, or
// the error.
func rowsOf(text string, l Layout, cols []int) ([][2]any, error) {
	rr, err := l.Rows(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	var out [][2]any
	for {
		r, err := rr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			if c < r.Len() {
				out = append(out, [2]any{c, r.Field(c)})
			}
		}
	}
}

func scanOf(text string, l Layout, cols []int) ([][2]any, error) {
	var out [][2]any
	err := l.Scan(strings.NewReader(text), cols, func(c int, v string) { out = append(out, [2]any{c, strings.Clone(v)}) })
	return out, err
}

// checkScan holds Scan to what Rows reads: the same values, or ErrIrregular where Rows
// finds a syntax error (Scan may also give up on text that Rows accepts, never the reverse).
func checkScan(t *testing.T, text string) {
	t.Helper()
	l := Sniff(text)
	if l.Header == nil {
		return
	}
	cols := []int{0, 1, 2, 4}
	want, werr := rowsOf(text, l, cols)
	got, gerr := scanOf(text, l, cols)
	switch {
	case errors.Is(gerr, ErrIrregular):
	case gerr != nil:
		t.Fatalf("Scan(%q) = %v", text, gerr)
	case werr != nil:
		t.Fatalf("Scan(%q) succeeded, Rows failed with %v", text, werr)
	case !slices.Equal(got, want):
		t.Fatalf("Scan(%q):\n got %q\nwant %q", text, got, want)
	}
}

func TestScan(t *testing.T) {
	for _, text := range []string{
		"a,b,c\n1,2,3\n4,5,6\n",
		"a,b,c\r\n1,2,3\r\n\r\n4,5,6",
		"a,b,c\n1,\"x,y\",3\n\"4\",\"5\"\"q\"\"\",6,7,8\n",
		"a,b,c\n1,\"multi\r\nline\",3\n4,5,\n",
		"sep=;\nt\na;b;c\n1;2,5;3\n",
		"# c\n\na\tb\tc\n1\t2\t3\n",
		"a,b,c\n1,2\"x,3\n",
		"a,b,c\n1,\"2\"x,3\n",
		"a,b,c\n1,\"2,3\n",
		"a,b,c\n1,2,3\r",
		"a,b,c\n,,\n,\n",
	} {
		checkScan(t, text)
	}
}

func FuzzScan(f *testing.F) {
	f.Add("a,b,c\n1,\"x,y\",3\n\"4\",\"5\"\"q\"\"\",6,7,8\n")
	f.Add("a;b;c\r\n1;\"multi\r\nline\";3\r\n")
	f.Fuzz(func(t *testing.T, text string) { checkScan(t, text) })
}

// The regular expressions the date parsers replace, kept here to hold them to the same
// answers.
var (
	reISO     = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{2}:?\d{2}|Z))?$`)
	reSlash   = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)
	reNumeric = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?$`)
)

func checkDate(t *testing.T, s string) {
	t.Helper()
	same := func(name string, m []string, p dateParts, ok bool, nums ...int) {
		if (m != nil) != ok {
			t.Fatalf("%s(%q): regexp match %v, parser %v", name, s, m != nil, ok)
		}
		if !ok {
			return
		}
		for i, n := range nums {
			if atoi(m[i+1]) != n {
				t.Fatalf("%s(%q): group %d = %q, parser %d", name, s, i+1, m[i+1], n)
			}
		}
	}
	p, ok := parseISODate(s)
	m := reISO.FindStringSubmatch(s)
	same("iso", m, p, ok, p.a, p.b, p.c, p.h, p.mi, p.sec)
	if ok && m[7] != p.zone {
		t.Fatalf("iso(%q): zone %q, parser %q", s, m[7], p.zone)
	}
	p, ok = parseSlashYMD(s)
	same("slash", reSlash.FindStringSubmatch(s), p, ok, p.a, p.b, p.c, p.h, p.mi, p.sec)
	p, ok = parseNumericDate(s)
	m = reNumeric.FindStringSubmatch(s)
	same("numeric", m, p, ok, p.a)
	if ok {
		if atoi(m[3]) != p.b || atoi(m[4]) != p.c || len(m[4]) != p.yearDigits || atoi(m[5]) != p.h || atoi(m[6]) != p.mi || atoi(m[7]) != p.sec {
			t.Fatalf("numeric(%q): groups %q, parser %+v", s, m, p)
		}
		if am := strings.ToLower(m[8]); (am == "" && p.ampm != 0) || (am != "" && am[0] != p.ampm) {
			t.Fatalf("numeric(%q): am/pm %q, parser %q", s, m[8], p.ampm)
		}
	}
}

func TestDateParsersMatchRegexps(t *testing.T) {
	for _, s := range []string{
		"2025-10-31", "2025-1-3T7:05", "2025-10-31T00:00:00", "2016-12-23 18:50 +0000", "2016-12-23 18:50+01:00",
		"2025-10-31Z", "2025-10-31 Z", "2025-10-31 +0100", "2025-10-31T", "2025-10-31 ", "2025-100-1",
		"2025/10/31", "2025/1/3 7:05:09", "2025/10/31T10:00", "2025/10/31 +0100",
		"12/30/2025 23:58", "1/2/25", "01.02.2025", "1-2/2025 10:00 am", "11/29/24 12:00PM", "11/29/24 12:00 p",
		"11/29/245", "11/29/2025 1:00:00", "11/29/2025\t1:00", "11/29/2025 1:0", "111/29/2025",
	} {
		checkDate(t, s)
	}
}

func FuzzDateParsers(f *testing.F) {
	f.Add("12/30/2025 23:58")
	f.Add("2016-12-23 18:50 +0000")
	f.Add("2025/10/31 07:05")
	f.Fuzz(func(t *testing.T, s string) { checkDate(t, s) })
}

// csvRecords reads text's rows with encoding/csv alone: the reference RowReader must match.
func csvRecords(text string, l Layout) ([]string, error) {
	r := csv.NewReader(strings.NewReader(text[l.body:]))
	r.Comma = l.Comma
	r.FieldsPerRecord = -1
	var out []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return out, &SyntaxError{Line: pe.Line + l.bodyLine - 1, Column: pe.Column, Err: pe.Err}
			}
			return out, err
		}
		for i, f := range rec {
			line, col := r.FieldPos(i)
			out = append(out, fmt.Sprintf("%d:%d:%q", line+l.bodyLine-1, col, f))
		}
		out = append(out, "|")
	}
}

func rowReaderRecords(text string, l Layout) ([]string, error) {
	rr, err := l.Rows(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	var out []string
	for {
		rec, err := rr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		for i, f := range rec.Fields() {
			line, col := rec.Pos(i)
			out = append(out, fmt.Sprintf("%d:%d:%q", line, col, f))
		}
		out = append(out, "|")
	}
}

// checkRows holds the RowReader's fast path to encoding/csv: the same fields at the same
// positions, and the same syntax error at the same place.
func checkRows(t *testing.T, text string) {
	t.Helper()
	l := Sniff(text)
	if l.Header == nil {
		return
	}
	want, werr := csvRecords(text, l)
	got, gerr := rowReaderRecords(text, l)
	if fmt.Sprint(werr) != fmt.Sprint(gerr) || !slices.Equal(got, want) {
		var ws, gs *SyntaxError
		errors.As(werr, &ws)
		errors.As(gerr, &gs)
		t.Fatalf("Rows(%q):\n got %q, %v %+v\nwant %q, %v %+v", text, got, gerr, gs, want, werr, ws)
	}
	if werr != nil {
		var ws, gs *SyntaxError
		if errors.As(werr, &ws) != errors.As(gerr, &gs) || (ws != nil && *ws != *gs) {
			t.Fatalf("Rows(%q): error %+v, want %+v", text, gs, ws)
		}
	}
}

var rowsSeeds = []string{
	"a,b,c\n1,2,3\n4,5,6\n",
	"a,b,c\r\n1,2,3\r\n\r\n4,5,6",
	"a,b,c\n1,\"x,y\",3\n\"4\",\"5\"\"q\"\"\",6,7,8\n",
	"a,b,c\n1,\"multi\r\nline\",3\n4,5,\n",
	"a,b,c\n1,\"multi\n\"\"line\"\"\nthree\",3\n4,5,\n",
	"sep=;\nt\na;b;c\n1;2,5;3\n",
	"# c\n\na\tb\tc\n1\t2\t3\n",
	"a,b,c\n1,2\"x,3\n",
	"a,b,c\n1,\"2\"x,3\n",
	"a,b,c\n1,\"2,3\n",
	"a,b,c\n1,2,3\r",
	"a,b,c\n,,\n,\n",
	"a,b,c\n1,2,3\n\r\n\"\"\n",
	"a,b,c\n\"x\"\n\"y\"",
	"a,b\n1,\"x\ny\"z,2\n3,4\n",
}

func TestRowsMatchEncodingCSV(t *testing.T) {
	for _, text := range rowsSeeds {
		checkRows(t, text)
	}
}

func FuzzRows(f *testing.F) {
	for _, s := range rowsSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) { checkRows(t, text) })
}
