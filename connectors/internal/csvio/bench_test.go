package csvio

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors/internal/benchdata"
)

func benchExport(b *testing.B, rows int) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := benchdata.MetaPosts(&buf, rows, 1); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

var sinkF float64

func BenchmarkParseNumber(b *testing.B) {
	for _, tc := range []struct{ name, in string }{
		{"int", "12632"}, {"grouped", "1,204,332"}, {"decimal", "1822.089"}, {"percent", "4.5%"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				v, err := ParseNumber(tc.in, '.')
				if err != nil {
					b.Fatal(err)
				}
				sinkF += v
			}
		})
	}
}

func BenchmarkParseCount(b *testing.B) {
	for b.Loop() {
		v, err := ParseCount("12632", '.')
		if err != nil {
			b.Fatal(err)
		}
		sinkF += v
	}
}

func BenchmarkIsMissing(b *testing.B) {
	for b.Loop() {
		if IsMissing("12632") || !IsMissing("") {
			b.Fatal("wrong")
		}
	}
}

var sinkT time.Time

func BenchmarkParseTime(b *testing.B) {
	loc, _ := time.LoadLocation("Europe/Paris")
	for _, tc := range []struct{ name, in string }{
		{"meta", "12/30/2025 23:58"}, {"iso", "2025-10-31T00:00:00"}, {"offset", "2016-12-23 18:50 +0000"},
		{"slash-ymd", "2025/10/31"}, {"name", "Aug 28, 2025"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				t, err := ParseTime(tc.in, MonthFirst, loc)
				if err != nil {
					b.Fatal(err)
				}
				sinkT = t
			}
		})
	}
}

func BenchmarkDetectDateOrder(b *testing.B) {
	vals := []string{"12/30/2025 23:58", "01/02/2025 10:00", "2/13/2025 09:00"}
	for b.Loop() {
		if _, err := DetectDateOrder(vals, MonthFirst); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDetectDecimal(b *testing.B) {
	vals := []string{"12632", "1,204", "1822.089", ""}
	for b.Loop() {
		if _, err := DetectDecimal(vals); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	for b.Loop() {
		_ = Normalize("Reactions, Comments and Shares")
	}
}

// BenchmarkRows decodes a 100,000-row Meta export as a stream and reads every record.
func BenchmarkRows(b *testing.B) {
	data := benchExport(b, 100_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		c, err := DetectCharset(data[:HeadSize], int64(len(data)), func(int64) (bool, error) { return true, nil })
		if err != nil {
			b.Fatal(err)
		}
		head, _ := c.NewReader(bytes.NewReader(data[:HeadSize]))
		h, _ := io.ReadAll(head)
		l, ok := SniffHead(string(h), false)
		if !ok {
			b.Fatal("no header")
		}
		text, _ := c.NewReader(bytes.NewReader(data))
		rr, err := l.Rows(text)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := rr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_000 {
			b.Fatal(n)
		}
	}
}

// BenchmarkScan is the decision pass over the same export: the 14 metric columns and the
// publication time, without building records.
func BenchmarkScan(b *testing.B) {
	data := benchExport(b, 100_000)
	b.SetBytes(int64(len(data)))
	l, _ := SniffHead(string(data[3:HeadSize]), false)
	cols := []int{6, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30}
	for b.Loop() {
		var d DecimalDetector
		var o DateOrderDetector
		text := bytes.NewReader(data[3:])
		err := l.Scan(text, cols, func(col int, v string) {
			if col == 6 {
				o.Add(v)
			} else {
				d.Add(v)
			}
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
