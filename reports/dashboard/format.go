package dashboard

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/goalpost/goalpost/reports"
)

// noValue is shown wherever the model has no figure: never 0.
const noValue = "—"

// format writes numbers and dates the way the report's language does. French groups
// thousands with a narrow no-break space (U+202F), uses a decimal comma and puts the same
// space before "%", as CLDR and Intl.NumberFormat("fr-FR") do, so tables and chart axes agree.
type format struct {
	l        reports.Labels
	zone     *time.Location
	group    string // thousands separator
	decimal  string
	pctSpace string // between a number and "%"
	locale   string // BCP 47 tag for Intl.NumberFormat in the page
	colon    string // French sets a no-break space before ":" and ";"
}

func newFormat(l reports.Labels, zone *time.Location) format {
	if l.Lang == "fr" {
		return format{l: l, zone: zone, group: "\u202f", decimal: ",", pctSpace: "\u202f", locale: "fr-FR", colon: "\u00a0"}
	}
	return format{l: l, zone: zone, group: ",", decimal: ".", locale: "en-GB"}
}

// number shows v with at most two decimals, trailing zeros dropped.
func (f format) number(v *float64) string {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return noValue
	}
	return f.fixed(*v, 2, true)
}

// integer shows a count.
func (f format) integer(n int) string { return f.fixed(float64(n), 0, false) }

// change shows a ratio (0.125) as a signed percentage ("+12.5%"), with an arrow so the
// direction reads without colour.
func (f format) change(v *float64) (text, class string) {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return noValue, ""
	}
	pct := *v * 100
	s := f.fixed(math.Abs(pct), 1, false) + f.pctSpace + "%"
	switch rounded := math.Round(pct*10) / 10; {
	case rounded > 0:
		return "▲ +" + s, "up"
	case rounded < 0:
		return "▼ −" + s, "down"
	}
	return "= " + s, ""
}

// fixed formats v with decimals places, grouped; trim drops trailing zeros of the fraction.
func (f format) fixed(v float64, decimals int, trim bool) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	if trim {
		frac = strings.TrimRight(frac, "0")
	}
	var b strings.Builder
	if v < 0 && (strings.Trim(whole, "0") != "" || strings.Trim(frac, "0") != "") {
		b.WriteString("−")
	}
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(f.group)
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString(f.decimal + frac)
	}
	return b.String()
}

// date shows a calendar date as stored: "2 October 2025", "1er octobre 2025".
func (f format) date(t time.Time) string {
	if t.IsZero() {
		return noValue
	}
	day := strconv.Itoa(t.Day())
	if f.l.Lang == "fr" && t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, f.l.Month(t.Month()), t.Year())
}

// instant shows a moment in the report's zone, with the zone, so nobody reads UTC as local.
func (f format) instant(t time.Time) string {
	if t.IsZero() {
		return noValue
	}
	t = t.In(f.zone)
	sep := ", "
	if f.l.Lang == "fr" {
		sep = " à "
	}
	return f.date(t) + sep + t.Format("15:04 MST")
}

// short shows a moment compactly in the report's zone, which the column header names:
// "1 Oct 2025 18:45", "1er oct. 2025 18:45".
func (f format) short(t time.Time) string {
	if t.IsZero() {
		return noValue
	}
	t = t.In(f.zone)
	day := strconv.Itoa(t.Day())
	if f.l.Lang == "fr" && t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d %s", day, f.l.MonthShort(t.Month()), t.Year(), t.Format("15:04"))
}

// month is a chart axis label: "Oct 2025", "oct. 2025".
func (f format) month(t time.Time) string {
	return fmt.Sprintf("%s %d", f.l.MonthShort(t.Month()), t.Year())
}

// label joins a label and its value with the language's colon.
func (f format) label(name, value string) string { return name + f.colon + ": " + value }

// value shows v in a KPI unit: a count, a percentage (v is a fraction), an amount of
// currency or hours.
func (f format) value(v *float64, unit, currency string) string {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return noValue
	}
	switch unit {
	case "percent":
		return f.percent(*v)
	case "currency":
		s := f.fixed(math.Round(*v), 0, false)
		if currency == "" {
			return s
		}
		if f.l.Lang == "fr" {
			return s + "\u00a0" + currency
		}
		return currency + "\u00a0" + s
	case "hours":
		return f.fixed(*v, 1, true) + "\u00a0h"
	}
	return f.number(v)
}

// percent shows a fraction as a percentage with at most one decimal: 0.125 is "12.5%".
func (f format) percent(v float64) string {
	return f.fixed(v*100, 1, true) + f.pctSpace + "%"
}

// number1 shows v with at most one decimal.
func (f format) number1(v *float64) string {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return noValue
	}
	return f.fixed(*v, 1, true)
}

// index shows a ratio to an average: "×1.4".
func (f format) index(v *float64) string {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return noValue
	}
	return "×" + f.fixed(*v, 1, false)
}

// hour is an hour of the day on a 24-hour clock: "09:00", "9 h".
func (f format) hour(h int) string {
	if f.l.Lang == "fr" {
		return strconv.Itoa(h) + "\u00a0h"
	}
	return fmt.Sprintf("%02d:00", h)
}

// platforms names a list of platforms: "Facebook, Instagram".
func (f format) platforms(ps []string) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = f.l.PlatformLabel(p)
	}
	return strings.Join(names, ", ")
}

// ranges names days as runs: "3–5 October 2026, 12 October 2026", at most four runs.
func ranges(f format, days []time.Time) string {
	var parts []string
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && days[j+1].Sub(days[j]) == 24*time.Hour {
			j++
		}
		if len(parts) == 4 {
			parts = append(parts, "…")
			break
		}
		switch {
		case i == j:
			parts = append(parts, f.date(days[i]))
		case days[i].Month() == days[j].Month() && days[i].Year() == days[j].Year():
			d := strconv.Itoa(days[i].Day())
			if f.l.Lang == "fr" && days[i].Day() == 1 {
				d = "1er"
			}
			parts = append(parts, d+"–"+f.date(days[j]))
		default:
			parts = append(parts, f.date(days[i])+" – "+f.date(days[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
