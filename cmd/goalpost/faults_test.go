package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// faultServer is a ClickHouse server of the test's own, on fixed ports and data directory,
// so that it can be killed and started again with its data.
type faultServer struct {
	t         *testing.T
	bin, dir  string
	tcp, http int
	cmd       *exec.Cmd
}

func newFaultServer(t *testing.T) *faultServer {
	t.Helper()
	bin := warehousetest.ServerBinary()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("clickhouse-server is not installed (CI=true: a missing engine fails the run)")
		}
		t.Skip("clickhouse-server is not installed: apt-get install clickhouse-server")
	}
	s := &faultServer{t: t, bin: bin, dir: t.TempDir()}
	var err error
	if s.tcp, err = warehousetest.FreePort(); err != nil {
		t.Fatal(err)
	}
	if s.http, err = warehousetest.FreePort(); err != nil {
		t.Fatal(err)
	}
	if err := warehousetest.WriteServerConfig(s.dir, s.tcp, s.http); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.stop)
	return s
}

func (s *faultServer) dsn(db string) string {
	return fmt.Sprintf("clickhouse://default@127.0.0.1:%d/%s", s.tcp, db)
}

func (s *faultServer) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "--config-file="+filepath.Join(s.dir, "config.xml"))
	s.cmd.Dir = s.dir
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if e, err := warehouse.Open(context.Background(), s.dsn("default"), warehouse.Options{}); err == nil {
			e.Close()
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatal("the fault-test ClickHouse server did not answer within 60s")
}

// stop kills the server as a crash or a power cut would (SIGKILL).
func (s *faultServer) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
		s.cmd = nil
	}
}

// oneLineError fails unless a failed command printed one line on stderr, without a stack.
func oneLineError(t *testing.T, what string, err error, out []byte) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s succeeded, want an error:\n%s", what, out)
	}
	if strings.Contains(string(out), "goroutine ") || strings.Contains(string(out), "panic") {
		t.Errorf("%s printed a stack trace:\n%s", what, out)
	}
}

