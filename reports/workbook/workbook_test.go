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

// TestExportTextIsNeverAFormula: the hostile texts, in every place export text
// reaches (titles, accounts, types, file names, goal names, sources), come out literally as
// string cells and no sheet holds a formula.
func TestExportTextIsNeverAFormula(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    *reports.Report
	}{{"rankings only", reportstest.Sample("en")}, {"full", fullSample("en")}} {
		t.Run(tt.name, func(t *testing.T) {
			b := write(t, tt.r)
			formula := regexp.MustCompile(`<f[\s>/]`)
			for name, data := range parts(t, b) {
				if strings.HasPrefix(name, "xl/worksheets/") && formula.MatchString(data) {
					t.Errorf("%s contains a formula element", name)
				}
			}
			f := open(t, b)
			seen := map[string]bool{}
			for _, sh := range f.GetSheetList() {
				rows, err := f.GetRows(sh)
				if err != nil {
					t.Fatal(err)
				}
				for r, cols := range rows {
					for c, v := range cols {
						seen[v] = true
						cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
						if fm, _ := f.GetCellFormula(sh, cell); fm != "" {
							t.Errorf("%s!%s has formula %q", sh, cell, fm)
						}
					}
				}
			}
			for _, h := range []string{`=HYPERLINK("http://evil.example","x")`, `+1 555`, `@SUM(A1)`, `<script>`, "\t=1+1", `-2+3`} {
				if !seen[h] {
					t.Errorf("%q is not shown literally in any cell", h)
				}
			}
		})
	}
}

func TestOnlyHTTPSPermalinksAreLinks(t *testing.T) {
	for name, r := range map[string]*reports.Report{"rankings only": reportstest.Sample("en"), "full": fullSample("en")} {
		t.Run(name, func(t *testing.T) {
			f := open(t, write(t, r))
			for i, p := range r.Detail.TopByEngagementRate {
				cell, _ := excelize.CoordinatesToCellName(10, i+3)
				checkLink(t, f, "Top posts", cell, p.Permalink)
			}
			start := len(r.Detail.TopByEngagementRate) + 3 + 3 // blank row, section title, header
			for i, p := range r.Detail.TopByReach {
				cell, _ := excelize.CoordinatesToCellName(10, start+i)
				checkLink(t, f, "Top posts", cell, p.Permalink)
			}
		})
	}
}

// TestTopPostsWithoutDetail: a model without Detail shows both rankings as "no data yet",
// never posts computed some other way.
func TestTopPostsWithoutDetail(t *testing.T) {
	r := reportstest.Sample("en")
	r.Detail = nil
	f := open(t, write(t, r))
	l, err := reports.LabelsFor("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, cell := range []string{"A3", "A7"} {
		if got, _ := f.GetCellValue("Top posts", cell); got != l.NoDataYet {
			t.Errorf("Top posts!%s = %q, want %q", cell, got, l.NoDataYet)
		}
	}
}

