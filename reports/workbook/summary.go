package workbook

import (
	"context"
	"fmt"
	"strings"

	"github.com/goalpost/goalpost/reports"
	"github.com/xuri/excelize/v2"
)

// The Summary: a title block, what worked, the data gaps, then one row per goal KPI. It is
// the page the board reads, so it prints on one landscape page.
const (
	sumWhatWorkedRow = 4
	sumBestPostRow   = 5
	sumGapsRow       = 6
	sumNoteRow       = 7
	sumHeaderRow     = 8
)

// Columns of the Summary's goals table.
const (
	colGoal = iota + 1
	colKPI
	colActual
	colTarget
	colAttained
	colPace
	colStatus
	colVsPrevious
	colVsLastYear
	colTrend
	colTargetSet
	sumLastCol = colTargetSet
)

// The Summary's column widths, in characters: wide enough for the longest starter labels
// wrapped on two lines, narrow enough for one landscape page.
var sumWidths = map[int]float64{
	colGoal: 24, colKPI: 30, colActual: 12, colTarget: 12, colAttained: 10, colPace: 9,
	colStatus: 12, colVsPrevious: 11, colVsLastYear: 11, colTrend: 18, colTargetSet: 22,
}

func (b *book) summary(ctx context.Context, s *sheet) error {
	r, l, wl := b.r, b.l, b.l.Workbook
	for col, w := range sumWidths {
		s.width(col, w)
	}
	s.fitFrom = 1 << 30 // the widths above are the layout; content does not move them
	if err := s.textAs(1, 1, title(r, l), look{bold: true, size: 16}); err != nil {
		return err
	}
	if err := s.merge(1, 1, sumLastCol, 1); err != nil {
		return err
	}
	if err := s.height(1, 24); err != nil {
		return err
	}
	period := r.PeriodName()
	if !r.Period.Start.IsZero() && r.Period.End.After(r.Period.Start) {
		last := r.Period.End.AddDate(0, 0, -1)
		period += fmt.Sprintf(" (%s – %s)", r.Period.Start.Format("2006-01-02"), last.Format("2006-01-02"))
	}
	cells := []func() error{
		func() error { return s.text(1, 2, l.PeriodWord, s.st.label) },
		func() error { return s.textAs(2, 2, period, look{bold: true}) },
		func() error { return s.text(1, 3, l.Generated, s.st.label) },
		func() error { return s.instant(2, 3, r.GeneratedAt) },
		func() error { return s.styled(2, 3, look{format: fmtMoment, halign: "left"}) },
		func() error { return s.text(3, 3, r.Zone().String(), 0) },
	}
	if err := run(cells); err != nil {
		return err
	}
	if err := b.whatWorked(s); err != nil {
		return err
	}
	if err := b.gaps(s); err != nil {
		return err
	}
	if r.Goals != nil && !r.Goals.Complete {
		last := r.Goals.AsOf.AddDate(0, 0, -1).Format("2006-01-02")
		if err := s.textAs(1, sumNoteRow, fmt.Sprintf(wl.PartialPeriod, last), look{italic: true}); err != nil {
			return err
		}
	}

	var last int
	var err error
	if r.Goals != nil && len(r.Goals.Goals) > 0 {
		last, err = b.goalsTable(ctx, s)
	} else {
		last, err = b.headlines(ctx, s)
	}
	if err != nil {
		return err
	}
	note := last + 2
	if err := s.textAs(1, note, wl.StatusNote, look{italic: true, size: 9, wrap: true, valign: "top"}); err != nil {
		return err
	}
	if err := s.merge(1, note, sumLastCol, note); err != nil {
		return err
	}
	if err := s.height(note, 26); err != nil {
		return err
	}
	if err := s.define("Summary_Goals", 1, sumHeaderRow, sumLastCol, last); err != nil {
		return err
	}
	if err := s.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: ref(s.name, 1, 1, sumLastCol, note), Scope: s.name}); err != nil {
		return fmt.Errorf("print area of %s: %w", s.name, err)
	}
	if err := s.freeze(sumHeaderRow); err != nil {
		return err
	}
	return s.landscape(true)
}

