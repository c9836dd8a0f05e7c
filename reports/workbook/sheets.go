package workbook

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goalpost/goalpost/reports"
)

const ctxCheckEvery = 500 // rows between cancellation checks

// platformColumns are the measures a platform sheet can show, in order; a sheet shows those
// the platform has data for.
func platformColumns(l reports.Labels) []struct {
	title string
	value func(reports.PlatformMonth) *float64
	look  look
} {
	wl := l.Workbook
	type col = struct {
		title string
		value func(reports.PlatformMonth) *float64
		look  look
	}
	n := look{numFmt: fmtInteger}
	return []col{
		{wl.Followers, func(m reports.PlatformMonth) *float64 { return m.Followers }, n},
		{l.MetricLabel("followers_new"), func(m reports.PlatformMonth) *float64 { return m.FollowersNew }, n},
		{l.MetricLabel("reach"), func(m reports.PlatformMonth) *float64 { return m.Reach }, n},
		{l.MetricLabel("impressions"), func(m reports.PlatformMonth) *float64 { return m.Impressions }, n},
		{l.MetricLabel("views"), func(m reports.PlatformMonth) *float64 { return m.Views }, n},
		{l.MetricLabel("engagements"), func(m reports.PlatformMonth) *float64 { return m.Engagements }, n},
		{wl.EngagementRate, func(m reports.PlatformMonth) *float64 { return m.EngagementRate }, look{format: fmtRate}},
		{wl.Posts, func(m reports.PlatformMonth) *float64 { return m.Posts }, n},
		{l.MetricLabel("link_clicks"), func(m reports.PlatformMonth) *float64 { return m.LinkClicks }, n},
		{l.MetricLabel("sessions"), func(m reports.PlatformMonth) *float64 { return m.Sessions }, n},
		{l.MetricLabel("users"), func(m reports.PlatformMonth) *float64 { return m.Users }, n},
		{l.MetricLabel("new_users"), func(m reports.PlatformMonth) *float64 { return m.NewUsers }, n},
	}
}

const platformHeaderRow = 4

func (b *book) platform(ctx context.Context, s *sheet, pi int) error {
	p := b.r.Detail.Platforms[pi]
	s.fitFrom = platformHeaderRow
	if err := s.text(1, 1, p.Label, s.st.title); err != nil {
		return err
	}
	if err := s.textAs(1, 2, b.l.Workbook.PlatformNote, look{italic: true}); err != nil {
		return err
	}
	var cols []int
	all := platformColumns(b.l)
	for i, c := range all {
		for _, m := range p.Months {
			if c.value(m) != nil {
				cols = append(cols, i)
				break
			}
		}
	}
	if err := s.text(1, platformHeaderRow, b.l.Workbook.Month, s.st.header); err != nil {
		return err
	}
	for j, i := range cols {
		if err := s.text(j+2, platformHeaderRow, all[i].title, s.st.header); err != nil {
			return err
		}
		s.width(j+2, 14)
	}
	s.width(1, 12)
	if err := s.height(platformHeaderRow, 30); err != nil {
		return err
	}
	for r, m := range p.Months {
		if err := ctx.Err(); err != nil {
			return err
		}
		row := platformHeaderRow + 1 + r
		if err := s.month(1, row, m.Month, look{}); err != nil {
			return err
		}
		for j, i := range cols {
			if err := s.figure(j+2, row, all[i].value(m), all[i].look); err != nil {
				return err
			}
		}
	}
	last := platformHeaderRow + max(len(p.Months), 1)
	if err := s.define(fmt.Sprintf("Platform%d_Months", pi+1), 1, platformHeaderRow, len(cols)+1, last); err != nil {
		return err
	}
	if err := s.freeze(platformHeaderRow); err != nil {
		return err
	}
	return s.landscape(false)
}

