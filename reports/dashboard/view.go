package dashboard

import (
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/goalpost/goalpost/reports"
)

// maxTitleRunes keeps a long caption from turning the top posts table into a wall of text.
const maxTitleRunes = 280

// view is everything the page template shows, already formatted: the template only places
// strings, and html/template escapes each for where it lands.
type view struct {
	L         reports.Labels
	W         words
	Title     string // document title
	Heading   string
	Period    string
	Generated string
	// PublishedHeader names the zone of the post times once, so each cell stays short.
	PublishedHeader string
	Warnings        []string
	Headlines       []headlineRow
	Trends          []trend
	Posts           []postRow
	Coverage        []coverageRow
	// Tables are the organisation's saved queries, with their words.
	Tables []tableView
	TW     tableWords
}

type headlineRow struct {
	Platform, Metric, Actual, Previous, LastYear string
	Change, ChangeClass                          string
	ChangeYear, ChangeYearClass                  string
}

type postRow struct {
	Rank, Date, Platform, Type, Text string
	URL                              string // https only, else empty
	Reach, Engagements               string
}

type coverageRow struct {
	Platform, Account, DaysWithData, DaysInPeriod, LastDate, Status string
	Mark                                                            string // ✓ ⚠ ✗: the status without colour
}

func newView(r *reports.Report, l reports.Labels, f format, tr []trend) view {
	w := wordsFor(l.Lang)
	period := r.PeriodName()
	v := view{
		L:         l,
		W:         w,
		Title:     l.ReportTitle + " — " + r.Name() + " — " + period,
		Heading:   l.ReportTitle + " — " + r.Name(),
		Period:    f.label(l.PeriodWord, period),
		Generated: l.Generated + " " + f.instant(r.GeneratedAt),
		Trends:    tr,

		PublishedHeader: l.Published + " (" + r.Zone().String() + ")",
	}
	for _, c := range r.Coverage {
		if s := coverageWarning(f, c); s != "" {
			v.Warnings = append(v.Warnings, s)
		}
	}
	for _, h := range r.Headlines {
		row := headlineRow{
			Platform: h.Platform, Metric: h.Label,
			Actual: f.number(h.Actual), Previous: f.number(h.Previous), LastYear: f.number(h.LastYear),
		}
		if row.Metric == "" {
			row.Metric = h.Metric
		}
		row.Change, row.ChangeClass = f.change(h.ChangeVsPrevious())
		row.ChangeYear, row.ChangeYearClass = f.change(h.ChangeVsLastYear())
		v.Headlines = append(v.Headlines, row)
	}
	for i, p := range r.TopPosts {
		row := postRow{
			Rank: strconv.Itoa(i + 1), Date: f.short(p.PublishedAt), Platform: p.Platform, Type: p.Type,
			Text: shorten(p.Title, w.NoText), Reach: f.number(p.Reach), Engagements: f.number(p.Engagements),
		}
		if isHTTPS(p.Permalink) {
			row.URL = p.Permalink
		}
		v.Posts = append(v.Posts, row)
	}
	for _, c := range r.Coverage {
		mark := "✓"
		switch {
		case c.DaysWithData <= 0:
			mark = "✗"
		case c.MissingDays() > 0:
			mark = "⚠"
		}
		v.Coverage = append(v.Coverage, coverageRow{
			Platform: c.Platform, Account: c.Account,
			DaysWithData: f.integer(c.DaysWithData), DaysInPeriod: f.integer(c.DaysInPeriod),
			LastDate: f.date(c.LastDate), Status: l.CoverageStatus(c), Mark: mark,
		})
	}
	v.Tables, v.TW = newTableViews(r.Tables, f, tableWordsFor(l.Lang)), tableWordsFor(l.Lang)
	return v
}

// shorten cuts text at maxTitleRunes with an ellipsis; empty text gets a visible placeholder.
func shorten(s, empty string) string {
	if s == "" {
		return empty
	}
	if utf8.RuneCountInString(s) <= maxTitleRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxTitleRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// isHTTPS reports whether raw is an absolute https URL: only those become links, so export
// data cannot plant javascript: or file: links.
func isHTTPS(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil
}