// whatWorked writes the best content type and the best post, each with its figure in a
// number cell beside the words.
func (b *book) whatWorked(s *sheet) error {
	wl := b.l.Workbook
	if err := s.textAs(1, sumWhatWorkedRow, wl.WhatWorked, look{bold: true, valign: "top"}); err != nil {
		return err
	}
	if err := s.textAs(1, sumBestPostRow, wl.BestPost, look{bold: true, valign: "top"}); err != nil {
		return err
	}
	wrap := look{wrap: true, valign: "top"}
	var w reports.WhatWorked
	if b.r.Detail != nil {
		w = b.r.Detail.WhatWorked
	}
	line := wl.NothingStoodOut
	if t := w.BestType; t != nil {
		line = wl.WhatWorkedLine(b.l.PlatformLabel(t.Platform), t.Type, t.Posts)
		if err := s.figure(colTrend, sumWhatWorkedRow, t.VsAccount, look{format: fmtTimes, bold: true, valign: "top", halign: "left"}); err != nil {
			return err
		}
	}
	if err := s.textAs(2, sumWhatWorkedRow, line, wrap); err != nil {
		return err
	}
	if p := w.BestPost; p != nil {
		text := fmt.Sprintf("“%s” — %s, %s", shorten(p.Title, 90, "…"), b.l.PlatformLabel(p.Platform), p.PublishedAt.In(b.r.Zone()).Format("2006-01-02"))
		if err := s.textAs(2, sumBestPostRow, text, wrap); err != nil {
			return err
		}
		if isHTTPS(p.Permalink) && len(p.Permalink) <= maxLinkLen {
			c := s.cell(2, sumBestPostRow)
			if err := s.f.SetCellHyperLink(s.name, c, p.Permalink, "External"); err != nil {
				return fmt.Errorf("linking %s!%s: %w", s.name, c, err)
			}
			s.links++
		}
		if err := s.figure(colTrend, sumBestPostRow, p.EngagementRate, look{format: fmtRate, bold: true, valign: "top", halign: "left"}); err != nil {
			return err
		}
	}
	for _, row := range []int{sumWhatWorkedRow, sumBestPostRow} {
		if err := s.merge(2, row, colVsLastYear, row); err != nil {
			return err
		}
		if err := s.height(row, 18); err != nil {
			return err
		}
	}
	return nil
}

// gaps lists the sources missing days in the period, in words: a gap is never read as a drop.
func (b *book) gaps(s *sheet) error {
	l := b.l
	if err := s.textAs(1, sumGapsRow, l.DataGaps, look{bold: true, valign: "top"}); err != nil {
		return err
	}
	var parts []string
	add := func(platform, source string, with, expected int) {
		c := reports.Coverage{DaysWithData: with, DaysInPeriod: expected}
		if c.MissingDays() == 0 && with > 0 {
			return
		}
		name := source
		if platform != "" {
			name = l.PlatformLabel(platform)
			if source != "" {
				name += " · " + source
			}
		}
		parts = append(parts, name+": "+l.CoverageStatus(c))
	}
	if b.r.Goals != nil {
		for _, c := range b.r.Goals.Sources {
			add(c.Platform, c.Source, c.DaysWithData, c.DaysExpected)
		}
	} else {
		for _, c := range b.r.Coverage {
			add(c.Platform, c.Account, c.DaysWithData, c.DaysInPeriod)
		}
	}
	line := l.Workbook.NoGaps
	if len(parts) > 0 {
		line = strings.Join(parts, "; ") + ". " + l.Coverage + " →"
	}
	if err := s.textAs(2, sumGapsRow, line, look{wrap: true, valign: "top"}); err != nil {
		return err
	}
	if err := s.merge(2, sumGapsRow, sumLastCol, sumGapsRow); err != nil {
		return err
	}
	// The merged cell does not grow by itself: a line per 150 characters.
	return s.height(sumGapsRow, 15*float64(1+units(line)/150)+3)
}

