package analyst

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/reports/dashboard"
	"github.com/goalpost/goalpost/reports/workbook"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

const hostileTitle = `Spring <script>alert(1)</script> / "appeal": [draft]?`

func writeQueries(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestSavedQueriesBecomeASheetAndADashboardTable(t *testing.T) {
	dir := writeQueries(t, map[string]string{
		"b_second.sql": "-- title: " + hostileTitle + "\n" +
			"SELECT {org:String} AS org, {start:Date} AS first_day, toDateTime('2025-10-31 23:30:00', 'UTC') AS at,\n" +
			"       toFloat64(1234.5) AS amount, '=HYPERLINK(\"https://evil.example\",\"x\")' AS note, toDecimal64(12.25, 2) AS exact;\n",
		"a_first.sql": "SELECT count() AS n FROM posts WHERE org = {org:String}\n",
		"notes.txt":   "not a query",
	})
	params := warehouse.Params{"org": "riverside", "start": time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), "end": time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		tables, err := RunSaved(ctx, e, dir, params)
		if err != nil {
			t.Fatal(err)
		}
		if len(tables) != 2 || tables[0].Title != "a_first" || tables[0].Source != "a_first.sql" || tables[1].Title != hostileTitle {
			t.Fatalf("tables = %+v", tables)
		}
		got := tables[1]
		wantRow := []any{"riverside", time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 10, 31, 23, 30, 0, 0, time.UTC), 1234.5, `=HYPERLINK("https://evil.example","x")`, 12.25}
		wantKinds := []reports.ColumnKind{reports.KindText, reports.KindDate, reports.KindDateTime, reports.KindNumber, reports.KindText, reports.KindNumber}
		if len(got.Rows) != 1 || len(got.Columns) != len(wantKinds) {
			t.Fatalf("table = %+v", got)
		}
		for i, v := range got.Rows[0] {
			if v != wantRow[i] || got.Columns[i].Kind != wantKinds[i] {
				t.Errorf("column %s: %#v (%s), want %#v (%s)", got.Columns[i].Name, v, got.Columns[i].Kind, wantRow[i], wantKinds[i])
			}
		}

		// The engine writes again once the saved queries have run.
		if err := e.Exec(ctx, "CREATE TABLE after_saved (n UInt8) ENGINE = Memory", nil); err != nil {
			t.Errorf("the engine is still read-only after RunSaved: %v", err)
		}

		paris, _ := time.LoadLocation("Europe/Paris")
		r := &reports.Report{Org: "riverside", OrgName: "Riverside", Lang: "en", TimeZone: paris,
			Period:      reports.Period{Key: "2025-10", Label: "October 2025", Start: params["start"].(time.Time), End: params["end"].(time.Time)},
			GeneratedAt: time.Date(2025, 11, 2, 8, 0, 0, 0, time.UTC), Tables: tables}
		var xlsx bytes.Buffer
		if err := workbook.Write(ctx, &xlsx, r); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&xlsx)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		sheet := sheets[len(sheets)-1]
		if len(sheets) < 5 || sheets[len(sheets)-2] != "a_first" || !strings.HasPrefix(sheet, "Spring <script>alert(1)<") {
			t.Fatalf("sheets %q: want the report's, then a_first, then the sanitised title", sheets)
		}
		cell := func(ref string) (string, excelize.CellType) {
			v, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
			typ, _ := f.GetCellType(sheet, ref)
			return v, typ
		}
		if v, _ := cell("A1"); v != hostileTitle {
			t.Errorf("A1 = %q, want the title", v)
		}
		if v, _ := cell("A4"); v != "org" {
			t.Errorf("A4 = %q, want the first column's name", v)
		}
		if v, typ := cell("D5"); v != "1234.5" || typ != excelize.CellTypeUnset {
			t.Errorf("amount D5 = %q (%v), want the number 1234.5", v, typ)
		}
		if v, _ := cell("F5"); v != "12.25" {
			t.Errorf("decimal F5 = %q, want 12.25", v)
		}
		if v, _ := cell("B5"); v != "45931" {
			t.Errorf("date B5 = %q, want the serial of 2025-10-01", v)
		}
		if v, _ := f.GetCellValue(sheet, "C5"); v != "2025-11-01 00:30" {
			t.Errorf("moment C5 shows %q, want 2025-11-01 00:30 (Paris)", v)
		}
		if v, typ := cell("E5"); !strings.HasPrefix(v, "=HYPERLINK") || typ != excelize.CellTypeSharedString {
			t.Errorf("note E5 = %q (%v), want the text as a string cell", v, typ)
		}
		if formula, _ := f.GetCellFormula(sheet, "E5"); formula != "" {
			t.Errorf("E5 became a formula: %q", formula)
		}

		var html bytes.Buffer
		if err := dashboard.Write(ctx, &html, r); err != nil {
			t.Fatal(err)
		}
		page := html.String()
		if strings.Contains(page, "<script>alert(1)") {
			t.Error("the title reached the page unescaped")
		}
		for _, want := range []string{
			"<h3>Spring &lt;script&gt;alert(1)&lt;/script&gt; / &#34;appeal&#34;: [draft]?</h3>",
			`<th scope="col" class="num">amount</th>`,
			`<td class="num" data-label="amount">1,234.5</td>`,
			`<td data-label="first_day">1 October 2025</td>`,
			`<td data-label="at">1 November 2025, 00:30 CET</td>`,
			"Query: b_second.sql",
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the dashboard lacks %s", want)
			}
		}
	})
}

func TestSavedQueriesAreReadOnly(t *testing.T) {
	dir := writeQueries(t, map[string]string{"drop.sql": "-- title: Oops\nDROP TABLE posts"})
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		_, err := RunSaved(context.Background(), e, dir, nil)
		if !errors.Is(err, warehouse.ErrReadOnly) || !strings.Contains(err.Error(), "drop.sql:1: Cannot drop table in readonly mode") && !strings.Contains(err.Error(), "drop.sql:1: Cannot execute query in readonly mode") {
			t.Errorf("got %v, want a read-only refusal naming drop.sql:1", err)
		}
		if _, err := e.Query(context.Background(), "SELECT count() FROM posts", nil); err != nil {
			t.Errorf("posts is gone: %v", err)
		}
	})
}

func TestLoadSaved(t *testing.T) {
	if qs, err := LoadSaved(filepath.Join(t.TempDir(), "none")); err != nil || qs != nil {
		t.Errorf("a missing folder: %v %v, want no queries", qs, err)
	}
	dir := writeQueries(t, map[string]string{"two.sql": "SELECT 1;\nSELECT 2;\n"})
	if _, err := LoadSaved(dir); err == nil || !strings.Contains(err.Error(), "two.sql:2: a saved query holds one statement") {
		t.Errorf("two statements: %v", err)
	}
	dir = writeQueries(t, map[string]string{"t.sql": "\uFEFF-- Title:  Gifts by month \nSELECT 1;"})
	qs, err := LoadSaved(dir)
	if err != nil || len(qs) != 1 || qs[0].Title != "Gifts by month" || qs[0].SQL != "-- Title:  Gifts by month \nSELECT 1" {
		t.Errorf("got %+v, %v", qs, err)
	}
}
