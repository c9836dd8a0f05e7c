package main

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// personalPatterns match what the demo's fictional people leave in the exports: e-mail
// addresses and names (demo/people.go). Phone numbers are collected from the files, below.
var personalPatterns = map[string]*regexp.Regexp{
	"email": regexp.MustCompile(`[A-Za-z0-9._%+-]+@example\.org`),
	"name":  regexp.MustCompile(`Person [0-9]{4}`),
}

var phoneRE = regexp.MustCompile(`\(951\) 555-01[0-9]{2}`)

// TestNoPersonalDataLeavesTheExports ingests the demo's donation, event, volunteer and
// newsletter exports (full of fictional people) and looks for any of them, and for the salt,
// in every table of the warehouse, in the workbook, the dashboard and everything the
// commands printed.
func TestNoPersonalDataLeavesTheExports(t *testing.T) {
	for _, engine := range warehousetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			target := warehousetest.NewTarget(t, engine)
			dir := t.TempDir()
			if code, out, errOut := goalpost(t, "init", dir, "--org", "riverside", "--timezone", "America/Toronto"); code != 0 {
				t.Fatalf("init: %s%s", out, errOut)
			}
			cfgPath := filepath.Join(dir, "goalpost.yaml")
			cfg, err := goals.LoadConfig(cfgPath)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "demo")
			code, stdout, stderr := goalpost(t, "--config", cfgPath, "--warehouse", target.Location, "demo", "--out", out, "--today", "2026-11-22")
			if code != 0 {
				t.Fatalf("demo: exit %d\n%s%s", code, stdout, stderr)
			}

			// The inputs really do hold people, or this test proves nothing. People's phone
			// numbers are those of the files with e-mail addresses; a number that also appears
			// in the public content exports (the food bank's own hotline in its posts) is not
			// personal.
			found := 0
			phones, public := map[string]bool{}, map[string]bool{}
			filepath.WalkDir(filepath.Join(out, "exports"), func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return nil
				}
				b, _ := os.ReadFile(p)
				isPersonal := personalPatterns["email"].Match(b)
				if isPersonal {
					found++
				}
				for _, ph := range phoneRE.FindAllString(string(b), -1) {
					if isPersonal {
						phones[ph] = true
					} else {
						public[ph] = true
					}
				}
				return nil
			})
			if found < 3 {
				t.Fatalf("only %d demo exports hold e-mail addresses; the check would be empty", found)
			}
			var phoneAlts []string
			for ph := range phones {
				if !public[ph] {
					phoneAlts = append(phoneAlts, regexp.QuoteMeta(ph))
				}
			}
			if len(phoneAlts) == 0 {
				t.Fatal("no personal phone numbers in the demo exports; the check would be empty")
			}
			sort.Strings(phoneAlts)
			personal := map[string]*regexp.Regexp{
				"email": personalPatterns["email"], "name": personalPatterns["name"],
				"phone": regexp.MustCompile(strings.Join(phoneAlts, "|")),
			}

			checkText := func(where, text string) {
				for kind, re := range personal {
					if m := re.FindString(text); m != "" {
						t.Errorf("%s holds a %s from the exports: %q", where, kind, m)
					}
				}
				if strings.Contains(text, cfg.Salt) {
					t.Errorf("%s holds the hashing salt", where)
				}
			}
			checkText("the demo's output", stdout+stderr)

			e, err := warehouse.Open(context.Background(), target.Location, warehouse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			ctx := context.Background()
			cols, err := e.Query(ctx, "SELECT table, name FROM system.columns WHERE database = currentDatabase() AND type LIKE '%String%' ORDER BY table, name", nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(cols.Rows) < 20 {
				t.Fatalf("only %d text columns found", len(cols.Rows))
			}
			for _, c := range cols.Rows {
				table, col := c[0].(string), c[1].(string)
				// Names come from the system catalogue, quoted as identifiers.
				q := "SELECT count() FROM `" + table + "` WHERE match(toString(`" + col + "`), {email:String}) OR match(toString(`" + col + "`), {name:String}) OR match(toString(`" + col + "`), {phone:String}) OR position(toString(`" + col + "`), {salt:String}) > 0"
				res, err := e.Query(ctx, q, warehouse.Params{
					"email": personal["email"].String(), "name": personal["name"].String(), "phone": personal["phone"].String(), "salt": cfg.Salt,
				})
				if err != nil {
					t.Fatalf("scan %s.%s: %v", table, col, err)
				}
				if n := res.Rows[0][0].(uint64); n > 0 {
					t.Errorf("%s.%s holds personal data or the salt in %d rows", table, col, n)
				}
			}

			reportsDir := filepath.Join(out, "reports")
			entries, _ := os.ReadDir(reportsDir)
			scanned := 0
			for _, en := range entries {
				p := filepath.Join(reportsDir, en.Name())
				switch filepath.Ext(p) {
				case ".html":
					b, _ := os.ReadFile(p)
					checkText(en.Name(), string(b))
					scanned++
				case ".xlsx":
					zr, err := zip.OpenReader(p)
					if err != nil {
						t.Fatal(err)
					}
					for _, zf := range zr.File {
						rc, _ := zf.Open()
						b, _ := io.ReadAll(rc)
						rc.Close()
						checkText(en.Name()+"/"+zf.Name, string(b))
					}
					zr.Close()
					scanned++
				}
			}
			if scanned < 2 {
				t.Errorf("found %d reports to scan, want the workbook and the dashboard", scanned)
			}
		})
	}
}
