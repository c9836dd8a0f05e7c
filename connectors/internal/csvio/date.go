package csvio

import (
	"errors"
	"fmt"
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
	var d DateOrderDetector
	for _, v := range values {
		d.Add(v)
	}
	return d.Order(def)
}

// DateOrderDetector is DetectDateOrder fed one value at a time.
type DateOrderDetector struct{ dayFirst, monthFirst bool }

// Add looks at one cell; only numeric dates such as 03/04/2024 say anything.
func (dd *DateOrderDetector) Add(v string) {
	p, ok := parseNumericDate(strings.TrimSpace(v))
	if !ok {
		return
	}
	if p.a > 12 {
		dd.dayFirst = true
	}
	if p.b > 12 {
		dd.monthFirst = true
	}
}

// Order returns the order the values seen so far prove, or def when none decides.
func (dd *DateOrderDetector) Order(def DateOrder) (DateOrder, error) {
	switch {
	case dd.dayFirst && dd.monthFirst:
		return def, ErrAmbiguousDateOrder
	case dd.dayFirst:
		return DayFirst, nil
	case dd.monthFirst:
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
	if p, ok := parseISODate(s); ok {
		y, mo, d, h, mi, sec = p.a, p.b, p.c, p.h, p.mi, p.sec
		if p.zone != "" {
			z, err := parseOffset(p.zone)
			if err != nil {
				return time.Time{}, err
			}
			zone = z
		}
	} else if len(s) == 8 && isDigits(s) {
		y, mo, d = atoi(s[:4]), atoi(s[4:6]), atoi(s[6:])
	} else if p, ok := parseSlashYMD(s); ok {
		y, mo, d, h, mi, sec = p.a, p.b, p.c, p.h, p.mi, p.sec
	} else if p, ok := parseNumericDate(s); ok {
		mo, d = p.a, p.b
		if order == DayFirst {
			mo, d = d, mo
		}
		y = p.c
		if p.yearDigits == 2 {
			y += 2000 // two-digit years only come from recent exports (Eventbrite "11/29/24")
		}
		h, mi, sec = p.h, p.mi, p.sec
		switch p.ampm {
		case 'a':
			if h == 12 {
				h = 0
			} else if h > 12 {
				return time.Time{}, fmt.Errorf("hour %d with am", h)
			}
		case 'p':
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

// dateParts are the numbers of a numeric date in the order written (a, b, c) and its time.
type dateParts struct {
	a, b, c, h, mi, sec int
	yearDigits          int
	zone                string // ISO dates: "Z", "+0100", "-05:00" or ""
	ampm                byte   // numeric dates: 'a', 'p' or 0
}

// The parsers below replace regular expressions that cost more than everything else a row
// needs. Each documents the expression it implements exactly; a run of digits must have a
// length the expression allows, which is equivalent because every digit group is followed by
// a non-digit or the end.

// parseISODate: ^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{2}:?\d{2}|Z))?$
func parseISODate(s string) (p dateParts, ok bool) {
	c := cursor{s: s}
	if p.a, ok = c.num(4, 4); !ok || !c.byte('-') {
		return p, false
	}
	if p.b, ok = c.num(1, 2); !ok || !c.byte('-') {
		return p, false
	}
	if p.c, ok = c.num(1, 2); !ok {
		return p, false
	}
	if (c.peek() == 'T' || c.peek() == ' ') && c.digitAt(c.i+1) {
		c.i++
		if !c.clock(&p) {
			return p, false
		}
	}
	if c.end() {
		return p, true
	}
	c.spaces()
	switch c.peek() {
	case 'Z':
		c.i++
		p.zone = "Z"
	case '+', '-':
		start := c.i
		c.i++
		if _, ok := c.fixed(2); !ok {
			return p, false
		}
		c.byte(':')
		if _, ok := c.fixed(2); !ok {
			return p, false
		}
		p.zone = s[start:c.i]
	default:
		return p, false
	}
	return p, c.end()
}

// parseSlashYMD: ^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$
func parseSlashYMD(s string) (p dateParts, ok bool) {
	c := cursor{s: s}
	if p.a, ok = c.num(4, 4); !ok || !c.byte('/') {
		return p, false
	}
	if p.b, ok = c.num(1, 2); !ok || !c.byte('/') {
		return p, false
	}
	if p.c, ok = c.num(1, 2); !ok {
		return p, false
	}
	if c.peek() == 'T' || c.peek() == ' ' {
		c.i++
		if !c.clock(&p) {
			return p, false
		}
	}
	return p, c.end()
}

// parseNumericDate: ^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?$
func parseNumericDate(s string) (p dateParts, ok bool) {
	c := cursor{s: s}
	sep := func() bool {
		switch c.peek() {
		case '/', '.', '-':
			c.i++
			return true
		}
		return false
	}
	if p.a, ok = c.num(1, 2); !ok || !sep() {
		return p, false
	}
	if p.b, ok = c.num(1, 2); !ok || !sep() {
		return p, false
	}
	start := c.i
	if p.c, ok = c.num(2, 4); !ok || c.i-start == 3 {
		return p, false
	}
	p.yearDigits = c.i - start
	if c.peek() == 'T' || c.peek() == ' ' {
		c.i++
		if !c.clock(&p) {
			return p, false
		}
		save := c.i
		c.spaces()
		if m := c.peek() | 0x20; (m == 'a' || m == 'p') && c.i+1 < len(s) && s[c.i+1]|0x20 == 'm' {
			p.ampm = m
			c.i += 2
		} else {
			c.i = save
		}
	}
	return p, c.end()
}

// cursor walks a date string byte by byte.
type cursor struct {
	s string
	i int
}

func (c *cursor) peek() byte {
	if c.i < len(c.s) {
		return c.s[c.i]
	}
	return 0
}

func (c *cursor) end() bool { return c.i == len(c.s) }

func (c *cursor) digitAt(i int) bool { return i < len(c.s) && c.s[i] >= '0' && c.s[i] <= '9' }

func (c *cursor) byte(b byte) bool {
	if c.peek() == b {
		c.i++
		return true
	}
	return false
}

// num reads a run of digits whose length is between lo and hi.
func (c *cursor) num(lo, hi int) (int, bool) {
	n, start := 0, c.i
	for c.digitAt(c.i) {
		n = n*10 + int(c.s[c.i]-'0')
		c.i++
	}
	return n, c.i-start >= lo && c.i-start <= hi
}

// fixed reads exactly n digits, whatever follows.
func (c *cursor) fixed(n int) (int, bool) {
	v := 0
	for k := 0; k < n; k++ {
		if !c.digitAt(c.i) {
			return 0, false
		}
		v = v*10 + int(c.s[c.i]-'0')
		c.i++
	}
	return v, true
}

// spaces skips \s* (RE2's [\t\n\f\r ]).
func (c *cursor) spaces() {
	for c.i < len(c.s) {
		switch c.s[c.i] {
		case ' ', '\t', '\n', '\f', '\r':
			c.i++
			continue
		}
		return
	}
}

// clock reads (\d{1,2}):(\d{2})(?::(\d{2}))?
func (c *cursor) clock(p *dateParts) bool {
	var ok bool
	if p.h, ok = c.num(1, 2); !ok || !c.byte(':') {
		return false
	}
	if p.mi, ok = c.num(2, 2); !ok {
		return false
	}
	if c.peek() == ':' {
		c.i++
		if p.sec, ok = c.num(2, 2); !ok {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
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
