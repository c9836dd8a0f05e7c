package csvio

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Bounds on what one workbook may expand to. Exports are small; a file that goes past
// these is either not an export or a zip bomb, and is refused before it can exhaust memory.
const (
	// MaxUnzipped caps the total uncompressed size of an .xlsx's parts.
	MaxUnzipped uint64 = 128 << 20
	// MaxZipEntries caps the number of parts of an .xlsx.
	MaxZipEntries = 10000
	// MaxCells caps the cells kept from all worksheets of a workbook.
	MaxCells = 2_000_000
	// MaxColumns is Excel's own column limit (XFD).
	MaxColumns = 16384
	// MaxRows is Excel's own row limit.
	MaxRows = 1 << 20
)

// ErrTooLarge is wrapped by the errors of workbooks that exceed the bounds above.
var ErrTooLarge = errors.New("workbook too large")

// Worksheet is one sheet of a workbook as a grid of cell texts.
type Worksheet struct {
	Name string
	Rows [][]string
}

// ReadXLSX reads every worksheet of an Office Open XML workbook. Cells are read as Excel
// displays them (number formats applied), so dates stored as numbers come out as the user
// sees them; numbers stored as text stay text.
func ReadXLSX(data []byte) ([]Worksheet, error) { return readXLSX(data, MaxUnzipped) }

func readXLSX(data []byte, maxUnzipped uint64) ([]Worksheet, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx (zip) file: %w", err)
	}
	if len(zr.File) > MaxZipEntries {
		return nil, fmt.Errorf("%w: %d parts in the zip (at most %d)", ErrTooLarge, len(zr.File), MaxZipEntries)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxUnzipped {
			return nil, fmt.Errorf("%w: more than %d MiB once unzipped", ErrTooLarge, maxUnzipped>>20)
		}
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: int64(maxUnzipped), UnzipXMLSizeLimit: min(16<<20, int64(maxUnzipped))})
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %w", err)
	}
	defer x.Close()
	cells := 0
	var out []Worksheet
	for _, name := range x.GetSheetList() {
		rows, err := x.Rows(name)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
		ws := Worksheet{Name: name}
		for rows.Next() {
			if len(ws.Rows) >= MaxRows {
				rows.Close()
				return nil, fmt.Errorf("%w: sheet %q has more than %d rows", ErrTooLarge, name, MaxRows)
			}
			cols, err := rows.Columns()
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("sheet %q row %d: %w", name, len(ws.Rows)+1, err)
			}
			if cells += len(cols) + 1; cells > MaxCells {
				rows.Close()
				return nil, fmt.Errorf("%w: more than %d cells", ErrTooLarge, MaxCells)
			}
			ws.Rows = append(ws.Rows, cols)
		}
		err = rows.Error()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
		out = append(out, trimGrid(ws))
	}
	return out, nil
}

// trimGrid drops the empty rows at the end of a sheet (formatting often extends a sheet's
// used range past its data).
func trimGrid(ws Worksheet) Worksheet {
	n := len(ws.Rows)
	for n > 0 && nonEmpty(ws.Rows[n-1]) == 0 {
		n--
	}
	ws.Rows = ws.Rows[:n]
	return ws
}

// ReadSpreadsheetML reads an Excel 2003 XML workbook ("XML Spreadsheet 2003"), which the
// legacy Facebook Insights export writes under a .xls name. Invalid UTF-8 (seen in city
// names of real exports) is replaced by U+FFFD first, so one bad byte does not lose the
// file. encoding/xml never fetches or expands external entities, and the grid is bounded
// by MaxCells and Excel's row and column limits.
func ReadSpreadsheetML(data []byte) ([]Worksheet, error) { return readSpreadsheetML(data, MaxCells) }

func readSpreadsheetML(data []byte, maxCells int) ([]Worksheet, error) {
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var (
		out            []Worksheet
		ws             *Worksheet
		row            []string
		inRow, inData  bool
		col            int // 0-based column of the next cell
		cellCol        int // column of the current cell
		text           strings.Builder
		cells          int
		rowNum         int
		mergeAfterCell int
		dateTime       bool
	)
	attr := func(se xml.StartElement, name string) string {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	index := func(se xml.StartElement, limit int) (int, error) {
		v := attr(se, "Index")
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > limit {
			return 0, fmt.Errorf("line %d: bad ss:Index %q", lineOf(d), v)
		}
		return n, nil
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("malformed XML spreadsheet: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "Worksheet":
				out = append(out, Worksheet{Name: attr(t, "Name")})
				ws = &out[len(out)-1]
				rowNum = 0
			case "Row":
				if ws == nil {
					continue
				}
				n, err := index(t, MaxRows)
				if err != nil {
					return nil, err
				}
				if n == 0 {
					n = rowNum + 1
				}
				if n <= rowNum || n > MaxRows {
					return nil, fmt.Errorf("line %d: row %d out of order", lineOf(d), n)
				}
				for rowNum+1 < n { // rows skipped by ss:Index are empty
					ws.Rows = append(ws.Rows, nil)
					rowNum++
				}
				rowNum = n
				row, inRow, col = nil, true, 0
			case "Cell":
				if !inRow {
					continue
				}
				n, err := index(t, MaxColumns)
				if err != nil {
					return nil, err
				}
				if n > 0 {
					if n-1 < col {
						return nil, fmt.Errorf("line %d: cell column %d out of order", lineOf(d), n)
					}
					col = n - 1
				}
				cellCol = col
				mergeAfterCell, dateTime = 0, false
				if m := attr(t, "MergeAcross"); m != "" {
					k, err := strconv.Atoi(m)
					if err != nil || k < 0 || col+k >= MaxColumns {
						return nil, fmt.Errorf("line %d: bad ss:MergeAcross %q", lineOf(d), m)
					}
					mergeAfterCell = k
				}
				text.Reset()
			case "Data":
				if inRow {
					inData, dateTime = true, attr(t, "Type") == "DateTime"
				}
			}
		case xml.CharData:
			if inData {
				if text.Len()+len(t) > 32767*4 { // Excel's cell limit, in UTF-8 bytes at most
					return nil, fmt.Errorf("%w: cell text over 32,767 characters at line %d", ErrTooLarge, lineOf(d))
				}
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "Data":
				inData = false
			case "Cell":
				if !inRow {
					continue
				}
				if cellCol >= MaxColumns {
					return nil, fmt.Errorf("%w: more than %d columns", ErrTooLarge, MaxColumns)
				}
				for len(row) < cellCol {
					row = append(row, "")
				}
				v := text.String()
				if dateTime {
					// "2017-07-22T05:30:00.000": the milliseconds are always zero.
					if i := strings.LastIndexByte(v, '.'); i > 0 && strings.Trim(v[i+1:], "0123456789") == "" {
						v = v[:i]
					}
				}
				row = append(row, v)
				if cells++; cells > maxCells {
					return nil, fmt.Errorf("%w: more than %d cells", ErrTooLarge, maxCells)
				}
				col = cellCol + 1 + mergeAfterCell
			case "Row":
				if inRow && ws != nil {
					ws.Rows = append(ws.Rows, row)
					if cells++; cells > maxCells {
						return nil, fmt.Errorf("%w: more than %d cells", ErrTooLarge, maxCells)
					}
				}
				inRow = false
			case "Worksheet":
				if ws != nil {
					*ws = trimGrid(*ws)
				}
				ws = nil
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("malformed XML spreadsheet: no Worksheet element")
	}
	return out, nil
}

func lineOf(d *xml.Decoder) int {
	line, _ := d.InputPos()
	return line
}
