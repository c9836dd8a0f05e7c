package workbook

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Column widths are in Excel character units; long texts stop at maxWidth instead of
// pushing the next columns off screen.
const (
	minWidth = 6
	maxWidth = 60

	// maxLinkLen is Excel's limit on a hyperlink address; a longer one makes the file
	// unreadable, so such a permalink stays plain text.
	maxLinkLen = 2079
)

// sheet writes the cells of one worksheet. Every cell goes through one of its methods, so
// every string is a string cell (never a formula) and every width is measured.
type sheet struct {
	f       *excelize.File
	name    string
	st      styles
	marker  string          // appended to text cut at the cell limit
	zone    *time.Location  // zone in which dates are shown
	fitFrom int             // first row whose content sizes the columns
	widths  map[int]float64 // widest content per column
	fixed   map[int]float64 // columns whose width is set, not measured
	links   int             // hyperlinks written, capped by excelize.TotalSheetHyperlinks
}

func (s *sheet) cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row) // col, row ≥ 1 by construction
	return name
}

// measure records the display width of a cell's content for fitColumns.
func (s *sheet) measure(col, row int, width float64) {
	if row < s.fitFrom {
		return
	}
	if width > s.widths[col] {
		s.widths[col] = width
	}
}

func (s *sheet) style(col, row, style int) error {
	if style == 0 {
		return nil
	}
	c := s.cell(col, row)
	if err := s.f.SetCellStyle(s.name, c, c, style); err != nil {
		return fmt.Errorf("styling %s!%s: %w", s.name, c, err)
	}
	return nil
}

// text writes export or label text as a string cell, made safe by cellText.
func (s *sheet) text(col, row int, v string, style int) error {
	c := s.cell(col, row)
	safe, _ := cellText(v, s.marker) // a cut shows in the cell through the marker
	if err := s.f.SetCellStr(s.name, c, safe); err != nil {
		return fmt.Errorf("writing %s!%s: %w", s.name, c, err)
	}
	s.measure(col, row, float64(units(safe))*1.1+2)
	return s.style(col, row, style)
}

// number writes a figure with a number format. A nil or non-finite value leaves the cell
// empty: no data is never shown as 0.
func (s *sheet) number(col, row int, v *float64) error {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return nil
	}
	c := s.cell(col, row)
	if err := s.f.SetCellFloat(s.name, c, *v, -1, 64); err != nil {
		return fmt.Errorf("writing %s!%s: %w", s.name, c, err)
	}
	style := s.st.integer
	digits := len(strconv.FormatFloat(math.Abs(*v), 'f', 0, 64))
	width := float64(digits+digits/3) + 3
	if *v != math.Trunc(*v) {
		style = s.st.decimal
		width += 3
	}
	s.measure(col, row, width)
	return s.style(col, row, style)
}

// count writes a whole number that is always known (days, ranks).
func (s *sheet) count(col, row, n int) error {
	v := float64(n)
	return s.number(col, row, &v)
}

// percent writes a ratio (0.1 = 10 %) with a signed percentage format.
func (s *sheet) percent(col, row int, v *float64) error {
	if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
		return nil
	}
	c := s.cell(col, row)
	if err := s.f.SetCellFloat(s.name, c, *v, -1, 64); err != nil {
		return fmt.Errorf("writing %s!%s: %w", s.name, c, err)
	}
	s.measure(col, row, 10)
	return s.style(col, row, s.st.percent)
}

// instant writes a moment (a publication, the generation time) as an Excel date-time in the
// report's zone. excelize converts the wall clock and ignores the zone, hence the conversion
// first. A zero time leaves the cell empty.
func (s *sheet) instant(col, row int, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	return s.calendar(col, row, t.In(s.zone), s.st.dateTime)
}

// day writes a calendar date (a day of data) as it is stored: converting a date held as
// midnight UTC to a zone west of UTC would show the day before.
func (s *sheet) day(col, row int, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	return s.calendar(col, row, t, s.st.date)
}

// calendar writes t's wall clock. A time outside Excel's calendar (1900–9999) is written as
// ISO text rather than as a wrong serial number.
func (s *sheet) calendar(col, row int, t time.Time, style int) error {
	if t.Year() < 1900 || t.Year() > 9999 {
		return s.text(col, row, t.Format(time.RFC3339), 0)
	}
	c := s.cell(col, row)
	if err := s.f.SetCellValue(s.name, c, t); err != nil {
		return fmt.Errorf("writing %s!%s: %w", s.name, c, err)
	}
	s.measure(col, row, 17)
	return s.style(col, row, style)
}

// link writes a permalink as text, and makes it a hyperlink only when it is an absolute
// https URL: export data must not be able to plant javascript:, file: or other links.
func (s *sheet) link(col, row int, raw string) error {
	if raw == "" {
		return nil
	}
	if !isHTTPS(raw) || len(raw) > maxLinkLen || s.links >= excelize.TotalSheetHyperlinks {
		return s.text(col, row, raw, 0)
	}
	if err := s.text(col, row, raw, s.st.link); err != nil {
		return err
	}
	c := s.cell(col, row)
	if err := s.f.SetCellHyperLink(s.name, c, raw, "External"); err != nil {
		return fmt.Errorf("linking %s!%s: %w", s.name, c, err)
	}
	s.links++
	return nil
}

