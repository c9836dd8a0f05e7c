package warehouse_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func partitionKeys(t *testing.T, e warehouse.Engine) map[string]string {
	t.Helper()
	r, err := e.Query(context.Background(), "SELECT name, partition_key FROM system.tables WHERE database = currentDatabase() AND name LIKE '%store%'", nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, row := range r.Rows {
		keys[row[0].(string)] = row[1].(string)
	}
	return keys
}

// The embedded engine keeps the dated store tables by year (its start-up loads every part);
// a server keeps sql/schema's monthly partitions.
func TestStoreTablesArePartitionedByYearOnTheEmbeddedEngine(t *testing.T) {
	want := map[string]map[string]string{
		"embedded": {"metrics_daily_store": "toYear(date)", "posts_store": "toYear(published_at)", "donations_store": "toYear(at)", "signups_store": "toYear(at)"},
		"server":   {"metrics_daily_store": "toYYYYMM(date)", "posts_store": "toYYYYMM(published_at)", "donations_store": "toYYYYMM(at)", "signups_store": "toYYYYMM(at)"},
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		engine := "server"
		if _, ok := e.(warehouse.Stager); ok {
			engine = "embedded"
		}
		keys := partitionKeys(t, e)
		for table, key := range want[engine] {
			if keys[table] != key {
				t.Errorf("%s: %s is partitioned by %q, want %q", engine, table, keys[table], key)
			}
		}
		if _, left := keys["posts_store_by_year"]; left {
			t.Error("the copy posts_store_by_year was left behind")
		}
	})
}

// A warehouse made with monthly partitions is rebuilt by year at its next open with every row
// kept once, including after a run stopped before the exchange (a partial copy is left) or
// after it (the old table is left under the copy's name).
func TestMonthlyWarehouseIsRebuiltByYearLosingNothing(t *testing.T) {
	ctx := context.Background()
	e := openEmbedded(t, filepath.Join(t.TempDir(), "warehouse"))
	exec := func(q string) {
		t.Helper()
		if err := e.Exec(ctx, q, nil); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	count := func(q string) uint64 {
		t.Helper()
		r, err := e.Query(ctx, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r.Rows[0][0].(uint64)
	}
	cols := []string{"org", "platform", "account", "post_id", "published_at", "type", "title", "source_file", "source_row", "version", "ingested_at"}
	var rows [][]any
	for i, at := range []time.Time{time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 30, 23, 0, 0, 0, time.UTC), time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)} {
		rows = append(rows, []any{"o", "facebook", "page", "p" + string(rune('a'+i)), at, "photo", "t", "sha", uint32(i + 1), uint64(1), at})
	}
	if err := e.Insert(ctx, "posts_store", cols, rows); err != nil {
		t.Fatal(err)
	}
	// What an older goalpost made: posts_store and metrics_daily_store by month.
	for _, m := range []struct{ table, key, order string }{
		{"posts_store", "toYYYYMM(published_at)", "org, platform, account, post_id"},
		{"metrics_daily_store", "toYYYYMM(date)", "org, platform, account, metric, dimension, date"},
	} {
		exec("CREATE TABLE " + m.table + "_monthly AS " + m.table + " ENGINE = MergeTree() PARTITION BY " + m.key + " ORDER BY (" + m.order + ")")
		exec("INSERT INTO " + m.table + "_monthly SELECT * FROM " + m.table)
		exec("EXCHANGE TABLES " + m.table + " AND " + m.table + "_monthly")
		exec("DROP TABLE " + m.table + "_monthly SYNC")
	}
	// A run stopped while copying posts_store: part of the copy is there.
	exec("CREATE TABLE posts_store_by_year AS posts_store ENGINE = MergeTree() PARTITION BY toYear(published_at) ORDER BY (org, platform, account, post_id)")
	exec("INSERT INTO posts_store_by_year SELECT * FROM posts_store LIMIT 2")
	// A run stopped after exchanging signups_store: its old table is left under the copy's name.
	exec("CREATE TABLE signups_store_by_year AS signups_store")
	if keys := partitionKeys(t, e); keys["posts_store"] != "toYYYYMM(published_at)" || keys["metrics_daily_store"] != "toYYYYMM(date)" {
		t.Fatalf("the test did not make monthly tables: %v", keys)
	}

	for i := 0; i < 2; i++ { // the next open, then another that finds nothing to do
		if err := warehouse.Migrate(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	keys := partitionKeys(t, e)
	for table, want := range map[string]string{"posts_store": "toYear(published_at)", "metrics_daily_store": "toYear(date)", "signups_store": "toYear(at)"} {
		if keys[table] != want {
			t.Errorf("%s is partitioned by %q, want %q", table, keys[table], want)
		}
	}
	for _, left := range []string{"posts_store_by_year", "signups_store_by_year", "metrics_daily_store_by_year"} {
		if _, ok := keys[left]; ok {
			t.Errorf("%s was left behind", left)
		}
	}
	if n := count("SELECT count() FROM posts_store"); n != 4 {
		t.Errorf("posts_store holds %d rows after the rebuild, want 4", n)
	}
	if n := count("SELECT uniqExact(post_id, published_at) FROM posts_store WHERE org = 'o'"); n != 4 {
		t.Errorf("posts_store holds %d distinct posts, want the 4 written", n)
	}
	if n := count("SELECT uniqExact(partition) FROM system.parts WHERE active AND database = currentDatabase() AND table = 'posts_store'"); n != 3 {
		t.Errorf("posts_store has %d partitions, want 3 (2023, 2024, 2025)", n)
	}
}

// A command that only reads opens the embedded engine with NoMerges: parts stay as they are
// (no merge is begun that the command would cancel at its close); a command that loads data
// merges them.
func TestNoMergesLeavesPartsAlone(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "warehouse")
	open := func(noMerges bool) warehouse.Engine {
		t.Helper()
		e, err := warehouse.Open(ctx, dir, warehouse.Options{Holder: "go test", NoMerges: noMerges})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	parts := func(e warehouse.Engine) uint64 {
		t.Helper()
		r, err := e.Query(ctx, "SELECT count() FROM system.parts WHERE active AND database = currentDatabase() AND table = 'posts_store'", nil)
		if err != nil {
			t.Fatal(err)
		}
		return r.Rows[0][0].(uint64)
	}
	e := open(true)
	cols := []string{"org", "platform", "account", "post_id", "published_at", "type", "title", "source_file", "source_row", "version", "ingested_at"}
	at := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 6; i++ { // six inserts into one partition: six parts
		if err := e.Insert(ctx, "posts_store", cols, [][]any{{"o", "x", "a", fmt.Sprint(i), at, "post", "t", "sha", uint32(i + 1), uint64(1), at}}); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(2 * time.Second) // an engine that merges would have merged six tiny parts by now
	if n := parts(e); n != 6 {
		t.Errorf("with NoMerges posts_store has %d active parts, want the 6 inserted", n)
	}
	e.Close()

	e = open(false)
	defer e.Close()
	deadline := time.Now().Add(30 * time.Second)
	for parts(e) == 6 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if n := parts(e); n >= 6 {
		t.Errorf("without NoMerges the six parts were not merged in 30 s (%d active)", n)
	}
}
