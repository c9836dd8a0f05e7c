package warehouse

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// The embedded engine exchanges data as TabSeparated text: rows are written with the escapes
// ClickHouse reads, and results are read back with types from TabSeparatedWithNamesAndTypes.

// appendTSVValue writes one value in ClickHouse's TabSeparated escaping for a column type.
func appendTSVValue(b *bytes.Buffer, colType string, v any) error {
	t := baseType(colType)
	switch x := v.(type) {
	case nil:
		b.WriteString(`\N`)
	case string:
		escapeTSV(b, x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("value %v is not a finite number", x)
		}
		b.WriteString(strconv.FormatFloat(x, 'f', decimalScale(t), 64))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int:
		b.WriteString(strconv.Itoa(x))
	case uint64:
		b.WriteString(strconv.FormatUint(x, 10))
	case uint32:
		b.WriteString(strconv.FormatUint(uint64(x), 10))
	case uint8:
		b.WriteString(strconv.Itoa(int(x)))
	case bool:
		if x {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	case []string:
		appendTSVStrings(b, x)
	case []float64:
		if err := appendTSVFloats(b, x); err != nil {
			return err
		}
	case time.Time:
		if t == "Date" || t == "Date32" {
			b.WriteString(x.Format("2006-01-02"))
		} else {
			b.WriteString(x.UTC().Format("2006-01-02 15:04:05"))
		}
	default:
		return fmt.Errorf("unsupported value type %T", v)
	}
	return nil
}

// appendTSVStrings writes an Array(String) value: ['a','b'], each element quoted and escaped.
func appendTSVStrings(b *bytes.Buffer, x []string) {
	b.WriteByte('[')
	for i, s := range x {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\'')
		for _, part := range strings.SplitAfter(s, "'") {
			if strings.HasSuffix(part, "'") {
				escapeTSV(b, part[:len(part)-1])
				b.WriteString(`\'`)
			} else {
				escapeTSV(b, part)
			}
		}
		b.WriteByte('\'')
	}
	b.WriteByte(']')
}

// appendTSVFloats writes an Array(Float64) value: [1.5,2].
func appendTSVFloats(b *bytes.Buffer, x []float64) error {
	b.WriteByte('[')
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("value %v is not a finite number", v)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
	}
	b.WriteByte(']')
	return nil
}

func escapeTSV(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case 0:
			b.WriteString(`\0`)
		default:
			b.WriteByte(c)
		}
	}
}

