package warehouse_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func TestMain(m *testing.M) {
	if os.Getenv("GOALPOST_HOLD_LOCK") != "" {
		holdLock(os.Getenv("GOALPOST_HOLD_LOCK"))
		return
	}
	warehousetest.Main(m)
}

func TestMigrationsAreRecordedAndSafeToRerun(t *testing.T) {
	migrations, err := sqlfiles.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		for i := 0; i < 2; i++ { // Open already migrated once; twice more must change nothing.
			if err := warehouse.Migrate(ctx, e); err != nil {
				t.Fatalf("re-running migrations: %v", err)
			}
		}
		res, err := e.Query(ctx, "SELECT count(), uniqExact(version) FROM schema_migrations", nil)
		if err != nil {
			t.Fatal(err)
		}
		want := uint64(len(migrations))
		if res.Rows[0][0] != want || res.Rows[0][1] != want {
			t.Errorf("schema_migrations holds %v rows, %v versions; want %d of each", res.Rows[0][0], res.Rows[0][1], want)
		}
		for _, table := range []string{"metrics_daily", "posts", "post_metrics", "donations", "signups", "ingested_files", "job_runs"} {
			if _, err := e.Query(ctx, "SELECT count() FROM "+table, nil); err != nil {
				t.Errorf("analyst table %s: %v", table, err)
			}
		}
	})
}

func TestParametersAreBoundNotSpliced(t *testing.T) {
	hostile := []string{
		`'); DROP TABLE posts; --`,
		`\'; SELECT 1; --`,
		"line\nbreak\ttab\x00nul",
		"{org:String}",
		"émoji 🎉 and « guillemets »",
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		for _, s := range hostile {
			res, err := e.Query(ctx, "SELECT {s:String} AS s, length({s:String}) AS n", warehouse.Params{"s": s})
			if err != nil {
				t.Fatalf("query with %q: %v", s, err)
			}
			if got := res.Rows[0][0]; got != s {
				t.Errorf("round trip of %q gave %q", s, got)
			}
			if got := res.Rows[0][1]; got != uint64(len(s)) {
				t.Errorf("length(%q) = %v, want %d", s, got, len(s))
			}
		}
		if _, err := e.Query(ctx, "SELECT count() FROM posts", nil); err != nil {
			t.Errorf("posts is gone after hostile parameters: %v", err)
		}
		res, err := e.Query(ctx, "SELECT {d:Date} AS d, {t:DateTime} AS t, {n:UInt32} + 1 AS n, {f:Float64} * 2 AS f, has({l:Array(String)}, 'b') AS h",
			warehouse.Params{"d": time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), "t": time.Date(2025, 3, 30, 1, 30, 5, 0, time.UTC), "n": 41, "f": 1.25, "l": []string{"a", "b"}})
		if err != nil {
			t.Fatal(err)
		}
		row := res.Rows[0]
		if d := row[0].(time.Time); !d.Equal(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("date = %v", d)
		}
		if ts := row[1].(time.Time); !ts.Equal(time.Date(2025, 3, 30, 1, 30, 5, 0, time.UTC)) {
			t.Errorf("datetime = %v", ts)
		}
		if fmt.Sprint(row[2]) != "42" || row[3] != 2.5 || fmt.Sprint(row[4]) != "1" {
			t.Errorf("numbers = %v %v %v", row[2], row[3], row[4])
		}
	})
}

func TestInsertThenReadTypedRows(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		at := time.Date(2025, 10, 3, 14, 5, 0, 0, time.UTC)
		rows := [][]any{
			{"org1", "facebook", "page", "p1", at, "photo", "Tab\there, quote ' and \\ and\nnewline", "https://example.org/p1", "sha", uint32(1), uint64(7), at},
			{"org1", "facebook", "page", "p2", at.Add(time.Hour), "video", "=1+1", "", "sha", uint32(2), uint64(7), at},
		}
		cols := []string{"org", "platform", "account", "post_id", "published_at", "type", "title", "permalink", "source_file", "source_row", "version", "ingested_at"}
		if err := e.Insert(ctx, "posts_store", cols, rows); err != nil {
			t.Fatal(err)
		}
		res, err := e.Query(ctx, "SELECT post_id, published_at, title, source_row FROM posts_store ORDER BY post_id", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 2 {
			t.Fatalf("got %d rows, want 2", len(res.Rows))
		}
		if got := res.Rows[0][2]; got != rows[0][6] {
			t.Errorf("title round trip: got %q want %q", got, rows[0][6])
		}
		if got := res.Rows[0][1].(time.Time); !got.Equal(at) {
			t.Errorf("published_at = %v, want %v", got, at)
		}
		if res.Columns[3].Type != "UInt32" {
			t.Errorf("column type = %s, want UInt32", res.Columns[3].Type)
		}
	})
}

