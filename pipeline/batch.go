package pipeline

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/warehouse"
)

// DefaultBatchRows is how many rows of one table are sent in one INSERT at most. Memory is
// bounded by it, not by the size of the file: ClickHouse recommends 10,000 to 100,000 rows per
// insert.
const DefaultBatchRows = 100_000

// DefaultBatchBytes bounds a batch by its size as well: a post with its caption is several
// times as large as a row of daily metrics, so a row count alone lets the posts table hold
// most of an ingest's memory. A batch is sent at whichever limit it reaches first.
const DefaultBatchBytes = 8 << 20

// The kinds of column a storage table has; each is held as a typed slice.
const (
	kString  = iota // []string
	kFloat          // []float64 (Float64, and Decimal columns, rounded by the engine)
	kUint64         // []uint64
	kUint32         // []uint32
	kUint8          // []uint8
	kTime           // []time.Time (Date and DateTime columns)
	kStrings        // warehouse.StringArrays (Array(String)): elements in s, each row's end in ends
	kFloats         // warehouse.FloatArrays (Array(Float64)): elements in f, each row's end in ends
)

// column is one column of a table's pending rows; only the slice of its kind is used.
type column struct {
	kind int
	s    []string
	f    []float64
	u64  []uint64
	u32  []uint32
	u8   []uint8
	t    []time.Time
	ends []uint64 // kStrings and kFloats: where each row's array ends in s or f
}

func (c *column) data() any {
	switch c.kind {
	case kString:
		return c.s
	case kFloat:
		return c.f
	case kUint64:
		return c.u64
	case kUint32:
		return c.u32
	case kUint8:
		return c.u8
	case kStrings:
		return warehouse.StringArrays{Flat: c.s, Ends: c.ends}
	case kFloats:
		return warehouse.FloatArrays{Flat: c.f, Ends: c.ends}
	}
	return c.t
}

func (c *column) reset() {
	// Drop the sent strings: a truncated slice still references them, and the posts table
	// refills slowly, so they would stay alive for a whole batch more.
	clear(c.s)
	c.s, c.f, c.u64, c.u32, c.u8, c.t, c.ends = c.s[:0], c.f[:0], c.u64[:0], c.u32[:0], c.u8[:0], c.t[:0], c.ends[:0]
}

// table is the pending rows of one file bound for one storage table, held column by column
// (no value is boxed in an interface, which was most of the ingest's time and garbage). A row
// is written by appending its values in the order of the columns; end checks the order.
type table struct {
	name    string
	columns []string
	cols    []column
	cur     int // the column the next value goes to
	rows    int
	bytes   int      // the pending rows' size in memory, roughly (see add)
	rowNo   uint32   // rows of this table from the file so far (source_row)
	spare   []column // a second set of columns, free while the other is being inserted
}

func newTable(name string, spec ...any) table {
	t := table{name: name}
	for i := 0; i < len(spec); i += 2 {
		t.columns = append(t.columns, spec[i].(string))
		t.cols = append(t.cols, column{kind: spec[i+1].(int)})
	}
	return t
}

