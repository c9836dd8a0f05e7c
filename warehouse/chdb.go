package warehouse

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"
)

// ChDBVersion is the pinned release of the embedded engine that scripts/install-chdb.sh installs.
const ChDBVersion = "26.7.3-stable.1"

// InstallHint is the one command that installs the embedded engine.
const InstallHint = "bash scripts/install-chdb.sh"

// engineConfig is the embedded engine's configuration (see chdb.xml for why it exists).
//
//go:embed chdb.xml
var engineConfig []byte

// noMergesConfig ends engineConfig's merge_tree section for Options.NoMerges: no part
// larger than a byte may be merged, so no merge is ever selected. Mutations (the removal of
// a half-loaded file) are not limited by these settings.
var noMergesConfig = []byte(`  <max_bytes_to_merge_at_max_space_in_pool>1</max_bytes_to_merge_at_max_space_in_pool>
    <max_bytes_to_merge_at_min_space_in_pool>1</max_bytes_to_merge_at_min_space_in_pool>
  </merge_tree>`)

// engineConfigName is where openEmbedded writes engineConfig in the warehouse directory.
const engineConfigName = "goalpost-engine.xml"

// ErrEngineMissing means the embedded engine library is not installed.
var ErrEngineMissing = errors.New("embedded engine not installed")

// chdbLib holds the functions of libchdb.so. The library is loaded once per process and never
// unloaded: it is a process-wide engine (one data path per process), so this is the one piece
// of package state, guarded by chdbOnce.
type chdbLib struct {
	connect       func(argc int32, argv **byte) unsafe.Pointer
	closeConn     func(conn unsafe.Pointer)
	queryParamsN  func(conn unsafe.Pointer, q *byte, ql uintptr, f *byte, fl uintptr, names **byte, nameLens *uintptr, values **byte, valueLens *uintptr, n uintptr) unsafe.Pointer
	resultBuffer  func(r unsafe.Pointer) unsafe.Pointer
	resultLength  func(r unsafe.Pointer) uintptr
	resultError   func(r unsafe.Pointer) string
	destroyResult func(r unsafe.Pointer)
}

var (
	chdbOnce    sync.Once
	chdbLoaded  *chdbLib
	chdbLoadErr error

	// The engine serves one data directory per process at a time.
	openMu   sync.Mutex
	openPath string
)

// ChDBLibraryPath returns where the embedded engine library is looked for.
func ChDBLibraryPath(override string) string {
	if override != "" {
		return override
	}
	if env := os.Getenv("GOALPOST_CHDB_LIB"); env != "" {
		return env
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = filepath.Join(os.Getenv("HOME"), ".cache")
	}
	return filepath.Join(cache, "goalpost", "chdb-"+ChDBVersion, "libchdb.so")
}

// allocatorConfig is the configuration chDB's own allocator (jemalloc, built with the JE_
// prefix) reads from its environment variable when the library loads: its memory in huge
// pages where the kernel allows them (transparent_hugepage "madvise" or "always"). An
// ingest touched about 250,000 new 4 KiB pages, each a page fault that this machine's
// virtualisation makes expensive; with huge pages, 28,000. The 1 M-post ingest took
// 4.7-4.9 s instead of 5.4-5.6 s, a report 0.8-1.0 s instead of 1.1 s (docs/performance.md,
// step 21).
const (
	allocatorConfigVar = "JE_MALLOC_CONF"
	allocatorConfig    = "thp:always"
)

// useHugePages sets allocatorConfig for the library about to load, unless the user has set
// their own. The variable is read once, by the library's first allocation (while it loads),
// so it is set in this process's environment; the sandbox children of goalpost sql inherit
// it. Where huge pages are off the setting does nothing.
func useHugePages() {
	if _, set := os.LookupEnv(allocatorConfigVar); !set {
		os.Setenv(allocatorConfigVar, allocatorConfig)
	}
}

