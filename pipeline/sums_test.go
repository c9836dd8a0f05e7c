package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestHashAheadGivesEachFilesSHA256(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.csv", "Date,Reach\n2025-01-01,12\n")
	b := write("b.csv", strings.Repeat("x", 3<<20)) // more than one read
	c := write("c.csv", "")
	other := write("other.csv", "not in the list")
	missing := filepath.Join(dir, "missing.csv")
	want := func(p string) string {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(data)
		return hex.EncodeToString(s[:])
	}

	tests := []struct {
		name  string
		paths []string // given to HashAhead
		asked []string // passed to Sum, in this order
	}{
		{"in order", []string{a, b, c}, []string{a, b, c}},
		{"a file twice", []string{a, a, b}, []string{a, a, b}},
		{"out of order", []string{a, b, c}, []string{c, b, a}},
		{"a path not given", []string{a, b}, []string{other, a, b}},
		{"fewer asked than given", []string{a, b, c}, []string{a}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			s := HashAhead(ctx, tt.paths)
			defer s.Stop()
			for _, p := range tt.asked {
				got, err := s.Sum(ctx, p)
				if err != nil {
					t.Fatalf("Sum(%s): %v", filepath.Base(p), err)
				}
				if got != want(p) {
					t.Errorf("Sum(%s) = %s, want %s", filepath.Base(p), got, want(p))
				}
			}
		})
	}

	t.Run("a missing file", func(t *testing.T) {
		s := HashAhead(context.Background(), []string{missing, a})
		defer s.Stop()
		if _, err := s.Sum(context.Background(), missing); err == nil || !strings.Contains(err.Error(), "missing.csv") {
			t.Errorf("Sum of a missing file: err = %v, want one naming it", err)
		}
		if got, err := s.Sum(context.Background(), a); err != nil || got != want(a) {
			t.Errorf("Sum after a missing file = %s, %v; want %s", got, err, want(a))
		}
	})

	t.Run("a cancelled ingest", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		s := HashAhead(ctx, []string{b})
		defer s.Stop()
		if _, err := s.Sum(ctx, b); err == nil {
			t.Error("Sum with a cancelled context: no error")
		}
	})
}