// TestServerStoppedBeforeAndDuringWork stops the ClickHouse server before an ingest, in the
// middle of one (SIGKILL while inserts are under way), before a report and while `serve`
// waits for its scheduled ingest: each fails with a clear error or retries with backoff, and
// once the server is back the figures equal a clean run's, with nothing lost or doubled.
func TestServerStoppedBeforeAndDuringWork(t *testing.T) {
	bin := buildGoalpost(t)
	srv := newFaultServer(t)
	srv.start()
	files := crashExports(t, t.TempDir())
	ingest := func(db string) ([]byte, error) {
		args := append([]string{"--warehouse", srv.dsn(db), "ingest", "--org", "crash", "--batch-rows", "500"}, files...)
		return exec.Command(bin, args...).CombinedOutput()
	}
	if out, err := ingest("clean"); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, out)
	}
	want := figures(t, srv.dsn("clean"))

	t.Run("before an ingest", func(t *testing.T) {
		srv.stop()
		out, err := ingest("before")
		oneLineError(t, "ingest with the server down", err, out)
		if !strings.Contains(string(out), "cannot reach ClickHouse server") {
			t.Errorf("ingest with the server down does not say so:\n%s", out)
		}
		srv.start()
		if out, err := ingest("before"); err != nil {
			t.Fatalf("ingest once the server is back: %v\n%s", err, out)
		}
		if got := figures(t, srv.dsn("before")); got != want {
			t.Errorf("figures after the server came back:\n got %s\nwant %s", got, want)
		}
	})

	t.Run("during an ingest", func(t *testing.T) {
		for i, delay := range []time.Duration{400 * time.Millisecond, 1500 * time.Millisecond} {
			db := fmt.Sprintf("during%d", i)
			cmd := exec.Command(bin, append([]string{"--warehouse", srv.dsn(db), "ingest", "--org", "crash", "--batch-rows", "500"}, files...)...)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			srv.stop()
			err := cmd.Wait()
			if err == nil {
				t.Logf("kill after %v: the ingest had finished already", delay)
			} else {
				oneLineError(t, "ingest whose server died", err, out.Bytes())
			}
			srv.start()
			for run := 0; run < 2; run++ {
				if out, err := ingest(db); err != nil {
					t.Fatalf("re-run %d after the server died at %v: %v\n%s", run+1, delay, err, out)
				}
			}
			if got := figures(t, srv.dsn(db)); got != want {
				t.Errorf("server killed after %v: figures after re-running:\n got %s\nwant %s", delay, got, want)
			}
		}
	})

	t.Run("before a report", func(t *testing.T) {
		out := t.TempDir()
		report := func() ([]byte, error) {
			return exec.Command(bin, "--warehouse", srv.dsn("clean"), "report", "--org", "crash", "--period", "2023-06", "--out", out).CombinedOutput()
		}
		srv.stop()
		msg, err := report()
		oneLineError(t, "report with the server down", err, msg)
		if ents, _ := os.ReadDir(out); len(ents) != 0 {
			t.Errorf("a failed report left %d files in its folder (half-written?): %v", len(ents), ents)
		}
		srv.start()
		if msg, err := report(); err != nil {
			t.Fatalf("report once the server is back: %v\n%s", err, msg)
		}
		for _, f := range []string{"crash-2023-06.xlsx", "crash-2023-06.html"} {
			if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
				t.Errorf("report once the server is back did not write %s: %v", f, err)
			}
		}
	})

	t.Run("during a report", func(t *testing.T) {
		for _, delay := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond} {
			out := t.TempDir()
			cmd := exec.Command(bin, "--warehouse", srv.dsn("clean"), "report", "--org", "crash", "--period", "2023-06", "--out", out)
			var msg bytes.Buffer
			cmd.Stdout, cmd.Stderr = &msg, &msg
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			srv.stop()
			err := cmd.Wait()
			ents, _ := os.ReadDir(out)
			if err != nil {
				oneLineError(t, "report whose server died", err, msg.Bytes())
				// Each file is written whole (temporary file, then rename) or not at all.
				for _, e := range ents {
					if strings.HasPrefix(e.Name(), ".") {
						t.Errorf("a failed report left a temporary file: %s", e.Name())
					}
				}
			} else if len(ents) != 2 {
				t.Errorf("report succeeded with %d files", len(ents))
			}
			t.Logf("server killed %v into a report: err=%v, %d files", delay, err, len(ents))
			srv.start()
		}
	})

	t.Run("scheduled ingest", func(t *testing.T) {
		dir := t.TempDir()
		inbox := filepath.Join(dir, "inbox")
		os.MkdirAll(inbox, 0o755)
		src, _ := os.ReadFile(files[0])
		os.WriteFile(filepath.Join(inbox, "a-2022.csv"), src, 0o644)
		srv.stop()
		var logs bytes.Buffer
		serve := exec.Command(bin, "--warehouse", srv.dsn("scheduled"), "serve", "--org", "crash", "--inbox", inbox,
			"--out", filepath.Join(dir, "reports"), "--ingest-schedule", "@every 1s", "--settle", "1s", "--retry", "2m")
		serve.Stdout, serve.Stderr = &logs, &logs
		if err := serve.Start(); err != nil {
			t.Fatal(err)
		}
		defer serve.Process.Kill()
		time.Sleep(4 * time.Second)
		archived := filepath.Join(inbox, "archive", time.Now().Format("2006-01"), "a-2022.csv")
		if _, err := os.Stat(archived); err == nil {
			t.Fatal("the file was archived while the warehouse was down")
		}
		if _, err := os.Stat(filepath.Join(inbox, "quarantine")); err == nil {
			t.Error("a file was quarantined because the warehouse was down")
		}
		srv.start()
		waitFor(t, "the export to be ingested once the server is back", 90*time.Second, func() bool { _, err := os.Stat(archived); return err == nil })
		serve.Process.Signal(syscall.SIGTERM)
		serve.Wait()
		if strings.Contains(logs.String(), "goroutine ") {
			t.Errorf("serve printed a stack trace:\n%s", logs.String())
		}
		if got := sqlNumber(t, srv.dsn("scheduled"), "SELECT count() FROM ingested_files WHERE status = 'loaded'"); got != 1 {
			t.Errorf("loaded files = %v, want 1\n%s", got, logs.String())
		}
		if got := sqlNumber(t, srv.dsn("scheduled"), "SELECT count() FROM metrics_daily"); got != 365*5*2+365*2 && got <= 0 {
			t.Errorf("metrics_daily rows = %v", got)
		}
	})
}

