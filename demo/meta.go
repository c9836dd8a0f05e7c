package demo

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Meta Business Suite pieces shared by Facebook and Instagram.
//
// Content exports (one row per post) are named
// <Mon>-<DD>-<YYYY>_<Mon>-<DD>-<YYYY>_<export id>.csv, UTF-8 with BOM, LF,
// quoted only where a value holds a space or comma
// [corpus: facebook/oigetit/Jan-14-2025_Apr-14-2025_1396269028466733.csv].
//
// The overview series (one metric per file, Insights → Export) are UTF-16 LE
// with BOM, LF, every field quoted:
//
//	sep=,
//	"Facebook reach"
//	"Date","Primary"
//	"2025-01-01T01:00:00","5"
//	…
//	<blank line>
//
// [corpus: facebook/oigetit/Reach.csv, instagram/fts/Reach.csv]. Their names
// (Reach.csv, Follows.csv, …) are the same for both platforms, so each
// download sits in its own folder.

// metaSeries holds a Meta account's daily overview metrics, by day index
// of the period, as final (settled) values.
type metaSeries struct {
	reach, views, follows, visits, interactions, linkClicks []int
}

// metaMetric is one downloadable series file.
type metaMetric struct {
	file   string // file name as downloaded, e.g. "Reach.csv"
	title  string // line 2, the metric title Meta writes into the file
	values []int  // by day index of the period
	// sparse omits days whose value is 0: Instagram's follows download
	// lists only days with follows [corpus: instagram/vintage/IG_FOLLOWS.csv].
	sparse bool
}

// download is one Insights download: the date range staff picked, and how
// many of its last days were still provisional when it was taken.
type download struct {
	span        span
	provisional int
}

// seriesDownloads is how staff downloaded the overview series: first one
// quarterly download for the board's quarter report (taken on the quarter's
// last day, so its last two days were still low), then one download per
// month starting again with that quarter's last month, then the current
// month to date. The quarterly and the first monthly download overlap on a
// whole month whose last days differ: the newest export must win.
func seriesDownloads(p period) []download {
	if len(p.months) < 3 {
		out := make([]download, 0, len(p.months))
		for _, m := range p.months {
			out = append(out, download{span: m})
		}
		return out
	}
	out := []download{{span: span{p.months[0].first, p.months[2].last}, provisional: 2}}
	for _, m := range p.months[2:] {
		out = append(out, download{span: m})
	}
	return out
}

// provisionalShare is how much of a day's final value a download showed when
// the day was k days from the end of a provisional download (k = 0: last day).
func provisionalShare(k int) float64 { return [...]float64{0.74, 0.93}[k] }

// seriesFiles renders every download of every metric of one platform into
// folder/insights_<first>_<last>/<file>. dstHour reproduces the hour that
// jumps between T00 and T01 with US daylight saving time (Facebook); without
// it every date is written T00:00:00, as recent Instagram downloads are.
func seriesFiles(p period, folder string, metrics []metaMetric, dstHour bool) []file {
	var out []file
	for _, dl := range seriesDownloads(p) {
		dir := folder + "/insights_" + dl.span.first.Format("2006-01-02") + "_" + dl.span.last.Format("2006-01-02") + "/"
		days := dl.span.days()
		for _, m := range metrics {
			var b strings.Builder
			b.WriteString("sep=,\n")
			b.WriteString(`"` + m.title + `"` + "\n")
			b.WriteString(`"Date","Primary"` + "\n")
			for k, d := range days {
				v := m.values[p.index(d)]
				if fromEnd := len(days) - 1 - k; fromEnd < dl.provisional {
					v = int(math.Floor(float64(v) * provisionalShare(fromEnd)))
				}
				if m.sparse && v == 0 {
					continue
				}
				b.WriteString(`"` + seriesDate(d, dstHour) + `","` + itoa(v) + `"` + "\n")
			}
			b.WriteString("\n") // Meta ends these files with a blank line.
			out = append(out, file{name: dir + m.file, data: utf16LE(b.String())})
		}
	}
	return out
}

// seriesDate writes a day as Meta's series do. Facebook's dates are a US
// Pacific midnight rendered at a fixed UTC-7, so the hour is 01 in winter and
// 00 in summer, switching the day after the DST change (2025-03-09T01:00:00
// is followed by 2025-03-10T00:00:00) [corpus: facebook/oigetit/Follows.csv,
// facebook/vintage/Follows.csv].
func seriesDate(d time.Time, dstHour bool) string {
	if dstHour && !pacificDST(d) {
		return d.Format("2006-01-02") + "T01:00:00"
	}
	return d.Format("2006-01-02") + "T00:00:00"
}

// contentName is the file name Business Suite gives a content export:
// Oct-01-2025_Oct-31-2025_1396269028466733.csv. The trailing number is an
// export id, not the Page id.
func contentName(s span, exportID string) string {
	return s.first.Format("Jan-02-2006") + "_" + s.last.Format("Jan-02-2006") + "_" + exportID + ".csv"
}

// publishTime is Business Suite's "Publish time": MM/DD/YYYY HH:MM, 24-hour,
// in the downloader's zone.
func publishTime(t time.Time) string { return t.Format("01/02/2006 15:04") }

// contentFile renders a content export: BOM, header, rows.
func contentFile(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	metaLine(&b, header...)
	for _, r := range rows {
		metaLine(&b, r...)
	}
	return b.Bytes()
}

// postTimes draws n publication times in a month, in local time, skipping
// most Sundays: small teams schedule posts for office hours.
func postTimes(r *rand.Rand, m span, n int) []time.Time {
	days := m.days()
	out := make([]time.Time, 0, n)
	for len(out) < n {
		d := days[r.IntN(len(days))]
		if d.Weekday() == time.Sunday && r.Float64() < 0.7 {
			continue
		}
		minute := 7*60 + 30 + r.IntN(12*60)
		out = append(out, d.Add(time.Duration(minute)*time.Minute))
	}
	slices.SortFunc(out, time.Time.Compare)
	return out
}

// postsInMonth scales a full month's post count to a partial month.
func postsInMonth(r *rand.Rand, m span, lo, hi int) int {
	n := lo + r.IntN(hi-lo+1)
	switch m.first.Month() {
	case time.November, time.December:
		n += 3 // the giving season is the busiest on social media
	case time.July, time.August:
		n -= 2
	}
	full := m.first.AddDate(0, 1, -1).Day()
	return n * len(m.days()) / full
}

// noisy integerises a smooth daily value with multiplicative noise.
func noisy(r *rand.Rand, x, sigma float64) int { return round(x * lognorm(r, sigma)) }
