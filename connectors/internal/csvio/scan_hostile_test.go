package csvio

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// A stray quote that opens a field never closed made Scan recount the quotes of the whole
// record at every line: quadratic, a hang on a 10 MB file. Found by the hostile corpus.
func TestScanStrayQuoteIsLinear(t *testing.T) {
	text := "Date,Sessions\n\"" + strings.Repeat("a,b\n", 2<<20)
	l := Sniff(text[:100])
	start := time.Now()
	err := l.Scan(strings.NewReader(text), []int{0, 1}, func(int, string) {})
	if !errors.Is(err, ErrIrregular) {
		t.Errorf("Scan = %v, want ErrIrregular", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Scan took %v over an 8 MiB never-closed field", d)
	}
}
