package warehouse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/shopspring/decimal"
)

// server is a ClickHouse server reached over the native protocol.
type server struct {
	conn     driver.Conn
	opts     *clickhouse.Options // how conn was opened, for connections to the cluster's other nodes
	mu       sync.Mutex          // guards colTypes
	colTypes map[string]map[string]string
	addr     string
	db       string
	version  Version
	release  string
	// serverParams is true when the server binds {name:Type} itself (22.8 and later); older
	// servers get typed literals written by this package's quoting.
	serverParams bool
	// cluster is set when the warehouse is spread over a cluster (?cluster=NAME).
	cluster *cluster
}

// ErrBadDSN means the warehouse location could not be understood.
var ErrBadDSN = errors.New("invalid warehouse address")

// dsn is a parsed server location.
type dsn struct {
	opts *clickhouse.Options
	db   string
	// cluster names the cluster (remote_servers) the warehouse is spread over, or "".
	cluster string
}

func parseDSN(location string) (dsn, error) {
	u, err := url.Parse(location)
	if err != nil || u.Scheme != "clickhouse" || u.Host == "" {
		return dsn{}, fmt.Errorf("%w %q: want clickhouse://user:password@host:9000/database (or a directory for the embedded engine)", ErrBadDSN, redact(location))
	}
	if u.Port() == "" {
		u.Host = net.JoinHostPort(u.Hostname(), "9000")
	}
	db := strings.Trim(u.Path, "/")
	if db == "" {
		db = "default"
	}
	if !isIdentifier(db) {
		return dsn{}, fmt.Errorf("%w %q: database name %q must be letters, digits and _", ErrBadDSN, redact(location), db)
	}
	// cluster is Goalpost's own parameter: the driver would send it to the server as a setting.
	q := u.Query()
	cluster := q.Get("cluster")
	if q.Has("cluster") && !isIdentifier(cluster) {
		return dsn{}, fmt.Errorf("%w %q: cluster name %q must be letters, digits and _, as in the servers' remote_servers", ErrBadDSN, redact(location), cluster)
	}
	q.Del("cluster")
	u.RawQuery = q.Encode()
	opts, err := clickhouse.ParseDSN(u.String())
	if err != nil {
		return dsn{}, fmt.Errorf("%w %q: %v", ErrBadDSN, redact(location), err)
	}
	opts.Auth.Database = db
	opts.DialTimeout = 5 * time.Second
	return dsn{opts: opts, db: db, cluster: cluster}, nil
}

// redact hides a password in a DSN before it reaches a message or a log.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func openServer(ctx context.Context, location string) (Engine, error) {
	d, err := parseDSN(location)
	if err != nil {
		return nil, err
	}
	s, err := connect(ctx, d.opts, d.db)
	if err != nil {
		return nil, err
	}
	if d.cluster != "" {
		if err := s.joinCluster(ctx, d.cluster); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// connect opens a connection to one server, creating the database when it does not exist yet.
func connect(ctx context.Context, opts *clickhouse.Options, db string) (*server, error) {
	addr := opts.Addr[0]
	conn, err := clickhouse.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("ClickHouse server %s: %w", addr, err)
	}
	if err := conn.Ping(ctx); err != nil {
		var ex *clickhouse.Exception
		if errors.As(err, &ex) && ex.Code == 81 { // UNKNOWN_DATABASE: create it, then reconnect
			conn.Close()
			if err := createDatabase(ctx, opts, db); err != nil {
				return nil, err
			}
			return connect(ctx, opts, db)
		}
		conn.Close()
		return nil, fmt.Errorf("cannot reach ClickHouse server at %s: %v (is it running, and are the address and credentials right?)", addr, err)
	}
	v, err := conn.ServerVersion()
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("ClickHouse server %s: %w", addr, err)
	}
	s := &server{
		conn: conn, opts: opts, addr: addr, db: db, colTypes: map[string]map[string]string{},
		version: Version{Major: int(v.Version.Major), Minor: int(v.Version.Minor)},
		release: fmt.Sprintf("%d.%d.%d", v.Version.Major, v.Version.Minor, v.Version.Patch),
	}
	s.serverParams = s.version.AtLeast(22, 8)
	return s, nil
}

func createDatabase(ctx context.Context, opts *clickhouse.Options, db string) error {
	o := *opts
	o.Auth.Database = "default"
	conn, err := clickhouse.Open(&o)
	if err != nil {
		return fmt.Errorf("ClickHouse server %s: %w", o.Addr[0], err)
	}
	defer conn.Close()
	// db passed isIdentifier, so it can be written into the statement.
	if err := conn.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+db); err != nil {
		return fmt.Errorf("ClickHouse server %s: creating database %s: %w", o.Addr[0], db, err)
	}
	return nil
}

