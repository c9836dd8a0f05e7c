package workbook

import (
	"strings"
	"testing"
)

func TestCellText(t *testing.T) {
	const marker = "…[truncated]"
	tests := []struct {
		name    string
		in      string
		want    string // exact result, unless wantLen is set
		wantLen int    // UTF-16 units of the result
		wantCut bool
	}{
		{name: "plain", in: "Hello, river", want: "Hello, river"},
		{name: "formula stays text", in: `=HYPERLINK("http://evil.example","x")`, want: `=HYPERLINK("http://evil.example","x")`},
		{name: "tab newline cr kept", in: "a\tb\nc\rd", want: "a\tb\nc\rd"},
		{name: "controls dropped", in: "a\x00b\x01c\x0bd\x1be\x7ff", want: "abcde\x7ff"},
		{name: "noncharacters dropped", in: "a\uFFFEb\uFFFFc", want: "abc"},
		{name: "invalid utf-8 replaced", in: "a\xffb", want: "a\uFFFDb"},
		{name: "bstr escaped", in: "_x0041_ and _X0041_ and _x00e9_", want: "_x005F_x0041_ and _X0041_ and _x005F_x00e9_"},
		{name: "not a bstr", in: "_x004_ _x00GG_ x0041_", want: "_x004_ _x00GG_ x0041_"},
		{name: "at the limit", in: strings.Repeat("a", maxCellUnits), wantLen: maxCellUnits},
		{name: "over the limit", in: strings.Repeat("a", 40000), wantLen: maxCellUnits, wantCut: true},
		// 16,383 emoji are 32,766 units: one more would need 2 units and must not be split.
		{name: "emoji not split", in: strings.Repeat("🎉", 20000), wantLen: 16377*2 + 12, wantCut: true},
		// Escapes count towards the limit, since the stored text is what excelize measures:
		// 2,519 escaped tokens (13 units each) and 6 characters of the next, plus the marker.
		{name: "escapes counted", in: strings.Repeat("_x0041_", 5000), wantLen: 2519*13 + 6 + 12, wantCut: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cut := cellText(tt.in, marker)
			if cut != tt.wantCut {
				t.Errorf("cut = %v, want %v", cut, tt.wantCut)
			}
			if cut && !strings.HasSuffix(got, marker) {
				t.Errorf("cut text does not end with the marker: ...%q", got[len(got)-40:])
			}
			if tt.wantLen != 0 {
				if n := units(got); n != tt.wantLen || n > maxCellUnits {
					t.Errorf("units = %d, want %d (limit %d)", n, tt.wantLen, maxCellUnits)
				}
				return
			}
			if got != tt.want {
				t.Errorf("cellText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
