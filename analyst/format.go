// Package analyst serves SQL written by people: ad-hoc queries from `goalpost sql` and the
// organisation's saved queries. It runs them in a restricted session (read-only, with
// limits the engine enforces; on the embedded engine in a separate child process), formats
// their results for people and programs, and explains engine errors readably.
package analyst

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/goalpost/goalpost/warehouse"
)

// Formats lists the output formats Write knows. xlsx is written by WriteXLSX, to a file.
var Formats = []string{"table", "csv", "tsv", "json", "markdown", "xlsx"}

// Write prints a result in the named text format. CSV and TSV have a header line; TSV uses
// ClickHouse's escapes so that any value round-trips; CSV guards text that a spreadsheet
// would read as a formula.
func Write(w io.Writer, format string, res *warehouse.Result) error {
	switch format {
	case "table":
		return writeTable(w, res)
	case "csv":
		return writeCSV(w, res)
	case "tsv":
		var b strings.Builder
		writeTSVLine(&b, names(res))
		for _, row := range res.Rows {
			writeTSVLine(&b, texts(res, row))
		}
		_, err := io.WriteString(w, b.String())
		return err
	case "json":
		return writeJSON(w, res)
	case "markdown":
		return writeMarkdown(w, res)
	case "xlsx":
		return fmt.Errorf("format xlsx is written to a file: give --out FILE.xlsx")
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

func names(res *warehouse.Result) []string {
	out := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		out[i] = c.Name
	}
	return out
}

func texts(res *warehouse.Result, row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = Text(res.Columns[i].Type, v)
	}
	return out
}

// Text writes one value as text: dates as YYYY-MM-DD, times in UTC, numbers without
// exponent or locale, NULL as NULL.
func Text(colType string, v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		if strings.Contains(colType, "DateTime") {
			return x.UTC().Format("2006-01-02 15:04:05")
		}
		return x.Format("2006-01-02")
	}
	return fmt.Sprint(v)
}

// Kind is how a column's values are shown: as text, numbers, calendar dates or moments.
type Kind string

// The kinds of columns.
const (
	KindText     Kind = "text"
	KindNumber   Kind = "number"
	KindDate     Kind = "date"
	KindDateTime Kind = "datetime"
)

// KindOf maps a ClickHouse column type to how its values are shown. Bool and everything
// composite (arrays, tuples, UUIDs, enums) is text.
func KindOf(colType string) Kind {
	t := colType
	for _, w := range []string{"Nullable(", "LowCardinality("} {
		if strings.HasPrefix(t, w) && strings.HasSuffix(t, ")") {
			t = t[len(w) : len(t)-1]
		}
	}
	switch {
	case strings.HasPrefix(t, "Int"), strings.HasPrefix(t, "UInt"), strings.HasPrefix(t, "Float"), strings.HasPrefix(t, "Decimal"):
		if strings.HasPrefix(t, "Interval") {
			return KindText
		}
		return KindNumber
	case t == "Date" || t == "Date32":
		return KindDate
	case strings.HasPrefix(t, "DateTime"):
		return KindDateTime
	}
	return KindText
}

// Number returns a numeric value as float64. The server engine hands decimals over as their
// exact text, the embedded engine as float64; both become the same number here.
func Number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

func writeTSVLine(b *strings.Builder, fields []string) {
	r := strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(r.Replace(f))
	}
	b.WriteByte('\n')
}

// writeCSV writes RFC 4180 CSV. Text that a spreadsheet would evaluate (starting with = + -
// @, a tab, a carriage return or NUL, also after leading spaces) gets a leading apostrophe
// (OWASP "CSV injection"); numbers, dates and column names that are not text are left as is.
func writeCSV(w io.Writer, res *warehouse.Result) error {
	cw := csv.NewWriter(w)
	header := names(res)
	for i := range header {
		header[i] = guardCSV(header[i])
	}
	cw.Write(header)
	for _, row := range res.Rows {
		rec := texts(res, row)
		for i := range rec {
			if KindOf(res.Columns[i].Type) == KindText && row[i] != nil {
				rec[i] = guardCSV(rec[i])
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

func guardCSV(s string) string {
	t := strings.TrimLeft(s, " ")
	if t != "" && strings.ContainsRune("=+-@\t\r\x00", rune(t[0])) {
		return "'" + s
	}
	return s
}

// writeJSON writes {"columns": [{"name", "type"}], "rows": [[...]]}: rows as arrays, since
// two columns may share a name. Numbers are JSON numbers (decimals keep their exact text),
// dates and times are strings as Text writes them, NULL is null; NaN and infinities, which
// JSON cannot hold, are the strings "NaN", "+Inf" and "-Inf".
func writeJSON(w io.Writer, res *warehouse.Result) error {
	type column struct {
		Name string `json:"name"`
		Type string `json:"type"`
	}
	out := struct {
		Columns []column `json:"columns"`
		Rows    [][]any  `json:"rows"`
	}{Columns: []column{}, Rows: make([][]any, 0, len(res.Rows))}
	for _, c := range res.Columns {
		out.Columns = append(out.Columns, column{c.Name, c.Type})
	}
	for _, row := range res.Rows {
		vals := make([]any, len(row))
		for i, v := range row {
			vals[i] = jsonValue(res.Columns[i].Type, v)
		}
		out.Rows = append(out.Rows, vals)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func jsonValue(colType string, v any) any {
	switch x := v.(type) {
	case nil, bool, int64, uint64:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
		return x
	case string:
		if KindOf(colType) == KindNumber {
			if _, err := strconv.ParseFloat(x, 64); err == nil {
				return json.Number(x) // a decimal from the server, exact
			}
		}
		return x
	}
	return Text(colType, v)
}

// writeMarkdown writes a GitHub-flavoured Markdown table: pipes and line breaks in values
// are escaped, numbers are right-aligned.
func writeMarkdown(w io.Writer, res *warehouse.Result) error {
	var b strings.Builder
	cell := strings.NewReplacer(`\`, `\\`, "|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")
	line := func(fields []string) {
		b.WriteString("|")
		for _, f := range fields {
			b.WriteString(" " + cell.Replace(f) + " |")
		}
		b.WriteString("\n")
	}
	line(names(res))
	b.WriteString("|")
	for _, c := range res.Columns {
		if KindOf(c.Type) == KindNumber {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, row := range res.Rows {
		line(texts(res, row))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTable(w io.Writer, res *warehouse.Result) error {
	if len(res.Columns) == 0 {
		_, err := io.WriteString(w, "OK\n")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(fields []string) {
		for i, f := range fields {
			if i > 0 {
				io.WriteString(tw, "\t")
			}
			io.WriteString(tw, cell(f))
		}
		io.WriteString(tw, "\n")
	}
	line(names(res))
	rule := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		rule[i] = strings.Repeat("-", max(3, utf8.RuneCountInString(c.Name)))
	}
	line(rule)
	for _, row := range res.Rows {
		line(texts(res, row))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "(%d row%s)\n", len(res.Rows), plural(len(res.Rows)))
	return err
}

// cell keeps a table on one line per row: control characters are shown escaped and long
// text is cut with a visible marker.
func cell(s string) string {
	s = strings.NewReplacer("\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
	if utf8.RuneCountInString(s) > 80 {
		r := []rune(s)
		s = string(r[:79]) + "…"
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