func checkLink(t *testing.T, f *excelize.File, sheet, cell, permalink string) {
	t.Helper()
	isLink, target, err := f.GetCellHyperLink(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	wantLink := strings.HasPrefix(permalink, "https://")
	if isLink != wantLink || (isLink && target != permalink) {
		t.Errorf("%s %q: link = %v %q, want %v", cell, permalink, isLink, target, wantLink)
	}
	if got, _ := f.GetCellValue(sheet, cell); got != permalink {
		t.Errorf("%s = %q, want the permalink as text %q", cell, got, permalink)
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
			r := fullSample("en")
			r.Detail.TopByEngagementRate[0].Title = tt.title
			r.Detail.Daily.Rows[0].Account = tt.title // the streamed sheet too
			b := write(t, r)
			for name, data := range parts(t, b) {
				if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
					if err := wellFormed(data); err != nil {
						t.Errorf("%s is not well-formed XML: %v", name, err)
					}
				}
			}
			f := open(t, b)
			for _, c := range []struct{ sheet, cell string }{{"Top posts", "F3"}, {"Data", "C2"}} {
				got, err := f.GetCellValue(c.sheet, c.cell)
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("%s!%s = %.80q (len %d), want %.80q (len %d)", c.sheet, c.cell, got, len(got), tt.want, len(tt.want))
				}
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

func TestSheetsInOrder(t *testing.T) {
	tests := []struct {
		lang   string
		sheets []string
	}{
		{"en", []string{"Summary", "Grow our audience 2025-26", `=HYPERLINK("http --evil.example`, "Facebook", "Instagram",
			"Top posts", "Content types", "Milestones", "Data coverage", "Definitions", "Data"}},
		{"fr", []string{"Synthèse", "Grow our audience 2025-26", `=HYPERLINK("http --evil.example`, "Facebook", "Instagram",
			"Meilleures publications", "Types de contenu", "Jalons", "Couverture des données", "Définitions", "Données"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			f := open(t, write(t, fullSample(tt.lang)))
			if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(tt.sheets, "|") {
				t.Errorf("sheets =\n%q\nwant\n%q", got, tt.sheets)
			}
			for _, sh := range f.GetSheetList() {
				panes, err := f.GetPanes(sh)
				if err != nil {
					t.Fatal(err)
				}
				if !panes.Freeze || panes.YSplit < 1 {
					t.Errorf("%s: header not frozen: %+v", sh, panes)
				}
			}
		})
	}
}

// summaryCell is one expected cell: its raw value and, where it matters, its number format.
type summaryCell struct {
	cell, want string
	format     string // custom number format, or ""
	builtin    int    // built-in number format, or 0
}

func checkCells(t *testing.T, f *excelize.File, sheet string, cells []summaryCell) {
	t.Helper()
	for _, c := range cells {
		got, err := f.GetCellValue(sheet, c.cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s!%s = %q, want %q", sheet, c.cell, got, c.want)
		}
		if c.format == "" && c.builtin == 0 {
			continue
		}
		id, err := f.GetCellStyle(sheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if c.format != "" && (st.CustomNumFmt == nil || *st.CustomNumFmt != c.format) {
			t.Errorf("%s!%s format = %v, want %q", sheet, c.cell, st.CustomNumFmt, c.format)
		}
		if c.builtin != 0 && st.NumFmt != c.builtin {
			t.Errorf("%s!%s number format = %d, want %d", sheet, c.cell, st.NumFmt, c.builtin)
		}
	}
}

func TestSummary(t *testing.T) {
	r := fullSample("en")
	b := write(t, r)
	f := open(t, b)
	s := "Summary"
	checkCells(t, f, s, []summaryCell{
		{cell: "A1", want: "Goal report — Les Amis du Fleuve & Co <Test>"},
		{cell: "B3", want: "45963.354166666664", format: "yyyy-mm-dd hh:mm"}, // 2025-11-02 08:30 Paris = 07:30 UTC
		{cell: "A8", want: "Goal"},
		{cell: "A9", want: "Grow our audience: [2025/26]"},
		{cell: "B9", want: "Reach (Facebook, Instagram)"},
		{cell: "C9", want: "16200", builtin: 3},
		{cell: "D9", want: "15000", builtin: 3},
		{cell: "E9", want: "1.08", format: "0%"},
		{cell: "G9", want: "On track"},
		{cell: "H9", want: "0.15714285714285714", format: "+0.0%;-0.0%;0.0%"},
		{cell: "I9", want: "0.35", format: "+0.0%;-0.0%;0.0%"},
		{cell: "K9", want: "15,000 per month"},
		{cell: "C10", want: "0.042", format: "0.0%"},
		{cell: "G10", want: "At risk"},
		{cell: "H10", want: "-0.8", format: `+0.0" pt";-0.0" pt";0.0" pt"`}, // 4.2 % vs 5 %: -0.8 points
		{cell: "I10", want: ""},                                             // no value last year: empty, not 0
		{cell: "A11", want: `=HYPERLINK("http://evil.example","x")`},
		{cell: "C11", want: "12000.5", format: `#,##0" EUR"`},
		{cell: "G11", want: "Off track"},
		{cell: "H11", want: ""}, // previous period was 0: no percentage
		{cell: "J4", want: "1.2547892720306513", format: `0.00"×"`},
		{cell: "J5", want: "0.075", format: "0.0%"},
	})
	for _, c := range []struct{ cell, want string }{
		{"B4", "Facebook: photo posts, engagements per post against the account's average (12 posts)"},
		{"B5", "“Our river clean-up: 120 volunteers, 2 tonnes of waste! 🎉” — Facebook, 2025-10-01"},
	} {
		if got, _ := f.GetCellValue(s, c.cell); got != c.want {
			t.Errorf("%s = %q, want %q", c.cell, got, c.want)
		}
	}
	if got, _ := f.GetCellValue(s, "B6"); !strings.Contains(got, "Instagram · +1 555: 4 days missing") || !strings.Contains(got, "mailchimp-campaigns: No data") {
		t.Errorf("data gaps = %q", got)
	}
	// Status by colour as well as by word.
	for cell, fill := range map[string]string{"G9": "C6EFCE", "G10": "FFEB9C", "G11": "FFC7CE"} {
		id, _ := f.GetCellStyle(s, cell)
		st, _ := f.GetStyle(id)
		if len(st.Fill.Color) != 1 || st.Fill.Color[0] != fill {
			t.Errorf("%s fill = %v, want %s", cell, st.Fill.Color, fill)
		}
	}
	// A sparkline per KPI, over the goal sheet's 13 months.
	xml := parts(t, b)["xl/worksheets/sheet1.xml"]
	for _, want := range []string{
		`<xm:f>&#39;Grow our audience 2025-26&#39;!$B$5:$B$17</xm:f><xm:sqref>J9</xm:sqref>`,
		`<xm:f>&#39;Grow our audience 2025-26&#39;!$E$5:$E$17</xm:f><xm:sqref>J10</xm:sqref>`,
		`<xm:f>&#39;=HYPERLINK(&#34;http --evil.example&#39;!$B$5:$B$17</xm:f><xm:sqref>J11</xm:sqref>`,
	} {
		if !strings.Contains(xml, want) {
			t.Errorf("sheet1.xml lacks %s", want)
		}
	}
	panes, err := f.GetPanes(s)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 8 {
		t.Errorf("panes = %+v, want rows 1-8 frozen", panes)
	}
	layout, err := f.GetPageLayout(s)
	if err != nil {
		t.Fatal(err)
	}
	if *layout.Orientation != "landscape" || *layout.FitToWidth != 1 || *layout.FitToHeight != 1 {
		t.Errorf("page layout = %s %d×%d, want landscape on one page",
			*layout.Orientation, *layout.FitToWidth, *layout.FitToHeight)
	}
}

func TestSummaryWithoutGoalsShowsThePlatforms(t *testing.T) {
	f := open(t, write(t, reportstest.Sample("fr")))
	checkCells(t, f, "Synthèse", []summaryCell{
		{cell: "A8", want: "Plateforme"},
		{cell: "A9", want: "Facebook"},
		{cell: "C9", want: "123456.5", builtin: 4},
		{cell: "E9", want: "0.234565", format: "+0.0%;-0.0%;0.0%"},
		{cell: "F10", want: ""}, // no data last year: empty, not 0
		{cell: "E11", want: ""}, // previous period was 0: no percentage
		{cell: "C12", want: ""}, // no actual
	})
}

func TestGoalSheet(t *testing.T) {
	b := write(t, fullSample("en"))
	f := open(t, b)
	s := "Grow our audience 2025-26"
	checkCells(t, f, s, []summaryCell{
		{cell: "A4", want: "Month"},
		{cell: "B4", want: "Reach: actual"},
		{cell: "C4", want: "Reach: target"},
		{cell: "D4", want: "Reach: % of target"},
		{cell: "A5", want: "45566", format: "mmm yyyy"}, // 2024-10-01, a real date
		{cell: "B5", want: "10000", builtin: 3},
		{cell: "C5", want: ""}, // no target yet
		{cell: "B9", want: ""}, // a month without data: a gap, not 0
		{cell: "C6", want: "15000", builtin: 3},
		{cell: "E6", want: "0.041", format: "0.0%"},
	})
	p := parts(t, b)
	var charts int
	for name, data := range p {
		if strings.HasPrefix(name, "xl/charts/chart") {
			charts++
			if !strings.Contains(data, "<lineChart>") || !strings.Contains(data, "$5:$") || !strings.Contains(data, `<c:dispBlanksAs val="gap">`) && !strings.Contains(data, `<dispBlanksAs val="gap">`) {
				t.Errorf("%s is not a line chart of the goal table", name)
			}
		}
	}
	if charts != 3 { // one per goal KPI
		t.Errorf("%d charts, want 3", charts)
	}
}

func TestDefinedNamesAndDataTable(t *testing.T) {
	b := write(t, fullSample("en"))
	f := open(t, b)
	got := map[string]string{}
	for _, d := range f.GetDefinedName() {
		got[d.Name] = d.RefersTo
	}
	for name, want := range map[string]string{
		"Summary_Goals":             "'Summary'!$A$8:$K$11",
		"Goal1_Months":              "'Grow our audience 2025-26'!$A$4:$G$17",
		"Platform1_Months":          "'Facebook'!$A$4:$F$17",
		"TopPosts_ByEngagementRate": "'Top posts'!$A$2:$K$16",
		"ContentTypes":              "'Content types'!$A$3:$J$5",
		"Milestones":                "'Milestones'!$A$1:$H$3",
		"Coverage_Sources":          "'Data coverage'!$A$3:$I$6",
		"Definitions":               "'Definitions'!$A$1:$J$3",
		"Data_Daily":                "'Data'!$A$1:$G$41",
	} {
		if got[name] != want {
			t.Errorf("defined name %s = %q, want %q", name, got[name], want)
		}
	}
	tables, err := f.GetTables("Data")
	if err != nil || len(tables) != 1 || tables[0].Name != "DailyData" || tables[0].Range != "A1:G41" {
		t.Errorf("Data tables = %+v, %v", tables, err)
	}
	checkCells(t, f, "Data", []summaryCell{
		{cell: "A2", want: "45931", format: "yyyy-mm-dd"}, // 2025-10-01
		{cell: "G2", want: "100"},
		{cell: "F3", want: "+1 555"},
	})
}

func TestDatesAndCoverage(t *testing.T) {
	f := open(t, write(t, fullSample("en")))
	tests := []struct{ sheet, cell, want string }{
		// 16:45 UTC on 1 October is 18:45 in Paris (summer time): the wall clock the
		// organisation lives in, not UTC.
		{"Top posts", "D3", "2025-10-01 18:45"},
		{"Data coverage", "H4", "2025-10-31"},
		{"Data coverage", "F5", "4"},
		{"Data coverage", "G5", "2025-10-03 – 2025-10-05, 2025-10-09"},
		{"Data coverage", "I5", "4 days missing"},
		{"Data coverage", "I6", "No data"},
		{"Data coverage", "H6", ""}, // never had data
		{"Data coverage", "B10", `=HYPERLINK("http://evil.example","x").csv`},
		{"Data coverage", "E10", "120"},
		{"Data coverage", "J11", `bad.csv:3:2: column "Sessions": invalid integer`},
		{"Milestones", "E2", "2025-10-12"},
		{"Milestones", "F2", "Celebrate!"},
		{"Milestones", "F3", ""},
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
	a, b := write(t, fullSample("en")), write(t, fullSample("en"))
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
