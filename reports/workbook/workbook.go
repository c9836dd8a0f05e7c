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
	"sort"
	"strings"
	"time"

	"github.com/goalpost/goalpost/reports"
	"github.com/xuri/excelize/v2"
)

// step is one sheet to write: its title (made a valid, unique sheet name) and its writer.
type step struct {
	title string
	write func(context.Context, *sheet) error
	// stream writers write the sheet themselves through excelize's StreamWriter (large
	// sheets); they get the sheet's name and the workbook.
	stream func(context.Context, *excelize.File, string, styles) error
}

// Write writes r as an .xlsx workbook to w, labelled in r.Lang, with the sheets in the order
// the board reads them: Summary, one sheet per goal, one per platform, Top posts, Content
// types, Milestones, Data coverage, Definitions and Data, then a sheet per saved query.
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
	wl := l.Workbook
	// Fixed sheets take their names first, so a goal named "Summary" cannot take the
	// Summary's name; goal and platform sheets follow in reading order.
	names := newSheetNames()
	fixed := map[string]string{}
	for _, t := range []string{l.Summary, l.TopPosts, wl.ContentTypes, wl.Milestones, l.Coverage, wl.Definitions, wl.Data} {
		fixed[t] = names.unique(t)
	}
	var goalSheets, platformSheets []string
	if r.Goals != nil {
		for _, g := range r.Goals.Goals {
			goalSheets = append(goalSheets, names.unique(g.Name))
		}
	}
	if r.Detail != nil {
		for _, p := range r.Detail.Platforms {
			platformSheets = append(platformSheets, names.unique(p.Label))
		}
	}
	bk := &book{r: r, l: l, goalSheets: goalSheets}

	steps := []step{{title: fixed[l.Summary], write: bk.summary}}
	for i := range goalSheets {
		i := i
		steps = append(steps, step{title: goalSheets[i], write: func(ctx context.Context, s *sheet) error { return bk.goal(ctx, s, i) }})
	}
	for i := range platformSheets {
		i := i
		steps = append(steps, step{title: platformSheets[i], write: func(ctx context.Context, s *sheet) error { return bk.platform(ctx, s, i) }})
	}
	steps = append(steps,
		step{title: fixed[l.TopPosts], write: bk.topPosts},
		step{title: fixed[wl.ContentTypes], write: bk.contentTypes},
		step{title: fixed[wl.Milestones], write: bk.milestones},
		step{title: fixed[l.Coverage], write: bk.coverage},
		step{title: fixed[wl.Definitions], write: bk.definitions},
		step{title: fixed[wl.Data], stream: bk.data},
	)
	// Each saved query of the organisation gets a sheet of its own, after the report's.
	for _, t := range r.Tables {
		t := t
		steps = append(steps, step{title: names.unique(t.Title), write: func(ctx context.Context, s *sheet) error {
			return writeTable(ctx, s, t)
		}})
	}
	for i, step := range steps {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("writing workbook: %w", err)
		}
		name := step.title
		if i == 0 {
			// A new file starts with "Sheet1"; reuse it so no empty sheet is left behind.
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("writing workbook: naming %q: %w", name, err)
			}
			// The Summary opens first. Set now, while it is the only sheet: excelize's
			// SetActiveSheet reads every sheet back, and at the end that would parse the
			// streamed Data sheet into memory and write it again (1.4 s of a 3.4 s report,
			// and most of its memory, for 60,000 daily rows).
			f.SetActiveSheet(0)
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("writing workbook: adding sheet %q: %w", name, err)
		}
		if err := pageSetup(f, name, title(r, l)+" — "+r.PeriodName()); err != nil {
			return fmt.Errorf("writing workbook: %w", err)
		}
		if step.stream != nil {
			if err := step.stream(ctx, f, name, st); err != nil {
				return fmt.Errorf("writing workbook: sheet %q: %w", name, err)
			}
		} else {
			s := &sheet{f: f, name: name, st: st, marker: l.Truncated, zone: r.Zone(), widths: map[int]float64{}}
			if err := step.write(ctx, s); err != nil {
				return fmt.Errorf("writing workbook: sheet %q: %w", name, err)
			}
			if err := s.fitColumns(); err != nil {
				return fmt.Errorf("writing workbook: %w", err)
			}
		}
	}
	// excelize lists the image content types in map order once a chart is added: sort them,
	// so that the same model always gives the same bytes.
	if ct := f.ContentTypes; ct != nil {
		sort.Slice(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	if err := setProperties(f, r, l); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	return nil
}

// book is one report being written: the model, its labels and the names of the goal
// sheets, which the Summary's sparklines point at.
type book struct {
	r          *reports.Report
	l          reports.Labels
	goalSheets []string
}

// pageSetup prints every sheet with narrow margins and a footer naming the report and the
// page, so a printed page is never anonymous.
func pageSetup(f *excelize.File, sheet, heading string) error {
	m := 0.4
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}); err != nil {
		return fmt.Errorf("margins of %s: %w", sheet, err)
	}
	// In header and footer text "&" starts a code; a literal one is "&&".
	footer := "&L&8" + strings.ReplaceAll(xmlSafe(heading), "&", "&&") + "&R&8&P / &N"
	if len(footer) > 255 { // Excel's limit on a footer
		footer = "&R&8&P / &N"
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return fmt.Errorf("footer of %s: %w", sheet, err)
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
