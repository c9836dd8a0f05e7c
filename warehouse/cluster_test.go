package warehouse_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// TestClusterShardsByOrg opens a warehouse on a two-shard cluster and checks the schema on
// every node, that rows of one organisation stay on one shard, that the views read the whole
// cluster, and that a file's rows can be removed (a mutation, which Distributed tables refuse).
func TestClusterShardsByOrg(t *testing.T) {
	ctx := context.Background()
	c := warehousetest.NewCluster(t, 2, 1)
	loc := c.Location(t)
	e, err := warehouse.Open(ctx, loc, warehouse.Options{})
	if err != nil {
		t.Fatalf("open %s: %v", loc, err)
	}
	defer e.Close()

	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var ledger, rows [][]any
	orgs := 8
	for i := range orgs {
		org := fmt.Sprintf("org%d", i)
		ledger = append(ledger, []any{org, "sha-" + org, "f.csv", "ga4", "loaded", uint64(3), uint64(0), now, now, "", uint64(1), now})
		for d := range 3 {
			rows = append(rows, []any{org, "web", "acc", now.AddDate(0, 0, d), "sessions", "", float64(10 * (i + 1)), "sha-" + org, uint32(d + 1), uint64(1), now})
		}
	}
	if err := e.Insert(ctx, "metrics_daily_store", []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"}, rows); err != nil {
		t.Fatal(err)
	}
	if err := e.Insert(ctx, "ingested_files_log", []string{"org", "sha256", "name", "connector", "status", "rows", "skipped", "date_min", "date_max", "error", "version", "at"}, ledger); err != nil {
		t.Fatal(err)
	}
	// The inserts were synchronous: every shard holds its rows already.
	res, err := e.Query(ctx, "SELECT count(), sum(value) FROM metrics_daily", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(res.Rows[0]...), fmt.Sprint(uint64(3*orgs), float64(3*10*orgs*(orgs+1)/2)); got != want {
		t.Errorf("count and sum over metrics_daily = %s, want %s", got, want)
	}

	// The read-only analyst reads the cluster too (without the insert setting it may not set).
	analyst, err := warehouse.Open(ctx, warehousetest.AsUser(loc, "analyst"), warehouse.Options{})
	if err != nil {
		t.Fatalf("open as analyst: %v", err)
	}
	res, err = analyst.Query(ctx, "SELECT count() FROM metrics_daily", nil)
	analyst.Close()
	if err != nil {
		t.Fatalf("analyst: %v", err)
	}
	if got := res.Rows[0][0].(uint64); got != uint64(3*orgs) {
		t.Errorf("the analyst counts %d rows, want %d", got, 3*orgs)
	}

	db := warehousetest.Database(loc)
	seen := map[string]int{}
	for _, n := range c.Nodes {
		ne, err := warehouse.Open(ctx, n.DSN(db), warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := ne.Query(ctx, "SELECT org, count() FROM metrics_daily_store_local GROUP BY org", nil)
		if err != nil {
			t.Fatalf("shard %d: %v", n.Shard, err)
		}
		if len(res.Rows) == 0 {
			t.Errorf("shard %d holds no rows: the orgs were not spread", n.Shard)
		}
		for _, r := range res.Rows {
			seen[r[0].(string)]++
		}
		ne.Close()
	}
	for org, shards := range seen {
		if shards != 1 {
			t.Errorf("%s is on %d shards, want 1", org, shards)
		}
	}

	if err := e.Exec(ctx, "ALTER TABLE metrics_daily_store DELETE WHERE org = {org:String} AND source_file = {sha256:String}", warehouse.Params{"org": "org1", "sha256": "sha-org1"}); err != nil {
		t.Fatalf("removing a file's rows: %v", err)
	}
	// Mutations run in the background on 18.16: wait for it to reach org1's shard.
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		res, err := e.Query(ctx, "SELECT countIf(org = 'org1'), count() FROM metrics_daily_store", nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows[0][0].(uint64) == 0 {
			if got, want := res.Rows[0][1].(uint64), uint64(3*(orgs-1)); got != want {
				t.Errorf("rows left after removing org1's file = %d, want %d", got, want)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("org1's rows are still there 20s after removing its file")
		}
	}
}

// TestClusterReplicaDownMidIngestLosesNothing runs a shard of two replicas (with ZooKeeper),
// kills one replica in the middle of a series of inserts, starts it again, and checks that
// every row is on both replicas and counted once through the views.
func TestClusterReplicaDownMidIngestLosesNothing(t *testing.T) {
	ctx := context.Background()
	c := warehousetest.NewCluster(t, 1, 2)
	loc := c.Location(t)
	e, err := warehouse.Open(ctx, loc, warehouse.Options{})
	if err != nil {
		t.Fatalf("open %s: %v", loc, err)
	}
	defer e.Close()

	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	cols := []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"}
	const batches, perBatch = 12, 50
	down := c.Nodes[1]
	for b := range batches {
		if b == batches/2 {
			down.Stop()
		}
		var rows [][]any
		for i := range perBatch {
			rows = append(rows, []any{fmt.Sprintf("org%d", b%3), "web", "acc", now.AddDate(0, 0, i), "sessions", fmt.Sprint(b), float64(i), "sha", uint32(i + 1), uint64(1), now})
		}
		if err := e.Insert(ctx, "metrics_daily_store", cols, rows); err != nil {
			t.Fatalf("batch %d (replica 2 down: %v): %v", b+1, b >= batches/2, err)
		}
	}
	if err := down.Start(); err != nil {
		t.Fatal(err)
	}
	want := uint64(batches * perBatch)
	db := warehousetest.Database(loc)
	for _, n := range c.Nodes {
		ne, err := warehouse.Open(ctx, n.DSN(db), warehouse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		engines, err := ne.Query(ctx, "SELECT name, engine FROM system.tables WHERE database = currentDatabase() AND name IN ('metrics_daily_store_local', 'ingested_files_log_local', 'metrics_daily_store') ORDER BY name", nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprint(engines.Rows), "[[ingested_files_log_local ReplicatedReplacingMergeTree] [metrics_daily_store Distributed] [metrics_daily_store_local ReplicatedMergeTree]]"; got != want {
			t.Errorf("replica %d: tables %s, want %s", n.Replica, got, want)
		}
		if err := ne.Exec(ctx, "SYSTEM SYNC REPLICA metrics_daily_store_local", nil); err != nil {
			t.Fatalf("replica %d: %v", n.Replica, err)
		}
		res, err := ne.Query(ctx, "SELECT count() FROM metrics_daily_store_local", nil)
		ne.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Rows[0][0].(uint64); got != want {
			t.Errorf("replica %d holds %d rows, want %d", n.Replica, got, want)
		}
	}
	res, err := e.Query(ctx, "SELECT count() FROM metrics_daily_store", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Rows[0][0].(uint64); got != want {
		t.Errorf("the Distributed table counts %d rows, want %d (each row once)", got, want)
	}
}
