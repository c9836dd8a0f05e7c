package warehouse

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"time"
)

// The embedded engine takes a block's rows in ClickHouse's Native format when every column
// has one of the plain types below: the format is the engine's own columnar layout, so the
// numbers are copied rather than printed and parsed again, and strings are written as they
// are instead of escaped byte by byte for TabSeparated (see docs/performance.md, step 13).
// A column of any other type (Decimal, Nullable...) sends the block as TabSeparated.

// Days and seconds since 1970-01-01 that Date and DateTime can hold.
const (
	maxDateDays     = math.MaxUint16
	maxDateTimeSecs = math.MaxUint32
)

// nativeColumn reports whether appendBlockNative writes a column of this Go slice type into
// a table column of type colType.
func nativeColumn(colType string, data any) (ok bool) {
	switch data.(type) {
	case []string:
		return colType == "String"
	case []float64:
		return colType == "Float64"
	case []uint64:
		return colType == "UInt64"
	case []uint32:
		return colType == "UInt32"
	case []uint8:
		return colType == "UInt8"
	case []time.Time:
		return colType == "Date" || colType == "DateTime" || isUTCDateTime(colType)
	case StringArrays:
		return colType == "Array(String)"
	case FloatArrays:
		return colType == "Array(Float64)"
	}
	return false
}

func isUTCDateTime(t string) bool {
	return strings.HasPrefix(t, "DateTime(") && strings.Trim(t[len("DateTime("):], "')") == "UTC"
}

// appendBlockNative appends blk as one Native block (the form without block info that the
// Native input format reads) and reports ok false, having appended nothing, when a column's
// type or a value is one it does not write: the caller then sends TabSeparated, which
// ClickHouse reads for every type. types are the table's column types by name.
func appendBlockNative(b []byte, blk Block, n int, types map[string]string) ([]byte, bool, error) {
	for j, col := range blk.Data {
		t, ok := types[blk.Columns[j]]
		if !ok {
			return b, false, fmt.Errorf("insert into %s: no column %q", blk.Table, blk.Columns[j])
		}
		if !nativeColumn(t, col) {
			return b, false, nil
		}
		// A time outside the type's range is left to the TabSeparated path, so it is
		// stored (or refused) exactly as before.
		if x, isTime := col.([]time.Time); isTime && !timesFit(x, t == "Date") {
			return b, false, nil
		}
	}
	start := len(b)
	b = binary.AppendUvarint(b, uint64(len(blk.Columns)))
	b = binary.AppendUvarint(b, uint64(n))
	for j, col := range blk.Data {
		t := types[blk.Columns[j]]
		b = appendNativeString(b, blk.Columns[j])
		b = appendNativeString(b, t)
		switch x := col.(type) {
		case []string:
			for _, s := range x {
				b = appendNativeString(b, s)
			}
		case []float64:
			for i, v := range x {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return b[:start], false, fmt.Errorf("insert into %s: row %d column %s: value %v is not a finite number", blk.Table, i+1, blk.Columns[j], v)
				}
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
			}
		case []uint64:
			for _, v := range x {
				b = binary.LittleEndian.AppendUint64(b, v)
			}
		case []uint32:
			for _, v := range x {
				b = binary.LittleEndian.AppendUint32(b, v)
			}
		case []uint8:
			b = append(b, x...)
		case StringArrays: // the arrays' ends (offsets), then their elements
			b = appendNativeEnds(b, x.Ends)
			for _, s := range x.Flat {
				b = appendNativeString(b, s)
			}
		case FloatArrays:
			b = appendNativeEnds(b, x.Ends)
			for i, v := range x.Flat {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return b[:start], false, fmt.Errorf("insert into %s: element %d of column %s: value %v is not a finite number", blk.Table, i+1, blk.Columns[j], v)
				}
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
			}
		case []time.Time:
			if t == "Date" {
				for _, v := range x {
					b = binary.LittleEndian.AppendUint16(b, uint16(daysSinceEpoch(v)))
				}
			} else {
				for _, v := range x {
					b = binary.LittleEndian.AppendUint32(b, uint32(v.Unix()))
				}
			}
		}
	}
	return b, true, nil
}

func appendNativeEnds(b []byte, ends []uint64) []byte {
	for _, e := range ends {
		b = binary.LittleEndian.AppendUint64(b, e)
	}
	return b
}

func appendNativeString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// daysSinceEpoch is the day a Date column stores: the calendar date of t in t's own location,
// as the TabSeparated path writes it (t.Format("2006-01-02")).
func daysSinceEpoch(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func timesFit(x []time.Time, date bool) bool {
	for _, v := range x {
		if date {
			if d := daysSinceEpoch(v); d < 0 || d > maxDateDays {
				return false
			}
		} else if s := v.Unix(); s < 0 || s > maxDateTimeSecs {
			return false
		}
	}
	return true
}
