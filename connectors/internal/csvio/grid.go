package csvio

import "strings"

// maxGridScan bounds how many leading rows of a worksheet are searched for the header.
const maxGridScan = 20

// SniffGrid is Sniff for a worksheet already split into cells (row i is line i+1, cell j
// is column j+1). Rows before the header with a single non-empty cell are titles, as in
// LinkedIn's workbooks and Meta's "Visits.xlsx"; empty rows are skipped.
func SniffGrid(rows [][]string) Layout {
	if rows == nil {
		rows = [][]string{}
	}
	l := Layout{Comma: ',', grid: rows, startLine: 1}
	titles := 0
	for i, rec := range rows {
		if i >= maxGridScan {
			break
		}
		switch n := nonEmpty(rec); {
		case n >= 2:
			l.Header, l.HeaderLine = rec, i+1
			return l
		case n == 1:
			if titles++; titles > maxTitleRecords {
				return l
			}
		}
		l.Preamble = append(l.Preamble, Line{Number: i + 1, Text: strings.Join(trimEmpty(rec), ",")})
	}
	return l
}

func trimEmpty(rec []string) []string {
	var out []string
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			out = append(out, f)
		}
	}
	return out
}

// GridRows returns the raw cells of a worksheet layout (nil for delimited text), for
// connectors that read several tables from one sheet.
func (l Layout) GridRows() [][]string { return l.grid }