func loadChDB(path string) (*chdbLib, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%w: %s not found; install it with `%s` (from the goalpost repository), or set GOALPOST_CHDB_LIB to the path of libchdb.so", ErrEngineMissing, path, InstallHint)
	}
	chdbOnce.Do(func() {
		useHugePages()
		h, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_GLOBAL)
		if err != nil {
			chdbLoadErr = fmt.Errorf("%w: loading %s: %v; reinstall it with `%s`", ErrEngineMissing, path, err, InstallHint)
			return
		}
		l := &chdbLib{}
		for name, fn := range map[string]any{
			"chdb_connect":              &l.connect,
			"chdb_close_conn":           &l.closeConn,
			"chdb_query_with_params_n":  &l.queryParamsN,
			"chdb_result_buffer":        &l.resultBuffer,
			"chdb_result_length":        &l.resultLength,
			"chdb_result_error":         &l.resultError,
			"chdb_destroy_query_result": &l.destroyResult,
		} {
			sym, err := purego.Dlsym(h, name)
			if err != nil {
				chdbLoadErr = fmt.Errorf("%w: %s lacks %s (want chDB %s): %v", ErrEngineMissing, path, name, ChDBVersion, err)
				return
			}
			purego.RegisterFunc(fn, sym)
		}
		chdbLoaded = l
	})
	return chdbLoaded, chdbLoadErr
}

// embedded is the chDB engine: ClickHouse as a library, data in a directory held under a lock.
type embedded struct {
	lib     *chdbLib
	pconn   unsafe.Pointer // chdb_connection*, owned by the engine
	conn    unsafe.Pointer // chdb_connection
	dir     string
	abs     string   // dir made absolute
	args    []string // the engine's command line, kept for reconnect
	lock    *dirLock
	version Version
	release string

	mu       sync.Mutex // one statement at a time on the connection
	colTypes map[string]map[string]string
	notice   func(string) // Options.Notice, or nil
	// stageMemory says where stages may keep blocks in memory, and how much (machineStageMemory;
	// tests set their own).
	stageMemory func() (root string, budget int64)
}

func openEmbedded(ctx context.Context, dir string, opts Options) (Engine, error) {
	lib, err := loadChDB(ChDBLibraryPath(opts.ChDBLibrary))
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("warehouse %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("warehouse %s: %w", dir, err)
	}
	openMu.Lock()
	if openPath != "" {
		held := openPath
		openMu.Unlock()
		return nil, fmt.Errorf("embedded engine: this process already has %s open; close it first", held)
	}
	openPath = abs
	openMu.Unlock()
	lock, err := acquireDirLock(abs, opts.Holder)
	if err != nil {
		clearOpenPath()
		return nil, err
	}
	// Blocks a crashed ingest staged were never loaded; its ledger says so.
	os.RemoveAll(filepath.Join(abs, stagingDir))
	removeMemoryStages(abs)
	// Written on every open, so a warehouse always runs with this build's configuration.
	config := filepath.Join(abs, engineConfigName)
	text := engineConfig
	if opts.NoMerges {
		text = bytes.Replace(engineConfig, []byte("</merge_tree>"), noMergesConfig, 1)
	}
	if err := os.WriteFile(config, text, 0o640); err != nil {
		lock.release()
		clearOpenPath()
		return nil, fmt.Errorf("warehouse %s: %w", dir, err)
	}
	args := []string{"clickhouse", "--path=" + abs, "--session_timezone=UTC", "--config-file=" + config}
	pconn := connectChDB(lib, args)
	if pconn == nil {
		lock.release()
		clearOpenPath()
		return nil, fmt.Errorf("embedded engine: cannot open %s (is it a goalpost warehouse directory, and writable?)", dir)
	}
	e := &embedded{
		lib: lib, pconn: pconn, conn: *(*unsafe.Pointer)(pconn),
		dir: dir, abs: abs, args: args, lock: lock, colTypes: map[string]map[string]string{}, notice: opts.Notice,
		stageMemory: func() (string, int64) { return stageMemory(opts.StageMemoryMB) },
	}
	res, err := e.Query(ctx, "SELECT version()", nil)
	if err != nil {
		e.Close()
		return nil, err
	}
	e.release = res.Rows[0][0].(string)
	e.version = parseVersion(e.release)
	return e, nil
}