// goalsTable writes one row per goal KPI and returns the last row written.
func (b *book) goalsTable(ctx context.Context, s *sheet) (int, error) {
	r, l, wl := b.r, b.l, b.l.Workbook
	titles := map[int]string{
		colGoal: wl.Goal, colKPI: wl.KPI, colActual: l.Actual, colTarget: wl.Target, colAttained: wl.Attained,
		colPace: wl.Pace, colStatus: l.Status, colVsPrevious: wl.VsPrevious, colVsLastYear: wl.VsLastYear,
		colTrend: l.Trends, colTargetSet: wl.TargetSet,
	}
	for col := 1; col <= sumLastCol; col++ {
		if err := s.text(col, sumHeaderRow, titles[col], s.st.header); err != nil {
			return 0, err
		}
	}
	if err := s.height(sumHeaderRow, 30); err != nil {
		return 0, err
	}
	row := sumHeaderRow + 1
	var spark excelize.SparklineOptions
	for gi, g := range r.Goals.Goals {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		first := row
		for ki, k := range g.KPIs {
			top := ki == 0
			plain := look{top: top, valign: "top"}
			label := k.Label
			if len(k.Platforms) > 0 {
				names := make([]string, len(k.Platforms))
				for i, p := range k.Platforms {
					names[i] = l.PlatformLabel(p)
				}
				label += " (" + strings.Join(names, ", ") + ")"
			}
			unit := unitLook(k.Unit, r.Goals.Currency)
			unit.top, unit.valign = top, "top"
			change := look{format: fmtChange, top: top, valign: "top"}
			if k.ChangeInPoints() {
				change.format = fmtPoints
			}
			statusLook := look{top: top, valign: "top", bold: true}
			if c, ok := statusLooks[k.Status]; ok {
				statusLook.color, statusLook.fill = c[0], c[1]
			}
			cells := []func() error{
				func() error {
					return s.textAs(colGoal, row, g.Name, look{bold: true, wrap: true, top: top, valign: "top"})
				},
				func() error { return s.textAs(colKPI, row, label, look{wrap: true, top: top, valign: "top"}) },
				func() error { return s.figure(colActual, row, k.Actual, unit) },
				func() error { return s.figure(colTarget, row, k.Target, unit) },
				func() error {
					return s.figure(colAttained, row, k.Attainment, look{format: fmtWhole, top: top, valign: "top"})
				},
				func() error { return s.figure(colPace, row, k.Pace, look{format: fmtWhole, top: top, valign: "top"}) },
				func() error { return s.textAs(colStatus, row, k.StatusLabel, statusLook) },
				func() error { return s.figure(colVsPrevious, row, k.ChangeVsPrevious(), change) },
				func() error { return s.figure(colVsLastYear, row, k.ChangeVsLastYear(), change) },
				func() error { return s.styled(colTrend, row, plain) },
				func() error {
					return s.textAs(colTargetSet, row, k.TargetText, look{wrap: true, size: 9, top: top, valign: "top"})
				},
			}
			if ki > 0 {
				cells[0] = func() error { return s.styled(colGoal, row, plain) }
			}
			if err := run(cells); err != nil {
				return 0, err
			}
			if gi < len(b.goalSheets) {
				col := goalActualCol(ki)
				spark.Location = append(spark.Location, s.cell(colTrend, row))
				spark.Range = append(spark.Range, ref(b.goalSheets[gi], col, goalFirstMonthRow, col, goalFirstMonthRow+trendMonths(r, gi, ki)-1))
			}
			row++
		}
		if row-1 > first {
			if err := s.merge(colGoal, first, colGoal, row-1); err != nil {
				return 0, err
			}
		}
	}
	if len(spark.Location) > 0 {
		spark.Type, spark.Markers, spark.Last = "line", false, true
		spark.SeriesColor, spark.LastColor, spark.Weight = "404040", "000000", 1.25
		spark.EmptyCells = "gap"
		if err := s.f.AddSparkline(s.name, &spark); err != nil {
			return 0, fmt.Errorf("sparklines of %s: %w", s.name, err)
		}
	}
	return row - 1, nil
}

// trendMonths is how many months the goal sheet lists for a KPI: the sparkline's length.
func trendMonths(r *reports.Report, goal, kpi int) int {
	if n := len(goalMonths(r, goal, kpi)); n > 0 {
		return n
	}
	return 1
}

// headlines writes the platform figures when the report has no goals, and returns the last
// row written.
func (b *book) headlines(ctx context.Context, s *sheet) (int, error) {
	r, l := b.r, b.l
	if err := s.text(1, sumNoteRow, l.Workbook.NoGoals, 0); err != nil {
		return 0, err
	}
	if err := s.header(sumHeaderRow, l.Platform, l.Metric, l.Actual, l.Previous,
		l.ChangePrevious, l.LastYear, l.ChangeLastYear); err != nil {
		return 0, err
	}
	row := sumHeaderRow + 1
	if len(r.Headlines) == 0 {
		if err := s.text(1, row, l.NoDataYet, 0); err != nil {
			return 0, err
		}
		return row, nil
	}
	for i, h := range r.Headlines {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		label := h.Label
		if label == "" {
			label = h.Metric
		}
		cells := []func() error{
			func() error { return s.text(1, row, l.PlatformLabel(h.Platform), 0) },
			func() error { return s.text(2, row, label, 0) },
			func() error { return s.number(3, row, h.Actual) },
			func() error { return s.number(4, row, h.Previous) },
			func() error { return s.percent(5, row, h.ChangeVsPrevious()) },
			func() error { return s.number(6, row, h.LastYear) },
			func() error { return s.percent(7, row, h.ChangeVsLastYear()) },
		}
		if err := run(cells); err != nil {
			return 0, err
		}
		row++
	}
	return row - 1, nil
}

// shorten cuts text for a one-line mention, visibly (the full text is on its own sheet).
func shorten(text string, max int, marker string) string {
	text = strings.Join(strings.Fields(text), " ")
	runes := []rune(text)
	if len(runes) <= max {
		return text
	}
	cut := string(runes[:max])
	if i := strings.LastIndex(cut, " "); i > len(cut)/2 {
		cut = cut[:i] // at a word's end, not inside "2,383"
	}
	return strings.TrimRight(cut, " ,;:.") + marker
}
