package main

import (
	"archive/zip"
	"encoding/json"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goalpost/goalpost/analyst"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

var update = flag.Bool("update", false, "rewrite docs/schema.md from the comments in sql/schema")

// typesQuery returns one value of each kind, with text a spreadsheet or a Markdown table
// would misread. It is written for both engines (no table functions: 18.16 refuses them all
// in a read-only session).
const typesQuery = `SELECT 'a|b' AS s, '=1+1' AS f, toInt64(-2) AS i, 1.5 AS x,
	toDate('2025-10-31') AS d, toDateTime('2025-10-31 08:30:00', 'UTC') AS t`

func TestSQLOnBothEngines(t *testing.T) {
	for _, engine := range warehousetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			wh := warehousetest.NewTarget(t, engine).Location
			sql := func(args ...string) (int, string, string) {
				t.Helper()
				return goalpost(t, append([]string{"--warehouse", wh, "sql"}, args...)...)
			}

			t.Run("formats", func(t *testing.T) {
				want := map[string]string{
					"tsv":      "s\tf\ti\tx\td\tt\na|b\t=1+1\t-2\t1.5\t2025-10-31\t2025-10-31 08:30:00\n",
					"csv":      "s,f,i,x,d,t\na|b,'=1+1,-2,1.5,2025-10-31,2025-10-31 08:30:00\n",
					"markdown": "| s | f | i | x | d | t |\n| --- | --- | ---: | ---: | --- | --- |\n| a\\|b | =1+1 | -2 | 1.5 | 2025-10-31 | 2025-10-31 08:30:00 |\n",
					"table":    "s    f     i    x    d           t\n---  ---   ---  ---  ---         ---\na|b  =1+1  -2   1.5  2025-10-31  2025-10-31 08:30:00\n(1 row)\n",
				}
				for format, w := range want {
					code, out, errOut := sql("--format", format, typesQuery)
					if code != 0 || out != w {
						t.Errorf("--format %s: exit %d %s\ngot:\n%s\nwant:\n%s", format, code, errOut, out, w)
					}
				}
				code, out, errOut := sql("--format", "json", typesQuery)
				if code != 0 {
					t.Fatalf("json: exit %d: %s", code, errOut)
				}
				var doc struct {
					Columns []struct{ Name, Type string }
					Rows    [][]any
				}
				if err := json.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatalf("json output does not parse: %v\n%s", err, out)
				}
				wantRow := []any{"a|b", "=1+1", float64(-2), 1.5, "2025-10-31", "2025-10-31 08:30:00"}
				if len(doc.Columns) != 6 || doc.Columns[4].Type != "Date" || len(doc.Rows) != 1 || !equalRow(doc.Rows[0], wantRow) {
					t.Errorf("json = %+v, want row %v", doc, wantRow)
				}

				xlsx := filepath.Join(t.TempDir(), "out.xlsx")
				code, _, errOut = sql("--format", "xlsx", "--out", xlsx, typesQuery)
				if code != 0 {
					t.Fatalf("xlsx: exit %d: %s", code, errOut)
				}
				checkXLSX(t, xlsx)
			})

			t.Run("parameters are bound", func(t *testing.T) {
				hostile := `'); DROP TABLE posts; --`
				code, out, errOut := sql("--format", "tsv", "--param", "org="+hostile, "--param", "d=2025-10-31", "--param", "n=41",
					"SELECT {org:String} AS org, {d:Date} + 1 AS next_day, {n:UInt32} + 1 AS n")
				if want := "org\tnext_day\tn\n" + hostile + "\t2025-11-01\t42\n"; code != 0 || out != want {
					t.Errorf("exit %d %s\ngot  %q\nwant %q", code, errOut, out, want)
				}
				if code, _, errOut := sql("SELECT count() FROM posts"); code != 0 {
					t.Errorf("posts is gone: %s", errOut)
				}
				code, _, errOut = sql("SELECT {org:String}")
				if code != 1 || !strings.Contains(errOut, `parameter "org" (String) has no value`) || !strings.Contains(errOut, "--param name=value") {
					t.Errorf("missing parameter: exit %d:\n%s", code, errOut)
				}
			})

			t.Run("syntax error shows the engine's message and position", func(t *testing.T) {
				code, out, errOut := sql("SELECT platform,\n  count() AS n\nFROM posts GROUP BY platform ORDER BY n DESK LIMIT 3")
				if code != 1 || out != "" {
					t.Fatalf("exit %d, stdout %q; want 1 and nothing", code, out)
				}
				lines := strings.Split(strings.TrimSpace(errOut), "\n")
				// ClickHouse points at the token after DESK (where an alias cannot go).
				if len(lines) != 3 || !regexp.MustCompile(`^goalpost: line 3, column \d+: Syntax error: failed at position \d+`).MatchString(lines[0]) ||
					!strings.Contains(lines[0], "(code 62)") && !strings.Contains(lines[0], "SYNTAX_ERROR, code 62)") {
					t.Fatalf("want the engine's message with line and column, then the line and a caret:\n%s", errOut)
				}
				if lines[1] != "  FROM posts GROUP BY platform ORDER BY n DESK LIMIT 3" || !strings.HasSuffix(lines[2], "^") {
					t.Errorf("no source line with a caret:\n%s", errOut)
				}
				caret := len(lines[2]) - 1
				if rest := lines[1][caret:]; !strings.HasPrefix(rest, "LIMIT") && !strings.HasPrefix(rest, "3") && !strings.HasPrefix(rest, "DESK") {
					t.Errorf("caret points at %q:\n%s", rest, errOut)
				}

				file := filepath.Join(t.TempDir(), "q.sql")
				os.WriteFile(file, []byte("-- title: two statements\nSELECT 1 AS a;\n\nSELEC 2;\n"), 0o644)
				code, _, errOut = sql("-f", file)
				// 26.7 points after SELEC, 18.16 at it.
				if code != 1 || !regexp.MustCompile(`^goalpost: `+regexp.QuoteMeta(file)+`:4:[17]: Syntax error`).MatchString(errOut) {
					t.Errorf("an error in a file is reported as file:line:column:\n%s", errOut)
				}
			})

			t.Run("writes are refused without --write", func(t *testing.T) {
				stmts := []string{
					"CREATE TABLE scratch (n UInt8) ENGINE = Memory",
					"INSERT INTO job_runs (job, org, outcome) VALUES ('x', 'y', 'ok')",
					"DROP TABLE job_runs",
					"SELECT 1 SETTINGS readonly = 0",
				}
				for _, s := range stmts {
					code, _, errOut := sql(s)
					if code != 1 || !strings.Contains(errOut, "readonly mode") || !strings.Contains(errOut, "--write") {
						t.Errorf("%s: exit %d:\n%s", s, code, errOut)
					}
				}
				code, _, errOut := sql("--write", "CREATE TABLE scratch (n UInt8) ENGINE = Memory")
				if code != 0 {
					t.Fatalf("with --write: exit %d: %s", code, errOut)
				}
				if code, out, errOut := sql("--format", "tsv", "EXISTS TABLE scratch"); code != 0 || !strings.HasSuffix(out, "\n1\n") {
					t.Errorf("the table made with --write: exit %d %q %s", code, out, errOut)
				}
			})

			t.Run("host files and the network are refused", func(t *testing.T) {
				for _, s := range []string{
					"SELECT * FROM file('/etc/passwd', 'LineAsString')",
					"SELECT * FROM file('/etc/passwd', 'TSV', 'line String')",
					"SELECT * FROM url('http://127.0.0.1:9/', 'TSV', 'line String')",
				} {
					code, out, errOut := sql(s)
					if code != 1 || strings.Contains(out, "root:") || !strings.Contains(errOut, "readonly mode") {
						t.Errorf("%s: exit %d, stdout %q:\n%s", s, code, out, errOut)
					}
				}
			})

			t.Run("limits", func(t *testing.T) {
				start := time.Now()
				code, _, errOut := sql("--max-time", "1s", "SELECT count() FROM system.numbers")
				if code != 1 || !strings.Contains(errOut, "time limit (--max-time 1s)") {
					t.Errorf("time limit: exit %d:\n%s", code, errOut)
				}
				if d := time.Since(start); d > 15*time.Second {
					t.Errorf("the time limit took %v to stop the statement", d)
				}
				code, _, errOut = sql("--max-rows", "5", "SELECT number FROM system.numbers LIMIT 10")
				if code != 1 || !strings.Contains(errOut, "--max-rows 5") {
					t.Errorf("row limit: exit %d:\n%s", code, errOut)
				}
				code, _, errOut = sql("--max-memory", "64MB", "SELECT length(groupArray(number)) FROM (SELECT number FROM system.numbers LIMIT 100000000)")
				if code != 1 || !strings.Contains(errOut, "--max-memory 64MB") {
					t.Errorf("memory limit: exit %d:\n%s", code, errOut)
				}
			})

			t.Run("a file runs every statement", func(t *testing.T) {
				file := filepath.Join(t.TempDir(), "q.sql")
				os.WriteFile(file, []byte("-- two results\nSELECT 1 AS a;\nSELECT 'x;y' AS b -- a ; in a comment\n"), 0o644)
				code, out, errOut := sql("--format", "csv", "-f", file)
				if want := "a\n1\n\nb\nx;y\n"; code != 0 || out != want {
					t.Errorf("exit %d %s\ngot %q, want %q", code, errOut, out, want)
				}
			})
		})
	}
}

