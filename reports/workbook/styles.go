package workbook

import (
	"fmt"
	"regexp"

	"github.com/xuri/excelize/v2"
)

// styles are the style IDs of one workbook. Number formats are Excel codes, so Excel shows
// the reader's own separators (a French Excel shows "12 345,5").
type styles struct {
	title, label, header      int
	integer, decimal, percent int
	date, dateTime, link      int

	f     *excelize.File
	cache map[look]int
}

// look is one combination of number format and appearance; styles made from it are cached,
// since a workbook holds at most 65,430 of them.
type look struct {
	numFmt   int    // built-in number format, when format is ""
	format   string // custom number format
	bold     bool
	italic   bool
	size     float64
	color    string // font colour
	fill     string // background colour
	wrap     bool
	top      bool // a rule above: the first row of a goal
	valign   string
	halign   string
	border   bool // a thin rule below: table headers
	headerBg bool
}

// Colours chosen to read in black and white too: light fills under dark text, and the
// status always written as a word.
const (
	headerFill = "E7E6E6"
	ruleColour = "808080"
)

// statusLooks colour a status cell; the word in it says the same without colour.
var statusLooks = map[string][2]string{ // font colour, fill
	"on_track":  {"006100", "C6EFCE"},
	"at_risk":   {"7F4F00", "FFEB9C"},
	"off_track": {"9C0006", "FFC7CE"},
	"reached":   {"006100", "C6EFCE"},
}

// Number formats. Percentages are fractions (0.1 shows 10.0%); changes carry their sign.
const (
	fmtInteger = 3 // #,##0
	fmtDecimal = 4 // #,##0.00
	fmtChange  = "+0.0%;-0.0%;0.0%"
	fmtPoints  = `+0.0" pt";-0.0" pt";0.0" pt"`
	fmtRate    = "0.0%"
	fmtWhole   = "0%"
	fmtTimes   = `0.00"×"`
	fmtHours   = `#,##0.0" h"`
	fmtMonth   = "mmm yyyy"
	fmtDate    = "yyyy-mm-dd"
	fmtMoment  = "yyyy-mm-dd hh:mm"
)

// currencyCode accepts an ISO 4217 code, the only text that goes into a number format.
var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

func newStyles(f *excelize.File) (styles, error) {
	st := styles{f: f, cache: map[look]int{}}
	var err error
	add := func(dst *int, l look) {
		if err != nil {
			return
		}
		*dst, err = st.get(l)
	}
	add(&st.title, look{bold: true, size: 14})
	add(&st.label, look{bold: true})
	add(&st.header, look{bold: true, headerBg: true, border: true, wrap: true, valign: "center"})
	add(&st.integer, look{numFmt: fmtInteger})
	add(&st.decimal, look{numFmt: fmtDecimal})
	add(&st.percent, look{format: fmtChange})
	add(&st.date, look{format: fmtDate})
	add(&st.dateTime, look{format: fmtMoment})
	add(&st.link, look{color: "0563C1"})
	if err != nil {
		return styles{}, fmt.Errorf("creating styles: %w", err)
	}
	return st, nil
}

// get returns the style for l, creating it once.
func (st *styles) get(l look) (int, error) {
	if id, ok := st.cache[l]; ok {
		return id, nil
	}
	s := &excelize.Style{NumFmt: l.numFmt}
	if l.format != "" {
		format := l.format
		s.CustomNumFmt = &format
	}
	if l.bold || l.italic || l.size != 0 || l.color != "" {
		// A font without a family makes LibreOffice fall back to a serif face.
		size := l.size
		if size == 0 {
			size = 11
		}
		s.Font = &excelize.Font{Family: "Calibri", Bold: l.bold, Italic: l.italic, Size: size, Color: l.color}
		if l.color == "0563C1" {
			s.Font.Underline = "single"
		}
	}
	switch {
	case l.fill != "":
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{l.fill}}
	case l.headerBg:
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerFill}}
	}
	if l.border {
		s.Border = append(s.Border, excelize.Border{Type: "bottom", Color: ruleColour, Style: 1})
	}
	if l.top {
		s.Border = append(s.Border, excelize.Border{Type: "top", Color: ruleColour, Style: 1})
	}
	if l.wrap || l.valign != "" || l.halign != "" {
		s.Alignment = &excelize.Alignment{WrapText: l.wrap, Vertical: l.valign, Horizontal: l.halign}
	}
	id, err := st.f.NewStyle(s)
	if err != nil {
		return 0, fmt.Errorf("creating a style: %w", err)
	}
	st.cache[l] = id
	return id, nil
}

// unitLook is how a figure of a KPI unit is shown: counts as whole numbers, percentages
// (fractions) as 0.0%, amounts with the currency code, hours with one decimal.
func unitLook(unit, currency string) look {
	switch unit {
	case "percent":
		return look{format: fmtRate}
	case "currency":
		if currencyCode.MatchString(currency) {
			return look{format: `#,##0" ` + currency + `"`}
		}
		return look{numFmt: fmtInteger}
	case "hours":
		return look{format: fmtHours}
	}
	return look{numFmt: fmtInteger}
}
