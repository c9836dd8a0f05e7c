package warehouse

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// A Stage holds blocks aside, in files, and inserts them later, a table at a time, with some
// columns given their values only then. The ingest checks a file and learns the version its
// rows carry (which depends on the file's last date) in the same pass that builds its blocks:
// without a stage it has to read the file twice, once to check it and once to insert it
// (docs/performance.md, step 15). Nothing staged reaches a table before Insert, so a file
// rejected half-way leaves nothing behind but files that Discard (or the next open) removes.
type Stage interface {
	// Add sets a block aside. Blocks of one table must have the same columns.
	Add(ctx context.Context, b Block) error
	// Tables lists the tables that have blocks, in the order they first had one.
	Tables() []string
	// Insert writes every block staged for table in one INSERT ... SELECT, the columns named
	// in set taking the given value in every row instead of the staged one. set must give a
	// value to every column the stage leaves out (see Stager).
	Insert(ctx context.Context, table string, set map[string]any) error
	// Discard removes the staged blocks; the stage cannot be used after.
	Discard()
}

// A Stager is an engine that can stage blocks: the embedded engine, which reads staged
// files where they are. A server would need them sent twice, so it has no stage.
type Stager interface {
	// NewStage starts an empty stage, or returns nil when this engine cannot stage here.
	// The columns named in constant hold one value for the whole stage (the file's
	// organisation and SHA-256, its version and load time): they are left out of the staged
	// blocks, their staged values ignored, and Insert's set gives them.
	NewStage(constant ...string) (Stage, error)
}

// NewStage starts a stage in a new folder of the warehouse's staging directory, which
// openEmbedded empties: a run killed before Insert leaves nothing. It returns nil when the
// folder's path holds characters that file() reads as a pattern, since the blocks of a table
// are read together through one.
func (e *embedded) NewStage(constant ...string) (Stage, error) {
	root := filepath.Join(e.abs, stagingDir)
	if strings.ContainsAny(root, "*?{}[]\\") {
		return nil, nil
	}
	if err := os.MkdirAll(root, 0o750); err != nil {
		return nil, fmt.Errorf("staging: %w", err)
	}
	dir, err := os.MkdirTemp(root, "stage-")
	if err != nil {
		return nil, fmt.Errorf("staging: %w", err)
	}
	return &embeddedStage{e: e, dir: dir, constant: constant, tables: map[string]*stagedTable{}}, nil
}

type embeddedStage struct {
	e        *embedded
	dir      string
	constant []string // columns left out of the staged files

	encodeMu sync.Mutex // one block encoded (into buf) and written at a time
	buf      []byte

	mu     sync.Mutex
	order  []string
	tables map[string]*stagedTable
}

// stagedTable is what a stage holds for one table: its columns (those of its blocks), those
// written to its files (the others are constant), and how many files of each format (Native,
// or TabSeparated for the columns Native is not written for).
type stagedTable struct {
	columns, written []string
	native, text     int
}

func (s *embeddedStage) Add(ctx context.Context, blk Block) error {
	// One buffer serves every block: a new one per block cost the page faults of a few
	// megabytes each time, and the garbage collector's work to free it.
	s.encodeMu.Lock()
	defer s.encodeMu.Unlock()
	// A constant column is left out: a million posts staged the file's SHA-256 on two
	// million rows, 130 MB written and read back for nothing (docs/performance.md, step 22).
	data, native, err := s.e.encodeBlock(ctx, s.buf, s.written(blk))
	if err != nil || data == nil {
		return err
	}
	s.buf = data
	s.mu.Lock()
	t := s.tables[blk.Table]
	if t == nil {
		t = &stagedTable{columns: slices.Clone(blk.Columns), written: s.written(blk).Columns}
		s.tables[blk.Table] = t
		s.order = append(s.order, blk.Table)
	}
	if !slices.Equal(t.columns, blk.Columns) {
		s.mu.Unlock()
		return fmt.Errorf("staging %s: a block with other columns", blk.Table)
	}
	var name string
	if native {
		t.native++
		name = fmt.Sprintf("%s-%06d.native", blk.Table, t.native)
	} else {
		t.text++
		name = fmt.Sprintf("%s-%06d.tsv", blk.Table, t.text)
	}
	s.mu.Unlock()
	if err := os.WriteFile(filepath.Join(s.dir, name), data, 0o640); err != nil {
		return fmt.Errorf("staging %s: %w", blk.Table, err)
	}
	return nil
}

