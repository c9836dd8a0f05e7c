package analyst

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/goalpost/goalpost/warehouse"
)

// Sheet is one result to write as a worksheet.
type Sheet struct {
	Name   string
	Result *warehouse.Result
}

// WriteXLSX writes results as an .xlsx workbook, one worksheet each. Text is always a string
// cell (never a formula, whatever it starts with), numbers are numbers, dates and times are
// Excel dates (times in UTC, as the warehouse keeps them), NULL is an empty cell.
func WriteXLSX(ctx context.Context, w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		return err
	}
	timeStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm:ss")})
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for i, sh := range sheets {
		name := uniqueSheetName(sh.Name, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("sheet %q: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
		res := sh.Result
		if len(res.Rows)+1 > excelize.TotalRows {
			return fmt.Errorf("sheet %q: %d rows do not fit in a worksheet (at most %d)", name, len(res.Rows), excelize.TotalRows-1)
		}
		head := make([]any, len(res.Columns))
		for j, c := range res.Columns {
			head[j] = excelize.Cell{StyleID: headStyle, Value: cellString(c.Name)}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
		for r, row := range res.Rows {
			if r%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			cells := make([]any, len(row))
			for j, v := range row {
				cells[j] = xlsxCell(res.Columns[j].Type, v, dateStyle, timeStyle)
			}
			axis, _ := excelize.CoordinatesToCellName(1, r+2)
			if err := sw.SetRow(axis, cells); err != nil {
				return fmt.Errorf("sheet %q row %d: %w", name, r+2, err)
			}
		}
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("sheet %q: %w", name, err)
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// xlsxCell is the cell for one value. Strings go in as excelize.Cell values of Go type
// string, which the stream writer always writes as inline strings: never a formula.
func xlsxCell(colType string, v any, dateStyle, timeStyle int) any {
	if v == nil {
		return nil
	}
	switch KindOf(colType) {
	case KindNumber:
		if f, ok := Number(v); ok {
			return excelize.Cell{Value: f}
		}
	case KindDate:
		if t, ok := v.(time.Time); ok && t.Year() >= 1900 && t.Year() <= 9999 {
			return excelize.Cell{StyleID: dateStyle, Value: t}
		}
	case KindDateTime:
		if t, ok := v.(time.Time); ok && t.Year() >= 1900 && t.Year() <= 9999 {
			return excelize.Cell{StyleID: timeStyle, Value: t.UTC()}
		}
	}
	return excelize.Cell{Value: cellString(Text(colType, v))}
}

// maxCellUnits is Excel's limit on a cell's text in UTF-16 units; excelize cuts silently.
const maxCellUnits = 32767

// cellString makes text safe for a string cell: characters XML cannot carry are dropped
// rather than silently replaced, and text over Excel's limit is cut visibly.
func cellString(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > maxCellUnits-1 {
			return s[:i] + "…"
		}
	}
	return s
}

var badSheetChars = regexp.MustCompile(`[\[\]:*?/\\\x00-\x1f]`)

// uniqueSheetName makes a valid sheet name (no []:*?/\, no edge apostrophes, at most 31
// UTF-16 units) that differs, ignoring case, from every name used before.
func uniqueSheetName(want string, used map[string]bool) string {
	base := strings.Trim(strings.TrimSpace(badSheetChars.ReplaceAllString(want, " ")), "'")
	base = cutUnits(base, 31)
	if base == "" || strings.EqualFold(base, "History") {
		base = "Result"
	}
	name := base
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = strings.TrimRight(cutUnits(base, 31-len(suffix)), " '") + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

func cutUnits(s string, max int) string {
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > max {
			return s[:i]
		}
	}
	return s
}

func ptr[T any](v T) *T { return &v }
