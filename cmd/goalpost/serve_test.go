package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// buildGoalpost builds the real binary once per test.
func buildGoalpost(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "goalpost")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func waitFor(t *testing.T, what string, timeout time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestServeIngestsTheInboxWhileSQLAnswersFromAnotherProcess(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	bin := buildGoalpost(t)
	dir := t.TempDir()
	wh := filepath.Join(dir, "warehouse")
	inbox := filepath.Join(dir, "inbox")
	os.MkdirAll(inbox, 0o755)

	var logs bytes.Buffer
	serve := exec.Command(bin, "--warehouse", wh, "serve", "--org", "riverside", "--inbox", inbox,
		"--out", filepath.Join(dir, "reports"), "--ingest-schedule", "@every 1s", "--settle", "1s")
	serve.Stdout, serve.Stderr = &logs, &logs
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer serve.Process.Kill()

	good := filepath.Join(inbox, "data-export.csv")
	os.WriteFile(good, []byte("# ----------------------------------------\n# Riverside\n# ----------------------------------------\n\nDate,Sessions,New users\n20261001,40,12\n20261002,60,20\n"), 0o644)
	bad := filepath.Join(inbox, "volunteers.csv")
	os.WriteFile(bad, []byte("Name,Favourite colour\nAda,blue\n"), 0o644)

	archived := filepath.Join(inbox, "archive", time.Now().Format("2006-01"), "data-export.csv")
	waitFor(t, "the good export to be archived", 60*time.Second, func() bool { _, err := os.Stat(archived); return err == nil })
	waitFor(t, "the bad file to be quarantined", 60*time.Second, func() bool {
		_, err := os.Stat(filepath.Join(inbox, "quarantine", "volunteers.csv.error.txt"))
		return err == nil
	})
	note, _ := os.ReadFile(filepath.Join(inbox, "quarantine", "volunteers.csv.error.txt"))
	if !strings.Contains(string(note), "volunteers.csv") {
		t.Errorf("quarantine note does not name the file: %s", note)
	}

	// Another process queries while serve keeps scanning every second.
	for i := 0; i < 3; i++ {
		out, err := exec.Command(bin, "--warehouse", wh, "sql", "--format", "csv", "SELECT sum(value) FROM metrics_daily WHERE org = 'riverside' AND metric = 'sessions' AND dimension = ''").CombinedOutput()
		if err != nil {
			t.Fatalf("goalpost sql beside serve: %v\n%s", err, out)
		}
		if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); lines[len(lines)-1] != "100" {
			t.Errorf("sessions = %q, want 100", out)
		}
	}

	serve.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- serve.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve did not exit cleanly on SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not stop on SIGTERM\n%s", logs.String())
	}
	if strings.Contains(logs.String(), "goroutine ") {
		t.Errorf("serve printed a stack trace:\n%s", logs.String())
	}
}