// TestDiskFullWhileIngesting puts the embedded warehouse on a small tmpfs, fills it, and
// ingests: the ingest fails with an error, nothing of the file is visible and the ledger
// does not say loaded; once space is freed the next run loads the file exactly once.
func TestDiskFullWhileIngesting(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	bin := buildGoalpost(t)
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mnt).CombinedOutput(); err != nil {
		// Mounting needs root (or CAP_SYS_ADMIN), which CI has. Without that capability
		// the test cannot make a full disk at all and says so; any other failure to mount
		// is a failure under CI.
		if os.Getenv("CI") == "true" && os.Geteuid() == 0 && !strings.Contains(strings.ToLower(string(out)), "permission denied") && !strings.Contains(strings.ToLower(string(out)), "not permitted") {
			t.Fatalf("mount tmpfs: %v %s (CI=true: this test must run)", err, out)
		}
		t.Skipf("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	files := crashExports(t, t.TempDir())
	// The ingest stages a file's blocks in memory where the machine has room (/dev/shm), or
	// on the warehouse's disk: both are run, the second with the stage on the full disk too.
	for _, stage := range []struct{ name, memoryMB string }{{"stage in memory", ""}, {"stage on disk", "0"}} {
		t.Run(stage.name, func(t *testing.T) { testDiskFull(t, bin, mnt, files, stage.memoryMB) })
	}
}

func testDiskFull(t *testing.T, bin, mnt string, files []string, stageMemoryMB string) {
	ingestInto := func(wh string, files ...string) ([]byte, error) {
		cmd := exec.Command(bin, append([]string{"--warehouse", wh, "ingest", "--org", "crash", "--batch-rows", "500"}, files...)...)
		cmd.Env = append(os.Environ(), "GOALPOST_STAGE_MEMORY_MB="+stageMemoryMB)
		return cmd.CombinedOutput()
	}
	clean := filepath.Join(t.TempDir(), "clean")
	if out, err := ingestInto(clean, files...); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, out)
	}
	want := figures(t, clean)
	// The disk is filled leaving no room, room for the ledger but not the data, and room for
	// some files but not all. The last level follows what the files take on disk, which has
	// shrunk three times: 6 MiB let two of the four load while the embedded engine
	// partitioned them by month; by year, 4 MiB did; once the staged blocks were squashed
	// into few parts, 2 MiB let three load; since the stage leaves the constant columns out,
	// 1.5 MiB lets two load (1.25 MiB none, 1.75 MiB three, 2 MiB all four), and three when
	// the stage is in memory.
	for _, free := range []int64{0, 1 << 20, 3 << 19} {
		t.Run(fmt.Sprintf("%d KiB free", free>>10), func(t *testing.T) {
			wh := filepath.Join(mnt, "warehouse")
			os.RemoveAll(wh)
			if out, err := exec.Command(bin, "--warehouse", wh, "sql", "SELECT 1").CombinedOutput(); err != nil {
				t.Fatalf("creating the warehouse: %v\n%s", err, out)
			}
			filler := filepath.Join(mnt, "filler")
			fill(t, filler, free)
			out, err := ingestInto(wh, files...)
			if err == nil {
				t.Fatalf("ingest on a full disk succeeded:\n%s", out)
			}
			oneLineError(t, "ingest on a full disk", err, out)
			t.Logf("ingest with %d KiB free: %v\n%s", free>>10, err, out)
			// What analysts see is exactly the files the ledger says loaded, nothing of the
			// file the disk cut short.
			os.Remove(filler)
			var loaded []string
			for _, f := range files {
				if sqlNumber(t, wh, fmt.Sprintf("SELECT count() FROM ingested_files WHERE status = 'loaded' AND name = '%s'", filepath.Base(f))) == 1 {
					loaded = append(loaded, f)
				}
			}
			if len(loaded) == len(files) {
				t.Fatalf("every file is loaded although the ingest failed")
			}
			t.Logf("%d of %d files loaded before the disk was full", len(loaded), len(files))
			seen := sqlNumber(t, wh, "SELECT count() FROM metrics_daily")
			only := filepath.Join(t.TempDir(), "only")
			if len(loaded) > 0 {
				if out, err := ingestInto(only, loaded...); err != nil {
					t.Fatalf("ingest of the loaded files alone: %v\n%s", err, out)
				}
			} else if out, err := exec.Command(bin, "--warehouse", only, "sql", "SELECT 1").CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if ref := sqlNumber(t, only, "SELECT count() FROM metrics_daily"); seen != ref {
				t.Errorf("after the failed ingest analysts see %v rows; the %d loaded files alone give %v", seen, len(loaded), ref)
			}
			// Space is back: the next run loads the rest, exactly once.
			if out, err := ingestInto(wh, files...); err != nil {
				t.Fatalf("ingest once space is freed: %v\n%s", err, out)
			}
			if got := figures(t, wh); got != want {
				t.Errorf("figures after a full disk and a re-run:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// fill writes path until the disk is full, then gives back free bytes.
func fill(t *testing.T, path string, free int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	var n int64
	for {
		k, err := f.Write(buf)
		n += int64(k)
		if err != nil {
			break // ENOSPC
		}
	}
	if err := f.Truncate(max(0, n-free)); err != nil {
		t.Fatal(err)
	}
}
