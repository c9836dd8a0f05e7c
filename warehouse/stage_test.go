package warehouse_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func openEmbedded(t *testing.T, dir string) warehouse.Engine {
	t.Helper()
	warehousetest.RequireEmbedded(t)
	e, err := warehouse.Open(context.Background(), dir, warehouse.Options{Holder: "go test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func newStage(t *testing.T, e warehouse.Engine, constant ...string) warehouse.Stage {
	t.Helper()
	st, ok := e.(warehouse.Stager)
	if !ok {
		t.Fatalf("%s has no stage", e.Describe())
	}
	s, err := st.NewStage(constant...)
	if err != nil || s == nil {
		t.Fatalf("NewStage: %v, %v", s, err)
	}
	return s
}

func queryText(t *testing.T, e warehouse.Engine, q string) string {
	t.Helper()
	r, err := e.Query(context.Background(), q, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, row := range r.Rows {
		for i, v := range row {
			if i > 0 {
				b.WriteByte('|')
			}
			if tm, ok := v.(time.Time); ok {
				v = tm.UTC().Format(time.DateTime)
			}
			b.WriteString(strings.TrimSpace(strings.ReplaceAll(fmt.Sprint(v), "\n", `\n`)))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// A staged block must be stored exactly as InsertBlock stores it, but for the columns given
// their value at Insert; nothing may reach the table before Insert, and nothing stay on disk
// after Discard. The blocks cover both forms a stage writes: Native (metrics, arrays) and
// TabSeparated (donations: Decimal has no Native writer here). Columns the stage was told are
// constant are left out of its files and take Insert's values, whatever the blocks held.
//
// Blocks go to memory while the stage's budget there lasts, then to the warehouse's disk; the
// placements are checked one by one, and a memory that refuses a block half-way (here a
// folder in the way of its file) sends it and the blocks after it to disk.
func TestStagedBlocksAreStoredAsInsertBlockStoresThem(t *testing.T) {
	constant := []string{"org", "source_file", "version", "ingested_at"}
	for _, c := range []struct {
		name     string
		constant []string
		place    placement
	}{
		{"every column staged, on disk", nil, onDisk},
		{"the ingest's constant columns, on disk", constant, onDisk},
		{"every column staged, in memory", nil, inMemory},
		{"the ingest's constant columns, in memory", constant, inMemory},
		{"the ingest's constant columns, memory then disk", constant, memoryThenDisk},
		{"the ingest's constant columns, memory refuses a block", constant, memoryRefuses},
	} {
		t.Run(c.name, func(t *testing.T) { testStagedBlocks(t, c.constant, c.place) })
	}
}

type placement int

const (
	onDisk         placement = iota // no memory budget
	inMemory                        // a budget for every block
	memoryThenDisk                  // a budget for some blocks
	memoryRefuses                   // a budget for every block, but the third cannot be written
)

func testStagedBlocks(t *testing.T, constant []string, place placement) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "warehouse")
	e := openEmbedded(t, dir)
	memory := t.TempDir()
	switch place {
	case onDisk:
		warehouse.StageMemoryIn(e, memory, 0)
	case inMemory, memoryRefuses:
		warehouse.StageMemoryIn(e, memory, 1<<30)
	case memoryThenDisk:
		warehouse.StageMemoryIn(e, memory, 700) // the first three blocks' files, not the fourth's
	}
	diskFiles := filepath.Join(dir, "goalpost-staging", "*", "*")
	memoryFiles := filepath.Join(memory, "goalpost-stage-*", "*")
	at := []time.Time{time.Date(2025, 3, 9, 23, 59, 59, 0, time.UTC), time.Date(1999, 12, 31, 12, 0, 0, 0, time.UTC)}
	date := []time.Time{time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)}
	texts := []string{"tab\there \\ back", "a\n\nb 'quote' {x:String}"}
	values := []float64{19.995, 2570}
	loadedAt := time.Date(2026, 12, 6, 1, 2, 3, 0, time.UTC)
	const version = uint64(1) << 40

	blocks := func(org, sha string, version uint64, loadedAt time.Time) []warehouse.Block {
		orgs, file, rows := []string{org, org}, []string{sha, sha}, []uint32{1, 2}
		versions, loaded := []uint64{version, version}, []time.Time{loadedAt, loadedAt}
		return []warehouse.Block{
			{Table: "metrics_daily_store", Columns: []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"},
				Data: []any{orgs, []string{"ga4", "ga4"}, texts, date, []string{"sessions", "users"}, []string{"", "Email"}, values, file, rows, versions, loaded}},
			{Table: "post_metric_sets_store", Columns: []string{"org", "platform", "account", "post_id", "metric", "value", "source_file", "source_row", "version", "ingested_at"},
				Data: []any{orgs, []string{"facebook", "facebook"}, texts, []string{"p1", "p2"},
					warehouse.StringArrays{Flat: []string{"reach", "shares", "reach"}, Ends: []uint64{2, 3}},
					warehouse.FloatArrays{Flat: []float64{10, 2.5, 7}, Ends: []uint64{2, 3}}, file, rows, versions, loaded}},
			{Table: "donations_store", Columns: []string{"org", "platform", "donation_id", "at", "amount", "currency", "recurring", "campaign", "source_file", "source_row", "version", "ingested_at"},
				Data: []any{orgs, []string{"stripe", "stripe"}, []string{"d1", "d2"}, at, values, []string{"EUR", "EUR"}, []uint8{0, 1}, texts, file, rows, versions, loaded}},
		}
	}
	for _, b := range blocks("direct", "sha", version, loadedAt) {
		if err := e.InsertBlock(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	s := newStage(t, e, constant...)
	// Placeholders as the ingest stages them: version 0, the epoch; and where the stage
	// leaves the organisation and the file out, values that must not reach the table.
	org, sha := "staged", "sha"
	set := map[string]any{"version": version, "ingested_at": loadedAt}
	if len(constant) > 0 {
		org, sha = "left out", "left out"
		set["org"], set["source_file"] = "staged", "sha"
	}
	if place == memoryRefuses {
		folders, _ := filepath.Glob(filepath.Join(memory, "goalpost-stage-*"))
		if len(folders) != 1 {
			t.Fatalf("memory folders %v, want one", folders)
		}
		if err := os.Mkdir(filepath.Join(folders[0], "post_metric_sets_store-000001.native"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range blocks(org, sha, 0, time.Unix(0, 0).UTC()) {
		// Two blocks per table, so the insert reads several files through its pattern.
		for i := 0; i < 2; i++ {
			if err := s.Add(ctx, b); err != nil {
				t.Fatalf("Add %s: %v", b.Table, err)
			}
		}
	}
	onDiskNow, _ := filepath.Glob(diskFiles)
	inMemoryNow, _ := filepath.Glob(memoryFiles)
	// Six blocks, two of each table, the metrics' first. 700 bytes hold the metrics' two files
	// (204 bytes each) and the first of the post metric sets (255 bytes): that table is read
	// from both places.
	want := map[placement]struct{ disk, memory int }{onDisk: {6, 0}, inMemory: {0, 6}, memoryThenDisk: {3, 3}, memoryRefuses: {4, 2}}[place]
	wantDisk, wantMemory := want.disk, want.memory
	if len(onDiskNow) != wantDisk || len(inMemoryNow) != wantMemory {
		t.Errorf("staged files: %d on disk, %d in memory; want %d and %d\n%v\n%v", len(onDiskNow), len(inMemoryNow), wantDisk, wantMemory, onDiskNow, inMemoryNow)
	}
	if got, want := strings.Join(s.Tables(), ","), "metrics_daily_store,post_metric_sets_store,donations_store"; got != want {
		t.Errorf("Tables() = %s, want %s", got, want)
	}
	for _, table := range s.Tables() {
		if got := queryText(t, e, "SELECT count() FROM "+table+" WHERE org = 'staged'"); got != "0\n" {
			t.Errorf("%s holds staged rows before Insert: %s", table, got)
		}
	}
	if len(constant) > 0 {
		files := append(onDiskNow, inMemoryNow...)
		if len(files) == 0 {
			t.Fatal("no staged files")
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(data, []byte("left out")) {
				t.Errorf("%s holds a constant column's value", filepath.Base(f))
			}
		}
		err := s.Insert(ctx, "metrics_daily_store", map[string]any{"version": version, "ingested_at": loadedAt})
		if err == nil || !strings.Contains(err.Error(), "column org was left out of the staged files and needs a value") {
			t.Errorf("Insert without a value for a left-out column: %v", err)
		}
	}
	for _, table := range s.Tables() {
		if err := s.Insert(ctx, table, set); err != nil {
			t.Fatalf("Insert %s: %v", table, err)
		}
	}
	for _, table := range s.Tables() {
		q := "SELECT * EXCEPT org FROM " + table + " WHERE org = '%s' ORDER BY source_row, version"
		direct := queryText(t, e, strings.Replace(q, "%s", "direct", 1))
		staged := queryText(t, e, strings.Replace(q, "%s", "staged", 1))
		// Each block was staged twice: every direct row appears twice, in order.
		var twice strings.Builder
		for _, line := range strings.SplitAfter(direct, "\n") {
			if line != "" {
				twice.WriteString(line + line)
			}
		}
		if staged != twice.String() {
			t.Errorf("%s: staged rows differ from InsertBlock's:\n got %s\nwant %s", table, staged, twice.String())
		}
		if !strings.Contains(direct, "2026-12-06 01:02:03") || !strings.Contains(direct, "1099511627776") {
			t.Errorf("%s: the set version and load time are not in the rows:\n%s", table, direct)
		}
	}

	s.Discard()
	left, _ := filepath.Glob(filepath.Join(dir, "goalpost-staging", "*"))
	inMemoryLeft, _ := filepath.Glob(filepath.Join(memory, "*"))
	if len(left)+len(inMemoryLeft) != 0 {
		t.Errorf("Discard left %v %v", left, inMemoryLeft)
	}
}

// Misuse is refused with a message, not stored half-way.
func TestStageRefusesMisuse(t *testing.T) {
	ctx := context.Background()
	e := openEmbedded(t, filepath.Join(t.TempDir(), "warehouse"))
	s := newStage(t, e)
	defer s.Discard()
	cols := []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"}
	day := []time.Time{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	blk := warehouse.Block{Table: "metrics_daily_store", Columns: cols, Data: []any{[]string{"o"}, []string{"ga4"}, []string{"a"}, day,
		[]string{"sessions"}, []string{""}, []float64{1}, []string{"sha"}, []uint32{1}, []uint64{0}, day}}
	if err := s.Add(ctx, blk); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		err  func() error
		want string
	}{
		{"other columns", func() error {
			b := blk
			b.Columns = append(append([]string{}, cols[:10]...), "ingested_at")
			b.Columns[0], b.Columns[1] = cols[1], cols[0]
			return s.Add(ctx, b)
		}, "other columns"},
		{"not a table name", func() error { b := blk; b.Table = "x; DROP TABLE posts"; return s.Add(ctx, b) }, "invalid table name"},
		{"nothing staged", func() error { return s.Insert(ctx, "posts_store", nil) }, "nothing staged for posts_store"},
		{"unknown column", func() error { return s.Insert(ctx, "metrics_daily_store", map[string]any{"no_such": 1}) }, "not among the staged ones"},
	} {
		err := c.err()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error saying %q", c.name, err, c.want)
		}
	}
	if got := queryText(t, e, "SELECT count() FROM metrics_daily_store"); got != "0\n" {
		t.Errorf("refused calls wrote rows: %s", got)
	}
}

// file() reads a path as a pattern, so a warehouse whose path holds pattern characters has
// no stage (the ingest then reads files twice) rather than one that could read other files.
func TestNoStageUnderPatternCharacters(t *testing.T) {
	e := openEmbedded(t, filepath.Join(t.TempDir(), "ware{house}*"))
	s, err := e.(warehouse.Stager).NewStage()
	if err != nil || s != nil {
		t.Errorf("NewStage in a path with pattern characters = %v, %v; want no stage, no error", s, err)
	}
}
