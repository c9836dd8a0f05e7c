package reports

import "time"

// Insights are the figures the dashboard shows beside the goals: each goal KPI's targets and
// last year's values month by month, the platforms side by side, when posts did best, and
// where gifts and sign-ups came from. How each kind of post did and the top posts are the
// Detail's (Detail.ContentTypes, Detail.TopByEngagementRate, Detail.TopByReach), which the
// workbook shows too. Every figure comes from the
// SQL in sql/ (sql/queries/dashboard_*.sql and sql/goals/attainment.sql); a slice is empty
// where the warehouse has no such data.
type Insights struct {
	// GoalTrends line up with each goal KPI's Trend: its target and its value a year earlier
	// for every month of the trend. Empty without goals.
	GoalTrends []GoalTrend
	// Platforms are KPIs of the latest goals run (e.g. followers) by platform, month by
	// month over the trailing 13 months. Empty without goals.
	Platforms []PlatformSeries
	// PostingTimes is engagement by weekday and hour of publication over PostingFrom to
	// PostingTo (the trailing year), in the organisation's time zone.
	PostingTimes []PostingTime
	PostingFrom  time.Time // first day
	PostingTo    time.Time // day after the last day
	// Donations are the period's gifts by UTM source, medium and currency.
	Donations []DonationSource
	// Signups are the period's sign-ups by kind and by how people heard of the organisation.
	Signups []SignupChannel
}

// GoalTrend holds, for one goal KPI (Report.Goals.Goals[Goal].KPIs[KPI]), the months of its
// Trend with the month's target and the value of the same month a year earlier.
type GoalTrend struct {
	Goal int // index in GoalSection.Goals
	KPI  int // index in Goal.KPIs
	// Targets is each trend month's target: a rate target's share of that month, a ratio's
	// value, or for a level target where the straight line stood at the month's end. Nil
	// where the month has no target.
	Targets []MonthPoint
	// LastYear is each trend month's value a year earlier; Month is that earlier month.
	LastYear []MonthPoint
}

// PlatformSeries is one KPI of one platform, month by month.
type PlatformSeries struct {
	KPI      string
	Label    string // in the report's language
	Unit     string
	Platform string
	Points   []MonthPoint
}

// PostingTime is the posts published in one weekday and hour.
type PostingTime struct {
	Weekday int // 1 = Monday ... 7 = Sunday
	Hour    int // 0 to 23, in the organisation's time zone
	Posts   int // posts with engagements
	// Index is the posts' engagements against their own platform's average post (1 is
	// average, 1.5 half as much again); AvgEngagements their plain average.
	Index          float64
	AvgEngagements float64
}

// DonationSource is the gifts of the period from one UTM source and medium in one currency.
type DonationSource struct {
	Source   string // UTM source, lower-cased; "" when the gift carries none
	Medium   string // UTM medium, lower-cased
	Currency string
	Gifts    int
	Amount   float64
}

// SignupChannel is the sign-ups of one kind that came through one channel in the period.
type SignupChannel struct {
	Kind    string // newsletter, volunteer, member, event
	Channel string // how they heard of the organisation, lower-cased; "" when unknown
	Signups int
}
