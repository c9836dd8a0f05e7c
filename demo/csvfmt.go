package demo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Byte-level conventions of the platforms' CSV writers. Each platform quotes
// differently, and a connector that is tested only on Go's encoding/csv
// output would never see the real thing, so the demo reproduces each one.

const utf8BOM = "\ufeff"

// metaField quotes a value the way Meta Business Suite (and Mailchimp) do:
// only when it holds a space, comma, quote or line break. "02/16/2025 05:14"
// and "Page name" are quoted, Lifetime and permalinks are not.
func metaField(s string) string {
	if !strings.ContainsAny(s, " ,\"\n\r") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// metaLine joins fields with metaField quoting and ends the line with LF.
func metaLine(b *bytes.Buffer, fields ...string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(metaField(f))
	}
	b.WriteByte('\n')
}

// quotedLine quotes every field, numbers included, as the legacy X
// (analytics.twitter.com) exports and the Meta daily series do.
func quotedLine(b *bytes.Buffer, fields ...string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
	}
	b.WriteByte('\n')
}

// minimalCSV writes rows with encoding/csv's minimal quoting (only fields
// with a comma, quote or line break), which is what YouTube Studio and GA4
// produce: `"Aug 28, 2025"` is quoted, `Organic Social` is not.
func minimalCSV(rows [][]string, crlf bool) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = crlf
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("encode csv: %w", err)
	}
	return b.Bytes(), nil
}

// utf16LE encodes s as UTF-16 little endian with a BOM (FF FE), the
// encoding of Meta's one-metric-per-file downloads.
func utf16LE(s string) []byte {
	units := utf16.Encode([]rune(s))
	out := make([]byte, 2, 2+2*len(units))
	out[0], out[1] = 0xFF, 0xFE
	for _, u := range units {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// decimal formats x rounded to at most places decimals, without trailing
// zeros: YouTube writes 10.236 and 45.8772, Meta writes 1822.089.
func decimal(x float64, places int) string {
	p := math.Pow10(places)
	return strconv.FormatFloat(math.Round(x*p)/p, 'f', -1, 64)
}

// pyFloat formats a float the way Python's repr does, which is how the
// legacy X exports were written: "1938.0" for whole numbers, the shortest
// round-tripping digits otherwise ("0.009287925696594427").
func pyFloat(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e16 {
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	if math.Abs(x) < 1e-4 {
		// Python switches to exponent notation below 1e-4 ("5e-05").
		s := strconv.FormatFloat(x, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		sign := exp[0]
		exp = strings.TrimLeft(exp[1:], "0")
		if len(exp) < 2 {
			exp = "0" + exp
		}
		return mant + "e" + string(sign) + exp
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}
