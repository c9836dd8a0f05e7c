package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// Load bounds, for the 2-core CI machine.
const (
	loadFiles  = 1000
	loadOrgs   = 20
	maxRSSKiB  = 2 << 20 // 2 GiB peak resident memory for serve (the embedded engine included)
	maxRSSRepo = 1 << 20 // 1 GiB for one report process against the server
)

// ga4Day is a one-day GA4 export: file i covers day i after 2020-01-01 with i+1 sessions.
func ga4Day(i int) []byte {
	d := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
	return fmt.Appendf(nil, "# ----------------------------------------\n# Load\n# ----------------------------------------\n\nDate,Sessions,New users\n%s,%d,1\n", d.Format("20060102"), i+1)
}

// watchRSS samples the peak resident memory (VmHWM) of a running process until stop is
// closed, and returns it in KiB. rusage's maxrss is no use here: Linux keeps it across exec,
// so a child would report the test process's own peak.
func watchRSS(pid int, stop <-chan struct{}) <-chan int64 {
	res := make(chan int64, 1)
	go func() {
		var peak int64
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
				for _, l := range strings.Split(string(b), "\n") {
					if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
						var kib int64
						fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kib)
						peak = max(peak, kib)
					}
				}
			}
			select {
			case <-stop:
				res <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return res
}

