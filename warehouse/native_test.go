package warehouse

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"
	"time"
)

// The bytes of a one-row block, written out by hand from the Native format's description:
// VarUInt column and row counts, then per column its name, its type and its values (strings
// as VarUInt length and bytes, numbers little-endian, Date as UInt16 days and DateTime as
// UInt32 seconds since 1970-01-01).
func TestAppendBlockNativeLayout(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	blk := Block{Table: "t", Columns: []string{"s", "f", "u", "d", "at", "b"}, Data: []any{
		[]string{"é\n"},
		[]float64{1.5},
		[]uint64{300},
		[]time.Time{time.Date(1970, 1, 3, 0, 30, 0, 0, paris)}, // the 3rd in Paris: day 2
		[]time.Time{time.Date(1970, 1, 1, 1, 0, 1, 0, paris)},  // 00:00:01 UTC: second 1
		[]uint8{1},
	}}
	types := map[string]string{"s": "String", "f": "Float64", "u": "UInt64", "d": "Date", "at": "DateTime('UTC')", "b": "UInt8"}
	got, ok, err := appendBlockNative([]byte("head"), blk, 1, types)
	if err != nil || !ok {
		t.Fatalf("appendBlockNative: ok %v, err %v", ok, err)
	}
	str := func(s string) []byte { return append([]byte{byte(len(s))}, s...) }
	var want []byte
	want = append(want, "head"...)
	want = append(want, 6, 1)
	want = append(append(append(want, str("s")...), str("String")...), str("é\n")...)
	want = append(append(append(want, str("f")...), str("Float64")...), 0, 0, 0, 0, 0, 0, 0xf8, 0x3f)
	want = append(append(append(want, str("u")...), str("UInt64")...), 0x2c, 1, 0, 0, 0, 0, 0, 0)
	want = append(append(append(want, str("d")...), str("Date")...), 2, 0)
	want = append(append(append(want, str("at")...), str("DateTime('UTC')")...), 1, 0, 0, 0)
	want = append(append(append(want, str("b")...), str("UInt8")...), 1)
	if !bytes.Equal(got, want) {
		t.Errorf("block bytes\n got %q\nwant %q", got, want)
	}
	// A string of 200 bytes takes a two-byte length: 200 = 0xC8 = 0b1_1001000.
	long := strings.Repeat("x", 200)
	got, _, _ = appendBlockNative(nil, Block{Table: "t", Columns: []string{"s"}, Data: []any{[]string{long}}}, 1, types)
	if want := append([]byte{1, 1, 1, 's', 6, 'S', 't', 'r', 'i', 'n', 'g', 0xc8, 0x01}, long...); !bytes.Equal(got, want) {
		t.Errorf("long string: got % x...", got[:min(len(got), 16)])
	}
}

// An array column is the arrays' ends (UInt64 offsets), then all their elements.
func TestAppendBlockNativeArrays(t *testing.T) {
	blk := Block{Table: "t", Columns: []string{"m", "v"}, Data: []any{
		StringArrays{Flat: []string{"a", "bc"}, Ends: []uint64{2, 2}},
		FloatArrays{Flat: []float64{-2}, Ends: []uint64{0, 1}},
	}}
	types := map[string]string{"m": "Array(String)", "v": "Array(Float64)"}
	got, ok, err := appendBlockNative(nil, blk, 2, types)
	if err != nil || !ok {
		t.Fatalf("appendBlockNative: ok %v, err %v", ok, err)
	}
	want := []byte{2, 2, 1, 'm', 13}
	want = append(want, "Array(String)"...)
	want = append(want, 2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 'a', 2, 'b', 'c')
	want = append(want, 1, 'v', 14)
	want = append(want, "Array(Float64)"...)
	want = append(want, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0)
	if !bytes.Equal(got, want) {
		t.Errorf("block bytes\n got %v\nwant %v", got, want)
	}
	bad := Block{Table: "t", Columns: []string{"m"}, Data: []any{StringArrays{Flat: []string{"a"}, Ends: []uint64{2}}}}
	if _, err := bad.Len(); err == nil {
		t.Error("Len took arrays that end past their elements")
	}
}

// Whatever Native does not carry as the TabSeparated path would goes that path instead.
func TestAppendBlockNativeFallsBack(t *testing.T) {
	for _, c := range []struct {
		name  string
		typ   string
		data  any
		ok    bool
		error bool
	}{
		{"string", "String", []string{"x"}, true, false},
		{"decimal", "Decimal(18, 2)", []float64{19.995}, false, false},
		{"nullable", "Nullable(String)", []string{"x"}, false, false},
		{"low cardinality", "LowCardinality(String)", []string{"x"}, false, false},
		{"fixed string", "FixedString(2)", []string{"xy"}, false, false},
		{"float into int", "UInt32", []float64{1}, false, false},
		{"datetime in another zone", "DateTime('Europe/Paris')", []time.Time{time.Unix(0, 0)}, false, false},
		{"plain datetime", "DateTime", []time.Time{time.Unix(1, 0)}, true, false},
		{"date before 1970", "Date", []time.Time{time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)}, false, false},
		{"date after 2149-06-06", "Date", []time.Time{time.Date(2149, 6, 7, 0, 0, 0, 0, time.UTC)}, false, false},
		{"last date", "Date", []time.Time{time.Date(2149, 6, 6, 0, 0, 0, 0, time.UTC)}, true, false},
		{"time before 1970", "DateTime('UTC')", []time.Time{time.Unix(-1, 0)}, false, false},
		{"time after 2106", "DateTime('UTC')", []time.Time{time.Unix(math.MaxUint32+1, 0)}, false, false},
		{"not a number", "Float64", []float64{math.NaN()}, false, true},
		{"infinite", "Float64", []float64{math.Inf(-1)}, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			blk := Block{Table: "t", Columns: []string{"c"}, Data: []any{c.data}}
			got, ok, err := appendBlockNative([]byte("head"), blk, 1, map[string]string{"c": c.typ})
			if ok != c.ok || (err != nil) != c.error {
				t.Fatalf("ok %v, err %v; want ok %v, an error %v", ok, err, c.ok, c.error)
			}
			if !ok && string(got) != "head" {
				t.Errorf("a refused block left %q in the buffer", got)
			}
		})
	}
}

