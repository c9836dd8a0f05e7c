// Package connectors turns the export files that platforms and analytics tools offer into
// canonical records. Each export family lives in its own folder; Default lists them all.
package connectors

import (
	"context"
	"time"
)

// Spec describes a connector to users and to the format detector.
type Spec struct {
	// Name is the stable identifier recorded in the ledger, e.g. "facebook-posts".
	Name string
	// Platform is the canonical platform the records belong to ("facebook", "web", "email"...).
	Platform string
	// Description says in one line what the export is.
	Description string
	// HowToExport tells staff where to download the file on the platform.
	HowToExport string
	// Columns lists the export columns the connector reads (by their English names).
	Columns []string
	// Signature lists the header names that identify the export; the registry uses it to
	// name the closest formats and the missing columns when no connector claims a file.
	Signature []string
	// Metrics lists which export column becomes which canonical metric (see Metrics);
	// docs/metrics.md is generated from it.
	Metrics []MetricColumn
	// Personal is true for exports that carry personal data (donors, subscribers,
	// attendees): they need Options.Salt and emit people only as salted hashes.
	Personal bool
}

// Options carries what a parser needs from the organisation, never from global state.
type Options struct {
	// Org is the organisation the file belongs to.
	Org string
	// Account overrides the account name when the export does not carry one.
	Account string
	// Location is the organisation's time zone, used to turn local post times into UTC.
	Location *time.Location
	// Platform names the platform when the export itself does not say: Meta's overview
	// series titled "Views" or "Content interactions" look the same for Facebook and
	// Instagram. Empty means "trust the file"; a value that contradicts the file is an error.
	Platform string
	// Salt is mixed into every hash of personal data (emails, names) so counts of unique
	// people are possible without storing anyone in clear.
	Salt string
	// ExportedAt is when the file was downloaded from the platform (the caller's best
	// knowledge: a date the user gave, else the file's modification time). Only exports
	// whose dates carry no year (TikTok's "April 12") need it; parsers never read the clock.
	ExportedAt time.Time
}

// Sink receives the canonical records of one file, in file order.
type Sink interface {
	Metric(MetricRow) error
	Post(Post) error
	PostMetric(PostMetric) error
	Donation(Donation) error
	Signup(Signup) error
	// Skip records a line that was deliberately left out (a totals row, a platform error
	// row) with the reason, so the summary can count it.
	Skip(line int, reason string)
}

// Connector reads one export family.
type Connector interface {
	Spec() Spec
	// Detect reports whether the decoded file is this connector's export. It looks at the
	// content (marker lines, header names), never at the file name.
	Detect(f *File) bool
	// Parse emits the file's records to sink. A file is all-or-nothing: a bad row is
	// returned as a *ParseError and the caller discards what was emitted.
	Parse(ctx context.Context, f *File, opts Options, sink Sink) error
}

// MetricRow is one value of a daily series: metrics_daily in the warehouse.
type MetricRow struct {
	Platform  string
	Account   string
	Date      time.Time // a calendar date (UTC midnight); the export's day, never shifted
	Metric    string
	Dimension string // e.g. a GA4 channel group; "" when the series has none
	Value     float64
}

// Post is one published item: a social post, a video, an email campaign.
type Post struct {
	Platform    string
	Account     string
	PostID      string
	PublishedAt time.Time // UTC
	Type        string    // photo, video, link, text, reel, story, carousel, email...
	Title       string
	Permalink   string
}

// PostMetric is a lifetime metric of a post as of the export.
type PostMetric struct {
	Platform string
	Account  string
	PostID   string
	Metric   string
	Value    float64
}

// Donation is one gift. The donor is only ever a salted hash.
type Donation struct {
	Platform    string // stripe, paypal, donorbox...
	DonationID  string
	At          time.Time // UTC
	Amount      float64
	Currency    string
	Recurring   bool
	Campaign    string
	UTMSource   string
	UTMMedium   string
	UTMCampaign string
	DonorHash   string
}

// Signup is one newsletter, volunteer, member or event registration.
type Signup struct {
	Platform   string    // mailchimp, eventbrite, google-forms...
	At         time.Time // UTC
	Kind       string    // newsletter, volunteer, member, event
	Channel    string    // "how did you hear about us", or the source recorded by the tool
	Campaign   string    // the event, list or form the sign-up was for; "" when unknown
	PersonHash string
}