// postColumns are the Top posts tables' columns.
func (b *book) postHeader(s *sheet, row int) error {
	l, wl := b.l, b.l.Workbook
	return s.header(row, l.Rank, l.Platform, wl.Account, l.Published, l.Type, l.Text,
		l.Reach, l.Engagements, wl.EngagementRate, l.Link, l.PostID)
}

func (b *book) postRow(s *sheet, row, rank int, p reports.RankedPost) error {
	cells := []func() error{
		func() error { return s.count(1, row, rank) },
		func() error { return s.text(2, row, b.l.PlatformLabel(p.Platform), 0) },
		func() error { return s.text(3, row, p.Account, 0) },
		func() error { return s.instant(4, row, p.PublishedAt) },
		func() error { return s.text(5, row, p.Type, 0) },
		func() error { return s.text(6, row, p.Title, 0) },
		func() error { return s.number(7, row, p.Reach) },
		func() error { return s.number(8, row, p.Engagements) },
		func() error { return s.figure(9, row, p.EngagementRate, look{format: fmtRate}) },
		func() error { return s.link(10, row, p.Permalink) },
		// IDs stay text: Excel keeps only 15 significant digits of a number.
		func() error { return s.text(11, row, p.PostID, 0) },
	}
	return run(cells)
}

// topPosts writes the period's best posts by engagement rate, then by reach: the rankings
// the dashboard shows too. A model without detail shows both sections with "no data yet".
func (b *book) topPosts(ctx context.Context, s *sheet) error {
	r, l, wl := b.r, b.l, b.l.Workbook
	s.fitFrom = 2
	d := r.Detail
	if d == nil {
		d = &reports.Detail{MinReachForRate: reports.MinReachForRate}
	}
	sections := []struct {
		title string
		name  string
		posts []reports.RankedPost
	}{
		{fmt.Sprintf(wl.ByRate, formatCount(d.MinReachForRate, l.Lang)), "TopPosts_ByEngagementRate", d.TopByEngagementRate},
		{wl.ByReach, "TopPosts_ByReach", d.TopByReach},
	}
	row := 1
	for i, sec := range sections {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.textAs(1, row, sec.title, look{bold: true, size: 12}); err != nil {
			return err
		}
		header := row + 1
		if err := b.postHeader(s, header); err != nil {
			return err
		}
		if i == 0 {
			if err := s.freeze(header); err != nil {
				return err
			}
		}
		row = header + 1
		if len(sec.posts) == 0 {
			if err := s.text(1, row, l.NoDataYet, 0); err != nil {
				return err
			}
			row++
		}
		for rank, p := range sec.posts {
			if err := b.postRow(s, row, rank+1, p); err != nil {
				return err
			}
			row++
		}
		if err := s.define(sec.name, 1, header, 11, max(row-1, header+1)); err != nil {
			return err
		}
		row++
	}
	s.width(6, 60)
	return s.landscape(false)
}

const contentHeaderRow = 3

func (b *book) contentTypes(ctx context.Context, s *sheet) error {
	l, wl := b.l, b.l.Workbook
	s.fitFrom = contentHeaderRow
	if err := s.textAs(1, 1, wl.ContentNote, look{italic: true}); err != nil {
		return err
	}
	if err := s.header(contentHeaderRow, l.Platform, wl.Account, l.Type, wl.Posts, wl.AvgReach, wl.AvgEngagements,
		wl.EngagementRate, wl.VsAccount, wl.AccountAvgEngagements, wl.AccountEngagementRate); err != nil {
		return err
	}
	var types []reports.ContentType
	if b.r.Detail != nil {
		types = b.r.Detail.ContentTypes
	}
	row := contentHeaderRow + 1
	if len(types) == 0 {
		if err := s.text(1, row, l.NoDataYet, 0); err != nil {
			return err
		}
	}
	for i, c := range types {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		better := look{format: fmtTimes}
		if c.VsAccount != nil && *c.VsAccount > 1 {
			better.bold = true
		}
		cells := []func() error{
			func() error { return s.text(1, row, l.PlatformLabel(c.Platform), 0) },
			func() error { return s.text(2, row, c.Account, 0) },
			func() error { return s.text(3, row, c.Type, 0) },
			func() error { return s.count(4, row, c.Posts) },
			func() error { return s.figure(5, row, c.AvgReach, look{numFmt: fmtInteger}) },
			func() error { return s.figure(6, row, c.AvgEngagements, look{format: "#,##0.0"}) },
			func() error { return s.figure(7, row, c.EngagementRate, look{format: fmtRate}) },
			func() error { return s.figure(8, row, c.VsAccount, better) },
			func() error { return s.figure(9, row, c.AccountAvgEngagements, look{format: "#,##0.0"}) },
			func() error { return s.figure(10, row, c.AccountEngagementRate, look{format: fmtRate}) },
		}
		if err := run(cells); err != nil {
			return err
		}
		row++
	}
	if err := s.define("ContentTypes", 1, contentHeaderRow, 10, max(row-1, contentHeaderRow+1)); err != nil {
		return err
	}
	if err := s.freeze(contentHeaderRow); err != nil {
		return err
	}
	return s.landscape(false)
}