// hasFigure reports whether a TSV result has a value other than 0, nan or empty below its
// header: an aggregate over no rows still returns one row of zeros.
func hasFigure(tsv string) bool {
	lines := strings.Split(strings.TrimSpace(tsv), "\n")
	for _, l := range lines[1:] {
		for _, f := range strings.Split(l, "\t") {
			if f != "0" && f != "nan" && f != "" && f != "\\N" {
				return true
			}
		}
	}
	return false
}

func equalRow(got, want []any) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

// checkXLSX checks the workbook of typesQuery: text as string cells (the formula-looking one
// too, and no formula anywhere), numbers as numbers, the date as a date.
func checkXLSX(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	want := map[string]struct {
		typ   excelize.CellType
		value string
	}{
		"A2": {excelize.CellTypeInlineString, "a|b"},
		"B2": {excelize.CellTypeInlineString, "=1+1"},
		"C2": {excelize.CellTypeUnset, "-2"}, // a number cell has no t attribute
		"D2": {excelize.CellTypeUnset, "1.5"},
	}
	for cell, w := range want {
		typ, _ := f.GetCellType(sheet, cell)
		v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if typ != w.typ || v != w.value {
			t.Errorf("%s = %q (type %v), want %q (type %v)", cell, v, typ, w.value, w.typ)
		}
	}
	if v, _ := f.GetCellValue(sheet, "E2"); v != "2025-10-31" {
		t.Errorf("E2 shows %q, want the date 2025-10-31", v)
	}
	if v, _ := f.GetCellValue(sheet, "E2", excelize.Options{RawCellValue: true}); v != "45961" {
		t.Errorf("E2 holds %q, want the Excel serial of 2025-10-31", v)
	}
	if formula, _ := f.GetCellFormula(sheet, "B2"); formula != "" {
		t.Errorf("B2 is a formula: %q", formula)
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, zf := range z.File {
		if strings.HasPrefix(zf.Name, "xl/worksheets/") {
			r, _ := zf.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			if strings.Contains(string(b), "<f>") || strings.Contains(string(b), "<f ") {
				t.Errorf("%s holds a formula", zf.Name)
			}
		}
	}
}

func TestSchemaDoc(t *testing.T) {
	code, out, errOut := goalpost(t, "schema", "--format", "markdown")
	if code != 0 {
		t.Fatalf("schema: exit %d: %s", code, errOut)
	}
	path := filepath.Join("..", "..", "docs", "schema.md")
	if *update {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != out {
		t.Errorf("docs/schema.md is stale: run go test ./cmd/goalpost -run TestSchemaDoc -update")
	}
}

func TestSchemaCommandListsEveryAnalystTable(t *testing.T) {
	code, out, errOut := goalpost(t, "schema")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, table := range []string{"metrics_daily", "posts", "post_metrics", "donations", "signups", "ingested_files", "job_runs"} {
		if !regexp.MustCompile(`(?m)^` + table + ` \((view|table)\)\n  \S`).MatchString(out) {
			t.Errorf("no %s with a description in:\n%s", table, out)
		}
	}
	if !strings.Contains(out, "    utm_medium    String") {
		t.Errorf("no aligned column line for donations.utm_medium:\n%s", out)
	}
	if strings.Contains(out, "_store") {
		t.Errorf("the pipeline's *_store tables are listed:\n%s", out)
	}
}

// TestQueriesDoc runs every query of docs/queries.md against the demo's data on both engines
// and wants rows from each.
func TestQueriesDoc(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "queries.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(b), -1)
	if len(blocks) < 8 {
		t.Fatalf("docs/queries.md has %d sql blocks; the test expects the examples", len(blocks))
	}
	for _, engine := range warehousetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			wh := warehousetest.NewTarget(t, engine).Location
			code, _, errOut := goalpost(t, "--warehouse", wh, "demo", "--out", t.TempDir(), "--today", "2026-11-22")
			if code != 0 {
				t.Fatalf("demo: exit %d: %s", code, errOut)
			}
			dir := t.TempDir()
			for i, m := range blocks {
				title := strings.TrimPrefix(strings.SplitN(m[1], "\n", 2)[0], "-- title: ")
				file := filepath.Join(dir, "q.sql")
				os.WriteFile(file, []byte(m[1]), 0o644)
				code, out, errOut := goalpost(t, "--warehouse", wh, "sql", "--format", "tsv",
					"--param", "org=riverside", "--param", "start=2026-07-01", "--param", "end=2026-10-01", "-f", file)
				if code != 0 {
					t.Errorf("query %d (%s): exit %d:\n%s", i+1, title, code, errOut)
					continue
				}
				if rows := strings.Count(out, "\n") - 1; rows < 1 || !hasFigure(out) {
					t.Errorf("query %d (%s) returned no rows, or only zeros, from the demo data:\n%s", i+1, title, out)
				}
			}
		})
	}
}

func TestSQLRefusesBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"sql", "--format", "xlsx", "SELECT 1"}, "--format xlsx writes a file: give --out FILE.xlsx"},
		{[]string{"sql", "--format", "yaml", "SELECT 1"}, `--format "yaml": want one of table, csv, tsv, json, markdown, xlsx`},
		{[]string{"sql", "--param", "no-equals", "SELECT 1"}, `--param "no-equals": want name=value`},
		{[]string{"sql", "--max-memory", "lots", "SELECT 1"}, `--max-memory: "lots" is not a size`},
		{[]string{"sql", "-f", "x.sql", "SELECT 1"}, "give a query or -f FILE, not both"},
	}
	for _, tt := range tests {
		code, _, errOut := goalpost(t, tt.args...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, code, errOut, tt.want)
		}
	}
	if !strings.Contains(analyst.SandboxCommand, "sandbox") {
		t.Fatal("unexpected sandbox command name")
	}
}

// goalpost sql returns once its sandbox child has closed the warehouse, without waiting for
// the child's exit: the warehouse's lock must be free by the time the command returns, or
// the next command would wait for it.
func TestSQLReturnsWithTheWarehouseReleased(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	bin := buildGoalpost(t)
	wh := filepath.Join(t.TempDir(), "warehouse")
	for i := 0; i < 3; i++ {
		// Output to a file, not a pipe: the child shares it, and a reader of a pipe would
		// wait for the child's exit too.
		outPath := filepath.Join(t.TempDir(), "out")
		outF, err := os.Create(outPath)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "--warehouse", wh, "sql", "SELECT 1 AS one")
		cmd.Stdout, cmd.Stderr = outF, outF
		err = cmd.Run()
		outF.Close()
		out, _ := os.ReadFile(outPath)
		if err != nil || string(out) != "one\n1\n" {
			t.Fatalf("run %d: %v\n%s", i+1, err, out)
		}
		f, err := os.OpenFile(filepath.Join(wh, "goalpost.lock"), os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			t.Errorf("run %d: the warehouse is still locked when goalpost sql returns: %v", i+1, err)
		} else {
			syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		}
		f.Close()
	}
}
