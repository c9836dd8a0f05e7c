package dashboard

import (
	"fmt"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/goalpost/goalpost/reports"
)

// contentView is the content section: content types (the workbook's, Detail.ContentTypes),
// posting times.
type contentView struct {
	Types      *chart
	TypeRows   []typeRow
	Times      *chart
	TimesNote  string   // the window and zone the heatmap covers
	BestTimes  []string // the best weekday-hours, in words
	TimesTable []timesRow
	Hours      []string // the table's column heads
}

type typeRow struct {
	Platform, Account, Type, Posts, AvgReach, AvgEngagements, Rate, VsAccount string
}

type timesRow struct {
	Day   string
	Cells []string // 24 hours: "×1.2 (3)" or ""
}

// sourcesView is gifts and sign-ups by source.
type sourcesView struct {
	Donations     []donationBlock
	Signups       *chart
	SignupRows    []signupRow
	SignupColumns []string // the kinds, in order
}

type donationBlock struct {
	Currency string
	Chart    chart
	Rows     []donationRow
}

type donationRow struct{ Source, Medium, Gifts, Amount string }

type signupRow struct {
	Channel string
	Counts  []string
}

// minPostsForBest is how many posts a weekday-hour needs before the page names it a good
// time to post: one lucky post says little.
const minPostsForBest = 3

func contentViews(r *reports.Report, f format, w words) (contentView, error) {
	var cv contentView
	if r.Detail != nil && len(r.Detail.ContentTypes) > 0 {
		types := r.Detail.ContentTypes
		c, err := contentTypesChart("content-types", types, f, w)
		if err != nil {
			return cv, fmt.Errorf("content types: %w", err)
		}
		cv.Types = &c
		for _, t := range types {
			cv.TypeRows = append(cv.TypeRows, typeRow{
				Platform: f.l.PlatformLabel(t.Platform), Account: t.Account, Type: w.postType(t.Type), Posts: f.integer(t.Posts),
				AvgReach: f.number1(t.AvgReach), AvgEngagements: f.number1(t.AvgEngagements),
				Rate: f.value(t.EngagementRate, "percent", ""), VsAccount: f.index(t.VsAccount),
			})
		}
	}
	in := r.Insights
	if in == nil {
		return cv, nil
	}
	if len(in.PostingTimes) > 0 {
		c, err := postingTimesChart("content-times", in.PostingTimes, f, w)
		if err != nil {
			return cv, fmt.Errorf("posting times: %w", err)
		}
		cv.Times = &c
		zone := r.Zone().String()
		cv.TimesNote = fmt.Sprintf(w.TimesNote, f.date(in.PostingFrom), f.date(in.PostingTo.AddDate(0, 0, -1)), zone)
		// The best cells, in the order SQL gave (weekday, hour) after a stable sort by index.
		best := make([]reports.PostingTime, 0, len(in.PostingTimes))
		for _, t := range in.PostingTimes {
			if t.Posts >= minPostsForBest {
				best = append(best, t)
			}
		}
		sortByIndex(best)
		for i := 0; i < len(best) && i < 3; i++ {
			t := best[i]
			cv.BestTimes = append(cv.BestTimes, fmt.Sprintf(w.BestTime, w.Weekdays[t.Weekday-1], f.hour(t.Hour), f.index(&t.Index), t.Posts))
		}
		for h := 0; h < 24; h++ {
			cv.Hours = append(cv.Hours, f.hour(h))
		}
		cells := map[[2]int]reports.PostingTime{}
		for _, t := range in.PostingTimes {
			cells[[2]int{t.Weekday, t.Hour}] = t
		}
		for d := 1; d <= 7; d++ {
			row := timesRow{Day: w.Weekdays[d-1]}
			for h := 0; h < 24; h++ {
				s := ""
				if t, ok := cells[[2]int{d, h}]; ok {
					s = f.index(&t.Index) + " (" + strconv.Itoa(t.Posts) + ")"
				}
				row.Cells = append(row.Cells, s)
			}
			cv.TimesTable = append(cv.TimesTable, row)
		}
	}
	return cv, nil
}

