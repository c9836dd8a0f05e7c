package warehouse

import (
	"fmt"
	"time"
)

// Block is rows of one table held column by column, the form both engines take without
// boxing every value: Data holds one slice per column, in the order of Columns, each a
// []string, []float64, []uint64, []uint32, []uint8 or []time.Time, all of the same length.
type Block struct {
	Table   string
	Columns []string
	Data    []any
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