func (s *server) Describe() string {
	if s.cluster != nil {
		return fmt.Sprintf("ClickHouse server %s at %s/%s, cluster %s", s.release, s.addr, s.db, s.cluster.name)
	}
	return fmt.Sprintf("ClickHouse server %s at %s/%s", s.release, s.addr, s.db)
}

func (s *server) Version() Version { return s.version }

// prepare binds a statement's parameters the way this server supports. shift maps a
// position in the text sent back to the statement, for error messages.
func (s *server) prepare(ctx context.Context, query string, params Params) (context.Context, string, func(int) int, error) {
	texts, phs, err := bindings(query, params, s.serverParams)
	if err != nil {
		return nil, "", nil, &QueryError{Engine: s.Describe(), Statement: query, Err: err}
	}
	if len(phs) == 0 {
		return ctx, query, nil, nil
	}
	if s.serverParams {
		return clickhouse.Context(ctx, clickhouse.WithParameters(texts)), query, nil, nil
	}
	sent := inline(query, phs, texts)
	return ctx, sent, inlineShift(phs, texts), nil
}

// inlineShift maps a byte position in the inlined text back to the original statement: a
// position inside a literal points at its placeholder.
func inlineShift(phs []placeholder, texts map[string]string) func(int) int {
	return func(pos int) int {
		delta := 0
		for _, p := range phs { // inline sorted phs by Start
			start := p.Start + delta // where the literal starts in the sent text
			lit := len(literal(p.Type, texts[p.Name]))
			if pos-1 < start {
				break
			}
			if pos-1 < start+lit {
				return p.Start + 1
			}
			delta += lit - (p.End - p.Start)
		}
		return pos - delta
	}
}

// serverError wraps what the driver returned as a QueryError with the engine's code.
func (s *server) serverError(query string, err error, shift func(int) int) error {
	var ex *clickhouse.Exception
	if errors.As(err, &ex) {
		msg := ex.Message
		if ex.Name != "" && !strings.Contains(ex.Name, "::") { // 18.16 names every error DB::Exception
			msg += " (" + ex.Name + ")"
		}
		return engineError(s.Describe(), query, int(ex.Code), msg, shift)
	}
	return &QueryError{Engine: s.Describe(), Statement: query, Err: err}
}

func (s *server) Exec(ctx context.Context, query string, params Params) error {
	if s.cluster != nil {
		if local, ok := s.cluster.shardMutation(query); ok {
			return s.execOnNodes(ctx, local, params)
		}
	}
	qctx, q, shift, err := s.prepare(ctx, query, params)
	if err != nil {
		return err
	}
	if err := s.conn.Exec(qctx, q); err != nil {
		return s.serverError(query, err, shift)
	}
	return nil
}

func (s *server) Query(ctx context.Context, query string, params Params) (*Result, error) {
	return s.query(ctx, query, params, queryOptions{})
}

// queryOptions are what a restricted session adds to a query.
type queryOptions struct {
	settings clickhouse.Settings
	queryID  string
	maxRows  int // stop reading past this many rows; 0 reads everything
}

func (s *server) query(ctx context.Context, query string, params Params, o queryOptions) (*Result, error) {
	qctx, q, shift, err := s.prepare(ctx, query, params)
	if err != nil {
		return nil, err
	}
	if len(o.settings) > 0 || o.queryID != "" {
		qctx = clickhouse.Context(qctx, clickhouse.WithSettings(o.settings), clickhouse.WithQueryID(o.queryID))
	}
	rows, err := s.conn.Query(qctx, q)
	if err == io.EOF {
		// The statement ran and has no result set (CREATE, INSERT ... SELECT): the driver
		// returns the end of stream as a bare io.EOF. A network failure is wrapped instead.
		return &Result{}, nil
	}
	if err != nil {
		return nil, s.serverError(query, err, shift)
	}
	defer rows.Close()
	res := &Result{}
	cts := rows.ColumnTypes()
	for _, ct := range cts {
		res.Columns = append(res.Columns, Column{Name: ct.Name(), Type: ct.DatabaseTypeName()})
	}
	for rows.Next() {
		if o.maxRows > 0 && len(res.Rows) == o.maxRows {
			return nil, tooManyRows(s.Describe(), query, o.maxRows)
		}
		dest := make([]any, len(cts))
		for i, ct := range cts {
			dest[i] = reflect.New(ct.ScanType()).Interface()
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, &QueryError{Engine: s.Describe(), Statement: query, Err: err}
		}
		row := make([]any, len(cts))
		for i := range dest {
			row[i] = normalize(reflect.ValueOf(dest[i]).Elem())
		}
		res.Rows = append(res.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, s.serverError(query, err, shift)
	}
	return res, nil
}

// normalize turns a scanned value into the Go types Result promises.
func normalize(v reflect.Value) any {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case time.Time:
		return x.UTC()
	case string:
		return x
	case bool:
		return x
	case float32:
		return float64(x)
	case float64:
		return x
	case uint64:
		return x
	case fmt.Stringer: // decimals, UUIDs, big integers
		return x.String()
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return int64(v.Uint())
	}
	return fmt.Sprint(v.Interface())
}

