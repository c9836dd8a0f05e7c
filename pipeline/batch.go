package pipeline

import (
	"context"
	"time"

	"github.com/goalpost/goalpost/connectors"
)

// DefaultBatchRows is how many rows of one table are sent in one INSERT. Memory is bounded by
// it, not by the size of the file: ClickHouse recommends 10,000 to 100,000 rows per insert.
const DefaultBatchRows = 100_000

// table is the rows of one file bound for one storage table.
type table struct {
	name    string
	columns []string
	rows    [][]any
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
// table's rows to the warehouse every batchRows rows.
type batch struct {
	ctx       context.Context
	org, sha  string
	version   uint64
	loadedAt  time.Time
	batchRows int
	insert    func(ctx context.Context, t *table) error

	metrics, posts, postMetrics, donations, signups table
	rowNo                                           map[string]uint32
}

func newBatch(ctx context.Context, org, sha string, version uint64, loadedAt time.Time, batchRows int, insert func(context.Context, *table) error) *batch {
	if batchRows <= 0 {
		batchRows = DefaultBatchRows
	}
	return &batch{
		ctx: ctx, org: org, sha: sha, version: version, loadedAt: loadedAt, batchRows: batchRows, insert: insert,
		metrics:     table{name: "metrics_daily_store", columns: []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"}},
		posts:       table{name: "posts_store", columns: []string{"org", "platform", "account", "post_id", "published_at", "type", "title", "permalink", "source_file", "source_row", "version", "ingested_at"}},
		postMetrics: table{name: "post_metrics_store", columns: []string{"org", "platform", "account", "post_id", "metric", "value", "source_file", "source_row", "version", "ingested_at"}},
		donations:   table{name: "donations_store", columns: []string{"org", "platform", "donation_id", "at", "amount", "currency", "recurring", "campaign", "utm_source", "utm_medium", "utm_campaign", "donor_hash", "source_file", "source_row", "version", "ingested_at"}},
		signups:     table{name: "signups_store", columns: []string{"org", "platform", "kind", "campaign", "person_hash", "at", "channel", "source_file", "source_row", "version", "ingested_at"}},
		rowNo:       map[string]uint32{},
	}
}

// add appends one row and sends the table's rows once there are batchRows of them.
func (b *batch) add(t *table, row ...any) error {
	b.rowNo[t.name]++
	row = append(row, b.sha, b.rowNo[t.name], b.version, b.loadedAt)
	t.rows = append(t.rows, row)
	if len(t.rows) >= b.batchRows {
		return b.send(t)
	}
	return nil
}

func (b *batch) send(t *table) error {
	if len(t.rows) == 0 {
		return nil
	}
	if err := b.insert(b.ctx, t); err != nil {
		return err
	}
	t.rows = t.rows[:0]
	return nil
}

// flush sends what is left of every table.
func (b *batch) flush() error {
	for _, t := range []*table{&b.metrics, &b.posts, &b.postMetrics, &b.donations, &b.signups} {
		if err := b.send(t); err != nil {
			return err
		}
	}
	return nil
}

func (b *batch) wrote(name string) bool { return b.rowNo[name] > 0 }

func (b *batch) Metric(m connectors.MetricRow) error {
	return b.add(&b.metrics, b.org, m.Platform, m.Account, m.Date, m.Metric, m.Dimension, m.Value)
}

func (b *batch) Post(p connectors.Post) error {
	return b.add(&b.posts, b.org, p.Platform, p.Account, p.PostID, p.PublishedAt.UTC(), p.Type, p.Title, p.Permalink)
}

func (b *batch) PostMetric(m connectors.PostMetric) error {
	return b.add(&b.postMetrics, b.org, m.Platform, m.Account, m.PostID, m.Metric, m.Value)
}

func (b *batch) Donation(d connectors.Donation) error {
	recurring := uint8(0)
	if d.Recurring {
		recurring = 1
	}
	return b.add(&b.donations, b.org, d.Platform, d.DonationID, d.At.UTC(), d.Amount, d.Currency, recurring, d.Campaign, d.UTMSource, d.UTMMedium, d.UTMCampaign, d.DonorHash)
}

func (b *batch) Signup(s connectors.Signup) error {
	return b.add(&b.signups, b.org, s.Platform, s.Kind, s.Campaign, s.PersonHash, s.At.UTC(), s.Channel)
}

// Skip was counted by the first pass.
func (b *batch) Skip(int, string) {}
