package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/reports/reportstest"
	"github.com/xuri/excelize/v2"
)

// write renders r and returns the file bytes, kept in the test's temp dir for inspection.
func write(t *testing.T, r *reports.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := os.WriteFile(filepath.Join(t.TempDir(), "report.xlsx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("opening written workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// parts returns every XML part of the zip by name.
func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("unzipping: %v", err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[zf.Name] = string(data)
	}
	return out
}

func TestExportTextIsNeverAFormula(t *testing.T) {
	r := reportstest.Sample("en")
	b := write(t, r)

	formula := regexp.MustCompile(`<f[\s>/]`)
	for name, data := range parts(t, b) {
		if strings.HasPrefix(name, "xl/worksheets/") && formula.MatchString(data) {
			t.Errorf("%s contains a formula element", name)
		}
	}

	f := open(t, b)
	sheet := "Top posts"
	for i, p := range r.TopPosts {
		cell, _ := excelize.CoordinatesToCellName(5, i+2)
		got, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != p.Title {
			t.Errorf("%s = %q, want the title read back literally: %q", cell, got, p.Title)
		}
		if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
			t.Errorf("%s has formula %q", cell, fm)
		}
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString {
			t.Errorf("%s type = %v, want a shared string", cell, typ)
		}
	}
}

func TestOnlyHTTPSPermalinksAreLinks(t *testing.T) {
	r := reportstest.Sample("en")
	f := open(t, write(t, r))
	for i, p := range r.TopPosts {
		cell, _ := excelize.CoordinatesToCellName(8, i+2)
		isLink, target, err := f.GetCellHyperLink("Top posts", cell)
		if err != nil {
			t.Fatal(err)
		}
		wantLink := strings.HasPrefix(p.Permalink, "https://")
		if isLink != wantLink || (isLink && target != p.Permalink) {
			t.Errorf("%s %q: link = %v %q, want %v", cell, p.Permalink, isLink, target, wantLink)
		}
		if got, _ := f.GetCellValue("Top posts", cell); got != p.Permalink {
			t.Errorf("%s = %q, want the permalink as text %q", cell, got, p.Permalink)
		}
	}
}

func TestAwkwardText(t *testing.T) {
	long := strings.Repeat("a", 40000)
	tests := []struct {
		name, title, want string
	}{
		{name: "bstr escape read literally", title: "_x0041_ literal", want: "_x0041_ literal"},
		{name: "control characters removed", title: "a\x00b\x1bc\x0bd", want: "abcd"},
		{name: "over the cell limit", title: long, want: long[:maxCellUnits-12] + "…[truncated]"},
		{name: "leading and trailing spaces kept", title: "  indented  ", want: "  indented  "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := reportstest.Sample("en")
			r.TopPosts[0].Title = tt.title
			b := write(t, r)
			for name, data := range parts(t, b) {
				if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
					if err := wellFormed(data); err != nil {
						t.Errorf("%s is not well-formed XML: %v", name, err)
					}
				}
			}
			got, err := open(t, b).GetCellValue("Top posts", "E2")
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("E2 = %.80q (len %d), want %.80q (len %d)", got, len(got), tt.want, len(tt.want))
			}
		})
	}
}

