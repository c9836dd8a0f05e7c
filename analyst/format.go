// Package analyst serves ad-hoc SQL: it formats query results for people and programs.
package analyst

import (
	"encoding/csv"
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

// Formats lists the output formats Write knows.
var Formats = []string{"table", "csv", "tsv"}

// Write prints a result in the named format. CSV and TSV have a header line; TSV uses
// ClickHouse's escapes so that any value round-trips.
func Write(w io.Writer, format string, res *warehouse.Result) error {
	switch format {
	case "table":
		return writeTable(w, res)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(names(res))
		for _, row := range res.Rows {
			cw.Write(texts(res, row))
		}
		cw.Flush()
		return cw.Error()
	case "tsv":
		var b strings.Builder
		writeTSVLine(&b, names(res))
		for _, row := range res.Rows {
			writeTSVLine(&b, texts(res, row))
		}
		_, err := io.WriteString(w, b.String())
		return err
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

func writeTSVLine(b *strings.Builder, fields []string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('\t')
		}
		r := strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
		b.WriteString(r.Replace(f))
	}
	b.WriteByte('\n')
}

func writeTable(w io.Writer, res *warehouse.Result) error {
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