// TestServeTakesAThousandFilesDroppedAtOnce drops 1,000 exports into the inbox of a running
// `goalpost serve` at once: every file is ingested exactly once and archived, none is
// quarantined, the totals are exact, and serve's peak memory stays bounded.
func TestServeTakesAThousandFilesDroppedAtOnce(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	bin := buildGoalpost(t)
	dir := t.TempDir()
	wh := filepath.Join(dir, "warehouse")
	inbox := filepath.Join(dir, "inbox")
	staging := filepath.Join(dir, "staging")
	os.MkdirAll(inbox, 0o755)
	os.MkdirAll(staging, 0o755)
	for i := range loadFiles {
		if err := os.WriteFile(filepath.Join(staging, fmt.Sprintf("export-%04d.csv", i)), ga4Day(i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var logs bytes.Buffer
	serve := exec.Command(bin, "--warehouse", wh, "serve", "--org", "load", "--inbox", inbox,
		"--out", filepath.Join(dir, "reports"), "--ingest-schedule", "@every 1s", "--settle", "1s")
	serve.Stdout, serve.Stderr = &logs, &logs
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer serve.Process.Kill()
	stopWatch := make(chan struct{})
	peakRSS := watchRSS(serve.Process.Pid, stopWatch)
	start := time.Now()
	for i := range loadFiles { // at once: renames, so no file is ever seen half-written
		name := fmt.Sprintf("export-%04d.csv", i)
		if err := os.Rename(filepath.Join(staging, name), filepath.Join(inbox, name)); err != nil {
			t.Fatal(err)
		}
	}
	archive := filepath.Join(inbox, "archive", time.Now().Format("2006-01"))
	waitFor(t, "1,000 files to be archived", 240*time.Second, func() bool {
		ents, _ := os.ReadDir(archive)
		return len(ents) >= loadFiles
	})
	took := time.Since(start)
	close(stopWatch)
	rss := <-peakRSS
	serve.Process.Signal(syscall.SIGTERM)
	if err := serve.Wait(); err != nil {
		t.Errorf("serve did not exit cleanly: %v\n%s", err, tailOf(logs.String(), 3000))
	}
	t.Logf("%d files ingested by serve in %v; serve's peak RSS %d MiB", loadFiles, took.Round(time.Second), rss>>10)
	if rss > maxRSSKiB {
		t.Errorf("serve's peak RSS %d MiB, want at most %d MiB", rss>>10, maxRSSKiB>>10)
	}
	if ents, _ := os.ReadDir(filepath.Join(inbox, "quarantine")); len(ents) != 0 {
		t.Errorf("%d files quarantined, want 0", len(ents))
	}
	if left, _ := filepath.Glob(filepath.Join(inbox, "*.csv")); len(left) != 0 {
		t.Errorf("%d files left in the inbox", len(left))
	}
	if got := sqlNumber(t, wh, "SELECT count() FROM ingested_files WHERE status = 'loaded'"); got != loadFiles {
		t.Errorf("loaded files = %v, want %d", got, loadFiles)
	}
	if got := sqlNumber(t, wh, "SELECT count() FROM ingested_files"); got != loadFiles {
		t.Errorf("ledger entries = %v, want %d (one per file)", got, loadFiles)
	}
	want := float64(loadFiles * (loadFiles + 1) / 2)
	if got := sqlNumber(t, wh, "SELECT sum(value) FROM metrics_daily WHERE metric = 'sessions' AND dimension = ''"); got != want {
		t.Errorf("sessions = %v, want %v (each file once)", got, want)
	}
	if got := sqlNumber(t, wh, "SELECT count() - uniqExact(source_file, source_row) FROM metrics_daily_store"); got != 0 {
		t.Errorf("%v rows stored twice", got)
	}
	if strings.Contains(logs.String(), "goroutine ") {
		t.Errorf("serve printed a stack trace:\n%s", tailOf(logs.String(), 3000))
	}
}

// TestTwentyOrganisationsReportAtOnce loads 20 organisations into one ClickHouse server and
// runs their 20 monthly reports at the same time: every report is written, each with its
// own organisation's figures, and no report process goes past the memory bound. The server
// queues the reports' queries, as docs/reliability.md tells 18.16's users to: with 100 at
// once, Debian's 18.16 crashed in 4 of 8 runs (a race in its table locks, not Goalpost's).
func TestTwentyOrganisationsReportAtOnce(t *testing.T) {
	bin := buildGoalpost(t)
	target := warehousetest.NewSerialServerTarget(t)
	in := t.TempDir()
	for o := range loadOrgs {
		var b strings.Builder
		b.WriteString("# ----------------------------------------\n# Load\n# ----------------------------------------\n\nDate,Sessions,New users\n")
		for d := 1; d <= 31; d++ {
			fmt.Fprintf(&b, "202510%02d,%d,1\n", d, o+1)
		}
		p := filepath.Join(in, fmt.Sprintf("org%02d.csv", o))
		os.WriteFile(p, []byte(b.String()), 0o644)
		if out, err := exec.Command(bin, "--warehouse", target.Location, "ingest", "--org", fmt.Sprintf("org%02d", o), p).CombinedOutput(); err != nil {
			t.Fatalf("ingest org%02d: %v\n%s", o, err, out)
		}
	}
	out := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]string, loadOrgs)
	rss := make([]int64, loadOrgs)
	start := time.Now()
	for o := range loadOrgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "--warehouse", target.Location, "report", "--org", fmt.Sprintf("org%02d", o), "--period", "2025-10", "--out", out)
			var msg bytes.Buffer
			cmd.Stdout, cmd.Stderr = &msg, &msg
			if err := cmd.Start(); err != nil {
				errs[o] = err.Error()
				return
			}
			stop := make(chan struct{})
			peak := watchRSS(cmd.Process.Pid, stop)
			err := cmd.Wait()
			close(stop)
			rss[o] = <-peak
			if err != nil {
				errs[o] = fmt.Sprintf("org%02d: %v\n%s", o, err, msg.String())
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	var peak int64
	for o := range loadOrgs {
		if errs[o] != "" {
			t.Error(errs[o])
		}
		peak = max(peak, rss[o])
		for _, ext := range []string{"xlsx", "html"} {
			p := filepath.Join(out, fmt.Sprintf("org%02d-2025-10.%s", o, ext))
			if st, err := os.Stat(p); err != nil || st.Size() == 0 {
				t.Errorf("report %s not written: %v", p, err)
			}
		}
		// Each report holds its own organisation's sessions (31 days × (o+1)).
		html, _ := os.ReadFile(filepath.Join(out, fmt.Sprintf("org%02d-2025-10.html", o)))
		if !bytes.Contains(html, fmt.Appendf(nil, "%d", 31*(o+1))) {
			t.Errorf("org%02d's report does not show its %d sessions", o, 31*(o+1))
		}
	}
	t.Logf("%d reports written at once in %v; peak RSS of one report process %d MiB", loadOrgs, took.Round(time.Millisecond), peak>>10)
	if peak > maxRSSRepo {
		t.Errorf("a report process peaked at %d MiB, want at most %d MiB", peak>>10, maxRSSRepo>>10)
	}
}

func tailOf(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