func (s *server) Insert(ctx context.Context, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if !isIdentifier(table) {
		return fmt.Errorf("insert: invalid table name %q", table)
	}
	for _, c := range columns {
		if !isIdentifier(c) {
			return fmt.Errorf("insert into %s: invalid column name %q", table, c)
		}
	}
	types, err := s.columnTypes(ctx, table)
	if err != nil {
		return err
	}
	// An explicit column list: ClickHouse 18.16 rejects a batch without one.
	stmt := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ")"
	batch, err := s.conn.PrepareBatch(ctx, stmt)
	if err != nil {
		return s.serverError(stmt, err, nil)
	}
	defer batch.Close()
	for i, row := range rows {
		for j, v := range row {
			// The driver takes decimals only as decimal.Decimal; amounts arrive as float64
			// and are rounded to the column's scale, as the embedded engine does.
			if f, ok := v.(float64); ok {
				if scale := decimalScale(baseType(types[columns[j]])); scale >= 0 {
					row[j] = decimal.NewFromFloat(f).Round(int32(scale))
				}
			}
		}
		if err := batch.Append(row...); err != nil {
			return &QueryError{Engine: s.Describe(), Statement: stmt, Err: fmt.Errorf("row %d: %w", i+1, err)}
		}
	}
	if err := batch.Send(); err != nil {
		return s.serverError(stmt, err, nil)
	}
	return nil
}

// InsertBlock sends a block column by column (clickhouse-go's columnar Append), without a
// value boxed per cell.
func (s *server) InsertBlock(ctx context.Context, blk Block) error {
	n, err := blk.Len()
	if err != nil || n == 0 {
		return err
	}
	types, err := s.columnTypes(ctx, blk.Table)
	if err != nil {
		return err
	}
	stmt := "INSERT INTO " + blk.Table + " (" + strings.Join(blk.Columns, ", ") + ")"
	batch, err := s.conn.PrepareBatch(ctx, stmt)
	if err != nil {
		return s.serverError(stmt, err, nil)
	}
	defer batch.Close()
	for j, col := range blk.Data {
		// The driver takes decimals only as decimal.Decimal, rounded to the column's scale
		// as the embedded engine rounds them.
		if f, ok := col.([]float64); ok {
			if scale := decimalScale(baseType(types[blk.Columns[j]])); scale >= 0 {
				d := make([]decimal.Decimal, len(f))
				for i, x := range f {
					d[i] = decimal.NewFromFloat(x).Round(int32(scale))
				}
				col = d
			}
		}
		// The driver takes arrays as a slice per row; the slices share the block's elements.
		switch a := col.(type) {
		case StringArrays:
			col = rows(a.Flat, a.Ends)
		case FloatArrays:
			col = rows(a.Flat, a.Ends)
		}
		if err := batch.Column(j).Append(col); err != nil {
			return &QueryError{Engine: s.Describe(), Statement: stmt, Err: fmt.Errorf("column %s: %w", blk.Columns[j], err)}
		}
	}
	if err := batch.Send(); err != nil {
		return s.serverError(stmt, err, nil)
	}
	return nil
}

// columnTypes reads a table's column types once.
func (s *server) columnTypes(ctx context.Context, table string) (map[string]string, error) {
	s.mu.Lock()
	t, ok := s.colTypes[table]
	s.mu.Unlock()
	if ok {
		return t, nil
	}
	res, err := s.Query(ctx, "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {t:String}", Params{"t": table})
	if err != nil {
		return nil, err
	}
	t = make(map[string]string, len(res.Rows))
	for _, r := range res.Rows {
		t[r[0].(string)] = r[1].(string)
	}
	s.mu.Lock()
	s.colTypes[table] = t
	s.mu.Unlock()
	return t, nil
}

func (s *server) Close() error { return s.conn.Close() }
