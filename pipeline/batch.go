package pipeline

import (
	"sort"
	"time"

	"github.com/goalpost/goalpost/connectors"
)

// table is the rows of one file bound for one storage table. The last two columns of every
// row, version and ingested_at, are filled in when the file is loaded.
type table struct {
	name    string
	columns []string
	rows    [][]any
}

// batch collects one file's records, in memory, as the rows of each storage table.
type batch struct {
	org, sha string

	metrics, posts, postMetrics, donations, signups table

	skipped          map[string]int
	dateMin, dateMax time.Time
	platformSet      map[string]bool
	postIDSet        map[string]bool
}

func newBatch(org, sha string) *batch {
	return &batch{
		org: org, sha: sha,
		metrics:     table{name: "metrics_daily_store", columns: []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"}},
		posts:       table{name: "posts_store", columns: []string{"org", "platform", "account", "post_id", "published_at", "type", "title", "permalink", "source_file", "source_row", "version", "ingested_at"}},
		postMetrics: table{name: "post_metrics_store", columns: []string{"org", "platform", "account", "post_id", "metric", "value", "source_file", "source_row", "version", "ingested_at"}},
		donations:   table{name: "donations_store", columns: []string{"org", "platform", "donation_id", "at", "amount", "currency", "recurring", "campaign", "utm_source", "utm_medium", "utm_campaign", "donor_hash", "source_file", "source_row", "version", "ingested_at"}},
		signups:     table{name: "signups_store", columns: []string{"org", "platform", "kind", "campaign", "person_hash", "at", "channel", "source_file", "source_row", "version", "ingested_at"}},
		skipped:     map[string]int{},
		platformSet: map[string]bool{},
		postIDSet:   map[string]bool{},
	}
}

func (b *batch) tables() []*table {
	var out []*table
	for _, t := range []*table{&b.metrics, &b.posts, &b.postMetrics, &b.donations, &b.signups} {
		if len(t.rows) > 0 {
			out = append(out, t)
		}
	}
	return out
}

func (b *batch) count() int {
	return len(b.metrics.rows) + len(b.posts.rows) + len(b.postMetrics.rows) + len(b.donations.rows) + len(b.signups.rows)
}

func (b *batch) seen(platform string, t time.Time) {
	b.platformSet[platform] = true
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if b.dateMin.IsZero() || d.Before(b.dateMin) {
		b.dateMin = d
	}
	if d.After(b.dateMax) {
		b.dateMax = d
	}
}

func (b *batch) platforms() []string { return sortedKeys(b.platformSet) }
func (b *batch) postIDs() []string   { return sortedKeys(b.postIDSet) }

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (b *batch) row(t *table) uint32 { return uint32(len(t.rows) + 1) }

func (b *batch) Metric(m connectors.MetricRow) error {
	b.seen(m.Platform, m.Date)
	b.metrics.rows = append(b.metrics.rows, []any{b.org, m.Platform, m.Account, m.Date, m.Metric, m.Dimension, m.Value, b.sha, b.row(&b.metrics), uint64(0), time.Time{}})
	return nil
}

func (b *batch) Post(p connectors.Post) error {
	b.seen(p.Platform, p.PublishedAt)
	b.postIDSet[p.PostID] = true
	b.posts.rows = append(b.posts.rows, []any{b.org, p.Platform, p.Account, p.PostID, p.PublishedAt.UTC(), p.Type, p.Title, p.Permalink, b.sha, b.row(&b.posts), uint64(0), time.Time{}})
	return nil
}

func (b *batch) PostMetric(m connectors.PostMetric) error {
	b.platformSet[m.Platform] = true
	b.postIDSet[m.PostID] = true
	b.postMetrics.rows = append(b.postMetrics.rows, []any{b.org, m.Platform, m.Account, m.PostID, m.Metric, m.Value, b.sha, b.row(&b.postMetrics), uint64(0), time.Time{}})
	return nil
}

func (b *batch) Donation(d connectors.Donation) error {
	b.seen(d.Platform, d.At)
	recurring := uint8(0)
	if d.Recurring {
		recurring = 1
	}
	b.donations.rows = append(b.donations.rows, []any{b.org, d.Platform, d.DonationID, d.At.UTC(), d.Amount, d.Currency, recurring, d.Campaign, d.UTMSource, d.UTMMedium, d.UTMCampaign, d.DonorHash, b.sha, b.row(&b.donations), uint64(0), time.Time{}})
	return nil
}

func (b *batch) Signup(s connectors.Signup) error {
	b.seen(s.Platform, s.At)
	b.signups.rows = append(b.signups.rows, []any{b.org, s.Platform, s.Kind, "", s.PersonHash, s.At.UTC(), s.Channel, b.sha, b.row(&b.signups), uint64(0), time.Time{}})
	return nil
}

func (b *batch) Skip(line int, reason string) { b.skipped[reason]++ }
