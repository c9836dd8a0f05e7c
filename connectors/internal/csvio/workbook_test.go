package csvio

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestReadXLSXRefusesZipBomb(t *testing.T) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, err := w.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	// 4 MiB of zeros compress to a few KiB; with a 1 MiB limit this is the same refusal as
	// MaxUnzipped's for a real bomb, without spending seconds compressing one.
	if _, err := f.Write(make([]byte, 4<<20)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 64<<10 {
		t.Fatalf("test bomb is %d bytes compressed", b.Len())
	}
	if _, err := readXLSX(b.Bytes(), 1<<20); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadXLSX(zip bomb) = %v, want ErrTooLarge", err)
	}
}

func TestReadSpreadsheetML(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">`
	doc := head + `<Worksheet ss:Name="Key Metrics"><Table>
<Row><Cell><Data ss:Type="String">Date</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="String">a</Data></Cell><Cell><Data ss:Type="String">b</Data></Cell></Row>
<Row ss:Index="3"><Cell ss:Index="2"><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="DateTime">2017-07-22T05:30:00.000</Data></Cell></Row>
</Table></Worksheet></Workbook>`
	ws, err := ReadSpreadsheetML([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := ws[0].Rows
	if ws[0].Name != "Key Metrics" || len(got) != 3 || strings.Join(got[0], "|") != "Date|a||b" || got[1] != nil ||
		strings.Join(got[2], "|") != "|1|2017-07-22T05:30:00" {
		t.Errorf("ReadSpreadsheetML = %q %q", ws[0].Name, got)
	}
	for name, bad := range map[string]string{
		"column index past Excel": `<Worksheet ss:Name="s"><Table><Row><Cell ss:Index="99999"><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet></Workbook>`,
		"row index past Excel":    `<Worksheet ss:Name="s"><Table><Row ss:Index="2000000"></Row></Table></Worksheet></Workbook>`,
		"entity":                  `<Worksheet ss:Name="s"><Table><Row><Cell><Data ss:Type="String">&xxe;</Data></Cell></Row></Table></Worksheet></Workbook>`,
		"merge past Excel":        `<Worksheet ss:Name="s"><Table><Row><Cell ss:MergeAcross="20000"><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet></Workbook>`,
		"rows out of order":       `<Worksheet ss:Name="s"><Table><Row ss:Index="5"></Row><Row ss:Index="2"></Row></Table></Worksheet></Workbook>`,
	} {
		if _, err := ReadSpreadsheetML([]byte(head + bad)); err == nil {
			t.Errorf("%s: ReadSpreadsheetML = nil error", name)
		}
	}
	// Invalid UTF-8 (seen in real exports) is replaced, not fatal.
	ws, err = ReadSpreadsheetML([]byte(head + "<Worksheet ss:Name=\"s\"><Table><Row><Cell><Data ss:Type=\"String\">Thi X\xc3# H</Data></Cell><Cell><Data ss:Type=\"String\">b</Data></Cell></Row></Table></Worksheet></Workbook>"))
	if err != nil || ws[0].Rows[0][0] != "Thi X\uFFFD# H" {
		t.Errorf("invalid UTF-8: %q, %v", ws, err)
	}
}

func TestReadSpreadsheetMLCellCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>`)
	for range 100 {
		b.WriteString(`<Row><Cell><Data>1</Data></Cell><Cell><Data>2</Data></Cell></Row>`)
	}
	b.WriteString(`</Table></Worksheet></Workbook>`)
	if _, err := readSpreadsheetML([]byte(b.String()), 299); !errors.Is(err, ErrTooLarge) {
		t.Errorf("readSpreadsheetML(300 cells, cap 299) = %v, want ErrTooLarge", err)
	}
	if _, err := readSpreadsheetML([]byte(b.String()), 300); err != nil {
		t.Errorf("readSpreadsheetML(300 cells, cap 300) = %v", err)
	}
}
