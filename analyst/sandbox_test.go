package analyst

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
)

func TestSandboxIsKilledWhenAStatementOverrunsItsTimeLimit(t *testing.T) {
	started := 0
	command := func() *exec.Cmd {
		started++
		return exec.Command(os.Args[0], SandboxCommand)
	}
	limit := 200 * time.Millisecond
	s, err := StartSandbox(context.Background(), command, SandboxConfig{Session: warehouse.Session{Limits: warehouse.Limits{MaxTime: limit}}}, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < 2; i++ {
		start := time.Now()
		_, err := s.Query(context.Background(), "SELECT sleep(3)", nil)
		if !errors.Is(err, warehouse.ErrTimeout) {
			t.Fatalf("statement %d: %v, want a time limit error", i+1, err)
		}
		if d := time.Since(start); d > limit+sandboxGrace+2*time.Second {
			t.Errorf("statement %d stopped after %v", i+1, d)
		}
	}
	if started != 2 {
		t.Errorf("started %d children, want 2 (the killed one is replaced for the next statement)", started)
	}
}

func TestSandboxStopsWithItsContext(t *testing.T) {
	s, err := StartSandbox(context.Background(), func() *exec.Cmd { return exec.Command(os.Args[0], SandboxCommand) }, SandboxConfig{}, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := s.Query(ctx, "SELECT 1", nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the context's error", err)
	}
}