func TestErrorsNameEngineAndStatement(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		_, err := e.Query(context.Background(), "SELECT nope FROM metrics_daily", nil)
		var qe *warehouse.QueryError
		if !errors.As(err, &qe) {
			t.Fatalf("error %v is not a QueryError", err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "SELECT nope FROM metrics_daily") || !strings.Contains(msg, "ClickHouse") {
			t.Errorf("error does not name the engine and statement: %s", msg)
		}
	})
}

func TestServerUnreachableSaysWhatToDo(t *testing.T) {
	port, err := warehousetest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	_, err = warehouse.Open(context.Background(), fmt.Sprintf("clickhouse://default@127.0.0.1:%d/x", port), warehouse.Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot reach ClickHouse server") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error = %v; want one line that says the server cannot be reached", err)
	}
}

func TestMissingEngineLibrarySaysHowToInstall(t *testing.T) {
	_, err := warehouse.Open(context.Background(), t.TempDir(), warehouse.Options{ChDBLibrary: "/nonexistent/libchdb.so"})
	if !errors.Is(err, warehouse.ErrEngineMissing) || !strings.Contains(err.Error(), warehouse.InstallHint) {
		t.Errorf("error = %v; want ErrEngineMissing naming %q", err, warehouse.InstallHint)
	}
}

// holdLock runs in a child process: it opens the warehouse, says so, and waits to be killed.
func holdLock(dir string) {
	e, err := warehouse.Open(context.Background(), dir, warehouse.Options{Holder: "lock-holder test"})
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(1)
	}
	defer e.Close()
	fmt.Println("HELD")
	time.Sleep(time.Minute)
}

func TestEmbeddedDirectoryHeldByAnotherProcess(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	dir := filepath.Join(t.TempDir(), "wh")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GOALPOST_HOLD_LOCK="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	buf := make([]byte, 64)
	n, _ := out.Read(buf)
	if !strings.HasPrefix(string(buf[:n]), "HELD") {
		t.Fatalf("holder did not start: %q", buf[:n])
	}
	_, err = warehouse.Open(context.Background(), dir, warehouse.Options{})
	if !errors.Is(err, warehouse.ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, fmt.Sprintf("pid %d", cmd.Process.Pid)) || !strings.Contains(msg, "lock-holder test") || strings.Contains(msg, "\n") {
		t.Errorf("message should name the holder on one line: %s", msg)
	}
	cmd.Process.Kill()
	cmd.Wait()
	e, err := warehouse.Open(context.Background(), dir, warehouse.Options{})
	if err != nil {
		t.Fatalf("open after the holder died: %v", err)
	}
	e.Close()
}

func TestDecimalAmountsAndFlagsInsert(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		at := time.Date(2025, 12, 2, 15, 0, 0, 0, time.UTC)
		cols := []string{"org", "platform", "donation_id", "at", "amount", "currency", "recurring", "campaign", "utm_source", "utm_medium", "utm_campaign", "donor_hash", "source_file", "source_row", "version", "ingested_at"}
		rows := [][]any{
			{"o", "stripe", "d1", at, 25.5, "CAD", uint8(1), "GivingTuesday", "facebook", "social", "gt", "h1", "f", uint32(1), uint64(1), at},
			{"o", "stripe", "d2", at, 0.1 + 0.2, "CAD", uint8(0), "", "", "", "", "h2", "f", uint32(2), uint64(1), at},
		}
		if err := e.Insert(ctx, "donations_store", cols, rows); err != nil {
			t.Fatal(err)
		}
		res, err := e.Query(ctx, "SELECT toString(sum(amount)), sum(recurring) FROM donations_store", nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows[0][0] != "25.80" && res.Rows[0][0] != "25.8" {
			t.Errorf("sum(amount) = %v, want 25.80 (decimal, not binary float)", res.Rows[0][0])
		}
	})
}