// The sizes added to table.bytes are what a value takes in a column slice, plus a string's
// text (counted even when rows share it: the driver copies it for each row).
func (t *table) str(v string) *table {
	t.cols[t.cur].s = append(t.cols[t.cur].s, v)
	t.cur++
	t.bytes += 16 + len(v)
	return t
}
func (t *table) float(v float64) *table {
	t.cols[t.cur].f = append(t.cols[t.cur].f, v)
	t.cur++
	t.bytes += 8
	return t
}
func (t *table) time(v time.Time) *table {
	t.cols[t.cur].t = append(t.cols[t.cur].t, v)
	t.cur++
	t.bytes += 24
	return t
}
func (t *table) uint8(v uint8) *table {
	t.cols[t.cur].u8 = append(t.cols[t.cur].u8, v)
	t.cur++
	t.bytes++
	return t
}
func (t *table) uint32(v uint32) *table {
	t.cols[t.cur].u32 = append(t.cols[t.cur].u32, v)
	t.cur++
	t.bytes += 4
	return t
}
func (t *table) uint64(v uint64) *table {
	t.cols[t.cur].u64 = append(t.cols[t.cur].u64, v)
	t.cur++
	t.bytes += 8
	return t
}
func (t *table) strs(v []string) *table {
	c := &t.cols[t.cur]
	c.s = append(c.s, v...)
	c.ends = append(c.ends, uint64(len(c.s)))
	t.cur++
	t.bytes += 8
	for _, x := range v {
		t.bytes += 16 + len(x)
	}
	return t
}
func (t *table) floats(v []float64) *table {
	c := &t.cols[t.cur]
	c.f = append(c.f, v...)
	c.ends = append(c.ends, uint64(len(c.f)))
	t.cur++
	t.bytes += 8 + 8*len(v)
	return t
}
func (t *table) block() warehouse.Block {
	return warehouse.Block{Table: t.name, Columns: t.columns, Data: t.data()}
}
func (t *table) data() []any {
	d := make([]any, len(t.cols))
	for i := range t.cols {
		d[i] = t.cols[i].data()
	}
	return d
}

func (t *table) reset() {
	for i := range t.cols {
		t.cols[i].reset()
	}
	t.rows, t.bytes = 0, 0
}

// fileStats is the first pass over a file: it checks every record and learns what the file
// covers, keeping nothing else, so that the load can be all-or-nothing and every row can carry
// the file's version from the first insert on.
type fileStats struct {
	records          int
	skipped          map[string]int
	dateMin, dateMax time.Time
}

func newFileStats() *fileStats { return &fileStats{skipped: map[string]int{}} }

func (s *fileStats) seen(t time.Time) {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if s.dateMin.IsZero() || d.Before(s.dateMin) {
		s.dateMin = d
	}
	if d.After(s.dateMax) {
		s.dateMax = d
	}
}

func (s *fileStats) Metric(m connectors.MetricRow) error { s.records++; s.seen(m.Date); return nil }
func (s *fileStats) Post(p connectors.Post) error        { s.records++; s.seen(p.PublishedAt); return nil }
func (s *fileStats) PostMetric(connectors.PostMetric) error {
	s.records++
	return nil
}
func (s *fileStats) Donation(d connectors.Donation) error { s.records++; s.seen(d.At); return nil }
func (s *fileStats) Signup(x connectors.Signup) error     { s.records++; s.seen(x.At); return nil }
func (s *fileStats) Skip(line int, reason string)         { s.skipped[reason]++ }

// batch is the second pass: it turns records into rows of the storage tables and sends each
// table's rows to the warehouse every batchRows rows or batchBytes bytes.
type batch struct {
	ctx        context.Context
	org, sha   string
	version    uint64
	loadedAt   time.Time
	batchRows  int
	batchBytes int
	insert     func(ctx context.Context, t *table) error

	metrics, posts, postMetrics, donations, signups table

	lastAccount, lastPostID string // the last ones copied (see intern)

	// The post whose metrics are being gathered into one row of post_metric_sets_store:
	// connectors report a post's metrics one after another.
	set     metricSet
	setOpen bool

	inflight      chan error // the insert running in the background, or nil
	sent          *table     // the rows it inserts
	inflightTable *table     // the table they came from
}

