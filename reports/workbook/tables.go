package workbook

import (
	"context"
	"time"

	"github.com/goalpost/goalpost/reports"
)

// tableHeaderRow is where a saved query's column names go, under its title and source.
const tableHeaderRow = 4

// writeTable writes one saved query's result: a title, the query file it came from, then the
// columns. Text goes through the same string cells as export text (never a formula), numbers
// are numbers, dates are dates and moments are shown in the report's zone.
func writeTable(ctx context.Context, s *sheet, t reports.Table) error {
	s.fitFrom = tableHeaderRow
	if err := s.text(1, 1, t.Title, s.st.title); err != nil {
		return err
	}
	if err := s.text(1, 2, t.Source, 0); err != nil {
		return err
	}
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Name
	}
	if err := s.header(tableHeaderRow, titles...); err != nil {
		return err
	}
	for r, row := range t.Rows {
		if r%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for i, v := range row {
			if i >= len(t.Columns) || v == nil {
				continue
			}
			if err := tableCell(s, i+1, tableHeaderRow+1+r, t.Columns[i].Kind, v); err != nil {
				return err
			}
		}
	}
	if len(t.Columns) > 0 {
		if err := s.freeze(tableHeaderRow); err != nil {
			return err
		}
	}
	return s.landscape(false)
}

func tableCell(s *sheet, col, row int, kind reports.ColumnKind, v any) error {
	switch x := v.(type) {
	case float64:
		return s.number(col, row, &x)
	case time.Time:
		if kind == reports.KindDateTime {
			return s.instant(col, row, x)
		}
		return s.day(col, row, x)
	case string:
		return s.text(col, row, x, 0)
	}
	return nil
}