func (b *book) milestones(ctx context.Context, s *sheet) error {
	l, wl := b.l, b.l.Workbook
	s.fitFrom = 1
	if err := s.header(1, wl.Milestone, wl.Platforms, wl.Threshold, l.Status, wl.ReachedOn, wl.ThisPeriod,
		wl.Latest, wl.LatestDate); err != nil {
		return err
	}
	if b.r.Goals == nil {
		if err := s.text(1, 2, wl.NoGoals, 0); err != nil {
			return err
		}
		return s.freeze(1)
	}
	if len(b.r.Goals.Milestones) == 0 {
		if err := s.text(1, 2, l.NoDataYet, 0); err != nil {
			return err
		}
	}
	for i, m := range b.r.Goals.Milestones {
		if err := ctx.Err(); err != nil {
			return err
		}
		row := i + 2
		platforms := wl.AllPlatforms
		if len(m.Platforms) > 0 {
			names := make([]string, len(m.Platforms))
			for j, p := range m.Platforms {
				names[j] = l.PlatformLabel(p)
			}
			platforms = strings.Join(names, ", ")
		}
		hl := look{}
		celebrate := ""
		if m.InPeriod {
			hl = look{bold: true, color: statusLooks["reached"][0], fill: statusLooks["reached"][1]}
			celebrate = wl.Celebrate
		}
		threshold := m.Threshold
		cells := []func() error{
			func() error { return s.textAs(1, row, m.Label, hl) },
			func() error { return s.text(2, row, platforms, 0) },
			func() error { return s.figure(3, row, &threshold, look{numFmt: fmtInteger}) },
			func() error { return s.text(4, row, m.StatusLabel, 0) },
			func() error { return b.optDay(s, 5, row, m.CrossedOn) },
			func() error { return s.textAs(6, row, celebrate, hl) },
			func() error { return s.figure(7, row, m.Latest, look{numFmt: fmtInteger}) },
			func() error { return b.optDay(s, 8, row, m.LatestDate) },
		}
		if err := run(cells); err != nil {
			return err
		}
	}
	if err := s.define("Milestones", 1, 1, 8, max(len(b.r.Goals.Milestones)+1, 2)); err != nil {
		return err
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	return s.landscape(false)
}

func (b *book) optDay(s *sheet, col, row int, t *time.Time) error {
	if t == nil {
		return nil
	}
	return s.day(col, row, *t)
}

// coverage writes every source's days with data and missing days, then the files behind the
// period, so that a gap reads as missing data and never as a drop.
func (b *book) coverage(ctx context.Context, s *sheet) error {
	r, l, wl := b.r, b.l, b.l.Workbook
	s.fitFrom = 3
	if err := s.textAs(1, 1, wl.GapNote, look{italic: true}); err != nil {
		return err
	}
	header := 3
	if err := s.header(header, wl.SourceKind, l.Platform, l.Account, l.DaysWithData, wl.DaysExpected,
		l.MissingDays, wl.MissingDates, l.LastDate, l.Status); err != nil {
		return err
	}
	row := header + 1
	type source struct {
		kind, platform, name string
		with, expected       int
		missing              []time.Time
		last                 time.Time
	}
	var sources []source
	if r.Goals != nil {
		for _, c := range r.Goals.Sources {
			src := source{kind: c.Kind, platform: c.Platform, name: c.Source, with: c.DaysWithData, expected: c.DaysExpected, missing: c.MissingDays}
			if c.LastSeen != nil {
				src.last = *c.LastSeen
			}
			sources = append(sources, src)
		}
	} else {
		for _, c := range r.Coverage {
			sources = append(sources, source{kind: "daily", platform: c.Platform, name: c.Account, with: c.DaysWithData, expected: c.DaysInPeriod, last: c.LastDate})
		}
	}
	if len(sources) == 0 {
		if err := s.text(1, row, l.NoDataYet, 0); err != nil {
			return err
		}
		row++
	}
	for _, c := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		kind := wl.DailySeries
		if c.kind == "files" {
			kind = wl.Exports
		}
		cov := reports.Coverage{DaysWithData: c.with, DaysInPeriod: c.expected}
		status := look{}
		if cov.MissingDays() > 0 || c.with == 0 {
			status = look{bold: true, color: statusLooks["at_risk"][0], fill: statusLooks["at_risk"][1]}
		}
		platform := ""
		if c.platform != "" {
			platform = l.PlatformLabel(c.platform)
		}
		cells := []func() error{
			func() error { return s.text(1, row, kind, 0) },
			func() error { return s.text(2, row, platform, 0) },
			func() error { return s.text(3, row, c.name, 0) },
			func() error { return s.count(4, row, c.with) },
			func() error { return s.count(5, row, c.expected) },
			func() error { return s.count(6, row, cov.MissingDays()) },
			func() error { return s.text(7, row, dayRanges(c.missing), 0) },
			func() error { return s.day(8, row, c.last) },
			func() error { return s.textAs(9, row, l.CoverageStatus(cov), status) },
		}
		if err := run(cells); err != nil {
			return err
		}
		row++
	}
	if err := s.define("Coverage_Sources", 1, header, 9, max(row-1, header+1)); err != nil {
		return err
	}
	if err := s.freeze(header); err != nil {
		return err
	}

	// The files behind the period.
	row++
	if err := s.textAs(1, row, wl.Files, look{bold: true, size: 12}); err != nil {
		return err
	}
	row++
	fileHeader := row
	if err := s.header(row, wl.FileID, wl.FileName, wl.Connector, wl.FileStatus, wl.Rows, wl.Skipped,
		wl.FirstDay, wl.LastDay, wl.Ingested, wl.Error); err != nil {
		return err
	}
	row++
	var files []reports.IngestedFile
	if r.Detail != nil {
		files = r.Detail.Files
	}
	if len(files) == 0 {
		if err := s.text(1, row, l.NoDataYet, 0); err != nil {
			return err
		}
		row++
	}
	for i, f := range files {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		cells := []func() error{
			func() error { return s.text(1, row, f.ID, 0) },
			func() error { return s.text(2, row, f.Name, 0) },
			func() error { return s.text(3, row, f.Connector, 0) },
			func() error { return s.text(4, row, f.Status, 0) },
			func() error { return s.count(5, row, f.Rows) },
			func() error { return s.count(6, row, f.Skipped) },
			func() error { return s.day(7, row, f.FirstDay) },
			func() error { return s.day(8, row, f.LastDay) },
			func() error { return s.instant(9, row, f.IngestedAt) },
			func() error { return s.text(10, row, f.Error, 0) },
		}
		if err := run(cells); err != nil {
			return err
		}
		row++
	}
	if err := s.define("Coverage_Files", 1, fileHeader, 10, max(row-1, fileHeader+1)); err != nil {
		return err
	}
	return s.landscape(false)
}

