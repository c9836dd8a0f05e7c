package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/analyst"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == analyst.SandboxCommand {
		// goalpost sql re-executes its own binary for the sandbox; in tests that binary is
		// this test binary, which then behaves as goalpost.
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	if dir := os.Getenv("GOALPOST_TEST_HOLD"); dir != "" {
		// Child mode for the lock test: hold the warehouse like a long command would.
		e, err := warehouse.Open(context.Background(), dir, warehouse.Options{Holder: "goalpost serve"})
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(1)
		}
		defer e.Close()
		fmt.Println("HELD")
		time.Sleep(time.Minute)
		return
	}
	warehousetest.Main(m)
}

// goalpost runs the CLI in-process and returns its exit code and output.
func goalpost(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func sqlNumber(t *testing.T, wh, query string) float64 {
	t.Helper()
	code, out, errOut := goalpost(t, "--warehouse", wh, "sql", "--format", "csv", query)
	if code != 0 {
		t.Fatalf("sql %q: exit %d: %s", query, code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("sql %q printed %q, want a header and one value", query, out)
	}
	v, err := strconv.ParseFloat(lines[1], 64)
	if err != nil {
		t.Fatalf("sql %q printed %q: %v", query, out, err)
	}
	return v
}

func TestDemoEndToEndOnBothEngines(t *testing.T) {
	for _, engine := range warehousetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			target := warehousetest.NewTarget(t, engine)
			out := t.TempDir()
			code, stdout, stderr := goalpost(t, "--warehouse", target.Location, "demo", "--out", out, "--today", "2026-11-22")
			if code != 0 {
				t.Fatalf("demo: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			for _, f := range []string{"reports/riverside-2026-10.xlsx", "reports/riverside-2026-10.html"} {
				info, err := os.Stat(filepath.Join(out, f))
				if err != nil || info.Size() == 0 {
					t.Errorf("demo did not write %s: %v", f, err)
				}
				if !strings.Contains(stdout, filepath.Join(out, f)) {
					t.Errorf("demo did not print the path of %s:\n%s", f, stdout)
				}
			}
			rows := sqlNumber(t, target.Location, "SELECT count() FROM metrics_daily")
			if rows <= 0 {
				t.Fatalf("metrics_daily holds %v rows after the demo", rows)
			}
			sum := sqlNumber(t, target.Location, "SELECT sum(value) FROM metrics_daily")
			posts := sqlNumber(t, target.Location, "SELECT count() FROM posts")

			// Running the demo again loads nothing twice.
			code, stdout, stderr = goalpost(t, "--warehouse", target.Location, "demo", "--out", out, "--today", "2026-11-22")
			if code != 0 {
				t.Fatalf("second demo: exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, "0 new, 0 replacing earlier data") {
				t.Errorf("second demo loaded files again:\n%s", stdout)
			}
			if got := sqlNumber(t, target.Location, "SELECT count() FROM metrics_daily"); got != rows {
				t.Errorf("rows after the second demo = %v, want %v", got, rows)
			}
			if got := sqlNumber(t, target.Location, "SELECT sum(value) FROM metrics_daily"); got != sum {
				t.Errorf("sum of values after the second demo = %v, want %v", got, sum)
			}
			if got := sqlNumber(t, target.Location, "SELECT count() FROM posts"); got != posts {
				t.Errorf("posts after the second demo = %v, want %v", got, posts)
			}
		})
	}
}

func TestOneLineErrorsSayWhatToDo(t *testing.T) {
	port, err := warehousetest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"bad DSN scheme", nil, []string{"--warehouse", "mysql://localhost/db", "sql", "SELECT 1"}, "want clickhouse://user:password@host:9000/database"},
		{"bad database name", nil, []string{"--warehouse", "clickhouse://localhost/my-db", "sql", "SELECT 1"}, "must be letters, digits and _"},
		{"server down", nil, []string{"--warehouse", fmt.Sprintf("clickhouse://default@127.0.0.1:%d/db", port), "sql", "SELECT 1"}, "cannot reach ClickHouse server"},
		{"engine missing", map[string]string{"GOALPOST_CHDB_LIB": "/nonexistent/libchdb.so"}, []string{"--warehouse", t.TempDir(), "sql", "SELECT 1"}, "install it with `bash scripts/install-chdb.sh`"},
		{"stage memory not a number", map[string]string{"GOALPOST_STAGE_MEMORY_MB": "lots"}, []string{"--warehouse", t.TempDir(), "sql", "SELECT 1"}, `GOALPOST_STAGE_MEMORY_MB="lots": want a number of MiB (0: stage on disk only)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, _, stderr := goalpost(t, tt.args...)
			if code == 0 {
				t.Fatal("exit 0, want an error")
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not say %q", stderr, tt.want)
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 || strings.Contains(stderr, "goroutine") {
				t.Errorf("want one line, got:\n%s", stderr)
			}
		})
	}
}

func TestLockedWarehouseNamesItsHolder(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	dir := filepath.Join(t.TempDir(), "wh")
	holder := exec.Command(os.Args[0], "-test.run=^$")
	holder.Env = append(os.Environ(), "GOALPOST_TEST_HOLD="+dir)
	out, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { holder.Process.Kill(); holder.Wait() }()
	buf := make([]byte, 64)
	if n, _ := out.Read(buf); !strings.HasPrefix(string(buf[:n]), "HELD") {
		t.Fatalf("holder did not start: %q", buf[:n])
	}
	code, _, stderr := goalpost(t, "--warehouse", dir, "sql", "SELECT 1")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := fmt.Sprintf("is held by pid %d (goalpost serve", holder.Process.Pid)
	if !strings.Contains(stderr, want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("stderr should name the holder on one line (%q):\n%s", want, stderr)
	}
}

func TestIngestReportsEachFileAndExitsNonZeroOnRejection(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	bad := filepath.Join(dir, "in", "notes.csv")
	os.MkdirAll(filepath.Dir(bad), 0o755)
	os.WriteFile(bad, []byte("Name,Favourite colour\nAda,blue\n"), 0o644)
	good := filepath.Join(dir, "in", "ga4.csv")
	os.WriteFile(good, []byte("# ----------------------------------------\n# Test\n# ----------------------------------------\n\nDate,Sessions,New users\n20250301,10,4\n20250302,12,5\n"), 0o644)
	code, stdout, stderr := goalpost(t, "--warehouse", wh, "ingest", "--org", "org1", filepath.Join(dir, "in"))
	if code != 1 {
		t.Errorf("exit %d, want 1 (one file rejected)\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "rejected") || !strings.Contains(stdout, "notes.csv") {
		t.Errorf("no rejection line for notes.csv:\n%s", stdout)
	}
	if !strings.Contains(stdout, "ga4.csv: ga4, ") || !strings.Contains(stdout, "2 files: 1 new") {
		t.Errorf("no load line for ga4.csv or no total:\n%s", stdout)
	}
	if got := sqlNumber(t, wh, "SELECT sum(value) FROM metrics_daily WHERE metric = 'sessions'"); got != 22 {
		t.Errorf("sessions = %v, want 22", got)
	}
}
