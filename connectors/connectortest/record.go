package connectortest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
)

// canonicalPlatforms are the platform names records may carry.
var canonicalPlatforms = map[string]bool{
	"facebook": true, "instagram": true, "x": true, "linkedin": true, "youtube": true,
	"tiktok": true, "web": true, "email": true,
}

// Recorder is a connectors.Sink that keeps every record as one TSV line (the want.tsv
// format) and checks the invariants every connector must keep.
type Recorder struct {
	Lines []string
	// Records counts emitted records (skips excluded); the others count them by kind.
	Records     int
	Metrics     int
	Posts       int
	PostMetrics int
	Skips       int
	// Problems lists invariant violations (a non-canonical platform, a shifted date...).
	Problems []string
}

func esc(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func (r *Recorder) add(fields ...string) {
	for i, f := range fields {
		fields[i] = esc(f)
	}
	r.Lines = append(r.Lines, strings.Join(fields, "\t"))
	r.Records++
}

func (r *Recorder) check(ok bool, format string, args ...any) {
	if !ok {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

func (r *Recorder) common(platform, metric string, v float64) {
	r.check(canonicalPlatforms[platform], "non-canonical platform %q", platform)
	if metric != "" {
		r.check(!math.IsNaN(v) && !math.IsInf(v, 0), "metric %s has value %v", metric, v)
	}
}

// Metric implements connectors.Sink.
func (r *Recorder) Metric(m connectors.MetricRow) error {
	r.common(m.Platform, m.Metric, m.Value)
	r.check(m.Metric != "", "metric row without a metric name")
	r.check(m.Date.Location() == time.UTC && m.Date.Equal(m.Date.Truncate(24*time.Hour)), "date %v is not UTC midnight", m.Date)
	r.Metrics++
	r.add("metric", m.Platform, m.Account, m.Date.Format("2006-01-02"), m.Metric, m.Dimension, num(m.Value))
	return nil
}

// Post implements connectors.Sink.
func (r *Recorder) Post(p connectors.Post) error {
	r.common(p.Platform, "", 0)
	r.check(p.PostID != "", "post without id")
	r.check(p.PublishedAt.IsZero() || p.PublishedAt.Location() == time.UTC, "published_at %v is not UTC", p.PublishedAt)
	r.Posts++
	r.add("post", p.Platform, p.Account, p.PostID, p.PublishedAt.Format(time.RFC3339), p.Type, p.Title, p.Permalink)
	return nil
}

// PostMetric implements connectors.Sink.
func (r *Recorder) PostMetric(m connectors.PostMetric) error {
	r.common(m.Platform, m.Metric, m.Value)
	r.check(m.PostID != "" && m.Metric != "", "post metric without id or metric")
	r.PostMetrics++
	r.add("post_metric", m.Platform, m.Account, m.PostID, m.Metric, num(m.Value))
	return nil
}

// Donation implements connectors.Sink.
func (r *Recorder) Donation(d connectors.Donation) error {
	r.add("donation", d.Platform, d.DonationID, d.At.Format(time.RFC3339), num(d.Amount), d.Currency,
		strconv.FormatBool(d.Recurring), d.Campaign, d.UTMSource, d.UTMMedium, d.UTMCampaign, d.DonorHash)
	return nil
}

// Signup implements connectors.Sink.
func (r *Recorder) Signup(s connectors.Signup) error {
	r.add("signup", s.Platform, s.At.Format(time.RFC3339), s.Kind, s.Channel, s.PersonHash)
	return nil
}

// Skip implements connectors.Sink.
func (r *Recorder) Skip(line int, reason string) {
	r.check(line > 0 && reason != "", "skip without line or reason")
	r.Lines = append(r.Lines, strings.Join([]string{"skip", strconv.Itoa(line), esc(reason)}, "\t"))
	r.Skips++
}

// TSV returns the recorded lines as want.tsv content.
func (r *Recorder) TSV() string {
	if len(r.Lines) == 0 {
		return ""
	}
	return strings.Join(r.Lines, "\n") + "\n"
}
