package csvio

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DateOrder says whether a numeric date like 03/04/2024 puts the month or the day first.
type DateOrder int

// Date orders.
const (
	MonthFirst DateOrder = iota
	DayFirst
)

var (
	isoDate     = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{2}:?\d{2}|Z))?$`)
	compactDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	slashYMD    = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)
	numericDate = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?$`)
)

// nameLayouts are the month-name layouts of YouTube ("Aug 28, 2025"), X Premium ("Mon Feb 17
// 2025", "Sun, Nov 9, 2025") and Mailchimp ("Jan 02, 2025 10:00 am"). Parsing is done on the
// upper-cased value because Go matches month names without regard to case but AM/PM only in
// upper case.
var nameLayouts = []string{
	"Jan 2, 2006", "January 2, 2006", "Mon Jan 2 2006", "Mon, Jan 2, 2006", "Mon, January 2, 2006",
	"Jan 2, 2006 3:04 PM", "Jan 2, 2006 3:04PM", "Jan 2, 2006 15:04", "Jan 2, 2006 15:04:05",
	"2 Jan 2006", "2 January 2006",
}

// ErrAmbiguousDateOrder says a file has dates that only make sense month-first and others
// that only make sense day-first.
var ErrAmbiguousDateOrder = errors.New("the file has dates with the month first and others with the day first")

// DetectDateOrder decides from all of a file's numeric dates whether they are month-first or
// day-first: one value with a first part above 12 settles day-first, a second part above 12
// settles month-first. When no value decides, def (the platform's documented order) stands.
func DetectDateOrder(values []string, def DateOrder) (DateOrder, error) {
	var dayFirst, monthFirst bool
	for _, v := range values {
		m := numericDate.FindStringSubmatch(strings.TrimSpace(v))
		if m == nil {
			continue
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		if a > 12 {
			dayFirst = true
		}
		if b > 12 {
			monthFirst = true
		}
	}
	switch {
	case dayFirst && monthFirst:
		return def, ErrAmbiguousDateOrder
	case dayFirst:
		return DayFirst, nil
	case monthFirst:
		return MonthFirst, nil
	}
	return def, nil
}

// ParseTime reads the date and time layouts the supported exports use. A value that carries
// an offset ("2016-12-23 18:50 +0000") keeps it; any other value is a wall-clock time in loc.
// Dates without a time are midnight.
func ParseTime(s string, order DateOrder, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if loc == nil {
		loc = time.UTC
	}
	var y, mo, d, h, mi, sec int
	zone := loc
	if m := isoDate.FindStringSubmatch(s); m != nil {
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
		h, mi, sec = atoi(m[4]), atoi(m[5]), atoi(m[6])
		if m[7] != "" {
			z, err := parseOffset(m[7])
			if err != nil {
				return time.Time{}, err
			}
			zone = z
		}
	} else if m := compactDate.FindStringSubmatch(s); m != nil {
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
	} else if m := slashYMD.FindStringSubmatch(s); m != nil {
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
		h, mi, sec = atoi(m[4]), atoi(m[5]), atoi(m[6])
	} else if m := numericDate.FindStringSubmatch(s); m != nil {
		mo, d = atoi(m[1]), atoi(m[3])
		if order == DayFirst {
			mo, d = d, mo
		}
		y = atoi(m[4])
		if len(m[4]) == 2 {
			y += 2000 // two-digit years only come from recent exports (Eventbrite "11/29/24")
		}
		h, mi, sec = atoi(m[5]), atoi(m[6]), atoi(m[7])
		switch strings.ToLower(m[8]) {
		case "am":
			if h == 12 {
				h = 0
			} else if h > 12 {
				return time.Time{}, fmt.Errorf("hour %d with am", h)
			}
		case "pm":
			if h < 12 {
				h += 12
			} else if h > 12 {
				return time.Time{}, fmt.Errorf("hour %d with pm", h)
			}
		}
	} else {
		up := strings.ToUpper(s)
		for _, layout := range nameLayouts {
			if t, err := time.ParseInLocation(layout, up, loc); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("unrecognised date")
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, zone)
	if mo < 1 || mo > 12 || d < 1 || t.Day() != d || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, fmt.Errorf("no such date")
	}
	return t, nil
}

// CalendarDate keeps the calendar day of t as UTC midnight: daily series are days, not
// instants, and converting them to UTC first would move them to another day.
func CalendarDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func parseOffset(s string) (*time.Location, error) {
	if s == "Z" {
		return time.UTC, nil
	}
	s = strings.ReplaceAll(s, ":", "")
	hh, mm := atoi(s[1:3]), atoi(s[3:5])
	if hh > 14 || mm > 59 {
		return nil, fmt.Errorf("bad offset %q", s)
	}
	off := (hh*60 + mm) * 60
	if s[0] == '-' {
		off = -off
	}
	if off == 0 {
		return time.UTC, nil
	}
	return time.FixedZone("", off), nil
}
