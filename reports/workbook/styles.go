package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// styles are the style IDs of one workbook. Number formats are Excel codes, so Excel shows
// the reader's own separators (a French Excel shows "12 345,5").
type styles struct {
	title, label, header      int
	integer, decimal, percent int
	date, dateTime, link      int
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	add := func(dst *int, s *excelize.Style) {
		if err != nil {
			return
		}
		*dst, err = f.NewStyle(s)
	}
	str := func(s string) *string { return &s }
	add(&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	add(&st.label, &excelize.Style{Font: &excelize.Font{Bold: true}})
	add(&st.header, &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	add(&st.integer, &excelize.Style{NumFmt: 3}) // #,##0
	add(&st.decimal, &excelize.Style{NumFmt: 4}) // #,##0.00
	add(&st.percent, &excelize.Style{CustomNumFmt: str("+0.0%;-0.0%;0.0%")})
	add(&st.date, &excelize.Style{CustomNumFmt: str("yyyy-mm-dd")})
	add(&st.dateTime, &excelize.Style{CustomNumFmt: str("yyyy-mm-dd hh:mm")})
	add(&st.link, &excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	if err != nil {
		return styles{}, fmt.Errorf("creating styles: %w", err)
	}
	return st, nil
}
