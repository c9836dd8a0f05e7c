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
	// Coverage lists each source's days with data in the period.
	Coverage []Coverage
	// Goals is the organisation's goals measured for the period; nil when the report was
	// built without a goals file.
	Goals *GoalSection
	// Tables are the results of the organisation's saved queries, in file-name order.
	Tables []Table
	// Insights are the dashboard's further figures (model_dashboard.go); nil when not computed.
	Insights *Insights
	// Detail holds the detail tables (model_workbook.go): the workbook's detail sheets, and
	// the top posts and content types that the dashboard shows too, so both files show the
	// same figures. Nil when not computed; renderers then show "no data yet".
	Detail *Detail
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

// Coverage tells how complete one source is over the period, so a gap is never read as a drop.
type Coverage struct {
	Platform     string
	Account      string
	DaysWithData int
	DaysInPeriod int
	LastDate     time.Time
}

// GoalSection is the organisation's goals measured for the period: attainment, pace and
// status of every goal KPI, milestones, source coverage and the definitions of the KPIs
// shown. Every figure comes from sql/goals over the KPI values of sql/kpis.
type GoalSection struct {
	// AsOf is the first day not yet elapsed when the report was computed: the period's end
	// for a finished period, today for a running one.
	AsOf time.Time
	// Complete is true when the whole period has elapsed.
	Complete bool
	// Currency is the organisation's currency, for amounts.
	Currency    string
	Goals       []Goal
	Milestones  []Milestone
	Sources     []SourceCoverage
	Definitions []KPIDefinition
}

// Goal is one of the organisation's goals with its KPIs.
type Goal struct {
	ID            string
	Category      string // e.g. "awareness"
	CategoryLabel string // in the report's language
	Name          string
	Description   string
	KPIs          []GoalKPI
}

// GoalKPI is one KPI of a goal for the period. Pointers are nil where there is no value:
// no data, no target, or nothing elapsed yet.
type GoalKPI struct {
	KPI       string
	Label     string // in the report's language
	Kind      string // flow, stock or ratio
	Unit      string // count, percent (a fraction: 0.04 is 4 %), currency or hours
	Platforms []string
	// TargetType is rate (per TargetPer), level (by a date), value (a ratio) or "".
	TargetType string
	TargetPer  string
	TargetText string // the target in words, e.g. "9,000 per month"

	Actual      *float64 // the value compared with the target
	PeriodValue *float64 // the KPI over the period (differs from Actual for a running total)
	Numerator   float64
	Denominator float64  // ratios only
	Target      *float64 // the target for the whole period
	PaceTarget  *float64 // what should have been reached by AsOf
	Baseline    *float64 // level targets: where the straight line starts
	Attainment  *float64 // Actual / Target
	Pace        *float64 // Actual against PaceTarget
	Status      string   // on_track, at_risk, off_track, not_started, no_target, no_data
	StatusLabel string   // in the report's language

	Previous *float64 // the same KPI over the previous period
	LastYear *float64 // over the same period a year earlier
	// Trend is the trailing 13 months ending with the period, oldest first.
	Trend []MonthPoint

	DaysWithData int
	LastDate     *time.Time
	Benchmarks   []Benchmark
}

// Milestone is a threshold of a KPI and when it was crossed.
type Milestone struct {
	KPI       string
	Label     string
	Platforms []string
	Threshold float64
	// Status is reached, reached_before_data (crossed before the first day with data),
	// not_yet or no_data.
	Status      string
	StatusLabel string
	CrossedOn   *time.Time
	InPeriod    bool // crossed during the report's period: celebrate
	Latest      *float64
	LatestDate  *time.Time
}

// SourceCoverage says how complete one source is over the elapsed part of the period.
type SourceCoverage struct {
	Kind         string // daily (a daily series) or files (exports of posts, gifts, sign-ups)
	Platform     string
	Source       string // the account, or the connector for files
	DaysWithData int
	DaysExpected int
	MissingDays  []time.Time
	LastSeen     *time.Time
}

// KPIDefinition explains a KPI in the report's language.
type KPIDefinition struct {
	KPI         string
	Label       string
	Kind        string
	Unit        string
	Description string // what it counts and its denominator
	Origin      string // builtin, or the organisation's file
	Benchmarks  []Benchmark
}

// Benchmark is a published figure shown beside a KPI.
type Benchmark struct {
	KPI        string
	Platform   string
	Value      float64
	Year       int
	Source     string
	Definition string
}

// Table is the result of one of the organisation's saved queries (its queries/ folder): a
// sheet of its own in the workbook and a table in the dashboard.
type Table struct {
	Title   string // from the query file's "-- title:" line
	Source  string // the query file's name, e.g. "donations_by_month.sql"
	Columns []TableColumn
	// Rows hold one value per column: string for text, float64 for numbers, time.Time for
	// dates (midnight UTC) and moments (UTC), nil where the query returned NULL.
	Rows [][]any
}

// TableColumn is a column of a Table: its name and how its values are shown.
type TableColumn struct {
	Name string
	Kind ColumnKind
}

// ColumnKind says how a Table column's values are shown.
type ColumnKind string

// The kinds of Table columns.
const (
	KindText     ColumnKind = "text"
	KindNumber   ColumnKind = "number"
	KindDate     ColumnKind = "date"
	KindDateTime ColumnKind = "datetime"
)
