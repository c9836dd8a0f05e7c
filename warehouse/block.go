package warehouse

import (
	"fmt"
	"time"
)

// Block is rows of one table held column by column, the form both engines take without
// boxing every value: Data holds one slice per column, in the order of Columns, each a
// []string, []float64, []uint64, []uint32, []uint8, []time.Time, StringArrays or FloatArrays,
// all of the same length.
type Block struct {
	Table   string
	Columns []string
	Data    []any
}

// StringArrays is a column of Array(String) held the way ClickHouse holds one: the arrays'
// elements one after another in Flat, and where each row's array ends in Ends (row i is
// Flat[Ends[i-1]:Ends[i]], the first row starting at 0).
type StringArrays struct {
	Flat []string
	Ends []uint64
}

// FloatArrays is a column of Array(Float64), held as StringArrays is.
type FloatArrays struct {
	Flat []float64
	Ends []uint64
}

// checkEnds reports whether ends describe consecutive arrays that use all of flat elements.
func checkEnds(ends []uint64, flat int) error {
	var prev uint64
	for i, e := range ends {
		if e < prev {
			return fmt.Errorf("row %d's array ends at %d, before the previous row's (%d)", i+1, e, prev)
		}
		prev = e
	}
	if prev != uint64(flat) {
		return fmt.Errorf("the arrays end at %d, but %d elements were given", prev, flat)
	}
	return nil
}

// rows returns the arrays as one slice per row, sharing flat's elements.
func rows[T any](flat []T, ends []uint64) [][]T {
	out := make([][]T, len(ends))
	var start uint64
	for i, e := range ends {
		out[i] = flat[start:e:e]
		start = e
	}
	return out
}

// Len checks that every column has as many values as the first, and returns that number.
func (b Block) Len() (int, error) {
	if !isIdentifier(b.Table) {
		return 0, fmt.Errorf("insert: invalid table name %q", b.Table)
	}
	if len(b.Data) != len(b.Columns) {
		return 0, fmt.Errorf("insert into %s: %d columns of data for %d column names", b.Table, len(b.Data), len(b.Columns))
	}
	n := -1
	for j, col := range b.Data {
		if !isIdentifier(b.Columns[j]) {
			return 0, fmt.Errorf("insert into %s: invalid column name %q", b.Table, b.Columns[j])
		}
		var l int
		switch x := col.(type) {
		case []string:
			l = len(x)
		case []float64:
			l = len(x)
		case []uint64:
			l = len(x)
		case []uint32:
			l = len(x)
		case []uint8:
			l = len(x)
		case []time.Time:
			l = len(x)
		case StringArrays:
			if err := checkEnds(x.Ends, len(x.Flat)); err != nil {
				return 0, fmt.Errorf("insert into %s: column %s: %w", b.Table, b.Columns[j], err)
			}
			l = len(x.Ends)
		case FloatArrays:
			if err := checkEnds(x.Ends, len(x.Flat)); err != nil {
				return 0, fmt.Errorf("insert into %s: column %s: %w", b.Table, b.Columns[j], err)
			}
			l = len(x.Ends)
		default:
			return 0, fmt.Errorf("insert into %s: column %s: unsupported type %T", b.Table, b.Columns[j], col)
		}
		if n >= 0 && l != n {
			return 0, fmt.Errorf("insert into %s: column %s has %d values, column %s has %d", b.Table, b.Columns[j], l, b.Columns[0], n)
		}
		n = l
	}
	return max(n, 0), nil
}