// sortByIndex orders posting times by index, best first; ties keep the SQL's order.
func sortByIndex(ts []reports.PostingTime) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Index > ts[j-1].Index; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// contentTypesChart shows engagements per post by platform, account and type in the SQL's
// order, with the comparison to the account's average as the label. A bar names its account
// only where its platform has more than one account in the list.
func contentTypesChart(id string, types []reports.ContentType, f format, w words) (chart, error) {
	c := chart{ID: id, Title: w.TypesTitle, Size: "chart tall", Format: chartFormat{Unit: "count", Axis: "x"}}
	accounts := map[string]map[string]bool{}
	for _, t := range types {
		if accounts[t.Platform] == nil {
			accounts[t.Platform] = map[string]bool{}
		}
		accounts[t.Platform][t.Account] = true
	}
	var cats []string
	var data []opts.BarData
	for i, t := range types {
		label := f.l.PlatformLabel(t.Platform) + " · "
		if len(accounts[t.Platform]) > 1 {
			label += t.Account + " · "
		}
		cats = append(cats, label+w.postType(t.Type)+" ("+f.integer(t.Posts)+")")
		colour, _, _ := styleOf(t.Platform, i)
		data = append(data, opts.BarData{Value: value(t.AvgEngagements), ItemStyle: &opts.ItemStyle{Color: colour}})
	}
	b := charts.NewBar()
	b.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "24", Right: "48", Top: "8", Bottom: "8", ContainLabel: opts.Bool(true)}),
	)
	b.SetXAxis(cats)
	b.AddSeries(w.AvgEngagements, data, charts.WithBarChartOpts(opts.BarChart{BarWidth: "60%"}))
	opt, err := finish(b, func(o map[string]any) {
		o["yAxis"] = []any{map[string]any{"type": "category", "inverse": true, "data": cats, "axisTick": map[string]any{"show": false}}}
		o["xAxis"] = []any{map[string]any{"type": "value"}}
		s := seriesOf(o)[0]
		items, _ := s["data"].([]any)
		for i, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				continue
			}
			// A label's text is a plain string that the init script shows as data.
			if types[i].VsAccount != nil {
				m["text"] = f.index(types[i].VsAccount)
			}
		}
		s["label"] = map[string]any{"show": true, "position": "right", "useText": true}
	})
	if err != nil {
		return c, err
	}
	c.Option = opt
	return c, nil
}

// postingTimesChart is the weekday × hour heatmap of the engagement index.
func postingTimesChart(id string, times []reports.PostingTime, f format, w words) (chart, error) {
	c := chart{ID: id, Title: w.TimesTitle, Size: "chart heat", Format: chartFormat{Unit: "index", Kind: "heatmap"}}
	hours := make([]string, 24)
	for h := range hours {
		hours[h] = f.hour(h)
	}
	days := append([]string(nil), w.WeekdaysShort[:]...)
	hi := 0.0
	var data []opts.HeatMapData
	for _, t := range times {
		if t.Weekday < 1 || t.Weekday > 7 || t.Hour < 0 || t.Hour > 23 {
			continue
		}
		if t.Index > hi {
			hi = t.Index
		}
		data = append(data, opts.HeatMapData{Value: [4]any{t.Hour, t.Weekday - 1, t.Index, t.Posts}})
	}
	if hi < 2 {
		hi = 2
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "8", Top: "8", Bottom: "56", ContainLabel: opts.Bool(true)}),
	)
	hm.SetXAxis(hours)
	hm.AddSeries(w.TimesTitle, data)
	opt, err := finish(hm, func(o map[string]any) {
		o["xAxis"] = []any{map[string]any{"type": "category", "data": hours, "splitArea": map[string]any{"show": true}, "axisLabel": map[string]any{"interval": 1}}}
		o["yAxis"] = []any{map[string]any{"type": "category", "data": days, "inverse": true, "splitArea": map[string]any{"show": true}}}
		// A light-to-dark ramp of one hue reads in grey too; the legend names both ends.
		o["visualMap"] = []any{map[string]any{
			"type": "continuous", "min": 0, "max": hi, "dimension": 2, "calculable": false,
			"orient": "horizontal", "left": "center", "bottom": 0, "itemHeight": 160,
			"text":    []any{w.MoreEngaging, w.LessEngaging},
			"inRange": map[string]any{"color": []any{"#f1f8ff", "#79b8ff", "#0b5cad", "#032f62"}},
		}}
		s := seriesOf(o)[0]
		s["itemStyle"] = map[string]any{"borderColor": "#ffffff", "borderWidth": 1}
	})
	if err != nil {
		return c, err
	}
	c.Option = opt
	return c, nil
}

