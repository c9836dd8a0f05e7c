// Package workbook writes the report model as the board's Excel workbook.
//
// Export text is data: every string reaches the file as a string cell (never a formula),
// cleaned for XML and cut visibly at Excel's cell limit; only https permalinks become
// hyperlinks. The package formats what the model holds and computes no figures.
package workbook

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/goalpost/goalpost/reports"
	"github.com/xuri/excelize/v2"
)

// Write writes r as an .xlsx workbook to w: a Summary sheet, a Top posts sheet and a Data
// coverage sheet, labelled in r.Lang, then a sheet per saved-query table.
func Write(ctx context.Context, w io.Writer, r *reports.Report) error {
	l, err := reports.LabelsFor(r.Lang)
	if err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()

	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	names := newSheetNames()
	steps := []struct {
		title string
		write func(context.Context, *sheet, *reports.Report, reports.Labels) error
	}{
		{l.Summary, writeSummary},
		{l.TopPosts, writeTopPosts},
		{l.Coverage, writeCoverage},
	}
	// Each saved query of the organisation gets a sheet of its own, after the report's.
	for _, t := range r.Tables {
		steps = append(steps, struct {
			title string
			write func(context.Context, *sheet, *reports.Report, reports.Labels) error
		}{t.Title, func(ctx context.Context, s *sheet, _ *reports.Report, _ reports.Labels) error {
			return writeTable(ctx, s, t)
		}})
	}
	for i, step := range steps {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("writing workbook: %w", err)
		}
		name := names.unique(step.title)
		if i == 0 {
			// A new file starts with "Sheet1"; reuse it so no empty sheet is left behind.
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("writing workbook: naming %q: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("writing workbook: adding sheet %q: %w", name, err)
		}
		s := &sheet{f: f, name: name, st: st, marker: l.Truncated, zone: r.Zone(), widths: map[int]float64{}}
		if err := step.write(ctx, s, r, l); err != nil {
			return fmt.Errorf("writing workbook: sheet %q: %w", name, err)
		}
		if err := s.fitColumns(); err != nil {
			return fmt.Errorf("writing workbook: %w", err)
		}
	}
	f.SetActiveSheet(0)
	if err := setProperties(f, r, l); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	return nil
}

// title is the report's name as shown in the workbook and its properties.
func title(r *reports.Report, l reports.Labels) string {
	return l.ReportTitle + " — " + r.Name()
}

// setProperties fills the document properties that file browsers and Excel's Info pane show.
func setProperties(f *excelize.File, r *reports.Report, l reports.Labels) error {
	generated := r.GeneratedAt.UTC().Format(time.RFC3339)
	clean := xmlSafe // properties are XML too; drop what it cannot carry
	err := f.SetDocProps(&excelize.DocProperties{
		Title:    clean(title(r, l) + " — " + r.PeriodName()),
		Subject:  clean(r.PeriodName()),
		Keywords: clean(r.Period.Key),
		Category: clean(l.ReportTitle),
		Creator:  "Goalpost",
		Created:  generated,
		Modified: generated,
		Language: r.Lang,
	})
	if err != nil {
		return fmt.Errorf("setting document properties: %w", err)
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "Goalpost", Company: clean(r.Name())}); err != nil {
		return fmt.Errorf("setting application properties: %w", err)
	}
	custom := []excelize.CustomProperty{
		{Name: "Organisation", Value: clean(r.Name())},
		{Name: "Organisation ID", Value: clean(r.Org)},
		{Name: "Period", Value: clean(r.Period.Key)},
		{Name: "Generated at", Value: r.GeneratedAt.UTC()},
	}
	for _, p := range custom {
		if err := f.SetCustomProps(p); err != nil {
			return fmt.Errorf("setting property %q: %w", p.Name, err)
		}
	}
	return nil
}
