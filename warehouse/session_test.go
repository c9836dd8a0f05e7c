package warehouse_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func TestFailedStatementDoesNotLeakIntoTheNextResult(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		// throwIf fails after the engine has written the header and some blocks.
		_, err := e.Query(ctx, "SELECT throwIf(number = 3) AS boom FROM system.numbers LIMIT 10 SETTINGS max_block_size = 1", nil)
		if err == nil {
			t.Fatal("throwIf did not fail")
		}
		res, err := e.Query(ctx, "SELECT 'after' AS w", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Columns) != 1 || res.Columns[0].Name != "w" || len(res.Rows) != 1 || res.Rows[0][0] != "after" {
			t.Errorf("the next result is %+v, want one column w and one row 'after'", res)
		}
	})
}

func TestEngineErrorsCarryCodeAndPosition(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		// On 18.16 the parameter is inlined as a literal; the position must still point
		// into the statement as written.
		q := "SELECT {s:String} AS s, length({s:String}) AS n FRM x"
		_, err := e.Query(ctx, q, warehouse.Params{"s": "a longer value than the placeholder"})
		var qe *warehouse.QueryError
		if !errors.As(err, &qe) {
			t.Fatalf("error %v is not a QueryError", err)
		}
		if !errors.Is(err, warehouse.ErrSyntax) {
			t.Errorf("code %d, want 62 (syntax error): %v", qe.Code, err)
		}
		if qe.Pos == 0 || !strings.HasPrefix(q[qe.Pos-1:], "FRM") && !strings.HasPrefix(q[qe.Pos-1:], "x") {
			t.Errorf("position %d points at %q, want FRM or x: %v", qe.Pos, q[min(qe.Pos, len(q)):], err)
		}
	})
}

func TestRestrictedSessionIsReadOnlyAndLimited(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		if err := e.Exec(ctx, "CREATE TABLE scratch (n UInt32) ENGINE = MergeTree ORDER BY n", nil); err != nil {
			t.Fatal(err)
		}
		r, err := warehouse.Restrict(ctx, e, warehouse.Session{Limits: warehouse.Limits{MaxTime: time.Second, MaxRows: 5, MaxMemory: 100 << 20}})
		if err != nil {
			t.Fatal(err)
		}
		refused := []struct {
			name, query string
			want        error
		}{
			{"insert", "INSERT INTO scratch SELECT 1", warehouse.ErrReadOnly},
			{"drop", "DROP TABLE scratch", warehouse.ErrReadOnly},
			{"set readonly back", "SET readonly = 0", warehouse.ErrReadOnly},
			{"settings clause", "SELECT 1 SETTINGS readonly = 0", warehouse.ErrReadOnly},
			{"host file", "SELECT * FROM file('/etc/passwd', 'TSV', 'line String')", warehouse.ErrReadOnly},
			{"network", "SELECT * FROM url('http://127.0.0.1:9/x', 'TSV', 'line String')", warehouse.ErrReadOnly},
			{"rows", "SELECT number FROM system.numbers LIMIT 10", warehouse.ErrTooManyRows},
			{"memory", "SELECT length(groupArray(number)) FROM (SELECT number FROM system.numbers LIMIT 100000000)", warehouse.ErrMemoryLimit},
			{"time", "SELECT count() FROM system.numbers", warehouse.ErrTimeout},
		}
		for _, tt := range refused {
			start := time.Now()
			_, err := r.Query(ctx, tt.query, nil)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: %s gave %v, want %v", tt.name, tt.query, err, tt.want)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("%s took %v", tt.name, d)
			}
		}
		res, err := r.Query(ctx, "SELECT count() AS n FROM scratch", nil)
		if err != nil || res.Rows[0][0] != uint64(0) {
			t.Fatalf("read in the session: %v %v", res, err)
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		// The engine writes again after the session.
		if err := e.Exec(ctx, "INSERT INTO scratch SELECT 1", nil); err != nil {
			t.Errorf("write after the session: %v", err)
		}
		if _, err := e.Query(ctx, "SELECT number FROM system.numbers LIMIT 10", nil); err != nil {
			t.Errorf("limits outlived the session: %v", err)
		}
	})
}

