package csvio

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// readAll reads every record of rr as text: its fields with their positions, then the error
// that ended the reading.
func readAll(rr RecordReader) string {
	var b strings.Builder
	for {
		r, err := rr.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				b.WriteString("EOF\n")
			} else {
				fmt.Fprintf(&b, "error %v\n", err)
			}
			return b.String()
		}
		fmt.Fprintf(&b, "line %d:", r.Line())
		for i := 0; i < r.Len(); i++ {
			line, col := r.Pos(i)
			fmt.Fprintf(&b, " %d:%d=%q", line, col, r.Field(i))
		}
		b.WriteByte('\n')
	}
}

// longCSV is a file of n records that spans several chunks, with the kinds of record each
// path of the reader takes: plain, quoted, doubled quotes, a caption over several lines.
func longCSV(n int) string {
	var b strings.Builder
	b.WriteString("id,caption,reach\n")
	for i := range n {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "%d,plain %d,%d\n", i, i, i*7)
		case 1:
			fmt.Fprintf(&b, "%d,\"quoted, %d\",%d\n", i, i, i*7)
		case 2:
			fmt.Fprintf(&b, "%d,\"say \"\"%d\"\"\",%d\r\n", i, i, i*7)
		case 3:
			fmt.Fprintf(&b, "%d,\"two\nlines %d\",%d\n", i, i, i*7)
		}
	}
	return b.String()
}

// Prefetched hands out exactly what the RowReader reads: every record with its positions,
// in order, across chunk boundaries, then the same error, whichever path read the records
// (the fast splitter, or encoding/csv after a hand-over).
func TestPrefetchedMatchesRows(t *testing.T) {
	long := longCSV(3*chunkRecords + 17)
	cases := map[string]string{
		"several chunks":                 long,
		"syntax error after a chunk":     long + "1,\"never closed,2\n",
		"hand-over to encoding/csv":      longCSV(chunkRecords+3) + "5,bare\"quote,6\n" + strings.TrimPrefix(longCSV(chunkRecords), "id,caption,reach\n"),
		"exactly one chunk":              longCSV(chunkRecords),
		"a header and nothing else":      "id,caption,reach\n",
		"semicolons and a sep= line":     "sep=;\n" + strings.ReplaceAll(longCSV(300), ",", ";"),
		"an error in the very first row": "a,b\n\"x\"y,1\n",
	}
	for i, s := range rowsSeeds {
		cases[fmt.Sprintf("seed %d", i)] = s
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			l := Sniff(text)
			direct, err := l.Rows(strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			ahead, err := l.Rows(strings.NewReader(text))
			if err != nil {
				t.Fatal(err)
			}
			want := readAll(direct)
			p := Prefetch(ahead)
			got := readAll(p)
			p.Close()
			if got != want {
				t.Errorf("prefetched records differ:\n got %.600s\nwant %.600s", got, want)
			}
			if records := strings.Count(want, "\nline ") + strings.Count(want[:min(5, len(want))], "line "); strings.HasPrefix(name, "several") && records != 3*chunkRecords+17 {
				t.Errorf("read %d records, want %d", records, 3*chunkRecords+17)
			}
		})
	}
}

// Close stops the reading half-way, and a later Close does nothing.
func TestPrefetchedCloseEarly(t *testing.T) {
	text := longCSV(20 * chunkRecords)
	rr, err := Sniff(text).Rows(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	p := Prefetch(rr)
	r, err := p.Next()
	if err != nil || r.Field(1) != "plain 0" {
		t.Fatalf("first record = %q, %v", r.Fields(), err)
	}
	p.Close() // returns once the reading goroutine has: it must not wait for the file's end
	p.Close()
}

// panicky panics after handing out n records.
type panicky struct{ n int }

func (p *panicky) Next() (Record, error) {
	if p.n == 0 {
		panic("reader broke")
	}
	p.n--
	return Record{cells: []string{"x"}, lines: []int{1}, cols: []int{1}}, nil
}

// A panic while reading ahead happens again in the caller's goroutine, after the records read
// before it, where a recover (the scheduler's) can see it.
func TestPrefetchedPanicReachesTheCaller(t *testing.T) {
	p := Prefetch(&panicky{n: chunkRecords + 5})
	defer p.Close()
	n := 0
	func() {
		defer func() {
			if v := recover(); v != "reader broke" {
				t.Errorf("recovered %v, want the reader's panic", v)
			}
		}()
		for {
			if _, err := p.Next(); err != nil {
				t.Errorf("Next returned %v, want a panic", err)
				return
			}
			n++
		}
	}()
	if n != chunkRecords+5 {
		t.Errorf("%d records before the panic, want %d", n, chunkRecords+5)
	}
}