func newBatch(ctx context.Context, org, sha string, version uint64, loadedAt time.Time, batchRows, batchBytes int, insert func(context.Context, *table) error) *batch {
	if batchRows <= 0 {
		batchRows = DefaultBatchRows
	}
	if batchBytes <= 0 {
		batchBytes = DefaultBatchBytes
	}
	tail := []any{"source_file", kString, "source_row", kUint32, "version", kUint64, "ingested_at", kTime}
	return &batch{
		ctx: ctx, org: org, sha: sha, version: version, loadedAt: loadedAt, batchRows: batchRows, batchBytes: batchBytes, insert: insert,
		metrics: newTable("metrics_daily_store", append([]any{"org", kString, "platform", kString, "account", kString, "date", kTime,
			"metric", kString, "dimension", kString, "value", kFloat}, tail...)...),
		posts: newTable("posts_store", append([]any{"org", kString, "platform", kString, "account", kString, "post_id", kString,
			"published_at", kTime, "type", kString, "title", kString, "permalink", kString}, tail...)...),
		postMetrics: newTable("post_metric_sets_store", append([]any{"org", kString, "platform", kString, "account", kString,
			"post_id", kString, "metric", kStrings, "value", kFloats}, tail...)...),
		donations: newTable("donations_store", append([]any{"org", kString, "platform", kString, "donation_id", kString, "at", kTime,
			"amount", kFloat, "currency", kString, "recurring", kUint8, "campaign", kString, "utm_source", kString,
			"utm_medium", kString, "utm_campaign", kString, "donor_hash", kString}, tail...)...),
		signups: newTable("signups_store", append([]any{"org", kString, "platform", kString, "kind", kString, "campaign", kString,
			"person_hash", kString, "at", kTime, "channel", kString}, tail...)...),
	}
}

// end completes the row being written with the file's columns and sends the table's rows
// once there are batchRows of them or they take batchBytes.
func (b *batch) end(t *table) error {
	t.rowNo++
	t.str(b.sha).uint32(t.rowNo).uint64(b.version).time(b.loadedAt)
	if t.cur != len(t.cols) {
		return fmt.Errorf("a row of %s has %d values, want %d", t.name, t.cur, len(t.cols)) // a bug in this file
	}
	t.cur = 0
	t.rows++
	if t.rows >= b.batchRows || t.bytes >= b.batchBytes {
		return b.send(t)
	}
	return nil
}

// send hands the table's rows to the warehouse in the background, so that the next rows are
// parsed while these are inserted (one insert at a time; the table goes on with a second set
// of columns). An insert's error is returned by the next send, flush or wait.
func (b *batch) send(t *table) error {
	if t.rows == 0 {
		return nil
	}
	if err := b.wait(); err != nil {
		return err
	}
	full := &table{name: t.name, columns: t.columns, cols: t.cols, rows: t.rows}
	t.cols, t.spare = t.spare, nil
	if t.cols == nil {
		t.cols = make([]column, len(full.cols))
		for i := range t.cols {
			t.cols[i].kind = full.cols[i].kind
		}
	}
	t.rows, t.bytes = 0, 0
	done := make(chan error, 1)
	b.inflight, b.inflightTable = done, t
	go func() { done <- b.insert(b.ctx, full) }()
	b.sent = full
	return nil
}

// wait waits for the insert in flight, if any, and gives its columns back to their table.
func (b *batch) wait() error {
	if b.inflight == nil {
		return nil
	}
	err := <-b.inflight
	b.inflight = nil
	if err == nil {
		for i := range b.sent.cols {
			b.sent.cols[i].reset()
		}
		b.inflightTable.spare = b.sent.cols
	}
	b.sent, b.inflightTable = nil, nil
	return err
}

// flush sends what is left of every table and waits until the warehouse has it all.
func (b *batch) flush() error {
	if err := b.closeSet(); err != nil {
		return err
	}
	for _, t := range []*table{&b.metrics, &b.posts, &b.postMetrics, &b.donations, &b.signups} {
		if err := b.send(t); err != nil {
			return err
		}
	}
	return b.wait()
}

func (b *batch) wrote(name string) bool {
	for _, t := range []*table{&b.metrics, &b.posts, &b.postMetrics, &b.donations, &b.signups} {
		if t.name == name {
			return t.rowNo > 0
		}
	}
	return false
}

func (b *batch) Metric(m connectors.MetricRow) error {
	b.metrics.str(b.org).str(m.Platform).str(m.Account).time(m.Date).str(m.Metric).str(m.Dimension).float(m.Value)
	return b.end(&b.metrics)
}

func (b *batch) Post(p connectors.Post) error {
	// A connector's strings are often slices of the whole record it read: copy the long ones,
	// so that a batch of posts does not keep every record's text alive until it is sent.
	p.PostID, p.Title, p.Permalink, p.Account = strings.Clone(p.PostID), strings.Clone(p.Title), strings.Clone(p.Permalink), b.intern(p.Account)
	b.posts.str(b.org).str(p.Platform).str(p.Account).str(p.PostID).time(p.PublishedAt.UTC()).str(p.Type).str(p.Title).str(p.Permalink)
	return b.end(&b.posts)
}