func TestResultsRoundTripThroughTSV(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		res, err := e.Query(ctx, `SELECT 'tab\there' AS s, toInt64(-3) AS i, toUInt64(18446744073709551615) AS u,
			1.5 AS f, toDate('2025-10-31') AS d, toDateTime('2025-10-31 23:59:58', 'UTC') AS t,
			CAST(NULL AS Nullable(String)) AS n, '\\N' AS literal_n, '' AS empty`, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := warehouse.WriteTSV(&b, res); err != nil {
			t.Fatal(err)
		}
		got, err := warehouse.ReadTSV(b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res, got) {
			t.Errorf("round trip through\n%s\ngot  %#v\nwant %#v", b.String(), got, res)
		}
	})
}

// TestReadOnlyServerUser connects as a user whose profile is read-only, as the README tells
// administrators to set analysts up. 18.16 then ignores per-query settings over the native
// protocol, so the time and row limits must hold without them.
func TestReadOnlyServerUser(t *testing.T) {
	ctx := context.Background()
	target := warehousetest.NewTarget(t, "server")
	admin, err := warehouse.Open(ctx, target.Location, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	e, err := warehouse.Open(ctx, warehousetest.AsUser(target.Location, "analyst"), warehouse.Options{})
	if err != nil {
		t.Fatalf("a read-only user opens a migrated warehouse: %v", err)
	}
	defer e.Close()
	r, err := warehouse.Restrict(ctx, e, warehouse.Session{Limits: warehouse.Limits{MaxTime: time.Second, MaxRows: 5}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Query(ctx, "SELECT count() FROM posts", nil); err != nil {
		t.Errorf("read: %v", err)
	}
	if _, err := r.Query(ctx, "DROP TABLE posts", nil); !errors.Is(err, warehouse.ErrReadOnly) {
		t.Errorf("drop: %v, want read-only", err)
	}
	if _, err := r.Query(ctx, "SELECT number FROM system.numbers LIMIT 10", nil); !errors.Is(err, warehouse.ErrTooManyRows) {
		t.Errorf("rows: %v, want the row limit", err)
	}
	start := time.Now()
	_, err = r.Query(ctx, "SELECT count() FROM system.numbers", nil)
	if !errors.Is(err, warehouse.ErrTimeout) {
		t.Errorf("time: %v, want the time limit", err)
	}
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("the time limit took %v", d)
	}
	// The query was killed on the server, not only abandoned.
	deadline := time.Now().Add(10 * time.Second)
	for {
		res, err := admin.Query(ctx, "SELECT count() FROM system.processes WHERE query LIKE 'SELECT count() FROM system.numbers%'", nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows[0][0] == uint64(0) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the timed-out query still runs on the server")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestREADMEAnalystProfile checks that the profile the README gives for 18.16 loads and takes
// effect: the values a session reads back are the profile's.
func TestREADMEAnalystProfile(t *testing.T) {
	ctx := context.Background()
	target := warehousetest.NewTarget(t, "server")
	admin, err := warehouse.Open(ctx, target.Location, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	admin.Close()
	e, err := warehouse.Open(ctx, warehousetest.AsUser(target.Location, "analyst_readme"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	res, err := e.Query(ctx, "SELECT name, value FROM system.settings WHERE name IN ('readonly', 'max_execution_time', 'max_result_rows', 'result_overflow_mode', 'max_memory_usage', 'max_concurrent_queries_for_user') ORDER BY name", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]any{}
	for _, r := range res.Rows {
		got[r[0].(string)] = r[1]
	}
	want := map[string]any{"readonly": "1", "max_execution_time": "60", "max_result_rows": "100000", "result_overflow_mode": "throw", "max_memory_usage": "2000000000", "max_concurrent_queries_for_user": "4"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("effective settings %v, want %v", got, want)
	}
}
