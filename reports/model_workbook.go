package reports

import "time"

// Detail holds the report's detail tables: every goal KPI month by month with the month's
// target, each platform month by month, the period's best posts by engagement rate and by
// reach, performance by content type, the files behind the period and the tidy daily data.
// The workbook's detail sheets show them; the dashboard shows the same rankings and content
// types, so the two files never disagree on "top posts". Like the rest of the model, every
// figure comes from the SQL in sql/ (sql/queries/workbook_*.sql and sql/goals/attainment.sql);
// pointers are nil where there is no data.
type Detail struct {
	// GoalMonths are the goal KPIs' trailing 13 months, in the order of Goals.Goals and their
	// KPIs; empty when the report has no goals.
	GoalMonths []GoalKPIMonths
	// Platforms are the platforms with data in the trailing 13 months, in name order.
	Platforms []PlatformMonths
	// TopByEngagementRate are the period's ten posts with the highest engagement rate among
	// those that reached at least MinReachForRate people.
	TopByEngagementRate []RankedPost
	// TopByReach are the period's ten posts that reached the most people.
	TopByReach []RankedPost
	// MinReachForRate is the reach below which a post is not ranked by engagement rate.
	MinReachForRate float64
	// ContentTypes are the period's posts by platform, account and type, with the account's
	// averages beside them.
	ContentTypes []ContentType
	// WhatWorked picks the period's best content type and best post for the Summary.
	WhatWorked WhatWorked
	// Files are the exports whose data overlaps the period, whatever their state.
	Files []IngestedFile
	// Daily is the tidy daily table behind the report.
	Daily DailyTable
}

// GoalKPIMonths is one goal KPI month by month.
type GoalKPIMonths struct {
	Goal   int // index in GoalSection.Goals
	KPI    int // index in that goal's KPIs
	Months []GoalMonth
}

// GoalMonth is a goal KPI over one month, as sql/goals/attainment.sql measures it for that
// month alone (as of the report's AsOf for a month still running).
type GoalMonth struct {
	Month time.Time // first day of the month
	// Actual is the value compared with the target: the month's value, or for a flow with a
	// level target the running total since the target's start.
	Actual *float64
	// Target is what the month should have reached: the month's share of a rate target, a
	// ratio's target value, or the straight line to a level target at the month's end
	// (attainment.sql's pace_target).
	Target *float64
	// Attained is Actual over Target (attainment.sql's pace).
	Attained    *float64
	Status      string
	StatusLabel string
}

// PlatformMonths is one platform month by month.
type PlatformMonths struct {
	Platform string
	Label    string // display name
	Months   []PlatformMonth
}

// PlatformMonth is one platform's figures for one month (sql/queries/workbook_platform_monthly.sql).
type PlatformMonth struct {
	Month          time.Time
	Followers      *float64 // at the month's last day with data
	FollowersNew   *float64
	Reach          *float64
	Impressions    *float64
	Views          *float64
	Engagements    *float64
	EngagementRate *float64 // engagements / reach, a fraction
	Posts          *float64
	LinkClicks     *float64
	Sessions       *float64
	Users          *float64
	NewUsers       *float64
}

// RankedPost is a post in one of the period's rankings (sql/queries/workbook_post_ranking.sql).
type RankedPost struct {
	Platform       string
	Account        string
	PostID         string
	PublishedAt    time.Time // UTC
	Type           string
	Title          string
	Permalink      string
	Reach          *float64
	Engagements    *float64
	EngagementRate *float64 // Engagements / Reach, a fraction
}

// ContentType is the period's performance of one post type on one account
// (sql/queries/workbook_content_types.sql).
type ContentType struct {
	Platform       string
	Account        string
	Type           string
	Posts          int
	AvgReach       *float64 // per post
	AvgEngagements *float64 // per post
	EngagementRate *float64
	// The account's figures over all its posts of the period.
	AccountPosts          int
	AccountAvgEngagements *float64
	AccountEngagementRate *float64
	// VsAccount is AvgEngagements over AccountAvgEngagements: 1.5 means half as many
	// engagements again per post as the account's average.
	VsAccount *float64
}

// MinReachForRate is the reach below which a post is not ranked by engagement rate: three
// engagements from five people is not the month's best post. The pipeline ranks with it and
// records it in Detail.MinReachForRate.
const MinReachForRate = 100

// MinPostsForWhatWorked is how many posts of a type the period needs before the Summary
// names it as what worked: one lucky post is not a pattern.
const MinPostsForWhatWorked = 3

// WhatWorked is the Summary's "what worked" line: picked from ContentTypes and
// TopByEngagementRate, never computed.
type WhatWorked struct {
	// BestType is the content type with the most engagements per post against its account's
	// average, among types with at least MinPostsForWhatWorked posts; nil when none qualifies
	// or none beats its account's average.
	BestType *ContentType
	// BestPost is the period's post with the highest engagement rate; nil without one.
	BestPost *RankedPost
}

// IngestedFile is one export in the ledger (sql/queries/workbook_files.sql).
type IngestedFile struct {
	ID         string // first 12 hex digits of the file's sha256
	Name       string
	Connector  string
	Status     string // loaded, rejected, loading, removed
	Rows       int
	Skipped    int
	FirstDay   time.Time
	LastDay    time.Time
	IngestedAt time.Time // UTC
	Error      string
}

// DailyTable is the tidy daily data over [Start, End): the period and the trailing months
// the report's trends show.
type DailyTable struct {
	Start, End time.Time
	Rows       []DailyRow
}

// DailyRow is one day's value of one metric of one account (sql/queries/workbook_daily.sql).
// Dimension is "" for the account's total, else a breakdown of that total.
type DailyRow struct {
	Date      time.Time
	Platform  string
	Account   string
	Metric    string
	Dimension string
	Value     float64
}

// ChangeVsPrevious is the change of the KPI's period value against the previous period:
// relative (0.1 means +10 %) for counts and amounts, and in percentage points for a KPI that
// is itself a percentage (a rate going from 4 % to 5 % is +1 point, not +25 %). Nil when
// either value is missing, or for a relative change when the base is zero.
func (k GoalKPI) ChangeVsPrevious() *float64 { return k.change(k.Previous) }

// ChangeVsLastYear is the change against the same period a year earlier, with the same rules
// as ChangeVsPrevious.
func (k GoalKPI) ChangeVsLastYear() *float64 { return k.change(k.LastYear) }

// ChangeInPoints reports whether the KPI's changes are in percentage points.
func (k GoalKPI) ChangeInPoints() bool { return k.Unit == "percent" }

func (k GoalKPI) change(base *float64) *float64 {
	if !k.ChangeInPoints() {
		return relChange(k.PeriodValue, base)
	}
	if k.PeriodValue == nil || base == nil || !finite(*k.PeriodValue) || !finite(*base) {
		return nil
	}
	pts := (*k.PeriodValue - *base) * 100
	return &pts
}