// wellFormed parses data strictly, as Excel does.
func wellFormed(data string) error {
	d := xml.NewDecoder(strings.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		lang                     string
		sheets                   []string
		title, header1, noChange string
	}{
		{lang: "en", sheets: []string{"Summary", "Top posts", "Data coverage"},
			title: "Goal report — Les Amis du Fleuve & Co <Test>", header1: "Platform"},
		{lang: "fr", sheets: []string{"Synthèse", "Meilleures publications", "Couverture des données"},
			title: "Rapport d’objectifs — Les Amis du Fleuve & Co <Test>", header1: "Plateforme"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			f := open(t, write(t, reportstest.Sample(tt.lang)))
			if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(tt.sheets, "|") {
				t.Fatalf("sheets = %q, want %q", got, tt.sheets)
			}
			s := tt.sheets[0]
			cells := []struct {
				cell, want string
				numFmt     int    // built-in format, or -1
				custom     string // custom format
			}{
				{"A1", tt.title, -1, ""},
				{"A5", tt.header1, -1, ""},
				{"A6", "facebook", -1, ""},
				{"C6", "123456.5", 4, ""},                  // decimal figure
				{"D6", "100000", 3, ""},                    // whole figure
				{"E6", "0.234565", -1, "+0.0%;-0.0%;0.0%"}, // change as a real percentage
				{"G6", "-0.17695666666666668", -1, "+0.0%;-0.0%;0.0%"},
				{"F7", "", -1, ""},                                   // no data last year: empty, not 0
				{"G7", "", -1, ""},                                   // so no change either
				{"E8", "", -1, ""},                                   // previous period was 0: no percentage
				{"C9", "", -1, ""},                                   // no actual
				{"B3", "45963.354166666664", -1, "yyyy-mm-dd hh:mm"}, // 2025-11-02 08:30 Paris = 07:30 UTC
			}
			for _, c := range cells {
				got, err := f.GetCellValue(s, c.cell, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				if got != c.want {
					t.Errorf("%s = %q, want %q", c.cell, got, c.want)
				}
				if c.numFmt < 0 && c.custom == "" {
					continue
				}
				id, err := f.GetCellStyle(s, c.cell)
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				if c.custom != "" && (st.CustomNumFmt == nil || *st.CustomNumFmt != c.custom) {
					t.Errorf("%s format = %v, want %q", c.cell, st.CustomNumFmt, c.custom)
				}
				if c.numFmt >= 0 && st.NumFmt != c.numFmt {
					t.Errorf("%s number format = %d, want %d", c.cell, st.NumFmt, c.numFmt)
				}
			}
			// Columns fit the table, not the title above it.
			for col, max := range map[string]float64{"A": 20, "B": 20, "C": 20} {
				if w, err := f.GetColWidth(s, col); err != nil || w < minWidth || w > max {
					t.Errorf("column %s width = %v (%v), want %d…%v", col, w, err, minWidth, max)
				}
			}
			panes, err := f.GetPanes(s)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != 5 {
				t.Errorf("panes = %+v, want rows 1-5 frozen", panes)
			}
			layout, err := f.GetPageLayout(s)
			if err != nil {
				t.Fatal(err)
			}
			if *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != 1 {
				t.Errorf("page layout = %s %d×%d, want landscape on one page",
					*layout.Orientation, *layout.FitToWidth, *layout.FitToHeight)
			}
		})
	}
}

func TestDatesAndCoverage(t *testing.T) {
	f := open(t, write(t, reportstest.Sample("en")))
	tests := []struct{ sheet, cell, want string }{
		// 16:45 UTC on 1 October is 18:45 in Paris (summer time): the wall clock the
		// organisation lives in, not UTC.
		{"Top posts", "C2", "2025-10-01 18:45"},
		{"Top posts", "F6", ""}, // reach unknown: empty, not 0
		{"Data coverage", "F2", "2025-10-31"},
		{"Data coverage", "F4", ""}, // never had data
		{"Data coverage", "G3", "4 days missing"},
		{"Data coverage", "G4", "No data"},
		{"Data coverage", "E3", "4"},
	}
	for _, tt := range tests {
		got, err := f.GetCellValue(tt.sheet, tt.cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("%s!%s = %q, want %q", tt.sheet, tt.cell, got, tt.want)
		}
	}
}

func TestProperties(t *testing.T) {
	f := open(t, write(t, reportstest.Sample("fr")))
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Rapport d’objectifs — Les Amis du Fleuve & Co <Test> — octobre 2025" ||
		p.Created != "2025-11-02T07:30:00Z" || p.Language != "fr" || p.Keywords != "2025-10" {
		t.Errorf("doc props = %+v", p)
	}
	a, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	if a.Company != "Les Amis du Fleuve & Co <Test>" {
		t.Errorf("company = %q", a.Company)
	}
	custom, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]any{}
	for _, c := range custom {
		got[c.Name] = c.Value
	}
	if got["Organisation"] != "Les Amis du Fleuve & Co <Test>" || got["Period"] != "2025-10" || got["Generated at"] == nil {
		t.Errorf("custom props = %v", got)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	a, b := write(t, reportstest.Sample("en")), write(t, reportstest.Sample("en"))
	if !bytes.Equal(a, b) {
		t.Error("same model gave different workbooks")
	}
}

func TestWriteErrors(t *testing.T) {
	r := reportstest.Sample("de")
	if err := Write(context.Background(), io.Discard, r); err == nil || !strings.Contains(err.Error(), `unsupported report language "de"`) {
		t.Errorf("Write with lang de: err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, io.Discard, reportstest.Sample("en")); !errors.Is(err, context.Canceled) {
		t.Errorf("Write with a cancelled context: err = %v, want context.Canceled", err)
	}
}
