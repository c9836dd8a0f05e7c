package warehouse

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
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

// NewStage starts a stage in new folders: one in memory (a tmpfs) while the machine has room
// for it (see stageMemory), one in the warehouse's staging directory for the rest. A run
// killed before Insert leaves nothing: the next open empties both. It returns nil when a
// folder's path holds characters that file() reads as a pattern, since the blocks of a table
// are read together through one.
func (e *embedded) NewStage(constant ...string) (Stage, error) {
	s := &embeddedStage{e: e, constant: constant, tables: map[string]*stagedTable{}}
	if root, budget := e.stageMemory(); root != "" && budget > 0 {
		if dir, err := os.MkdirTemp(root, memoryStagePrefix(e.abs)); err == nil {
			s.places = append(s.places, stagePlace{dir: dir, left: budget})
		}
	}
	root := filepath.Join(e.abs, stagingDir)
	if strings.ContainsAny(root, "*?{}[]\\") {
		s.Discard()
		return nil, nil
	}
	if err := os.MkdirAll(root, 0o750); err != nil {
		s.Discard()
		return nil, fmt.Errorf("staging: %w", err)
	}
	dir, err := os.MkdirTemp(root, "stage-")
	if err != nil {
		s.Discard()
		return nil, fmt.Errorf("staging: %w", err)
	}
	s.places = append(s.places, stagePlace{dir: dir, left: -1})
	return s, nil
}

type embeddedStage struct {
	e        *embedded
	places   []stagePlace // where blocks go, in order of preference
	constant []string     // columns left out of the staged files

	encodeMu sync.Mutex // one block encoded (into buf) and written at a time
	buf      []byte

	mu     sync.Mutex
	order  []string
	tables map[string]*stagedTable
}

// A stagePlace is a folder blocks are staged in, with the bytes it may still take (-1 for
// no limit: the warehouse's disk).
type stagePlace struct {
	dir  string
	left int64
}

// stagedTable is what a stage holds for one table: its columns (those of its blocks), those
// written to its files (the others are constant), how many files of each format it has
// (Native, or TabSeparated for the columns Native is not written for), and how many of
// them each place holds.
type stagedTable struct {
	columns, written []string
	native, text     int
	files            map[stagedFiles]int
}

type stagedFiles struct {
	place  int
	native bool
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
		t = &stagedTable{columns: slices.Clone(blk.Columns), written: s.written(blk).Columns, files: map[stagedFiles]int{}}
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
	place, err := s.write(name, data)
	if err != nil {
		return fmt.Errorf("staging %s: %w", blk.Table, err)
	}
	s.mu.Lock()
	t.files[stagedFiles{place, native}]++
	s.mu.Unlock()
	return nil
}

// write puts data in the first place with room for it. Memory is preferred: staged on the
// warehouse's disk, a million posts took 0.4-0.8 s longer to insert, the page cache's copies and
// the file system's bookkeeping (docs/performance.md, step 23). When memory turns out to be
// full, the block and those after it go to disk.
func (s *embeddedStage) write(name string, data []byte) (int, error) {
	n := int64(len(data))
	for i := range s.places {
		p := &s.places[i]
		if p.left >= 0 && p.left < n {
			continue
		}
		path := filepath.Join(p.dir, name)
		if err := os.WriteFile(path, data, 0o640); err != nil {
			if p.left < 0 {
				return 0, err
			}
			os.Remove(path)
			p.left = 0
			continue
		}
		if p.left >= 0 {
			p.left -= n
		}
		return i, nil
	}
	return 0, errors.New("no place to stage a block") // the last place has no limit
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
	var structure []string
	for _, c := range t.written {
		structure = append(structure, c+" "+types[c])
	}
	for i, p := range s.places {
		if t.files[stagedFiles{i, true}] > 0 {
			q := head + " FROM file(" + quoteString(filepath.Join(p.dir, table+"-*.native")) + ", 'Native')" + settings
			if err := s.e.Exec(ctx, q, params); err != nil {
				return err
			}
		}
		if t.files[stagedFiles{i, false}] > 0 {
			q := head + " FROM file(" + quoteString(filepath.Join(p.dir, table+"-*.tsv")) + ", 'TabSeparated', " + quoteString(strings.Join(structure, ", ")) + ")" + settings
			if err := s.e.Exec(ctx, q, params); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *embeddedStage) Discard() {
	for _, p := range s.places {
		os.RemoveAll(p.dir)
	}
}

// memoryStagePrefix names the memory folders of the warehouse at abs, so that its next open
// finds those a killed run left (removeMemoryStages).
func memoryStagePrefix(abs string) string {
	sum := sha256.Sum256([]byte(abs))
	return "goalpost-stage-" + hex.EncodeToString(sum[:6]) + "-"
}

// MemoryStageGlob is the pattern of the folders in which the stages of the embedded warehouse
// at dir keep blocks in memory ("" where stages keep none): what an operator looks for after
// a killed run, which the warehouse's next open removes.
func MemoryStageGlob(dir string) string {
	root, _ := machineStageMemory()
	abs, err := filepath.Abs(dir)
	if root == "" || err != nil {
		return ""
	}
	return filepath.Join(root, memoryStagePrefix(abs)+"*")
}