// connectChDB starts the engine with a command line such as clickhouse --path=DIR.
func connectChDB(lib *chdbLib, args []string) unsafe.Pointer {
	cargs := make([]*byte, len(args)+1)
	keep := make([][]byte, len(args))
	for i, a := range args {
		keep[i] = append([]byte(a), 0)
		cargs[i] = &keep[i][0]
	}
	pconn := lib.connect(int32(len(args)), &cargs[0])
	runtime.KeepAlive(keep)
	return pconn
}

// reconnect closes the engine's connection and opens a new one on the same directory,
// keeping the directory lock: a new connection starts with default settings, which is how
// a restricted (read-only) session ends.
func (e *embedded) reconnect() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pconn == nil {
		return fmt.Errorf("%s: connection is closed", e.Describe())
	}
	e.lib.closeConn(e.pconn)
	e.pconn, e.conn = nil, nil
	pconn := connectChDB(e.lib, e.args)
	if pconn == nil {
		return fmt.Errorf("%s: cannot reopen the engine", e.Describe())
	}
	e.pconn, e.conn = pconn, *(*unsafe.Pointer)(pconn)
	return nil
}

func (e *embedded) Describe() string {
	return fmt.Sprintf("embedded ClickHouse %s at %s", e.release, e.dir)
}

func (e *embedded) Version() Version { return e.version }

// run executes one statement with its parameters bound by the engine.
func (e *embedded) run(ctx context.Context, query string, params Params, format string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	texts, _, err := bindings(query, params, true)
	if err != nil {
		return nil, &QueryError{Engine: e.Describe(), Statement: query, Err: err}
	}
	names := make([]*byte, 0, len(texts)+1)
	nameLens := make([]uintptr, 0, len(texts)+1)
	values := make([]*byte, 0, len(texts)+1)
	valueLens := make([]uintptr, 0, len(texts)+1)
	keep := make([][]byte, 0, 2*len(texts))
	for name, text := range texts {
		nb, vb := append([]byte(name), 0), append([]byte(text), 0)
		keep = append(keep, nb, vb)
		names, nameLens = append(names, &nb[0]), append(nameLens, uintptr(len(name)))
		values, valueLens = append(values, &vb[0]), append(valueLens, uintptr(len(text)))
	}
	// Never hand the engine a nil array pointer with a zero count: pad with one unused slot.
	names, nameLens = append(names, nil), append(nameLens, 0)
	values, valueLens = append(values, nil), append(valueLens, 0)
	q := append([]byte(query), 0)
	f := append([]byte(format), 0)

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.conn == nil {
		return nil, fmt.Errorf("%s: connection is closed", e.Describe())
	}
	r := e.lib.queryParamsN(e.conn, &q[0], uintptr(len(query)), &f[0], uintptr(len(format)),
		&names[0], &nameLens[0], &values[0], &valueLens[0], uintptr(len(texts)))
	if r == nil {
		return nil, &QueryError{Engine: e.Describe(), Statement: query, Err: errors.New("the engine returned no result")}
	}
	defer e.lib.destroyResult(r)
	if msg := e.lib.resultError(r); msg != "" {
		e.drain()
		return nil, engineError(e.Describe(), query, 0, cleanMessage(msg), nil)
	}
	n := e.lib.resultLength(r)
	if n == 0 {
		return nil, nil
	}
	buf := e.lib.resultBuffer(r)
	out := make([]byte, n)
	copy(out, unsafe.Slice((*byte)(buf), n))
	runtime.KeepAlive(keep)
	runtime.KeepAlive(names)
	runtime.KeepAlive(values)
	return out, nil
}

// drain runs a throwaway statement after a failed one. chDB 26.7 keeps the output that a
// statement wrote before it failed (its header, its first blocks) and hands it out at the
// front of the next statement's result, which would corrupt that result. The caller holds mu.
func (e *embedded) drain() {
	q, f := []byte("SELECT 1\x00"), []byte("Null\x00")
	var zero uintptr
	var none *byte
	if r := e.lib.queryParamsN(e.conn, &q[0], uintptr(len(q)-1), &f[0], uintptr(len(f)-1), &none, &zero, &none, &zero, 0); r != nil {
		e.lib.destroyResult(r)
	}
}

