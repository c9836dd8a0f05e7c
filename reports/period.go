package reports

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

var (
	monthRE   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	quarterRE = regexp.MustCompile(`^(\d{4})[Qq]([1-4])$`)
	yearRE    = regexp.MustCompile(`^(\d{4})$`)
)

// ParsePeriod reads a period key: "2025-10" (a month), "2025Q4" (a quarter) or "2025" (a
// year). Dates are calendar dates (UTC midnight); lang chooses the label's language.
func ParsePeriod(key, lang string) (Period, error) {
	l, err := LabelsFor(lang)
	if err != nil {
		return Period{}, err
	}
	switch {
	case monthRE.MatchString(key):
		m := monthRE.FindStringSubmatch(key)
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return Period{}, fmt.Errorf("period %q: month must be 01 to 12", key)
		}
		start := time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
		return Period{Key: key, Label: l.Month(start.Month()) + " " + m[1], Start: start, End: start.AddDate(0, 1, 0)}, nil
	case quarterRE.MatchString(key):
		m := quarterRE.FindStringSubmatch(key)
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		start := time.Date(y, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, time.UTC)
		label := fmt.Sprintf("Q%d %d", q, y)
		if lang == "fr" {
			label = fmt.Sprintf("T%d %d", q, y)
		}
		return Period{Key: fmt.Sprintf("%dQ%d", y, q), Label: label, Start: start, End: start.AddDate(0, 3, 0)}, nil
	case yearRE.MatchString(key):
		y, _ := strconv.Atoi(key)
		start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return Period{Key: key, Label: key, Start: start, End: start.AddDate(1, 0, 0)}, nil
	}
	return Period{}, fmt.Errorf("period %q: want a month (2025-10), a quarter (2025Q4) or a year (2025)", key)
}

// LastCompleteMonth is the month before the one that now falls in, in the organisation's zone.
func LastCompleteMonth(now time.Time, loc *time.Location, lang string) (Period, error) {
	if loc == nil {
		loc = time.UTC
	}
	local := now.In(loc)
	prev := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	return ParsePeriod(prev.Format("2006-01"), lang)
}

// Shift returns the period of the same length moved by the given number of years and months,
// e.g. the previous period or the same period last year.
func (p Period) Shift(years, months int) Period {
	return Period{
		Key:   p.Key,
		Label: p.Label,
		Start: p.Start.AddDate(years, months, 0),
		End:   p.End.AddDate(years, months, 0),
	}
}

// Months is how many calendar months the period spans.
func (p Period) Months() int {
	return (p.End.Year()-p.Start.Year())*12 + int(p.End.Month()-p.Start.Month())
}

// Days is how many calendar days the period spans.
func (p Period) Days() int {
	return int(p.End.Sub(p.Start).Hours()/24 + 0.5)
}
