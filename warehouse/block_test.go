package warehouse_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// The ingest writes through InsertBlock, the rest of Goalpost through Insert: the same values
// must be stored the same way by both, on both engines (decimals rounded to the column's
// scale, escapes in text, times in other zones, dates).
func TestInsertBlockStoresWhatInsertStores(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"d1", "d2", "d3"}
	at := []time.Time{time.Date(2025, 3, 9, 23, 59, 59, 0, time.UTC), time.Date(2025, 3, 10, 0, 30, 0, 0, paris), time.Date(1999, 12, 31, 12, 0, 0, 0, time.UTC)}
	amount := []float64{19.995, 0.1, 1234567.004}
	recurring := []uint8{0, 1, 0}
	campaign := []string{"tab\there", "line\nbreak \\ back", "'); DROP TABLE posts; --"}
	date := []time.Time{time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
	cols := []string{"org", "platform", "donation_id", "at", "amount", "currency", "recurring", "campaign", "source_file", "source_row", "version"}
	metricCols := []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"}

	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		var rows, metricRows [][]any
		for i := range ids {
			rows = append(rows, []any{"rows", "stripe", ids[i], at[i], amount[i], "EUR", recurring[i], campaign[i], "sha", uint32(i + 1), uint64(7)})
			metricRows = append(metricRows, []any{"rows", "ga4", campaign[i], date[i], "sessions", "", amount[i], "sha", uint32(i + 1), uint64(7), at[i]})
		}
		if err := e.Insert(ctx, "donations_store", cols, rows); err != nil {
			t.Fatal(err)
		}
		if err := e.Insert(ctx, "metrics_daily_store", metricCols, metricRows); err != nil {
			t.Fatal(err)
		}
		org := []string{"block", "block", "block"}
		file, version := []string{"sha", "sha", "sha"}, []uint64{7, 7, 7}
		eur, stripe, ga4, sessions, none := []string{"EUR", "EUR", "EUR"}, []string{"stripe", "stripe", "stripe"}, []string{"ga4", "ga4", "ga4"}, []string{"sessions", "sessions", "sessions"}, []string{"", "", ""}
		if err := e.InsertBlock(ctx, warehouse.Block{Table: "donations_store", Columns: cols,
			Data: []any{org, stripe, ids, at, amount, eur, recurring, campaign, file, []uint32{1, 2, 3}, version}}); err != nil {
			t.Fatal(err)
		}
		if err := e.InsertBlock(ctx, warehouse.Block{Table: "metrics_daily_store", Columns: metricCols,
			Data: []any{org, ga4, campaign, date, sessions, none, amount, file, []uint32{1, 2, 3}, version, at}}); err != nil {
			t.Fatal(err)
		}
		// post_metrics_store has ten columns (a Native block then starts with the byte 0x0A),
		// and these values put empty lines, NULs and invalid UTF-8 in the bytes sent: 2570
		// is 0x0A0A, which ended an inline Native block early (see InsertBlock).
		pmCols := []string{"org", "platform", "account", "post_id", "metric", "value", "source_file", "source_row", "version", "ingested_at"}
		texts := []string{"a\n\nb", "nul\x00byte", "bad \xff\xfe utf-8"}
		values := []float64{2570, -0.0, 1e300}
		srcRows := []uint32{2570, 0x0A0A0A0A, 10}
		versions := []uint64{0x0A0A, 1 << 63, 0}
		var pmRows [][]any
		for i := range texts {
			pmRows = append(pmRows, []any{"rows", "facebook", texts[i], ids[i], texts[i], values[i], "sha", srcRows[i], versions[i], at[i]})
		}
		if err := e.Insert(ctx, "post_metrics_store", pmCols, pmRows); err != nil {
			t.Fatal(err)
		}
		if err := e.InsertBlock(ctx, warehouse.Block{Table: "post_metrics_store", Columns: pmCols,
			Data: []any{org, []string{"facebook", "facebook", "facebook"}, texts, ids, texts, values, file, srcRows, versions, at}}); err != nil {
			t.Fatal(err)
		}
		// post_metric_sets_store's arrays, with the characters TabSeparated escapes inside them.
		setCols := []string{"org", "platform", "account", "post_id", "metric", "value", "source_file", "source_row", "version", "ingested_at"}
		setNames := [][]string{{"reach", "it's", "a\tb\\c"}, {}, {"line\nbreak"}}
		setValues := [][]float64{{1.5, 2570, -0.25}, {}, {1e300}}
		var setRows [][]any
		var flatNames []string
		var flatValues []float64
		var ends []uint64
		for i := range setNames {
			setRows = append(setRows, []any{"rows", "facebook", "page", ids[i], setNames[i], setValues[i], "sha", uint32(i + 1), uint64(7), at[i]})
			flatNames, flatValues = append(flatNames, setNames[i]...), append(flatValues, setValues[i]...)
			ends = append(ends, uint64(len(flatNames)))
		}
		if err := e.Insert(ctx, "post_metric_sets_store", setCols, setRows); err != nil {
			t.Fatal(err)
		}
		if err := e.InsertBlock(ctx, warehouse.Block{Table: "post_metric_sets_store", Columns: setCols,
			Data: []any{org, []string{"facebook", "facebook", "facebook"}, []string{"page", "page", "page"}, ids,
				warehouse.StringArrays{Flat: flatNames, Ends: ends}, warehouse.FloatArrays{Flat: flatValues, Ends: ends},
				file, []uint32{1, 2, 3}, version, at}}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"SELECT post_id, arrayStringConcat(arrayMap(x -> hex(x), metric), ','), arrayStringConcat(arrayMap(x -> toString(x), value), ','), length(metric) FROM post_metric_sets_store WHERE org = {org:String} ORDER BY post_id",
			"SELECT platform, donation_id, toString(at), toString(amount), currency, recurring, campaign, source_row, version FROM donations_store WHERE org = {org:String} ORDER BY donation_id",
			"SELECT account, toString(date), value, toString(ingested_at) FROM metrics_daily_store WHERE org = {org:String} ORDER BY source_row",
			"SELECT hex(account), post_id, hex(metric), value, source_row, version, toString(ingested_at) FROM post_metrics_store WHERE org = {org:String} ORDER BY post_id",
		} {
			viaRows, err := e.Query(ctx, q, warehouse.Params{"org": "rows"})
			if err != nil {
				t.Fatal(err)
			}
			viaBlock, err := e.Query(ctx, q, warehouse.Params{"org": "block"})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := fmt.Sprint(viaBlock.Rows), fmt.Sprint(viaRows.Rows); got != want || len(viaRows.Rows) != len(ids) {
				t.Errorf("%s\nInsertBlock stored %s\n     Insert stored %s", q, got, want)
			}
		}
		// A block whose columns disagree in length is refused before anything is sent.
		err := e.InsertBlock(ctx, warehouse.Block{Table: "donations_store", Columns: cols[:2], Data: []any{org, stripe[:2]}})
		if err == nil {
			t.Error("InsertBlock took columns of 3 and 2 values")
		}
	})
}