// cleanMessage trims what chDB adds around an engine message: a repeated "Code: N.
// DB::Exception:" prefix and the version suffix.
func cleanMessage(msg string) string {
	msg = strings.TrimSpace(msg)
	const prefix = "DB::Exception: "
	if i := strings.Index(msg, prefix); i >= 0 {
		rest := msg[i+len(prefix):]
		if m := codeRE.FindString(rest); m != "" && strings.HasPrefix(rest[len(m):], prefix) {
			msg = msg[:i+len(prefix)] + rest[len(m)+len(prefix):]
		}
	}
	if i := strings.Index(msg, " (version "); i >= 0 {
		if j := strings.Index(msg[i:], ")"); j >= 0 {
			msg = msg[:i] + msg[i+j+1:]
		}
	}
	// The nested form also ends with the error name twice: "... (READONLY). (READONLY)".
	if i := strings.LastIndex(msg, ". ("); i > 0 && strings.HasSuffix(msg[:i], msg[i+2:]) {
		msg = msg[:i]
	}
	return msg
}

func (e *embedded) Exec(ctx context.Context, query string, params Params) error {
	_, err := e.run(ctx, query, params, "TabSeparated")
	return err
}

func (e *embedded) Query(ctx context.Context, query string, params Params) (*Result, error) {
	out, err := e.run(ctx, query, params, "TabSeparatedWithNamesAndTypes")
	if err != nil {
		return nil, err
	}
	res, err := parseTSVResult(out)
	if err != nil {
		return nil, &QueryError{Engine: e.Describe(), Statement: query, Err: err}
	}
	return res, nil
}

func (e *embedded) Insert(ctx context.Context, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if !isIdentifier(table) {
		return fmt.Errorf("insert: invalid table name %q", table)
	}
	types, err := e.columnTypes(ctx, table)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	head := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") FORMAT TabSeparated\n"
	b.WriteString(head)
	for i, row := range rows {
		if len(row) != len(columns) {
			return fmt.Errorf("insert into %s: row %d has %d values, want %d", table, i+1, len(row), len(columns))
		}
		for j, v := range row {
			if j > 0 {
				b.WriteByte('\t')
			}
			t, ok := types[columns[j]]
			if !ok {
				return fmt.Errorf("insert into %s: no column %q", table, columns[j])
			}
			if err := appendTSVValue(&b, t, v); err != nil {
				return fmt.Errorf("insert into %s: row %d column %s: %w", table, i+1, columns[j], err)
			}
		}
		b.WriteByte('\n')
	}
	_, err = e.run(ctx, b.String(), nil, "TabSeparated")
	if err != nil {
		var qe *QueryError
		if errors.As(err, &qe) {
			qe.Statement = head
		}
		return err
	}
	return nil
}

// InsertBlock writes a block in ClickHouse's Native format to a file that the engine then
// reads with INSERT ... SELECT FROM file(): the engine's own columnar layout, so numbers are
// copied rather than printed and parsed again. Binary data cannot travel inside the
// statement: chDB ends a statement's inline data at the first empty line, which a binary
// block contains whenever two of its bytes are 0x0A in a row. A block with a column type
// appendBlockNative does not write goes inline as TabSeparated, which has no empty lines.
func (e *embedded) InsertBlock(ctx context.Context, blk Block) error {
	data, native, err := e.encodeBlock(ctx, nil, blk)
	if err != nil || data == nil {
		return err
	}
	columns := " (" + strings.Join(blk.Columns, ", ") + ") "
	var head string
	var q []byte
	if native {
		path, err := e.stage(data)
		if err != nil {
			return fmt.Errorf("insert into %s: %w", blk.Table, err)
		}
		defer os.Remove(path)
		head = "INSERT INTO " + blk.Table + columns + "SELECT * FROM file(" + quoteString(path) + ", 'Native')"
		q = append([]byte(head), 0)
	} else {
		head = "INSERT INTO " + blk.Table + columns + "FORMAT TabSeparated\n"
		q = append(append([]byte(head), data...), 0)
	}
	if err := e.runStatement(ctx, q); err != nil {
		var qe *QueryError
		if errors.As(err, &qe) {
			qe.Statement = head
		}
		return err
	}
	return nil
}