// TestEmbeddedRemovesMergedParts: the parts a merge replaced leave the disk while the
// process runs (chdb.xml). With ClickHouse's default of 480 s no goalpost process lived long
// enough, and a warehouse kept every part it ever wrote and loaded them all at each start.
func TestEmbeddedRemovesMergedParts(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	ctx := context.Background()
	e, err := warehouse.Open(ctx, filepath.Join(t.TempDir(), "wh"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	cols := []string{"org", "sha256", "name", "connector", "status", "rows", "skipped", "date_min", "date_max", "error", "version", "at"}
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10 { // ten inserts: ten parts
		row := []any{"org", fmt.Sprintf("sha-%d", i), "f.csv", "ga4", "loaded", uint64(1), uint64(0), day, day, "", uint64(i + 1), day}
		if err := e.Insert(ctx, "ingested_files_log", cols, [][]any{row}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Exec(ctx, "OPTIMIZE TABLE ingested_files_log FINAL", nil); err != nil {
		t.Fatal(err)
	}
	res, err := e.Query(ctx, "SELECT data_paths[1] FROM system.tables WHERE database = currentDatabase() AND name = 'ingested_files_log'", nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := res.Rows[0][0].(string)
	parts := func() []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range entries {
			if d.IsDir() && d.Name() != "detached" && !strings.HasPrefix(d.Name(), "tmp") {
				names = append(names, d.Name())
			}
		}
		return names
	}
	if n := len(parts()); n < 2 {
		t.Fatalf("%d part directories right after the merge: the test expects the merged ones still there", n)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(parts()) > 1 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	if left := parts(); len(left) != 1 {
		t.Errorf("30 s after the merge, %d part directories are left, want the merged one only: %v", len(left), left)
	}
	res, err = e.Query(ctx, "SELECT count() FROM ingested_files", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Rows[0][0]; n != uint64(10) {
		t.Errorf("%v files in the ledger after the merge, want 10", n)
	}
}

// The files applied in one run are recorded in one INSERT, so a new warehouse's ledger is one
// part, not one per file; and when a file fails, those applied before it are still recorded
// and the next run starts from the failed one.
func TestMigrationsAppliedBeforeAFailureAreRecordedTogether(t *testing.T) {
	migrations, err := sqlfiles.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	failAt := migrations[len(migrations)/2]
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		// Each INSERT takes the table's next block number, merges or not.
		lastBlock := func() int64 {
			t.Helper()
			r, err := e.Query(ctx, "SELECT toInt64(max(max_block_number)) FROM system.parts WHERE database = currentDatabase() AND table = 'schema_migrations' AND active", nil)
			if err != nil {
				t.Fatal(err)
			}
			return r.Rows[0][0].(int64)
		}
		before := lastBlock()
		// Forget every migration: all run again (each file is safe to run twice).
		if err := e.Exec(ctx, "TRUNCATE TABLE schema_migrations", nil); err != nil {
			t.Fatal(err)
		}
		var ran []string
		err := warehouse.MigrateRewriting(ctx, e, func(name, stmt string) ([]string, error) {
			ran = append(ran, name)
			if name == failAt.Name {
				return []string{"SELECT throwIf(1, 'the test fails this migration')"}, nil
			}
			return []string{stmt}, nil
		})
		if err == nil || !strings.Contains(err.Error(), failAt.Name) {
			t.Fatalf("migrating with %s failing: err = %v, want it named", failAt.Name, err)
		}
		if len(ran) != len(migrations)/2+1 || ran[len(ran)-1] != failAt.Name {
			t.Errorf("ran %v, want the %d files up to %s", ran, len(migrations)/2+1, failAt.Name)
		}
		res, err := e.Query(ctx, "SELECT toInt64(count()), toInt64(uniqExact(version)), toInt64(max(version)) FROM schema_migrations", nil)
		if err != nil {
			t.Fatal(err)
		}
		applied, last := int64(len(migrations)/2), int64(migrations[len(migrations)/2-1].Version)
		if got := res.Rows[0]; got[0] != applied || got[1] != applied || got[2] != last {
			t.Errorf("after the failure schema_migrations holds %v rows, %v versions, the highest %v; want %d, %d, %d", got[0], got[1], got[2], applied, applied, last)
		}
		if inserts := lastBlock() - before; inserts != 1 {
			t.Errorf("the applied files were recorded in %d INSERTs, want 1", inserts)
		}

		// The next run applies the rest, from the failed file on.
		ran = nil
		if err := warehouse.MigrateRewriting(ctx, e, func(name, stmt string) ([]string, error) {
			ran = append(ran, name)
			return []string{stmt}, nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(ran) == 0 || ran[0] != failAt.Name || len(ran) != len(migrations)-len(migrations)/2 {
			t.Errorf("the second run applied %v, want %s and the %d after it", ran, failAt.Name, len(migrations)-len(migrations)/2-1)
		}
		res, err = e.Query(ctx, "SELECT toInt64(count()), toInt64(uniqExact(version)) FROM schema_migrations", nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := int64(len(migrations)); res.Rows[0][0] != n || res.Rows[0][1] != n {
			t.Errorf("schema_migrations holds %v rows, %v versions; want %d of each", res.Rows[0][0], res.Rows[0][1], n)
		}
	})
}
