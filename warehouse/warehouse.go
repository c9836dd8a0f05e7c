// Package warehouse opens the ClickHouse warehouse behind one small interface: the embedded
// engine (chDB, in-process, data in a directory) or a ClickHouse server over the native
// protocol. Both run the same SQL from sql/; values always travel as bound parameters.
package warehouse

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Engine is one ClickHouse engine. Queries use ClickHouse's own placeholder syntax,
// {name:Type}, whose values come from params and are never spliced in as text by callers.
type Engine interface {
	// Describe names the engine and version for messages, e.g. "embedded ClickHouse 26.7.2.1".
	Describe() string
	// Version is the engine's major.minor, used to choose features both engines do not share.
	Version() Version
	// Exec runs a statement that returns no rows.
	Exec(ctx context.Context, query string, params Params) error
	// Query runs a statement and returns its typed result.
	Query(ctx context.Context, query string, params Params) (*Result, error)
	// Insert writes rows into table in one INSERT with an explicit column list. Each row holds
	// one Go value per column: string, float64, int64, uint64, uint8, bool or time.Time.
	Insert(ctx context.Context, table string, columns []string, rows [][]any) error
	// InsertBlock writes a Block (rows held column by column) in one INSERT: the ingest's
	// way, with no value boxed per cell.
	InsertBlock(ctx context.Context, b Block) error
	// Close releases the engine (and, for the embedded engine, the data directory).
	Close() error
}

// Params are a statement's bound values by placeholder name.
type Params map[string]any

// Version is a ClickHouse release's major and minor number.
type Version struct{ Major, Minor int }

// AtLeast reports whether v is the given release or newer.
func (v Version) AtLeast(major, minor int) bool {
	return v.Major > major || (v.Major == major && v.Minor >= minor)
}

// Options tune how a warehouse is opened.
type Options struct {
	// ChDBLibrary is the path of libchdb.so; empty means GOALPOST_CHDB_LIB or the user cache.
	ChDBLibrary string
	// Holder describes this process in the embedded engine's lock file ("goalpost ingest").
	Holder string
	// NoMerges, on the embedded engine, starts no merge of parts in this process: for
	// commands that read (a report, sql, status). The engine starts merging when it opens,
	// and such a command closes it before a large merge ends, so the merge only took the
	// command's CPU and began again at the next open (docs/performance.md, step 18). The
	// commands that load data merge, and serve, which runs long enough to finish.
	NoMerges bool
	// StageMemoryMB bounds the memory in which the embedded engine's ingest stages a file's
	// blocks before inserting them (a tmpfs, /dev/shm; what does not fit goes to the
	// warehouse's disk): 0 for the default, a quarter of the memory available and half of the
	// tmpfs's free space; a negative number for none, every block on disk.
	StageMemoryMB int
	// Notice, when set, is told of slow one-time work done while opening, such as an
	// upgrade's copy of a table, so that a command can say why it is not answering yet.
	Notice func(msg string)
}

// DefaultDir is where the embedded engine keeps its data when nothing else is said.
const DefaultDir = "./goalpost-data"

// Resolve returns the warehouse location to use: the flag, then GOALPOST_WAREHOUSE, then the
// default directory.
func Resolve(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv("GOALPOST_WAREHOUSE"); env != "" {
		return env
	}
	return DefaultDir
}