// encodeBlock writes blk's rows as one Native block, or as TabSeparated (native false) when
// a column's type or value is one appendBlockNative does not write, appending to dst (nil,
// or a buffer to reuse). An empty block gives no data. InsertBlock and a Stage's Add share it.
func (e *embedded) encodeBlock(ctx context.Context, dst []byte, blk Block) (data []byte, native bool, err error) {
	n, err := blk.Len() // checks the table and column names too
	if err != nil || n == 0 {
		return nil, false, err
	}
	types, err := e.columnTypes(ctx, blk.Table)
	if err != nil {
		return nil, false, err
	}
	buf := dst[:0]
	if buf == nil {
		buf = make([]byte, 0, n*24*len(blk.Columns))
	}
	buf, native, err = appendBlockNative(buf, blk, n, types)
	if err != nil || native {
		return buf, native, err
	}
	b := bytes.NewBuffer(buf[:0])
	if err := appendBlockTSV(b, blk, n, types); err != nil {
		return nil, false, err
	}
	return b.Bytes(), false, nil
}

// stagingDir holds the blocks InsertBlock hands the engine as files, inside the warehouse
// directory (so on its disk, under its lock); openEmbedded empties it of a crashed run's.
const stagingDir = "goalpost-staging"

// stage writes data to a new file in the staging directory and returns its path.
func (e *embedded) stage(data []byte) (string, error) {
	dir := filepath.Join(e.abs, stagingDir)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "block-*.native")
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// runStatement runs a statement without parameters or result, given as bytes that end with
// a NUL, so that a large INSERT is not copied again on its way to the engine.
func (e *embedded) runStatement(ctx context.Context, q []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f := []byte("TabSeparated\x00")
	var zero uintptr
	var none *byte
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.conn == nil {
		return fmt.Errorf("%s: connection is closed", e.Describe())
	}
	r := e.lib.queryParamsN(e.conn, &q[0], uintptr(len(q)-1), &f[0], uintptr(len(f)-1), &none, &zero, &none, &zero, 0)
	runtime.KeepAlive(q)
	if r == nil {
		return &QueryError{Engine: e.Describe(), Statement: firstLine(string(q[:min(len(q), 200)])), Err: errors.New("the engine returned no result")}
	}
	defer e.lib.destroyResult(r)
	if msg := e.lib.resultError(r); msg != "" {
		e.drain()
		return engineError(e.Describe(), firstLine(string(q[:min(len(q), 200)])), 0, cleanMessage(msg), nil)
	}
	return nil
}

// columnTypes reads a table's column types once, to write values in the form each type reads.
func (e *embedded) columnTypes(ctx context.Context, table string) (map[string]string, error) {
	if t, ok := e.colTypes[table]; ok {
		return t, nil
	}
	res, err := e.Query(ctx, "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {t:String}", Params{"t": table})
	if err != nil {
		return nil, err
	}
	if len(res.Rows) == 0 {
		return nil, fmt.Errorf("insert: table %s does not exist", table)
	}
	t := make(map[string]string, len(res.Rows))
	for _, r := range res.Rows {
		t[r[0].(string)] = r[1].(string)
	}
	e.colTypes[table] = t
	return t, nil
}

func (e *embedded) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pconn != nil {
		e.lib.closeConn(e.pconn)
		e.pconn, e.conn = nil, nil
	}
	if e.lock != nil {
		e.lock.release()
		e.lock = nil
		clearOpenPath()
	}
	return nil
}

func clearOpenPath() {
	openMu.Lock()
	openPath = ""
	openMu.Unlock()
}

func parseVersion(release string) Version {
	parts := strings.SplitN(release, ".", 3)
	var v Version
	if len(parts) >= 2 {
		v.Major, _ = strconv.Atoi(parts[0])
		v.Minor, _ = strconv.Atoi(parts[1])
	}
	return v
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
