package dashboard

import (
	"fmt"
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
	L       reports.Labels
	W       words
	Title   string // document title
	OrgName string
	Heading string
	Period  string // "Period: October 2025"
	// PeriodName is the period alone, "October 2025".
	PeriodName string
	Colon      string // ":" as the language sets it
	Generated  string
	Running    string // the period is not over yet
	// Meta are the machine-readable facts the folder's index reads back.
	Meta pageMeta
	// PublishedHeader names the zone of the post times once, so each cell stays short.
	PublishedHeader string
	Warnings        []string
	Tally           []tallyItem
	Goals           []goalView
	HasGoals        bool
	Milestones      []milestoneRow
	Celebrate       []milestoneRow
	Headlines       []headlineRow
	Trends          []trend
	Content         contentView
	// Posts are the period's best posts by engagement rate, PostsByReach by reach: the
	// workbook's rankings (Detail), with PostsTitle and PostsByReachTitle naming them.
	Posts             []postRow
	PostsTitle        string
	PostsByReach      []postRow
	PostsByReachTitle string
	Sources           sourcesView
	Coverage          []coverageRow
	Definitions       []definitionRow
	// Tables are the organisation's saved queries, with their words.
	Tables []tableView
	TW     tableWords
}

// pageMeta is written into <meta name="goalpost:..."> tags so that the index of a reports
// folder can list each report in its language without recomputing anything.
type pageMeta struct {
	Org, Period, PeriodLabel, Generated, Status string
}

type tallyItem struct {
	Mark, Class, Text string
}

type headlineRow struct {
	Platform, Metric, Actual, Previous, LastYear string
	Change, ChangeClass                          string
	ChangeYear, ChangeYearClass                  string
}

type postRow struct {
	Rank, Date, Platform, Type, Text string
	URL                              string // https only, else empty
	Reach, Engagements, Rate         string
}

type coverageRow struct {
	Platform, Account, DaysWithData, DaysInPeriod, LastDate, Status string
	Mark                                                            string // ✓ ⚠ ✗: the status without colour
}

type milestoneRow struct {
	What, Threshold, Status, Mark, Class string
}

type definitionRow struct {
	Label, Description string
	Benchmarks         []string
}

