package workbook

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestSheetNames(t *testing.T) {
	tests := []struct {
		name string
		in   []string // names asked for, in order
		want []string
	}{
		{name: "plain", in: []string{"Summary"}, want: []string{"Summary"}},
		{name: "forbidden characters", in: []string{`Q1: [draft] a*b?c`, `2025/26\x`},
			want: []string{"Q1 draft a b c", "2025-26-x"}},
		{name: "apostrophes at the ends", in: []string{"'quoted'", "''", "it's fine"},
			want: []string{"quoted", "Sheet", "it's fine"}},
		{name: "empty and blank", in: []string{"", "   ", "\x00\x01"}, want: []string{"Sheet", "Sheet (2)", "Sheet (3)"}},
		{name: "case-insensitive duplicates", in: []string{"Campaign", "campaign", "CAMPAIGN"},
			want: []string{"Campaign", "campaign (2)", "CAMPAIGN (3)"}},
		{name: "non-ASCII case", in: []string{"Événements", "événements"}, want: []string{"Événements", "événements (2)"}},
		{name: "reserved History", in: []string{"history"}, want: []string{"history (2)"}},
		{name: "31 units", in: []string{strings.Repeat("x", 40)}, want: []string{strings.Repeat("x", 31)}},
		{name: "emoji count two units", in: []string{strings.Repeat("🎉", 20)}, want: []string{strings.Repeat("🎉", 15)}},
		{name: "duplicate of a long name stays within 31", in: []string{strings.Repeat("y", 40), strings.Repeat("Y", 35)},
			want: []string{strings.Repeat("y", 31), strings.Repeat("Y", 27) + " (2)"}},
		{name: "truncation exposes an apostrophe", in: []string{strings.Repeat("z", 30) + "'abc"},
			want: []string{strings.Repeat("z", 30)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := newSheetNames()
			for i, in := range tt.in {
				if got := n.unique(in); got != tt.want[i] {
					t.Errorf("unique(%q) = %q, want %q", in, got, tt.want[i])
				}
			}
		})
	}
}

// TestSheetNamesExcelize checks that many awkward names become distinct sheets that excelize
// accepts, which is the point of the sanitiser.
func TestSheetNamesExcelize(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	n := newSheetNames()
	seeds := []string{"Campagne d'été 🎉", "campagne D'ÉTÉ 🎉", "a/b", "[x]", "'", strings.Repeat("Long name ", 5), "history"}
	for i := 0; i < 100; i++ {
		name := n.unique(seeds[i%len(seeds)])
		if _, err := f.NewSheet(name); err != nil {
			t.Fatalf("NewSheet(%q): %v", name, err)
		}
	}
	// 100 new sheets plus the file's initial Sheet1.
	if got := len(f.GetSheetList()); got != 101 {
		t.Errorf("got %d sheets, want 101: %q", got, f.GetSheetList())
	}
}