// dayRanges lists days compactly: "2026-10-03 – 2026-10-05, 2026-10-09".
func dayRanges(days []time.Time) string {
	var parts []string
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && days[j+1].Equal(days[j].AddDate(0, 0, 1)) {
			j++
		}
		if j == i {
			parts = append(parts, days[i].Format("2006-01-02"))
		} else {
			parts = append(parts, days[i].Format("2006-01-02")+" – "+days[j].Format("2006-01-02"))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// definitions writes every KPI shown with its formula and denominator and the benchmarks used,
// then the report's own measures.
func (b *book) definitions(ctx context.Context, s *sheet) error {
	l, wl := b.l, b.l.Workbook
	s.fitFrom = 1
	if err := s.header(1, wl.KPI, wl.Code, wl.Kind, wl.Unit, wl.Definition, wl.Origin,
		wl.Benchmark, wl.BenchmarkYear, wl.BenchmarkSource, wl.BenchmarkDefinition); err != nil {
		return err
	}
	row := 2
	var defs []reports.KPIDefinition
	if b.r.Goals != nil {
		defs = b.r.Goals.Definitions
	}
	wrap := look{wrap: true, valign: "top"}
	for _, d := range defs {
		if err := ctx.Err(); err != nil {
			return err
		}
		benches := d.Benchmarks
		if len(benches) == 0 {
			benches = []reports.Benchmark{{}}
		}
		for i, bm := range benches {
			bm := bm
			cells := []func() error{
				func() error { return s.textAs(1, row, d.Label, look{bold: i == 0, valign: "top"}) },
				func() error { return s.textAs(2, row, d.KPI, look{valign: "top"}) },
				func() error { return s.textAs(3, row, wordFor(wl.Kinds, d.Kind), look{valign: "top"}) },
				func() error { return s.textAs(4, row, wordFor(wl.Units, d.Unit), look{valign: "top"}) },
				func() error { return s.textAs(5, row, d.Description, wrap) },
				func() error { return s.textAs(6, row, d.Origin, look{valign: "top"}) },
			}
			if bm.Source != "" {
				unit := unitLook(d.Unit, b.r.Goals.Currency)
				unit.valign = "top"
				year := float64(bm.Year)
				platform := ""
				if bm.Platform != "" {
					platform = " (" + l.PlatformLabel(bm.Platform) + ")"
				}
				cells = append(cells,
					func() error { return s.figure(7, row, &bm.Value, unit) },
					func() error { return s.figure(8, row, &year, look{format: "0", valign: "top"}) },
					func() error { return s.textAs(9, row, bm.Source+platform, wrap) },
					func() error { return s.textAs(10, row, bm.Definition, wrap) },
				)
			}
			if err := run(cells); err != nil {
				return err
			}
			row++
		}
	}
	if err := s.define("Definitions", 1, 1, 10, max(row-1, 2)); err != nil {
		return err
	}
	row++
	if err := s.textAs(1, row, wl.ReportMeasures, look{bold: true, size: 12}); err != nil {
		return err
	}
	for _, m := range wl.Measures {
		row++
		if err := s.textAs(1, row, m[0], look{bold: true, valign: "top"}); err != nil {
			return err
		}
		if err := s.textAs(5, row, m[1], wrap); err != nil {
			return err
		}
	}
	s.width(5, 70)
	s.width(9, 30)
	s.width(10, 40)
	if err := s.freeze(1); err != nil {
		return err
	}
	return s.landscape(false)
}

func wordFor(words map[string]string, key string) string {
	if w, ok := words[key]; ok {
		return w
	}
	return key
}

// formatCount writes a whole number with the language's thousands separator, for a figure
// inside a sentence.
func formatCount(v float64, lang string) string {
	s := fmt.Sprintf("%.0f", v)
	sep := ","
	if lang == "fr" {
		sep = "\u202f"
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// run calls the cell writers of one row in order and stops at the first error.
func run(cells []func() error) error {
	for _, c := range cells {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}
