package warehouse

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// Limits bound what one analyst statement may use. A zero field means no limit.
type Limits struct {
	MaxTime   time.Duration // wall-clock time of one statement
	MaxRows   int           // rows in one result
	MaxMemory int64         // bytes of memory one statement may use on the engine
}

// Session says how a restricted session runs statements.
type Session struct {
	// Write lets statements change data, schema and settings. Without it the engine runs
	// the session read-only (ClickHouse's readonly=1), which also refuses table functions that
	// read host files or the network (file, url, s3, remote...).
	Write  bool
	Limits Limits
}

// Querier runs a statement and returns its result. Engine and Restricted are Queriers.
type Querier interface {
	Query(ctx context.Context, query string, params Params) (*Result, error)
}

// Restricted runs statements written by people (analysts, saved queries) on an engine:
// read-only unless the session allows writes, and within the session's limits. The engine
// itself enforces both; nothing here inspects the text of a statement.
type Restricted interface {
	Querier
	// Close ends the session. An embedded engine is given a fresh connection with default
	// settings, so the engine can write again; a server engine is left as it was.
	Close() error
}

// Restrict starts a restricted session on e.
//
// On the embedded engine the session's settings are set on the engine's connection with
// SET, readonly last, so that no statement of the session can change them back; until Close,
// e itself is read-only too. On a server, each query carries the settings, unless the
// connection's user is already read-only (an analyst user with a profile), in which case the
// server refuses (20.x+) or ignores (18.16, native protocol) per-query settings and the
// profile's limits apply. Either way the time limit is also enforced here, by cancelling the
// query and killing it on the server, and the row limit by stopping the read.
func Restrict(ctx context.Context, e Engine, s Session) (Restricted, error) {
	switch x := e.(type) {
	case *embedded:
		return x.restrict(ctx, s)
	case *server:
		return x.restrict(ctx, s)
	}
	return nil, fmt.Errorf("restricted session: unsupported engine %T", e)
}

// grace is how long past a statement's time limit the engine gets to stop it itself before
// the query is cancelled from here.
const grace = 2 * time.Second

func seconds(d time.Duration) int { return int(math.Ceil(d.Seconds())) }

func tooManyRows(engine, query string, max int) error {
	return &QueryError{Engine: engine, Statement: query, Code: codeTooManyRows,
		Err: fmt.Errorf("the result has more than %d rows", max)}
}

// TimeoutError is the error of a statement stopped from outside the engine at its time limit.
func TimeoutError(engine, query string, limit time.Duration) error {
	return &QueryError{Engine: engine, Statement: query, Code: codeTimeout,
		Err: fmt.Errorf("stopped after the time limit of %s", limit)}
}

// embeddedSession is a restricted session on the embedded engine's own connection.
type embeddedSession struct {
	e      *embedded
	limits Limits
	closed bool
}

func (e *embedded) restrict(ctx context.Context, s Session) (Restricted, error) {
	var stmts []string
	l := s.Limits
	// The values are numbers formatted here, never text from a caller.
	if l.MaxTime > 0 {
		stmts = append(stmts, fmt.Sprintf("SET max_execution_time = %d", seconds(l.MaxTime)))
	}
	if l.MaxRows > 0 {
		stmts = append(stmts, fmt.Sprintf("SET max_result_rows = %d", l.MaxRows), "SET result_overflow_mode = 'throw'")
	}
	if l.MaxMemory > 0 {
		stmts = append(stmts, fmt.Sprintf("SET max_memory_usage = %d", l.MaxMemory))
	}
	if !s.Write {
		stmts = append(stmts, "SET readonly = 1")
	}
	for _, q := range stmts {
		if err := e.Exec(ctx, q, nil); err != nil {
			e.reconnect()
			return nil, fmt.Errorf("restricted session: %w", err)
		}
	}
	return &embeddedSession{e: e, limits: l}, nil
}

func (s *embeddedSession) Query(ctx context.Context, query string, params Params) (*Result, error) {
	if s.closed {
		return nil, errors.New("restricted session is closed")
	}
	res, err := s.e.Query(ctx, query, params)
	if err != nil {
		return nil, err
	}
	// The engine counts result rows per block and may let a few through; the limit is exact.
	if s.limits.MaxRows > 0 && len(res.Rows) > s.limits.MaxRows {
		return nil, tooManyRows(s.e.Describe(), query, s.limits.MaxRows)
	}
	return res, nil
}

func (s *embeddedSession) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	return s.e.reconnect()
}

// serverSession is a restricted session on a server connection pool.
type serverSession struct {
	s        *server
	limits   Limits
	settings clickhouse.Settings
}

// readOnlyUser reports whether the connection's user has a read-only profile.
func (s *server) readOnlyUser(ctx context.Context) (bool, error) {
	res, err := s.Query(ctx, "SELECT value FROM system.settings WHERE name = 'readonly'", nil)
	if err != nil {
		return false, fmt.Errorf("%s: reading the user's settings: %w", s.Describe(), err)
	}
	return len(res.Rows) == 1 && res.Rows[0][0] != "0", nil
}

func (s *server) restrict(ctx context.Context, sess Session) (Restricted, error) {
	userReadOnly, err := s.readOnlyUser(ctx)
	if err != nil {
		return nil, fmt.Errorf("restricted session: %w", err)
	}
	settings := clickhouse.Settings{}
	if !userReadOnly {
		// Integer settings only: the driver cannot send others to an 18.16 server, and
		// result_overflow_mode is already 'throw' by default.
		l := sess.Limits
		if l.MaxTime > 0 {
			settings["max_execution_time"] = seconds(l.MaxTime)
		}
		if l.MaxRows > 0 {
			settings["max_result_rows"] = l.MaxRows
		}
		if l.MaxMemory > 0 {
			settings["max_memory_usage"] = int(l.MaxMemory)
		}
		if !sess.Write {
			settings["readonly"] = 1
		}
	}
	return &serverSession{s: s, limits: sess.Limits, settings: settings}, nil
}

func (ss *serverSession) Query(ctx context.Context, query string, params Params) (*Result, error) {
	id, err := newQueryID()
	if err != nil {
		return nil, err
	}
	// A deadline on the context would make the driver send max_execution_time itself, which
	// a read-only user may not set: cancel with a timer instead.
	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var expired chan struct{}
	if ss.limits.MaxTime > 0 {
		expired = make(chan struct{})
		t := time.AfterFunc(ss.limits.MaxTime+grace, func() { close(expired); cancel() })
		defer t.Stop()
	}
	res, err := ss.s.query(qctx, query, params, queryOptions{settings: ss.settings, queryID: id, maxRows: ss.limits.MaxRows})
	if err != nil && expired != nil {
		select {
		case <-expired:
			ss.kill(ctx, id)
			return nil, TimeoutError(ss.s.Describe(), query, ss.limits.MaxTime)
		default:
		}
	}
	if errors.Is(err, ErrTooManyRows) {
		// The read stopped early; make sure the server stops too.
		cancel()
		ss.kill(ctx, id)
	}
	return res, err
}

// kill asks the server to stop a query that was given up on: closing the connection does
// not stop a running query on every version.
func (ss *serverSession) kill(ctx context.Context, id string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	ss.s.Exec(ctx, "KILL QUERY WHERE query_id = {id:String} ASYNC", Params{"id": id})
}

func (ss *serverSession) Close() error { return nil }

func newQueryID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("query id: %w", err)
	}
	return "goalpost-analyst-" + hex.EncodeToString(b[:]), nil
}
