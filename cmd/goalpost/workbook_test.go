package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// requireTool finds a command the workbook tests need, or skips saying how to install it;
// with CI=true a missing tool fails the run, as a missing engine does.
func requireTool(t *testing.T, what, install string, candidates ...string) string {
	t.Helper()
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s is not installed: %s", what, install)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: a missing tool fails the run)")
	}
	t.Skip(msg)
	return ""
}

// openpyxlPython is a Python that can import openpyxl: Debian's python3-openpyxl installs
// into /usr/bin/python3, which a pyenv or venv python3 earlier on the PATH does not see.
func openpyxlPython(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	requireTool(t, "python3-openpyxl (the second reader of the workbook)", "apt-get install python3-openpyxl", "openpyxl-is-missing")
	return ""
}

// readSheetScript prints every non-empty cell of one sheet as openpyxl reads it.
const readSheetScript = `
import datetime, json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[2]]
cells = {}
for row in ws.iter_rows():
    for c in row:
        v = c.value
        if v is None:
            continue
        if isinstance(v, (datetime.datetime, datetime.date)):
            v = {"date": v.isoformat()}
        fill = None
        if c.fill is not None and c.fill.fill_type == "solid":
            fill = str(c.fill.fgColor.rgb)
        cells[c.coordinate] = {"value": v, "format": c.number_format, "fill": fill, "type": c.data_type}
json.dump({"sheets": wb.sheetnames, "cells": cells}, sys.stdout)
`

type pyCell struct {
	Value  any    `json:"value"`
	Format string `json:"format"`
	Fill   string `json:"fill"`
	Type   string `json:"type"`
}