func sourcesViews(r *reports.Report, f format, w words) (sourcesView, error) {
	var sv sourcesView
	in := r.Insights
	if in == nil {
		return sv, nil
	}
	// One block per currency, in the SQL's order (amounts are never converted).
	var order []string
	byCurrency := map[string][]reports.DonationSource{}
	for _, d := range in.Donations {
		if _, ok := byCurrency[d.Currency]; !ok {
			order = append(order, d.Currency)
		}
		byCurrency[d.Currency] = append(byCurrency[d.Currency], d)
	}
	for i, cur := range order {
		ds := byCurrency[cur]
		block := donationBlock{Currency: cur}
		var cats []string
		var data []opts.BarData
		for _, d := range ds {
			name := w.source(d.Source, d.Medium)
			cats = append(cats, name)
			amount := d.Amount
			data = append(data, opts.BarData{Value: amount})
			block.Rows = append(block.Rows, donationRow{Source: w.sourceName(d.Source), Medium: w.sourceName(d.Medium), Gifts: f.integer(d.Gifts), Amount: f.value(&amount, "currency", cur)})
		}
		id := "donations-" + strconv.Itoa(i+1)
		b := charts.NewBar()
		b.SetGlobalOptions(
			charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
			charts.WithGridOpts(opts.Grid{Left: "24", Right: "24", Top: "8", Bottom: "8", ContainLabel: opts.Bool(true)}),
		)
		b.SetXAxis(cats)
		b.AddSeries(cur, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#116329"}), charts.WithBarChartOpts(opts.BarChart{BarWidth: "60%"}))
		opt, err := finish(b, func(o map[string]any) {
			o["yAxis"] = []any{map[string]any{"type": "category", "inverse": true, "data": cats, "axisTick": map[string]any{"show": false}}}
			o["xAxis"] = []any{map[string]any{"type": "value"}}
		})
		if err != nil {
			return sv, fmt.Errorf("donations: %w", err)
		}
		block.Chart = chart{ID: id, Title: fmt.Sprintf(w.DonationsTitle, cur), Size: "chart", Format: chartFormat{Unit: "count", Axis: "x"}, Option: opt}
		sv.Donations = append(sv.Donations, block)
	}

	if len(in.Signups) > 0 {
		var kinds, channels []string
		counts := map[[2]string]int{}
		seenK, seenC := map[string]bool{}, map[string]bool{}
		for _, s := range in.Signups {
			if !seenK[s.Kind] {
				seenK[s.Kind] = true
				kinds = append(kinds, s.Kind)
			}
			if !seenC[s.Channel] {
				seenC[s.Channel] = true
				channels = append(channels, s.Channel)
			}
			counts[[2]string{s.Kind, s.Channel}] = s.Signups
		}
		var cats []string
		for _, ch := range channels {
			cats = append(cats, w.sourceName(ch))
		}
		for _, k := range kinds {
			sv.SignupColumns = append(sv.SignupColumns, w.signupKind(k))
		}
		for _, ch := range channels {
			row := signupRow{Channel: w.sourceName(ch)}
			for _, k := range kinds {
				if n, ok := counts[[2]string{k, ch}]; ok {
					row.Counts = append(row.Counts, f.integer(n))
				} else {
					row.Counts = append(row.Counts, noValue)
				}
			}
			sv.SignupRows = append(sv.SignupRows, row)
		}
		b := charts.NewBar()
		b.SetGlobalOptions(
			charts.WithInitializationOpts(opts.Initialization{ChartID: "signups"}),
			charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
			charts.WithGridOpts(opts.Grid{Left: "24", Right: "24", Top: "36", Bottom: "8", ContainLabel: opts.Bool(true)}),
		)
		b.SetXAxis(cats)
		kindColours := []string{"#0b5cad", "#b0317a", "#1a7f37", "#9a6700", "#6639ba"}
		for i, k := range kinds {
			data := make([]opts.BarData, len(channels))
			for j, ch := range channels {
				if n, ok := counts[[2]string{k, ch}]; ok {
					data[j] = opts.BarData{Value: n}
				} else {
					data[j] = opts.BarData{Value: 0}
				}
			}
			b.AddSeries(w.signupKind(k), data, charts.WithBarChartOpts(opts.BarChart{Stack: "all", BarWidth: "60%"}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: kindColours[i%len(kindColours)], BorderColor: "#ffffff", BorderWidth: 1}))
		}
		opt, err := finish(b, func(o map[string]any) {
			o["yAxis"] = []any{map[string]any{"type": "category", "inverse": true, "data": cats, "axisTick": map[string]any{"show": false}}}
			o["xAxis"] = []any{map[string]any{"type": "value", "minInterval": 1}}
			// Patterns as well as colours tell the kinds apart in print.
			o["aria"] = map[string]any{"enabled": true, "decal": map[string]any{"show": true}, "label": map[string]any{"enabled": false}}
		})
		if err != nil {
			return sv, fmt.Errorf("sign-ups: %w", err)
		}
		sv.Signups = &chart{ID: "signups", Title: w.SignupsTitle, Size: "chart tall", Format: chartFormat{Unit: "count", Axis: "x"}, Option: opt}
	}
	return sv, nil
}