// intern returns the last account string seen when it is equal to s: a file names one or a
// few accounts, and each row's copy would otherwise keep its record alive.
func (b *batch) intern(s string) string {
	if s == b.lastAccount {
		return b.lastAccount
	}
	b.lastAccount = strings.Clone(s)
	return b.lastAccount
}

// metricSet is one post's metrics from one export, gathered into one row.
type metricSet struct {
	platform, account, postID string
	metric                    []string
	value                     []float64
}

// PostMetric adds a metric to its post's row; a metric of another post first completes
// the row being gathered. A post whose metrics come apart in a file gets a row for each
// run of them, which post_metrics reads the same way.
func (b *batch) PostMetric(m connectors.PostMetric) error {
	if b.setOpen && (m.PostID != b.set.postID || m.Account != b.set.account || m.Platform != b.set.platform) {
		if err := b.closeSet(); err != nil {
			return err
		}
	}
	if !b.setOpen {
		if m.PostID != b.lastPostID {
			b.lastPostID = strings.Clone(m.PostID)
		}
		b.set = metricSet{platform: m.Platform, account: b.intern(m.Account), postID: b.lastPostID, metric: b.set.metric[:0], value: b.set.value[:0]}
		b.setOpen = true
	}
	b.set.metric = append(b.set.metric, m.Metric)
	b.set.value = append(b.set.value, m.Value)
	return nil
}

// closeSet writes the post's gathered metrics as a row, if there are any.
func (b *batch) closeSet() error {
	if !b.setOpen {
		return nil
	}
	b.setOpen = false
	s := &b.set
	b.postMetrics.str(b.org).str(s.platform).str(s.account).str(s.postID).strs(s.metric).floats(s.value)
	clear(s.metric) // the table holds them now
	return b.end(&b.postMetrics)
}

func (b *batch) Donation(d connectors.Donation) error {
	recurring := uint8(0)
	if d.Recurring {
		recurring = 1
	}
	b.donations.str(b.org).str(d.Platform).str(d.DonationID).time(d.At.UTC()).float(d.Amount).str(d.Currency).uint8(recurring).
		str(d.Campaign).str(d.UTMSource).str(d.UTMMedium).str(d.UTMCampaign).str(d.DonorHash)
	return b.end(&b.donations)
}

func (b *batch) Signup(s connectors.Signup) error {
	b.signups.str(b.org).str(s.Platform).str(s.Kind).str(s.Campaign).str(s.PersonHash).time(s.At.UTC()).str(s.Channel)
	return b.end(&b.signups)
}

// Skip was counted by the first pass.
func (b *batch) Skip(int, string) {}

// teeSink is the single pass of an engine with a stage: every record is checked and counted
// by stats and built into rows by rows. err keeps a failure of rows (the stage's, not the
// file's), so that it is not reported as a bad file.
type teeSink struct {
	stats *fileStats
	rows  *batch
	err   error
}

func (t *teeSink) keep(err error) error {
	if err != nil && t.err == nil {
		t.err = err
	}
	return err
}

func (t *teeSink) Metric(m connectors.MetricRow) error {
	t.stats.Metric(m)
	return t.keep(t.rows.Metric(m))
}
func (t *teeSink) Post(p connectors.Post) error {
	t.stats.Post(p)
	return t.keep(t.rows.Post(p))
}
func (t *teeSink) PostMetric(m connectors.PostMetric) error {
	t.stats.PostMetric(m)
	return t.keep(t.rows.PostMetric(m))
}
func (t *teeSink) Donation(d connectors.Donation) error {
	t.stats.Donation(d)
	return t.keep(t.rows.Donation(d))
}
func (t *teeSink) Signup(s connectors.Signup) error {
	t.stats.Signup(s)
	return t.keep(t.rows.Signup(s))
}
func (t *teeSink) Skip(line int, reason string) { t.stats.Skip(line, reason) }