func readWithOpenpyxl(t *testing.T, python, path, sheet string) ([]string, map[string]pyCell) {
	t.Helper()
	cmd := exec.Command(python, "-c", readSheetScript, path, sheet)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl could not read %s: %v\n%s", path, err, stderr.String())
	}
	var res struct {
		Sheets []string          `json:"sheets"`
		Cells  map[string]pyCell `json:"cells"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("openpyxl output: %v", err)
	}
	return res.Sheets, res.Cells
}

// TestDemoWorkbookReadsBackInASecondReader: on both engines, openpyxl reads every figure of
// the demo's Summary, and each equals what the SQL gives when the test asks the warehouse.
func TestDemoWorkbookReadsBackInASecondReader(t *testing.T) {
	python := openpyxlPython(t)
	for _, engine := range warehousetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			target := warehousetest.NewTarget(t, engine)
			out := t.TempDir()
			if code, stdout, stderr := goalpost(t, "--warehouse", target.Location, "demo", "--out", out, "--today", "2026-11-22"); code != 0 {
				t.Fatalf("demo: exit %d\n%s%s", code, stdout, stderr)
			}
			path := filepath.Join(out, "reports", "riverside-2026-10.xlsx")
			sheets, cells := readWithOpenpyxl(t, python, path, "Summary")
			wantSheets := []string{"Summary", "Share our news regularly", "Grow our audience", "Spread the word about our cause",
				"Build trust through conversatio", "Bring people to our website", "Build relationships with our su",
				"Raise funds online", "Recruit volunteers", "Email", "Facebook", "Instagram", "Website", "X", "YouTube",
				"Top posts", "Content types", "Milestones", "Data coverage", "Definitions", "Data"}
			if strings.Join(sheets, "|") != strings.Join(wantSheets, "|") {
				t.Errorf("sheets =\n%q\nwant\n%q", sheets, wantSheets)
			}

			wh, err := warehouse.Open(context.Background(), target.Location, warehouse.Options{Holder: "go test"})
			if err != nil {
				t.Fatal(err)
			}
			defer wh.Close()
			query := func(name string, params warehouse.Params) []map[string]any {
				t.Helper()
				text, err := sqlfiles.Statement(name)
				if err != nil {
					t.Fatal(err)
				}
				res, err := wh.Query(context.Background(), text, params)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				var rows []map[string]any
				for _, row := range res.Rows {
					m := map[string]any{}
					for i, c := range res.Columns {
						m[c.Name] = row[i]
					}
					rows = append(rows, m)
				}
				return rows
			}
			day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
			attain := func(start, end string) []map[string]any {
				return query("goals/attainment.sql", warehouse.Params{"org": "riverside", "start": day(start), "end": day(end), "asof": day(end)})
			}
			cur, prev, ly := attain("2026-10-01", "2026-11-01"), attain("2026-09-01", "2026-10-01"), attain("2025-10-01", "2025-11-01")
			if len(cur) != 18 || len(prev) != len(cur) || len(ly) != len(cur) {
				t.Fatalf("attainment rows: %d, %d, %d", len(cur), len(prev), len(ly))
			}

			compared := map[string]bool{}
			check := func(cell string, want any) {
				t.Helper()
				compared[cell] = true
				got, ok := cells[cell]
				w, isNum := want.(float64)
				switch {
				case want == nil:
					if ok {
						t.Errorf("Summary!%s = %v, want empty (the SQL gives NULL)", cell, got.Value)
					}
				case !ok:
					t.Errorf("Summary!%s is empty, want %v", cell, want)
				case isNum:
					g, isF := got.Value.(float64)
					if !isF || got.Type != "n" {
						t.Errorf("Summary!%s = %#v (type %s), want the number %v", cell, got.Value, got.Type, w)
					} else if math.Abs(g-w) > 1e-9*math.Max(1, math.Abs(w)) {
						t.Errorf("Summary!%s = %v, want %v", cell, g, w)
					}
				default:
					if got.Value != want {
						t.Errorf("Summary!%s = %#v, want %#v", cell, got.Value, want)
					}
				}
			}
			num := func(v any) any {
				switch x := v.(type) {
				case float64:
					return x
				case uint64:
					return float64(x)
				case int64:
					return float64(x)
				}
				return nil
			}
			change := func(now, base any, unit string) any {
				n, b := num(now), num(base)
				if n == nil || b == nil {
					return nil
				}
				if unit == "percent" {
					return (n.(float64) - b.(float64)) * 100 // percentage points
				}
				if b.(float64) == 0 {
					return nil
				}
				return (n.(float64) - b.(float64)) / math.Abs(b.(float64))
			}
			statuses := map[string]string{"on_track": "On track", "at_risk": "At risk", "off_track": "Off track"}
			fills := map[string]string{"on_track": "FFC6EFCE", "at_risk": "FFFFEB9C", "off_track": "FFFFC7CE"}
			for i, c := range cur {
				row := 9 + i
				cell := func(col string) string { return fmt.Sprintf("%s%d", col, row) }
				unit := fmt.Sprint(c["unit"])
				check(cell("C"), num(c["actual"]))
				check(cell("D"), num(c["target"]))
				check(cell("E"), num(c["attainment"]))
				check(cell("F"), num(c["pace"]))
				status := fmt.Sprint(c["status"])
				check(cell("G"), statuses[status])
				if got := cells[cell("G")].Fill; got != fills[status] {
					t.Errorf("Summary!%s fill = %q, want %q for %s", cell("G"), got, fills[status], status)
				}
				check(cell("H"), change(c["period_value"], prev[i]["period_value"], unit))
				check(cell("I"), change(c["period_value"], ly[i]["period_value"], unit))
			}

			// What worked: the best content type and the best post, from their SQL.
			loc, _ := time.LoadLocation("America/Toronto")
			start := time.Date(2026, 10, 1, 0, 0, 0, 0, loc).UTC()
			end := time.Date(2026, 11, 1, 0, 0, 0, 0, loc).UTC()
			var best any
			for _, ct := range query("queries/workbook_content_types.sql", warehouse.Params{"org": "riverside", "start": start, "end": end}) {
				v := num(ct["vs_account"])
				if num(ct["posts"]).(float64) >= 3 && v != nil && v.(float64) > 1 && (best == nil || v.(float64) > best.(float64)) {
					best = v
				}
			}
			check("J4", best)
			var bestRate any
			for _, p := range query("queries/workbook_post_ranking.sql", warehouse.Params{"org": "riverside", "start": start, "end": end, "min_reach": 100.0}) {
				if p["ranking"] == "rate" {
					bestRate = num(p["engagement_rate"]) // the rows come best first
					break
				}
			}
			if bestRate == nil {
				t.Fatal("no post ranked by rate in the demo")
			}
			check("J5", bestRate)

			// Every figure of the Summary was compared: the only other number is the date it
			// was generated.
			for coord, c := range cells {
				if c.Type == "n" && !compared[coord] {
					t.Errorf("Summary!%s = %v is a figure the test does not check", coord, c.Value)
				}
			}
			if g, ok := cells["B3"].Value.(map[string]any); !ok || g["date"] != "2026-11-22T07:00:00" {
				t.Errorf("Summary!B3 = %#v, want the generation time in Toronto", cells["B3"].Value)
			}

			if engine == "embedded" {
				convertsInLibreOffice(t, path)
			}
		})
	}
}

// convertsInLibreOffice converts the workbook to PDF headlessly, as a user opening it would
// load it, and checks that the Summary prints on the first page, whole.
func convertsInLibreOffice(t *testing.T, path string) {
	t.Helper()
	soffice := requireTool(t, "LibreOffice", "apt-get install libreoffice-calc-nogui", "soffice", "libreoffice")
	dir := t.TempDir()
	// A profile of its own, so a LibreOffice already running elsewhere does not take over.
	profile := "file://" + filepath.Join(dir, "profile")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir, path)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to pdf: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".xlsx")+".pdf")
	info, err := os.Stat(pdf)
	if err != nil || info.Size() == 0 {
		t.Fatalf("LibreOffice wrote no PDF (%v):\n%s", err, out)
	}
	if strings.Contains(strings.ToLower(string(out)), "error") {
		t.Errorf("LibreOffice reported an error:\n%s", out)
	}
	pdftotext := requireTool(t, "pdftotext", "apt-get install poppler-utils", "pdftotext")
	text, err := exec.Command(pdftotext, "-layout", "-f", "1", "-l", "1", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	page := string(text)
	// The Summary's title and its first and last rows are on page one: it prints on one page.
	for _, want := range []string{"Goal report — Riverside Food Bank", "Posts published", "Volunteer sign-ups", "Status compares each figure"} {
		if !strings.Contains(page, want) {
			t.Errorf("page 1 of the PDF lacks %q:\n%s", want, page)
		}
	}
	if regexp.MustCompile(`(?m)^\s*Share our news regularly\s*$`).MatchString(page) {
		t.Errorf("page 1 holds a goal sheet's title: the Summary spilled over")
	}
}
