package workbook

import (
	"context"
	"fmt"

	"github.com/goalpost/goalpost/reports"
)

// Rows of the Summary sheet: a title block, then the headline table.
const (
	summaryHeaderRow = 5
	ctxCheckEvery    = 500 // rows between cancellation checks
)

func writeSummary(ctx context.Context, s *sheet, r *reports.Report, l reports.Labels) error {
	// The title block overflows into empty neighbours; only the table sizes the columns.
	s.fitFrom = summaryHeaderRow
	if err := s.text(1, 1, title(r, l), s.st.title); err != nil {
		return err
	}
	if err := s.text(1, 2, l.PeriodWord, s.st.label); err != nil {
		return err
	}
	period := r.PeriodName()
	if !r.Period.Start.IsZero() && r.Period.End.After(r.Period.Start) {
		last := r.Period.End.AddDate(0, 0, -1)
		period += fmt.Sprintf(" (%s – %s)", r.Period.Start.Format("2006-01-02"), last.Format("2006-01-02"))
	}
	if err := s.text(2, 2, period, 0); err != nil {
		return err
	}
	if err := s.text(1, 3, l.Generated, s.st.label); err != nil {
		return err
	}
	if err := s.instant(2, 3, r.GeneratedAt); err != nil {
		return err
	}
	if err := s.text(3, 3, r.Zone().String(), 0); err != nil {
		return err
	}

	if err := s.header(summaryHeaderRow, l.Platform, l.Metric, l.Actual, l.Previous,
		l.ChangePrevious, l.LastYear, l.ChangeLastYear); err != nil {
		return err
	}
	row := summaryHeaderRow + 1
	if len(r.Headlines) == 0 {
		if err := s.text(1, row, l.NoDataYet, 0); err != nil {
			return err
		}
	}
	for i, h := range r.Headlines {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		label := h.Label
		if label == "" {
			label = h.Metric
		}
		cells := []func() error{
			func() error { return s.text(1, row, h.Platform, 0) },
			func() error { return s.text(2, row, label, 0) },
			func() error { return s.number(3, row, h.Actual) },
			func() error { return s.number(4, row, h.Previous) },
			func() error { return s.percent(5, row, h.ChangeVsPrevious()) },
			func() error { return s.number(6, row, h.LastYear) },
			func() error { return s.percent(7, row, h.ChangeVsLastYear()) },
		}
		if err := run(cells); err != nil {
			return err
		}
		row++
	}
	if err := s.freeze(summaryHeaderRow); err != nil {
		return err
	}
	return s.landscape(true)
}

func writeTopPosts(ctx context.Context, s *sheet, r *reports.Report, l reports.Labels) error {
	s.fitFrom = 1
	if err := s.header(1, l.Rank, l.Platform, l.Published, l.Type, l.Text,
		l.Reach, l.Engagements, l.Link, l.PostID); err != nil {
		return err
	}
	if len(r.TopPosts) == 0 {
		if err := s.text(1, 2, l.NoDataYet, 0); err != nil {
			return err
		}
	}
	for i, p := range r.TopPosts {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row := i + 2
		cells := []func() error{
			func() error { return s.count(1, row, i+1) },
			func() error { return s.text(2, row, p.Platform, 0) },
			func() error { return s.instant(3, row, p.PublishedAt) },
			func() error { return s.text(4, row, p.Type, 0) },
			func() error { return s.text(5, row, p.Title, 0) },
			func() error { return s.number(6, row, p.Reach) },
			func() error { return s.number(7, row, p.Engagements) },
			func() error { return s.link(8, row, p.Permalink) },
			// IDs stay text: Excel keeps only 15 significant digits of a number.
			func() error { return s.text(9, row, p.PostID, 0) },
		}
		if err := run(cells); err != nil {
			return err
		}
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	return s.landscape(false)
}

func writeCoverage(ctx context.Context, s *sheet, r *reports.Report, l reports.Labels) error {
	s.fitFrom = 1
	if err := s.header(1, l.Platform, l.Account, l.DaysWithData, l.DaysInPeriod,
		l.MissingDays, l.LastDate, l.Status); err != nil {
		return err
	}
	if len(r.Coverage) == 0 {
		if err := s.text(1, 2, l.NoDataYet, 0); err != nil {
			return err
		}
	}
	for i, c := range r.Coverage {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row := i + 2
		cells := []func() error{
			func() error { return s.text(1, row, c.Platform, 0) },
			func() error { return s.text(2, row, c.Account, 0) },
			func() error { return s.count(3, row, c.DaysWithData) },
			func() error { return s.count(4, row, c.DaysInPeriod) },
			func() error { return s.count(5, row, c.MissingDays()) },
			func() error { return s.day(6, row, c.LastDate) },
			func() error { return s.text(7, row, l.CoverageStatus(c), 0) },
		}
		if err := run(cells); err != nil {
			return err
		}
	}
	if err := s.freeze(1); err != nil {
		return err
	}
	return s.landscape(false)
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