// written is blk without the stage's constant columns.
func (s *embeddedStage) written(blk Block) Block {
	if len(s.constant) == 0 {
		return blk
	}
	out := Block{Table: blk.Table}
	for i, c := range blk.Columns {
		if !slices.Contains(s.constant, c) {
			out.Columns = append(out.Columns, c)
			out.Data = append(out.Data, blk.Data[i])
		}
	}
	return out
}

func (s *embeddedStage) Tables() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.order)
}

// Insert reads the table's staged files through one pattern per format, in parallel.
func (s *embeddedStage) Insert(ctx context.Context, table string, set map[string]any) error {
	s.mu.Lock()
	t := s.tables[table]
	s.mu.Unlock()
	if t == nil {
		return fmt.Errorf("staging: nothing staged for %s", table)
	}
	types, err := s.e.columnTypes(ctx, table)
	if err != nil {
		return err
	}
	for c := range set {
		if !slices.Contains(t.columns, c) {
			return fmt.Errorf("staging %s: a column to set is not among the staged ones", table)
		}
	}
	// SELECT * REPLACE (...) keeps the written columns' order, which is the INSERT's; the
	// constant columns follow, as parameters.
	columns := slices.Clone(t.written)
	var replace, constants []string
	params := Params{}
	param := func(c string) string {
		name := fmt.Sprintf("gp_set%d", len(params))
		params[name] = set[c]
		return fmt.Sprintf("{%s:%s}", name, types[c])
	}
	for _, c := range t.written {
		if _, ok := set[c]; ok {
			replace = append(replace, param(c)+" AS "+c)
		}
	}
	for _, c := range t.columns {
		if slices.Contains(t.written, c) {
			continue
		}
		if _, ok := set[c]; !ok {
			return fmt.Errorf("staging %s: column %s was left out of the staged files and needs a value", table, c)
		}
		constants = append(constants, param(c))
		columns = append(columns, c)
	}
	head := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") SELECT *"
	if len(replace) > 0 {
		head += " REPLACE (" + strings.Join(replace, ", ") + ")"
	}
	for _, c := range constants {
		head += ", " + c
	}
	// The staged blocks (a batch each, some thousands of rows) are squashed into blocks of a
	// quarter of a million rows, each one part per partition it spans. Inserted as they were,
	// a million posts made 58 parts for the merges to rewrite and every later start to load;
	// squashed, 12, in as much time. Blocks of a million rows took twice the time and memory
	// (docs/performance.md, steps 15 and 19).
	const settings = " SETTINGS min_insert_block_size_rows = 262144, min_insert_block_size_bytes = 268435456, max_insert_threads = 2"
	if t.native > 0 {
		q := head + " FROM file(" + quoteString(filepath.Join(s.dir, table+"-*.native")) + ", 'Native')" + settings
		if err := s.e.Exec(ctx, q, params); err != nil {
			return err
		}
	}
	if t.text > 0 {
		structure := make([]string, len(t.written))
		for i, c := range t.written {
			structure[i] = c + " " + types[c]
		}
		q := head + " FROM file(" + quoteString(filepath.Join(s.dir, table+"-*.tsv")) + ", 'TabSeparated', " + quoteString(strings.Join(structure, ", ")) + ")" + settings
		if err := s.e.Exec(ctx, q, params); err != nil {
			return err
		}
	}
	return nil
}

func (s *embeddedStage) Discard() { os.RemoveAll(s.dir) }
