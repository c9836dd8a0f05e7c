package demo

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Google Analytics 4: "Download file → Download CSV" of an exploration with
// the dimensions Date and Session default channel group, saved as
// data-export.csv. Layout [corpus: ga4/mh4u/data-export.csv]: UTF-8 without
// BOM, CRLF, a "#" comment preamble, dates as YYYYMMDD, rows sorted by the
// first metric descending (not by date), and no newline after the last row.

func ga4Preamble(p period) []string {
	return []string{
		"# ----------------------------------------",
		"# Report CSV Export",
		"# Account: " + orgName,
		"# Property: www." + orgDomain + " - GA4",
		"# ----------------------------------------",
		"# ", // sic: a lone "#" followed by one space
		"# All Users",
		"# Start date: " + p.all.first.Format("20060102"),
		"# End date: " + p.all.last.Format("20060102"),
	}
}

func ga4Header() []string {
	return []string{"Date", "Session default channel group", "Sessions", "Total users", "New users"}
}

type gaRow struct {
	date                      time.Time
	channel                   int // index into gaChannels
	sessions, users, newUsers int
}

// gaChannels are GA4's default channel groups a food bank's site sees;
// Paid Search is its Google Ad Grants account.
func gaChannels() []string {
	return []string{"Organic Search", "Direct", "Organic Social", "Referral", "Email", "Paid Search", "Unassigned"}
}

type ga4 struct {
	p    period
	rows []gaRow
}

// newGA4 derives web sessions from the season and from the other platforms:
// Organic Social follows the clicks of social posts, Email the clicks of
// newsletters, so the report's "social drives traffic" story holds.
func newGA4(p period, social, email []float64) *ga4 {
	r := newRand(7)
	g := &ga4{p: p}
	newShare := []float64{0.78, 0.58, 0.72, 0.7, 0.22, 0.86, 0.5}
	for i, d := range p.all.days() {
		web := [...]float64{0.78, 1.08, 1.1, 1.08, 1.02, 0.95, 0.8}[d.Weekday()]
		base := 190 * season(d) * p.trend(d) * web * lognorm(r, 0.12)
		sessions := []int{
			noisy(r, 0.38*base, 0.12),
			noisy(r, 0.27*base, 0.15),
			noisy(r, 0.025*base+0.75*social[i], 0.15),
			noisy(r, 0.07*base, 0.3),
			noisy(r, 0.012*base+0.85*email[i], 0.15),
			noisy(r, 0.06*base, 0.25),
			poisson(r, 1.2),
		}
		for c, s := range sessions {
			if s == 0 {
				continue // GA4 writes no row for an empty combination
			}
			users := max(1, round(float64(s)*between(r, 0.8, 0.92)))
			g.rows = append(g.rows, gaRow{date: d, channel: c, sessions: s, users: users,
				newUsers: min(users, round(float64(users)*newShare[c]*between(r, 0.9, 1.1)))})
		}
	}
	return g
}

func (g *ga4) files() ([]file, error) {
	rows := slices.Clone(g.rows)
	slices.SortStableFunc(rows, func(a, b gaRow) int {
		return cmp.Or(cmp.Compare(b.sessions, a.sessions), a.date.Compare(b.date), cmp.Compare(a.channel, b.channel))
	})
	table := [][]string{ga4Header()}
	for _, row := range rows {
		table = append(table, []string{row.date.Format("20060102"), gaChannels()[row.channel],
			itoa(row.sessions), itoa(row.users), itoa(row.newUsers)})
	}
	body, err := minimalCSV(table, true)
	if err != nil {
		return nil, fmt.Errorf("write ga4/data-export.csv: %w", err)
	}
	var b bytes.Buffer
	for _, line := range ga4Preamble(g.p) {
		b.WriteString(line + "\r\n")
	}
	b.Write(bytes.TrimSuffix(body, []byte("\r\n")))
	return []file{{name: "ga4/data-export.csv", data: b.Bytes()}}, nil
}