// isHTTPS reports whether raw is an absolute https URL with a host and nothing XML cannot
// carry (url.Parse already rejects ASCII control characters).
func isHTTPS(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil && xmlSafe(raw) == raw
}

// header writes a row of column titles.
func (s *sheet) header(row int, titles ...string) error {
	for i, t := range titles {
		if err := s.text(i+1, row, t, s.st.header); err != nil {
			return err
		}
	}
	return nil
}

// fitColumns sets each measured column to its content's width, within bounds, and the
// fixed columns to their width.
func (s *sheet) fitColumns() error {
	for col, w := range s.fixed {
		s.widths[col] = w
	}
	for col, w := range s.widths {
		if _, ok := s.fixed[col]; !ok {
			w = math.Max(minWidth, math.Min(maxWidth, w))
		}
		name, err := excelize.ColumnNumberToName(col)
		if err != nil {
			return err
		}
		if err := s.f.SetColWidth(s.name, name, name, w); err != nil {
			return fmt.Errorf("sizing column %s of %s: %w", name, s.name, err)
		}
	}
	return nil
}

// freeze keeps the first rows visible while scrolling.
func (s *sheet) freeze(rows int) error {
	err := s.f.SetPanes(s.name, &excelize.Panes{
		Freeze:      true,
		YSplit:      rows,
		TopLeftCell: s.cell(1, rows+1),
		ActivePane:  "bottomLeft",
	})
	if err != nil {
		return fmt.Errorf("freezing header of %s: %w", s.name, err)
	}
	return nil
}

// landscape prints the sheet landscape, one page wide, and as tall as it needs unless
// onePage asks for a single page.
func (s *sheet) landscape(onePage bool) error {
	orientation, wide, tall := "landscape", 1, 0
	if onePage {
		tall = 1
	}
	fit := true
	if err := s.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
		Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return fmt.Errorf("page layout of %s: %w", s.name, err)
	}
	if err := s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("page fit of %s: %w", s.name, err)
	}
	return nil
}

// styled gives a cell the style of l.
func (s *sheet) styled(col, row int, l look) error {
	id, err := s.st.get(l)
	if err != nil {
		return err
	}
	return s.style(col, row, id)
}

// textAs writes text like text, in the style of l.
func (s *sheet) textAs(col, row int, v string, l look) error {
	if err := s.text(col, row, v, 0); err != nil {
		return err
	}
	return s.styled(col, row, l)
}

// figure writes a number in the style of l (which carries its number format). A nil or
// non-finite value leaves the cell empty, styled: no data is never shown as 0.
func (s *sheet) figure(col, row int, v *float64, l look) error {
	if v != nil && !math.IsNaN(*v) && !math.IsInf(*v, 0) {
		c := s.cell(col, row)
		if err := s.f.SetCellFloat(s.name, c, *v, -1, 64); err != nil {
			return fmt.Errorf("writing %s!%s: %w", s.name, c, err)
		}
		digits := len(strconv.FormatFloat(math.Abs(*v), 'f', 0, 64))
		s.measure(col, row, float64(digits+digits/3)+6)
	}
	return s.styled(col, row, l)
}

// month writes the first day of a month as a date shown as "Oct 2026".
func (s *sheet) month(col, row int, t time.Time, l look) error {
	l.format = fmtMonth
	if err := s.calendar(col, row, t, 0); err != nil {
		return err
	}
	return s.styled(col, row, l)
}

// merge joins a block of cells, e.g. a line of text across the table's width.
func (s *sheet) merge(col1, row1, col2, row2 int) error {
	if err := s.f.MergeCell(s.name, s.cell(col1, row1), s.cell(col2, row2)); err != nil {
		return fmt.Errorf("merging %s!%s: %w", s.name, s.cell(col1, row1), err)
	}
	return nil
}

// height sets a row's height in points.
func (s *sheet) height(row int, points float64) error {
	if err := s.f.SetRowHeight(s.name, row, points); err != nil {
		return fmt.Errorf("sizing row %d of %s: %w", row, s.name, err)
	}
	return nil
}

// width fixes a column's width instead of measuring its content.
func (s *sheet) width(col int, w float64) {
	if s.fixed == nil {
		s.fixed = map[int]float64{}
	}
	s.fixed[col] = w
}

// define names a block of the sheet for the workbook, e.g. Summary_Goals, so formulas and
// pivot tables can point at it by name. Names are fixed ASCII chosen by this package; the
// sheet name (sanitised) appears only quoted inside the reference.
func (s *sheet) define(name string, col1, row1, col2, row2 int) error {
	if row2 < row1 {
		row2 = row1
	}
	err := s.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: ref(s.name, col1, row1, col2, row2)})
	if err != nil {
		return fmt.Errorf("defining %s: %w", name, err)
	}
	return nil
}

// ref is an absolute reference to a block of a sheet: 'Sheet name'!$A$1:$B$2.
func ref(sheet string, col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1, true)
	b, _ := excelize.CoordinatesToCellName(col2, row2, true)
	return quoteSheet(sheet) + "!" + a + ":" + b
}

// quoteSheet quotes a sheet name for a reference, doubling its apostrophes.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
