package connectortest

import (
	"fmt"
	"math"
	"regexp"
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
	Donations   int
	Signups     int
	Skips       int
	// Problems lists invariant violations (a non-canonical platform, a shifted date...).
	Problems []string
	// ArbitraryText turns off the check that no free-text field (a campaign, a UTM tag)
	// looks like an e-mail address or a phone number: it holds for exports, not for fuzzed
	// bytes, where "00000 00 0" in a UTM column is no one's phone. Personal columns are
	// still checked by value (leaks).
	ArbitraryText bool
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
	// Mapped connectors may name platforms Goalpost has no connector for ("givelively"),
	// but never a misspelling of a canonical one.
	r.check(canonicalPlatforms[platform] || (platformName.MatchString(platform) && !aliases[platform]), "non-canonical platform %q", platform)
	if metric != "" {
		r.check(!math.IsNaN(v) && !math.IsInf(v, 0), "metric %s has value %v", metric, v)
		r.check(connectors.IsMetric(metric), "metric %q is not a canonical metric (connectors.Metrics)", metric)
	}
}

var (
	platformName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	aliases      = map[string]bool{"twitter": true, "fb": true, "ig": true, "ga": true, "ga4": true, "google-analytics": true, "yt": true, "mailchimp-campaigns": true}
	hexHash      = regexp.MustCompile(`^[0-9a-f]{64}$`)
	currency     = regexp.MustCompile(`^[A-Z]{3}$`)
	signupKinds  = map[string]bool{"newsletter": true, "volunteer": true, "member": true, "event": true}
	// looksPersonal catches an e-mail address or a phone number that leaked into a field.
	looksPersonal = regexp.MustCompile(`[^\s@]+@[^\s@]+\.[a-z]{2,}|\+?\d[\d ().-]{8,}\d`)
)

func (r *Recorder) personal(platform string, at time.Time, hash string, fields ...string) {
	r.check(platform != "" && platform == strings.ToLower(platform), "donation/sign-up platform %q is not a lower-case name", platform)
	r.check(!at.IsZero() && at.Location() == time.UTC, "time %v is not UTC", at)
	r.check(hash == "" || hexHash.MatchString(hash), "person hash %q is not a hex HMAC-SHA256", hash)
	for _, f := range fields {
		r.check(r.ArbitraryText || !looksPersonal.MatchString(f), "field %q looks like an e-mail address or phone number", f)
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
	r.personal(d.Platform, d.At, d.DonorHash, d.Campaign, d.UTMSource, d.UTMMedium, d.UTMCampaign)
	r.check(d.DonationID != "" && !strings.Contains(d.DonationID, "@"), "donation id %q", d.DonationID)
	r.check(currency.MatchString(d.Currency), "currency %q is not an ISO code", d.Currency)
	r.check(!math.IsNaN(d.Amount) && !math.IsInf(d.Amount, 0) && d.Amount > 0, "donation amount %v", d.Amount)
	r.Donations++
	r.add("donation", d.Platform, d.DonationID, d.At.Format(time.RFC3339), num(d.Amount), d.Currency,
		strconv.FormatBool(d.Recurring), d.Campaign, d.UTMSource, d.UTMMedium, d.UTMCampaign, d.DonorHash)
	return nil
}

// Signup implements connectors.Sink.
func (r *Recorder) Signup(s connectors.Signup) error {
	r.personal(s.Platform, s.At, s.PersonHash, s.Channel, s.Campaign)
	r.check(signupKinds[s.Kind], "sign-up kind %q", s.Kind)
	r.Signups++
	r.add("signup", s.Platform, s.At.Format(time.RFC3339), s.Kind, s.Channel, s.Campaign, s.PersonHash)
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