func newView(r *reports.Report, l reports.Labels, f format, tr []trend, goals []goalView, content contentView, sources sourcesView) view {
	w := wordsFor(l.Lang)
	period := r.PeriodName()
	v := view{
		L:          l,
		W:          w,
		Title:      l.ReportTitle + " — " + r.Name() + " — " + period,
		OrgName:    r.Name(),
		Heading:    l.ReportTitle + " — " + r.Name(),
		Period:     f.label(l.PeriodWord, period),
		PeriodName: period,
		Colon:      f.colon + ":",
		Generated:  l.Generated + " " + f.instant(r.GeneratedAt),
		Running:    asOfNote(r, f, w),
		Trends:     tr,
		Goals:      goals,
		HasGoals:   r.Goals != nil,
		Content:    content,
		Sources:    sources,
		Meta: pageMeta{Org: r.Name(), Period: r.Period.Key, PeriodLabel: period,
			Generated: f.instant(r.GeneratedAt)},

		PublishedHeader: l.Published + " (" + r.Zone().String() + ")",
	}
	if r.Goals != nil {
		// The goals' coverage knows event exports too and lists the missing days.
		for _, s := range r.Goals.Sources {
			if msg := sourceWarning(f, w, s); msg != "" {
				v.Warnings = append(v.Warnings, msg)
			}
		}
	} else {
		for _, c := range r.Coverage {
			if s := coverageWarning(f, c); s != "" {
				v.Warnings = append(v.Warnings, s)
			}
		}
	}
	v.Tally, v.Meta.Status = tally(r, f, w)
	if r.Goals != nil {
		for _, m := range r.Goals.Milestones {
			row := milestoneRow{What: m.Label, Threshold: f.number(&m.Threshold)}
			if len(m.Platforms) > 0 {
				row.What += " (" + f.platforms(m.Platforms) + ")"
			}
			switch m.Status {
			case "reached":
				row.Mark, row.Class = "✓", "ok"
				if m.CrossedOn != nil {
					row.Status = fmt.Sprintf(w.ReachedOn, f.date(*m.CrossedOn))
				} else {
					row.Status = m.StatusLabel
				}
			case "reached_before_data":
				row.Mark, row.Class, row.Status = "✓", "ok", w.ReachedBefore
			case "not_yet":
				row.Mark, row.Class = "○", "none"
				row.Status = m.StatusLabel
				if m.Latest != nil && m.LatestDate != nil {
					row.Status = fmt.Sprintf(w.NotYet, f.number(m.Latest), f.date(*m.LatestDate))
				}
			default:
				row.Mark, row.Class, row.Status = "–", "none", w.NoData
			}
			if m.InPeriod {
				row.Mark = "★"
				v.Celebrate = append(v.Celebrate, row)
			}
			v.Milestones = append(v.Milestones, row)
		}
		for _, d := range r.Goals.Definitions {
			row := definitionRow{Label: d.Label, Description: d.Description}
			for _, b := range d.Benchmarks {
				val := b.Value
				platform := f.l.PlatformLabel(b.Platform)
				row.Benchmarks = append(row.Benchmarks, fmt.Sprintf(w.Benchmark, f.value(&val, d.Unit, r.Goals.Currency), platform, b.Year, b.Source))
			}
			v.Definitions = append(v.Definitions, row)
		}
	}
	for _, h := range r.Headlines {
		row := headlineRow{
			Platform: l.PlatformLabel(h.Platform), Metric: h.Label,
			Actual: f.number(h.Actual), Previous: f.number(h.Previous), LastYear: f.number(h.LastYear),
		}
		if row.Metric == "" {
			row.Metric = h.Metric
		}
		row.Change, row.ChangeClass = f.change(h.ChangeVsPrevious())
		row.ChangeYear, row.ChangeYearClass = f.change(h.ChangeVsLastYear())
		v.Headlines = append(v.Headlines, row)
	}
	// The top posts are the workbook's rankings, so the two files show the same posts.
	minReach := float64(reports.MinReachForRate)
	if r.Detail != nil {
		minReach = r.Detail.MinReachForRate
		v.Posts = postRows(r.Detail.TopByEngagementRate, f, w)
		v.PostsByReach = postRows(r.Detail.TopByReach, f, w)
	}
	v.PostsTitle = fmt.Sprintf(l.Workbook.ByRate, f.number(&minReach))
	v.PostsByReachTitle = l.Workbook.ByReach
	for _, c := range r.Coverage {
		mark := "✓"
		switch {
		case c.DaysWithData <= 0:
			mark = "✗"
		case c.MissingDays() > 0:
			mark = "⚠"
		}
		v.Coverage = append(v.Coverage, coverageRow{
			Platform: l.PlatformLabel(c.Platform), Account: c.Account,
			DaysWithData: f.integer(c.DaysWithData), DaysInPeriod: f.integer(c.DaysInPeriod),
			LastDate: f.date(c.LastDate), Status: l.CoverageStatus(c), Mark: mark,
		})
	}
	v.Tables, v.TW = newTableViews(r.Tables, f, tableWordsFor(l.Lang)), tableWordsFor(l.Lang)
	return v
}

// postRows shows a ranking of posts; only https permalinks become links.
func postRows(posts []reports.RankedPost, f format, w words) []postRow {
	var rows []postRow
	for i, p := range posts {
		row := postRow{
			Rank: strconv.Itoa(i + 1), Date: f.short(p.PublishedAt), Platform: f.l.PlatformLabel(p.Platform), Type: w.postType(p.Type),
			Text: shorten(p.Title, w.NoText), Reach: f.number(p.Reach), Engagements: f.number(p.Engagements),
			Rate: f.value(p.EngagementRate, "percent", ""),
		}
		if isHTTPS(p.Permalink) {
			row.URL = p.Permalink
		}
		rows = append(rows, row)
	}
	return rows
}

// tally counts the goal KPIs by status for the header, in words and marks, and gives the
// index's one-line summary.
func tally(r *reports.Report, f format, w words) ([]tallyItem, string) {
	if r.Goals == nil {
		return nil, ""
	}
	order := []string{"on_track", "at_risk", "off_track", "not_started", "no_target", "no_data"}
	counts := map[string]int{}
	labels := map[string]string{}
	total := 0
	for _, g := range r.Goals.Goals {
		for _, k := range g.KPIs {
			counts[k.Status]++
			labels[k.Status] = k.StatusLabel
			total++
		}
	}
	var items []tallyItem
	var summary string
	for _, s := range order {
		if counts[s] == 0 {
			continue
		}
		mark, class := statusMark(s)
		text := f.integer(counts[s]) + " " + lower(labels[s])
		items = append(items, tallyItem{Mark: mark, Class: class, Text: text})
		if summary != "" {
			summary += " · "
		}
		summary += mark + " " + text
	}
	if total > 0 {
		items = append([]tallyItem{{Class: "total", Text: fmt.Sprintf(w.Measures, total)}}, items...)
	}
	return items, summary
}

// lower lower-cases a status word's first letter for use inside a sentence.
func lower(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	if r >= 'A' && r <= 'Z' {
		return string(r+'a'-'A') + s[n:]
	}
	if r == 'À' {
		return "à" + s[n:]
	}
	return s
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
