// Package reports holds the report model computed once for a period and its two renderings:
// the board workbook (xlsx) and the dashboard (html). It never opens a database: every figure
// arrives in the model, computed by the SQL in sql/.
package reports

import "time"

// Report is everything one period's workbook and dashboard show.
type Report struct {
	Org         string    // organisation id, used in file names
	OrgName     string    // display name
	Lang        string    // "en" or "fr"
	Period      Period    // the reported period
	GeneratedAt time.Time // when the model was computed (injected clock)
	// TimeZone is the organisation's zone, in which renderers show dates and times
	// (excelize writes wall-clock time, so the zone must be chosen before writing).
	// Nil means UTC.
	TimeZone *time.Location

	// Headlines are the summary rows: one per platform and metric, for the period.
	Headlines []Headline
	// Monthly is the trailing 13 months of each headline series, oldest first.
	Monthly []MonthlySeries
	// TopPosts are the period's best posts by engagements.
	TopPosts []TopPost
	// Coverage lists each source's days with data in the period.
	Coverage []Coverage
}

// Period is a reporting period [Start, End) in the organisation's calendar.
type Period struct {
	Key   string    // "2025-10", "2025Q4", "2025"
	Label string    // "October 2025" in the report's language
	Start time.Time // first day
	End   time.Time // day after the last day
}

// Headline is one figure on the Summary sheet. Pointers are nil when there is no data:
// numbers are right or absent, never a silent zero.
type Headline struct {
	Platform string
	Metric   string // canonical metric name, e.g. "reach"
	Label    string // human label in the report's language
	Kind     string // "flow" (summed) or "stock" (last value)
	Actual   *float64
	Previous *float64 // previous period
	LastYear *float64 // same period a year earlier
}

// MonthlySeries is one platform and metric, month by month.
type MonthlySeries struct {
	Platform string
	Metric   string
	Label    string
	Points   []MonthPoint
}

// MonthPoint is one month of a series.
type MonthPoint struct {
	Month time.Time // first day of the month
	Value *float64
}

// TopPost is a post that did well in the period.
type TopPost struct {
	Platform    string
	PostID      string
	PublishedAt time.Time
	Type        string
	Title       string
	Permalink   string
	Reach       *float64
	Engagements *float64
}

// Coverage tells how complete one source is over the period, so a gap is never read as a drop.
type Coverage struct {
	Platform     string
	Account      string
	DaysWithData int
	DaysInPeriod int
	LastDate     time.Time
}
