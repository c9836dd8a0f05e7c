package workbook

import (
	"context"
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"
)

// dataTableName names the Data sheet's Excel table, so a pivot table can point at it.
const dataTableName = "DailyData"

// data writes the tidy daily table through excelize's StreamWriter, which keeps only a
// chunk of rows in memory: a five-year export of twenty accounts is hundreds of thousands
// of rows. It is an Excel table (filters, ready for a pivot table) under a frozen header.
func (b *book) data(ctx context.Context, f *excelize.File, name string, st styles) error {
	l, wl := b.l, b.l.Workbook
	// Page setup first: the StreamWriter writes the sheet's settings as they are when it starts.
	orientation, wide, tall, fit := "landscape", 1, 0, true
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	var rows int
	if b.r.Detail != nil {
		rows = len(b.r.Detail.Daily.Rows)
	}
	if rows+1 > excelize.TotalRows {
		rows = excelize.TotalRows - 1 // cannot happen for 13 months; never write a broken file
	}
	widths := []float64{12, 12, 24, 24, 18, 22, 14}
	if rows > 0 {
		// Fit the text columns to their content, from the model, before the first row.
		measure := []func(i int) string{
			nil,
			func(i int) string { return l.PlatformLabel(b.r.Detail.Daily.Rows[i].Platform) },
			func(i int) string { return b.r.Detail.Daily.Rows[i].Account },
			func(i int) string { return l.MetricLabel(b.r.Detail.Daily.Rows[i].Metric) },
			func(i int) string { return b.r.Detail.Daily.Rows[i].Metric },
			func(i int) string { return b.r.Detail.Daily.Rows[i].Dimension },
		}
		seen := map[string]bool{}
		for i := 0; i < rows; i++ {
			for c, m := range measure {
				if m == nil {
					continue
				}
				v := m(i)
				if seen[v] {
					continue
				}
				seen[v] = true
				widths[c] = math.Max(widths[c], math.Min(maxWidth, float64(units(v))*1.1+2))
			}
		}
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	titles := []string{wl.Date, l.Platform, wl.Account, l.Metric, wl.MetricCode, wl.Breakdown, wl.Value}
	header := make([]any, len(titles))
	for i, t := range titles {
		header[i] = excelize.Cell{StyleID: st.header, Value: plainText(t, l.Truncated)}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	value, err := st.get(look{format: "#,##0.##"})
	if err != nil {
		return err
	}
	cells := make([]any, len(titles))
	for i := 0; i < rows; i++ {
		if i%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		d := b.r.Detail.Daily.Rows[i]
		cells[0] = excelize.Cell{StyleID: st.date, Value: d.Date}
		cells[1] = plainText(l.PlatformLabel(d.Platform), l.Truncated)
		cells[2] = plainText(d.Account, l.Truncated)
		cells[3] = plainText(l.MetricLabel(d.Metric), l.Truncated)
		cells[4] = plainText(d.Metric, l.Truncated)
		cells[5] = plainText(d.Dimension, l.Truncated)
		if math.IsNaN(d.Value) || math.IsInf(d.Value, 0) {
			cells[6] = nil
		} else {
			cells[6] = excelize.Cell{StyleID: value, Value: d.Value}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("row %d: %w", i+2, err)
		}
	}
	last := max(rows+1, 2) // a table needs a row under its header
	end, _ := excelize.CoordinatesToCellName(len(titles), last)
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + end, Name: dataTableName, StyleName: "TableStyleLight9"}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "Data_Daily", RefersTo: ref(name, 1, 1, len(titles), last)}); err != nil {
		return fmt.Errorf("defining Data_Daily: %w", err)
	}
	return nil
}