func unescapeTSV(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'a':
			b.WriteByte('\a')
		case 'v':
			b.WriteByte('\v')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// WriteTSV writes res as TabSeparatedWithNamesAndTypes, the form ReadTSV reads back into the
// same typed values. It carries results between processes.
func WriteTSV(w io.Writer, res *Result) error {
	if len(res.Columns) == 0 {
		return nil
	}
	var b bytes.Buffer
	for i, c := range res.Columns {
		if i > 0 {
			b.WriteByte('\t')
		}
		escapeTSV(&b, c.Name)
	}
	b.WriteByte('\n')
	for i, c := range res.Columns {
		if i > 0 {
			b.WriteByte('\t')
		}
		escapeTSV(&b, c.Type)
	}
	b.WriteByte('\n')
	for n, row := range res.Rows {
		if len(row) != len(res.Columns) {
			return fmt.Errorf("result row %d has %d values, want %d", n+1, len(row), len(res.Columns))
		}
		for i, v := range row {
			if i > 0 {
				b.WriteByte('\t')
			}
			if err := appendResultValue(&b, res.Columns[i].Type, v); err != nil {
				return fmt.Errorf("result row %d column %s: %w", n+1, res.Columns[i].Name, err)
			}
		}
		b.WriteByte('\n')
		if b.Len() > 1<<20 {
			if _, err := w.Write(b.Bytes()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// ReadTSV reads what WriteTSV (or the engine, in TabSeparatedWithNamesAndTypes) wrote.
func ReadTSV(b []byte) (*Result, error) { return parseTSVResult(b) }

// appendResultValue writes a result value in the text decodeText reads back.
func appendResultValue(b *bytes.Buffer, colType string, v any) error {
	switch x := v.(type) {
	case float64:
		switch {
		case math.IsNaN(x):
			b.WriteString("nan")
		case math.IsInf(x, 1):
			b.WriteString("inf")
		case math.IsInf(x, -1):
			b.WriteString("-inf")
		default:
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		}
		return nil
	case bool:
		b.WriteString(strconv.FormatBool(x))
		return nil
	case time.Time:
		switch t := baseType(colType); {
		case t == "Date" || t == "Date32":
			b.WriteString(x.Format("2006-01-02"))
		case strings.HasPrefix(t, "DateTime64"):
			b.WriteString(x.UTC().Format("2006-01-02 15:04:05.999999999"))
		default:
			b.WriteString(x.UTC().Format("2006-01-02 15:04:05"))
		}
		return nil
	}
	return appendTSVValue(b, colType, v)
}

// parseTSVResult reads TabSeparatedWithNamesAndTypes output into a typed Result.
func parseTSVResult(out []byte) (*Result, error) {
	res := &Result{}
	if len(out) == 0 {
		return res, nil
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) < 2 {
		return nil, fmt.Errorf("malformed result: %d header lines", len(lines))
	}
	names := strings.Split(lines[0], "\t")
	types := strings.Split(lines[1], "\t")
	if len(names) != len(types) {
		return nil, fmt.Errorf("malformed result: %d names, %d types", len(names), len(types))
	}
	for i := range names {
		res.Columns = append(res.Columns, Column{Name: unescapeTSV(names[i]), Type: unescapeTSV(types[i])})
	}
	res.Rows = make([][]any, 0, len(lines)-2)
	for n, line := range lines[2:] {
		fields := strings.Split(line, "\t")
		if len(fields) != len(names) {
			return nil, fmt.Errorf("malformed result row %d: %d fields, want %d", n+1, len(fields), len(names))
		}
		row := make([]any, len(fields))
		for i, f := range fields {
			v, err := decodeText(res.Columns[i].Type, f)
			if err != nil {
				return nil, fmt.Errorf("result row %d column %s: %w", n+1, res.Columns[i].Name, err)
			}
			row[i] = v
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

// decodeText turns one escaped TSV field into the Go value for its ClickHouse type.
func decodeText(colType, field string) (any, error) {
	if field == `\N` && strings.HasPrefix(colType, "Nullable(") {
		return nil, nil
	}
	t := baseType(colType)
	s := unescapeTSV(field)
	switch {
	case t == "UInt64":
		return strconv.ParseUint(s, 10, 64)
	case strings.HasPrefix(t, "Int") && !strings.HasPrefix(t, "Interval") || strings.HasPrefix(t, "UInt"):
		return strconv.ParseInt(s, 10, 64)
	case strings.HasPrefix(t, "Float") || strings.HasPrefix(t, "Decimal"):
		switch s {
		case "nan", "-nan":
			return math.NaN(), nil
		case "inf", "+inf":
			return math.Inf(1), nil
		case "-inf":
			return math.Inf(-1), nil
		}
		return strconv.ParseFloat(s, 64)
	case t == "Bool":
		return s == "true" || s == "1", nil
	case t == "Date" || t == "Date32":
		return time.Parse("2006-01-02", s)
	case strings.HasPrefix(t, "DateTime64"):
		return time.Parse("2006-01-02 15:04:05.999999999", s)
	case strings.HasPrefix(t, "DateTime"):
		return time.Parse("2006-01-02 15:04:05", s)
	}
	return s, nil
}

// decimalScale is the number of decimals of a Decimal(P, S) type, or -1 (as many as needed)
// for any other type. Amounts are rounded to the column's scale, not truncated by the engine.
func decimalScale(t string) int {
	if !strings.HasPrefix(t, "Decimal") {
		return -1
	}
	open, comma := strings.IndexByte(t, '('), strings.LastIndexByte(t, ',')
	if open < 0 || comma < 0 {
		return -1
	}
	s, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(t[comma+1:], ")")))
	if err != nil {
		return -1
	}
	return s
}

// appendBlockTSV writes a block's rows as TabSeparated, in the form appendTSVValue writes
// each value, without boxing a value per cell. types are the table's column types by name.
func appendBlockTSV(b *bytes.Buffer, blk Block, n int, types map[string]string) error {
	writers := make([]func(b *bytes.Buffer, i int) error, len(blk.Data))
	for j, col := range blk.Data {
		t, ok := types[blk.Columns[j]]
		if !ok {
			return fmt.Errorf("insert into %s: no column %q", blk.Table, blk.Columns[j])
		}
		t = baseType(t)
		switch x := col.(type) {
		case []string:
			writers[j] = func(b *bytes.Buffer, i int) error { escapeTSV(b, x[i]); return nil }
		case []float64:
			scale := decimalScale(t)
			var scratch [64]byte
			writers[j] = func(b *bytes.Buffer, i int) error {
				if math.IsNaN(x[i]) || math.IsInf(x[i], 0) {
					return fmt.Errorf("row %d column %s: value %v is not a finite number", i+1, blk.Columns[j], x[i])
				}
				b.Write(strconv.AppendFloat(scratch[:0], x[i], 'f', scale, 64))
				return nil
			}
		case []uint64:
			var scratch [24]byte
			writers[j] = func(b *bytes.Buffer, i int) error { b.Write(strconv.AppendUint(scratch[:0], x[i], 10)); return nil }
		case []uint32:
			var scratch [24]byte
			writers[j] = func(b *bytes.Buffer, i int) error {
				b.Write(strconv.AppendUint(scratch[:0], uint64(x[i]), 10))
				return nil
			}
		case []uint8:
			var scratch [4]byte
			writers[j] = func(b *bytes.Buffer, i int) error {
				b.Write(strconv.AppendUint(scratch[:0], uint64(x[i]), 10))
				return nil
			}
		case StringArrays:
			var start uint64
			writers[j] = func(b *bytes.Buffer, i int) error {
				if i == 0 {
					start = 0
				}
				appendTSVStrings(b, x.Flat[start:x.Ends[i]])
				start = x.Ends[i]
				return nil
			}
		case FloatArrays:
			var start uint64
			writers[j] = func(b *bytes.Buffer, i int) error {
				if i == 0 {
					start = 0
				}
				err := appendTSVFloats(b, x.Flat[start:x.Ends[i]])
				start = x.Ends[i]
				if err != nil {
					return fmt.Errorf("row %d column %s: %w", i+1, blk.Columns[j], err)
				}
				return nil
			}
		case []time.Time:
			date := t == "Date" || t == "Date32"
			// Rows of a file share their load time, and often their day: format a repeated
			// value once.
			var last time.Time
			var text []byte
			writers[j] = func(b *bytes.Buffer, i int) error {
				if text == nil || !x[i].Equal(last) {
					last = x[i]
					if date {
						text = last.AppendFormat(text[:0], "2006-01-02")
					} else {
						text = last.UTC().AppendFormat(text[:0], "2006-01-02 15:04:05")
					}
				}
				b.Write(text)
				return nil
			}
		default:
			return fmt.Errorf("insert into %s: column %s: unsupported type %T", blk.Table, blk.Columns[j], col)
		}
	}
	for i := range n {
		for j, w := range writers {
			if j > 0 {
				b.WriteByte('\t')
			}
			if err := w(b, i); err != nil {
				return fmt.Errorf("insert into %s: %w", blk.Table, err)
			}
		}
		b.WriteByte('\n')
	}
	return nil
}
