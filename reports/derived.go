package reports

import (
	"math"
	"time"
)

// The helpers below derive presentation values from the model in one place, so the workbook
// and the dashboard can never disagree about them.

// Zone is the time zone in which the report shows dates and times: TimeZone, or UTC.
func (r *Report) Zone() *time.Location {
	if r.TimeZone == nil {
		return time.UTC
	}
	return r.TimeZone
}

// Name is the organisation's display name, or its id when the model has no display name.
func (r *Report) Name() string {
	if r.OrgName != "" {
		return r.OrgName
	}
	return r.Org
}

// PeriodName is the period's label in the report's language, or its key ("2025-10").
func (r *Report) PeriodName() string {
	if r.Period.Label != "" {
		return r.Period.Label
	}
	return r.Period.Key
}

// ChangeVsPrevious is the relative change of Actual against Previous (0.1 means +10 %).
// It is nil when either value is missing or Previous is zero: a change from nothing has no
// meaningful percentage, and showing one would invent a figure.
func (h Headline) ChangeVsPrevious() *float64 { return relChange(h.Actual, h.Previous) }

// ChangeVsLastYear is the relative change of Actual against LastYear, with the same rules as
// ChangeVsPrevious.
func (h Headline) ChangeVsLastYear() *float64 { return relChange(h.Actual, h.LastYear) }

func relChange(now, base *float64) *float64 {
	if now == nil || base == nil || *base == 0 || !finite(*now) || !finite(*base) {
		return nil
	}
	c := (*now - *base) / math.Abs(*base)
	return &c
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// MissingDays is how many days of the period the source has no data for.
func (c Coverage) MissingDays() int {
	if c.DaysWithData >= c.DaysInPeriod {
		return 0
	}
	return c.DaysInPeriod - c.DaysWithData
}