// Open connects to the warehouse named by location (a directory for the embedded engine, or
// clickhouse://user:pass@host:port/db for a server, with ?cluster=NAME for a ClickHouse
// cluster, see docs/cluster.md) and applies pending migrations.
func Open(ctx context.Context, location string, opts Options) (Engine, error) {
	var (
		e   Engine
		err error
	)
	if strings.Contains(location, "://") {
		e, err = openServer(ctx, location)
	} else {
		e, err = openEmbedded(ctx, location, opts)
	}
	if err != nil {
		return nil, err
	}
	if s, ok := e.(*server); ok {
		ro, err := s.readOnlyUser(ctx)
		if err != nil {
			e.Close()
			return nil, err
		}
		if ro {
			// A read-only user (an analyst's) cannot migrate, and need not: check instead.
			if err := checkMigrated(ctx, e); err != nil {
				e.Close()
				return nil, err
			}
			return e, nil
		}
	}
	if err := Migrate(ctx, e); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

// Result is a query's columns and rows. Values are Go types chosen from the column type:
// string, int64, uint64, float64, bool, time.Time (UTC) or nil for NULL.
type Result struct {
	Columns []Column
	Rows    [][]any
}

// Column is a result column's name and ClickHouse type.
type Column struct {
	Name string
	Type string
}

// QueryError is an error the engine reported for a statement.
type QueryError struct {
	Engine    string
	Statement string
	Err       error
	// Code is ClickHouse's error code (62 for a syntax error, 164 for a refused write), or 0
	// when the error did not come from the engine.
	Code int
	// Pos is the 1-based byte offset in Statement that the engine points at, or 0.
	Pos int
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("%s: %v\n  in statement: %s", e.Engine, e.Err, firstLine(e.Statement))
}

func (e *QueryError) Unwrap() error { return e.Err }

// Is lets callers test an engine error by kind: errors.Is(err, warehouse.ErrReadOnly).
func (e *QueryError) Is(target error) bool {
	code, ok := errorCodes[target]
	return ok && e.Code == code
}

// Kinds of engine errors, matched by ClickHouse's error code through errors.Is.
var (
	// ErrReadOnly: the session is read-only and the statement would write, change the
	// schema or settings, or use a table function that reads files or the network.
	ErrReadOnly = errors.New("refused in read-only mode")
	// ErrTimeout: the statement ran longer than its time limit.
	ErrTimeout = errors.New("time limit exceeded")
	// ErrTooManyRows: the result has more rows than the limit.
	ErrTooManyRows = errors.New("result row limit exceeded")
	// ErrMemoryLimit: the statement needed more memory than its limit.
	ErrMemoryLimit = errors.New("memory limit exceeded")
	// ErrSyntax: the engine could not parse the statement.
	ErrSyntax = errors.New("syntax error")
)

// ClickHouse's codes for the kinds above (src/Common/ErrorCodes.cpp).
const (
	codeSyntax      = 62
	codeTimeout     = 159
	codeReadOnly    = 164
	codeMemoryLimit = 241
	codeTooManyRows = 396
)

var errorCodes = map[error]int{
	ErrReadOnly:    codeReadOnly,
	ErrTimeout:     codeTimeout,
	ErrTooManyRows: codeTooManyRows,
	ErrMemoryLimit: codeMemoryLimit,
	ErrSyntax:      codeSyntax,
}

var (
	codeRE     = regexp.MustCompile(`^Code: (\d+)\. `)
	positionRE = regexp.MustCompile(`failed at position (\d+)`)
)

// engineError builds the QueryError for a message the engine returned. shift maps a
// position in the text the engine saw back to the statement, where they differ.
func engineError(engine, statement string, code int, msg string, shift func(int) int) *QueryError {
	if code == 0 {
		if m := codeRE.FindStringSubmatch(msg); m != nil {
			code, _ = strconv.Atoi(m[1])
		}
	}
	qe := &QueryError{Engine: engine, Statement: statement, Err: errors.New(msg), Code: code}
	if m := positionRE.FindStringSubmatch(msg); m != nil {
		pos, _ := strconv.Atoi(m[1])
		if shift != nil {
			pos = shift(pos)
		}
		if pos > 0 && pos <= len(statement)+1 {
			qe.Pos = pos
		}
	}
	return qe
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	// Skip leading comment lines: the statement is what helps, not its header.
	lines := strings.Split(s, "\n")
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "--") {
			continue
		}
		if len(l) > 160 {
			l = l[:160] + "…"
		}
		return l
	}
	return s
}

// Date returns the calendar date of t as a UTC midnight, the form Date columns come back in.
func Date(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
