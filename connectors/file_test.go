package connectors_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

func readAll(t *testing.T, f *connectors.File) string {
	t.Helper()
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// bigFile returns a CSV longer than the head that File sniffs, with tail at its end.
func bigFile(header, tail string) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for b.Len() < 3*csvio.HeadSize {
		b.WriteString("2025-01-01,12,caf\xc3\xa9\n")
	}
	b.WriteString(tail)
	return b.Bytes()
}

// cutAtHead returns a UTF-8 file whose "é" has its first byte as the head's last.
func cutAtHead() []byte {
	b := []byte("Date,Reach,Note\n2025-01-01,1,")
	b = append(b, strings.Repeat("x", csvio.HeadSize-1-len(b))...)
	return bigFile(string(b)+"\u00e9\n", "")
}

func write(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFileStreams checks that a File read from disk sniffs from its head but decides its
// encoding from the whole file, decodes the same text on every Open, and agrees with a
// File built in memory from the same bytes.
func TestFileStreams(t *testing.T) {
	tests := []struct {
		name, enc string
		data      []byte
	}{
		{"utf-8", csvio.UTF8, bigFile("Date,Reach,Note\n", "2025-01-02,3,ok\n")},
		// A legacy byte far past the head still makes the file Windows-1252.
		{"windows-1252 late", csvio.Windows1252, bigFile("Date,Reach,Note\n", "2025-01-02,3,caf\xe9\n")},
		{"utf-8 bom", csvio.UTF8BOM, append([]byte("\xef\xbb\xbf"), bigFile("Date,Reach,Note\n", "")...)},
		// A character cut by the end of the head is not a legacy byte.
		{"utf-8 cut at head", csvio.UTF8, cutAtHead()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			disk, err := connectors.ReadFile(write(t, tt.data))
			if err != nil {
				t.Fatal(err)
			}
			mem, err := connectors.NewFile("mem.csv", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if disk.Encoding != tt.enc || mem.Encoding != tt.enc {
				t.Errorf("encoding: disk %q, memory %q; want %q", disk.Encoding, mem.Encoding, tt.enc)
			}
			if got := strings.Join(disk.Header(), "|"); got != "Date|Reach|Note" {
				t.Errorf("header %q", got)
			}
			a, b, c := readAll(t, disk), readAll(t, disk), readAll(t, mem)
			if a != b || a != c {
				t.Errorf("Open gives different texts: %d, %d and %d bytes", len(a), len(b), len(c))
			}
		})
	}
}

// TestFileLongHeader checks that a header longer than the first sniffed bytes is still found.
func TestFileLongHeader(t *testing.T) {
	var h []string
	for i := 0; len(strings.Join(h, ",")) < 2*csvio.HeadSize; i++ {
		h = append(h, "Column number "+strings.Repeat("x", 100)+string(rune('a'+i%26)))
	}
	data := bigFile(strings.Join(h, ",")+"\n", "")
	f, err := connectors.ReadFile(write(t, data))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Header()) != len(h) {
		t.Fatalf("header has %d columns, want %d", len(f.Header()), len(h))
	}
}

// TestFileChanged checks that a file replaced between two reads is an error, not a mix.
func TestFileChanged(t *testing.T) {
	p := write(t, []byte("Date,Reach\n2025-01-01,1\n"))
	f, err := connectors.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("Date,Reach\n2025-01-01,1\n2025-01-02,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Open(); !errors.Is(err, connectors.ErrChanged) {
		t.Errorf("Open after a change = %v, want ErrChanged", err)
	}
}

func TestFileOddUTF16(t *testing.T) {
	if _, err := connectors.ReadFile(write(t, []byte("\xff\xfeD\x00a\x00t"))); !errors.Is(err, csvio.ErrOddUTF16) {
		t.Errorf("ReadFile(odd UTF-16) = %v, want ErrOddUTF16", err)
	}
}

// A hostile file's 10 MB cell must not become a 10 MB error message (it goes to the
// terminal, the log and the ledger).
func TestParseErrorClipsLongValues(t *testing.T) {
	e := &connectors.ParseError{File: "x.csv", Line: 6, Column: 10, ColumnName: "Sessions", Kind: "integer", Value: strings.Repeat("1", 10<<20)}
	got := e.Error()
	want := `x.csv:6:10: column "Sessions": invalid integer "` + strings.Repeat("1", 100) + `…(10485760 bytes)"`
	if got != want {
		t.Errorf("Error() = %.300q…, want %q", got, want)
	}
}
