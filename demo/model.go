package demo

import (
	"math"
	"math/rand/v2"
	"time"
)

// day is one civil day. Everything in the demo is a calendar date or a local
// wall-clock time of the organisation (US Pacific), stored in a time.Time
// tagged UTC so that date arithmetic never crosses a DST boundary by accident.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// civil drops the clock and zone of t, keeping its calendar date as written.
func civil(t time.Time) time.Time { return day(t.Date()) }

// span is an inclusive range of days.
type span struct{ first, last time.Time }

func (s span) days() []time.Time {
	var out []time.Time
	for d := s.first; !d.After(s.last); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

func (s span) contains(d time.Time) bool { return !d.Before(s.first) && !d.After(s.last) }

// period is what the demo covers: the 13 full months before now, then the
// current month up to yesterday (today is never complete in any export).
type period struct {
	today  time.Time // the download day
	all    span
	months []span // calendar months, the last one possibly partial
}

func newPeriod(now time.Time) period {
	today := civil(now)
	first := day(today.Year(), today.Month(), 1).AddDate(0, -13, 0)
	p := period{today: today, all: span{first, today.AddDate(0, 0, -1)}}
	for m := first; !m.After(p.all.last); m = m.AddDate(0, 1, 0) {
		last := m.AddDate(0, 1, -1)
		if last.After(p.all.last) {
			last = p.all.last
		}
		p.months = append(p.months, span{m, last})
	}
	return p
}

// index is the day number of d inside the period (0 for the first day).
func (p period) index(d time.Time) int { return int(d.Sub(p.all.first).Hours() / 24) }

// trend is the slow organic growth of every audience: about 2.5% a month,
// so the board sees its channels grow and milestones get crossed.
func (p period) trend(d time.Time) float64 { return 1 + 0.025*float64(p.index(d))/30.4 }

// season is the yearly rhythm of a food bank's attention: the holiday giving
// season (Thanksgiving, Giving Tuesday, year-end appeals) peaks, summer dips.
func season(d time.Time) float64 {
	f := [...]float64{0, 0.95, 0.88, 0.95, 1.0, 0.95, 0.8, 0.68, 0.73, 0.98, 1.05, 1.3, 1.45}[d.Month()]
	switch {
	case d.Equal(givingTuesday(d.Year())):
		f *= 2.2
	case d.Month() == time.December && d.Day() >= 28:
		f *= 1.4 // last-chance year-end appeals
	}
	return f
}

// weekday is the weekly rhythm of social media for a small nonprofit.
func weekday(d time.Time) float64 {
	return [...]float64{0.8, 1.05, 1.1, 1.05, 1.0, 0.95, 0.82}[d.Weekday()]
}

// givingTuesday is the Tuesday after US Thanksgiving (fourth Thursday of November).
func givingTuesday(year int) time.Time {
	d := day(year, time.November, 1)
	for d.Weekday() != time.Thursday {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 21+5)
}

// nthSunday returns the n-th Sunday of a month.
func nthSunday(year int, m time.Month, n int) time.Time {
	d := day(year, m, 1)
	for d.Weekday() != time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 7*(n-1))
}

// pacificDST reports whether US daylight saving time is in effect at midnight
// starting day d. The switch happens at 2 a.m., so the switching Sunday itself
// starts in the old regime.
func pacificDST(d time.Time) bool {
	return d.After(nthSunday(d.Year(), time.March, 2)) && !d.After(nthSunday(d.Year(), time.November, 1))
}

// pacificToUTC converts a local Pacific wall-clock time (daytime hours) to UTC
// without needing the tz database on the machine.
func pacificToUTC(local time.Time) time.Time {
	offset := 8 * time.Hour
	d := civil(local)
	if !d.Before(nthSunday(d.Year(), time.March, 2)) && d.Before(nthSunday(d.Year(), time.November, 1)) {
		offset = 7 * time.Hour
	}
	return local.Add(offset)
}

// newRand gives each platform its own fixed stream, so changing one
// platform's generator never changes another platform's numbers.
func newRand(stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }

// lognorm is a multiplicative noise with mean 1: social numbers are skewed,
// a few posts do far better than the rest.
func lognorm(r *rand.Rand, sigma float64) float64 {
	return math.Exp(sigma*r.NormFloat64() - sigma*sigma/2)
}

// poisson draws a count with mean lambda (small counts such as daily follows).
func poisson(r *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// between draws a float in [lo, hi).
func between(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// round converts a non-negative float count to int.
func round(x float64) int { return max(0, int(math.Round(x))) }

// spreadWeights is the share of a post's lifetime total that arrives on the
// day it is published and on each of the following days.
func spreadWeights() [4]float64 { return [...]float64{0.58, 0.28, 0.1, 0.04} }

// addSpread adds a post's lifetime total to a daily series, spread over its
// first days from day index i on, the way reach and interactions arrive.
func addSpread(series []float64, i int, total float64) {
	for k, w := range spreadWeights() {
		if i+k < len(series) {
			series[i+k] += total * w
		}
	}
}

// maturity is the share of a post's lifetime metrics it has reached ageDays
// after publication: a content export downloaded the day after a post shows
// noticeably lower numbers than one downloaded a week later.
func maturity(ageDays int) float64 {
	return 1 - 0.5*math.Exp(-float64(ageDays)/1.3)
}

// ageAt is the number of whole days between publication and download.
func ageAt(published, download time.Time) int {
	return int(download.Sub(civil(published)).Hours() / 24)
}

// digits returns a random decimal string of n digits without a leading zero,
// the shape of Meta and Instagram IDs.
func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	b[0] = byte('1' + r.IntN(9))
	for i := 1; i < n; i++ {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// token returns n random characters of the URL-safe base64 alphabet
// (YouTube video IDs, Instagram shortcodes).
func token(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = base64url[r.IntN(len(base64url))]
	}
	return string(b)
}
