package csvio

import (
	"os"
	"path/filepath"
	"testing"
)

// workbookSeeds returns the connectors' workbook test inputs (.xlsx and Excel 2003 XML).
func workbookSeeds(t testing.TB) [][]byte {
	var out [][]byte
	for _, pat := range []string{"input.xls", "input.xlsx"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "*", "testdata", "*", pat))
		for _, p := range m {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, b)
		}
	}
	return out
}

// checkGrid fails when a decoded workbook breaks the bounds every reader promises.
func checkGrid(t *testing.T, sheets []Worksheet) {
	cells := 0
	for _, ws := range sheets {
		if len(ws.Rows) > MaxRows {
			t.Fatalf("sheet %q: %d rows", ws.Name, len(ws.Rows))
		}
		for _, r := range ws.Rows {
			if len(r) > MaxColumns {
				t.Fatalf("sheet %q: %d columns", ws.Name, len(r))
			}
			cells += len(r)
		}
	}
	if cells > MaxCells {
		t.Fatalf("%d cells", cells)
	}
	for _, ws := range sheets {
		SniffGrid(ws.Rows)
	}
}

// FuzzSpreadsheetML feeds arbitrary bytes to the Excel 2003 XML reader: it may refuse them,
// never panic, hang or go past its bounds.
func FuzzSpreadsheetML(f *testing.F) {
	for _, b := range workbookSeeds(f) {
		f.Add(b)
	}
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data>&b;</Data></Cell></Row></Table></Worksheet></Workbook>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sheets, err := ReadSpreadsheetML(data)
		if err == nil {
			checkGrid(t, sheets)
		}
	})
}

// FuzzXLSX feeds arbitrary bytes to the .xlsx reader (zip, then excelize).
func FuzzXLSX(f *testing.F) {
	for _, b := range workbookSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sheets, err := ReadXLSX(data)
		if err == nil {
			checkGrid(t, sheets)
		}
	})
}

// FuzzDecode runs the container and charset detection and the sniffing of a file's text on
// arbitrary bytes.
func FuzzDecode(f *testing.F) {
	for _, b := range workbookSeeds(f) {
		f.Add(b)
	}
	f.Add([]byte("\xff\xfeD\x00a\x00t\x00e\x00"))
	f.Add([]byte("\xef\xbb\xbfsep=;\nDate;Reach\n2024-01-01;1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = Container(data)
		text, _, err := Decode(data)
		if err != nil {
			return
		}
		Sniff(text)
	})
}