// Every store the ingest writes takes the Native path on the embedded engine except
// donations_store (its amount is a Decimal), so a migration that adds a column of another
// type shows up here rather than as a slower ingest.
func TestStoresTakeNative(t *testing.T) {
	ctx := context.Background()
	e, err := Open(ctx, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := Migrate(ctx, e); err != nil {
		t.Fatal(err)
	}
	res, err := e.Query(ctx, "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '%\\_store' ORDER BY name", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) < 5 {
		t.Fatalf("found %d store tables: %v", len(res.Rows), res.Rows)
	}
	for _, r := range res.Rows {
		table := r[0].(string)
		types, err := e.(*embedded).columnTypes(ctx, table)
		if err != nil {
			t.Fatal(err)
		}
		blk := Block{Table: table}
		for name, typ := range types {
			blk.Columns = append(blk.Columns, name)
			switch {
			case typ == "String":
				blk.Data = append(blk.Data, []string{"x"})
			case typ == "UInt8":
				blk.Data = append(blk.Data, []uint8{1})
			case typ == "UInt32":
				blk.Data = append(blk.Data, []uint32{1})
			case typ == "UInt64":
				blk.Data = append(blk.Data, []uint64{1})
			case typ == "Array(String)":
				blk.Data = append(blk.Data, StringArrays{Flat: []string{"a", "b"}, Ends: []uint64{2}})
			case typ == "Array(Float64)":
				blk.Data = append(blk.Data, FloatArrays{Flat: []float64{1, 2}, Ends: []uint64{2}})
			case strings.HasPrefix(typ, "Date"):
				blk.Data = append(blk.Data, []time.Time{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
			default:
				blk.Data = append(blk.Data, []float64{1})
			}
		}
		_, ok, err := appendBlockNative(nil, blk, 1, types)
		if want := table != "donations_store"; ok != want || err != nil {
			t.Errorf("%s (%v): Native %v, err %v; want Native %v", table, types, ok, err, want)
		}
	}
}

// BenchmarkBlockEncoding compares the two ways the embedded engine receives a block of
// post_metrics_store (the table that takes ten of every eleven rows of a post export), an
// op being one block of 32,768 rows, the size an 8 MiB batch reaches: TabSeparated text
// (before docs/performance.md's step 13) and Native.
//
//	go test -run '^$' -bench BlockEncoding -benchmem ./warehouse/
func BenchmarkBlockEncoding(b *testing.B) {
	const n = 32768
	cols := []string{"org", "platform", "account", "post_id", "metric", "value", "source_file", "source_row", "version", "ingested_at"}
	types := map[string]string{"org": "String", "platform": "String", "account": "String", "post_id": "String", "metric": "String",
		"value": "Float64", "source_file": "String", "source_row": "UInt32", "version": "UInt64", "ingested_at": "DateTime('UTC')"}
	same := func(s string) []string {
		x := make([]string, n)
		for i := range x {
			x[i] = s
		}
		return x
	}
	metrics := []string{"reach", "impressions", "reactions", "comments", "shares", "link_clicks", "video_views", "seconds_viewed", "engagements", "saves"}
	postID, metric, value, row, version, at := make([]string, n), make([]string, n), make([]float64, n), make([]uint32, n), make([]uint64, n), make([]time.Time, n)
	loaded := time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC)
	for i := range n {
		postID[i] = "123456789012345_" + strings.Repeat("7", 15) + string(rune('0'+i%10))
		metric[i] = metrics[i%len(metrics)]
		value[i] = float64(i%5000) * 1.25
		row[i] = uint32(i/10 + 2)
		version[i] = 1764921600000000000
		at[i] = loaded
	}
	blk := Block{Table: "post_metrics_store", Columns: cols, Data: []any{same("org01"), same("facebook"), same("Riverside Food Bank"),
		postID, metric, value, same(strings.Repeat("ab", 32)), row, version, at}}
	b.Run("tsv", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			if err := appendBlockTSV(&buf, blk, n, types); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(buf.Len()))
	})
	b.Run("native", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			var ok bool
			var err error
			if buf, ok, err = appendBlockNative(buf[:0], blk, n, types); err != nil || !ok {
				b.Fatal(ok, err)
			}
		}
		b.SetBytes(int64(len(buf)))
	})
}
