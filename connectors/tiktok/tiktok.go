// Package tiktok reads TikTok's analytics downloads: the daily overview (Overview.csv or
// .xlsx from TikTok Studio, whose dates have no year and are written in the account's
// language, or the Business/Studio daily export with full dates), the followers file and
// the per-video content file.
package tiktok

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

const platform = "tiktok"

var dailyMetrics = []sheet.Metric{
	{Columns: []string{"Video Views", "Video views", "Visualizaciones de videos", "Vues de vidéos"}, Name: "video_views"},
	{Columns: []string{"Reached audience"}, Name: "reach"},
	{Columns: []string{"Profile Views", "Visualizaciones del perfil", "Vues du profil"}, Name: "profile_visits"},
	{Columns: []string{"Likes", "Me gusta", "J'aime"}, Name: "reactions"},
	{Columns: []string{"Comments", "Comentarios", "Commentaires"}, Name: "comments"},
	{Columns: []string{"Shares", "Veces compartido", "Partages"}, Name: "shares"},
	{Columns: []string{"Phone number clicks"}, Name: "phone_clicks"},
	{Columns: []string{"Leads submission"}, Name: "leads"},
	{Columns: []string{"Net growth"}, Name: "followers_net"},
	{Columns: []string{"New followers"}, Name: "followers_new"},
	{Columns: []string{"Lost followers"}, Name: "followers_lost"},
}

var followerMetrics = []sheet.Metric{
	{Columns: []string{"New followers"}, Name: "followers_new"},
	{Columns: []string{"Total followers"}, Name: "followers_total"},
	{Columns: []string{"Reached audience"}, Name: "reach"},
	{Columns: []string{"Engaged audience"}, Name: "engaged_users"},
}

var (
	dailySignature     = []string{"Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"}
	followersSignature = []string{"Date", "New followers", "Total followers"}
	videosSignature    = []string{"Video title", "Video link", "Post time", "Video views"}
)

func columns(sig []string, ms []sheet.Metric) []string {
	out := append([]string{}, sig...)
	for _, m := range ms {
		out = append(out, m.Columns[0])
	}
	return out
}

// Daily reads the overview: one row per day of the account's totals.
type Daily struct{}

// Spec implements connectors.Connector.
func (Daily) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "tiktok-daily", Platform: platform,
		Description: "TikTok overview: one row per day (Overview.csv/.xlsx with dates like \"April 12\", or the Business export with 2025/10/31)",
		HowToExport: "TikTok Studio (web) → Analytics → Overview → pick the date range → Download data (CSV or XLSX); the date range must end on the download day, which Goalpost needs to know: the dates carry no year",
		Columns:     columns([]string{"Date"}, dailyMetrics), Signature: dailySignature,
		Metrics: sheet.MetricColumns(dailyMetrics),
	}
}

// Detect implements connectors.Connector.
func (Daily) Detect(f *connectors.File) bool {
	h := csvio.NewHeader(f.Header())
	return len(f.Header()) > 0 && isDate(f.Header()[0]) && h.Index(dailyMetrics[0].Columns...) >= 0 &&
		h.Index(dailyMetrics[2].Columns...) >= 0 && h.Index(dailyMetrics[3].Columns...) >= 0
}

func isDate(h string) bool {
	switch csvio.Normalize(h) {
	case "date", "fecha":
		return true
	}
	return false
}

// Parse implements connectors.Connector.
func (Daily) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	return parseDaily(ctx, f, opts, sink, dailyMetrics, "Date|Fecha", "Video Views|Video views|Visualizaciones de videos")
}

// Followers reads the followers file: new and total followers per day.
type Followers struct{}

// Spec implements connectors.Connector.
func (Followers) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "tiktok-followers", Platform: platform,
		Description: "TikTok followers history: new followers (and, when TikTok has it, the total) per day",
		HowToExport: "TikTok Studio → Analytics → Followers → Download data",
		Columns:     columns([]string{"Date"}, followerMetrics), Signature: followersSignature,
		Metrics: sheet.MetricColumns(followerMetrics),
	}
}

// Detect implements connectors.Connector.
func (Followers) Detect(f *connectors.File) bool {
	h := csvio.NewHeader(f.Header())
	return h.Has(followersSignature...) && h.Index(dailyMetrics[0].Columns...) < 0
}

// Parse implements connectors.Connector.
func (Followers) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	return parseDaily(ctx, f, opts, sink, followerMetrics, followersSignature...)
}

func parseDaily(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink, ms []sheet.Metric, required ...string) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(required...); err != nil {
		return err
	}
	dateCol := s.Col("Date", "Fecha")
	bound := s.Bind(ms)
	first, ok, err := s.First(ctx)
	if err != nil || !ok {
		return err
	}
	// The Studio overview writes "April 12" or "8 de marzo": no year. The Business
	// export writes 2025/10/31. Decide from the first row.
	if _, err := csvio.ParseTime(first.Field(dateCol), csvio.MonthFirst, time.UTC); err == nil {
		return s.Daily(ctx, sink, sheet.DailyTable{Platform: platform, Account: opts.Account, DateCol: dateCol,
			Order: csvio.MonthFirst, DateHint: "YYYY/MM/DD", Metrics: bound})
	}
	years, err := yearless(ctx, s, dateCol, opts.ExportedAt, first)
	if err != nil {
		return err
	}
	if err := s.DetectDecimal(ctx, sheet.Cols(bound)...); err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		day, err := years.date(s, r)
		if err != nil {
			return err
		}
		return s.Values(r, bound, func(metric string, v float64) error {
			return sink.Metric(connectors.MetricRow{Platform: platform, Account: opts.Account, Date: day, Metric: metric, Value: v})
		})
	})
}

// monthNames are the month names TikTok writes in English, Spanish and French accounts
// (normalised: lower case, no accents), full and abbreviated, January first.
var monthNames = [12][]string{
	{"january", "jan", "enero", "ene", "janvier", "janv"},
	{"february", "feb", "febrero", "fevrier", "fevr", "fev"},
	{"march", "mar", "marzo", "mars"},
	{"april", "apr", "abril", "abr", "avril", "avr"},
	{"may", "mayo", "mai"},
	{"june", "jun", "junio", "juin"},
	{"july", "jul", "julio", "juillet", "juil"},
	{"august", "aug", "agosto", "ago", "aout"},
	{"september", "sep", "sept", "septiembre", "set", "septembre"},
	{"october", "oct", "octubre", "octobre"},
	{"november", "nov", "noviembre", "novembre"},
	{"december", "dec", "diciembre", "dic", "decembre"},
}

func month(w string) (time.Month, bool) {
	for i, names := range monthNames {
		if slices.Contains(names, w) {
			return time.Month(i + 1), true
		}
	}
	return 0, false
}

// parseMonthDay reads "April 12", "Apr 12", "12 April", "8 de marzo", "12 avril".
func parseMonthDay(v string) (time.Month, int, bool) {
	var m time.Month
	d := 0
	for _, w := range strings.Fields(csvio.Normalize(v)) {
		if n, err := strconv.Atoi(w); err == nil && d == 0 {
			d = n
		} else if mm, ok := month(w); ok && m == 0 {
			m = mm
		} else if w != "de" && w != "del" {
			return 0, 0, false
		}
	}
	return m, d, m != 0 && d >= 1 && d <= 31
}

// monthDay is a date without its year.
type monthDay struct {
	m time.Month
	d int
}

func (a monthDay) after(b monthDay) bool { return a.m > b.m || (a.m == b.m && a.d > b.d) }

// years dates the rows of a file whose dates have no year, in file order: the year starts
// at first and steps forward each time the month and day go back (New Year).
type years struct {
	col  int
	year int
	prev monthDay
	seen bool
}

func (y *years) date(s *sheet.Sheet, r csvio.Record) (time.Time, error) {
	m, d, ok := parseMonthDay(r.Field(y.col))
	if !ok {
		return time.Time{}, s.Err(r, y.col, "date", `a day and month such as "April 12" or "8 de marzo"`, nil)
	}
	cur := monthDay{m, d}
	if y.seen && y.prev.after(cur) {
		y.year++
	}
	y.prev, y.seen = cur, true
	t := time.Date(y.year, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, s.Err(r, y.col, "date", fmt.Sprintf("a day that exists in %d", y.year), nil)
	}
	return t, nil
}

// yearless prepares the dating of a file whose dates have no year. The rows are
// consecutive days in order and the range ends at or just before the export date, so the
// last row gets the latest year that puts it on or before the export date, and the years of
// earlier rows follow, stepping back across New Year. One pass over the file counts the New
// Years and finds the last day, so no row is kept. The clock is never read: without the
// export date the file is refused.
func yearless(ctx context.Context, s *sheet.Sheet, col int, exported time.Time, first csvio.Record) (*years, error) {
	if exported.IsZero() {
		return nil, s.ErrMsg(first, col, fmt.Sprintf("the dates have no year (%q)", first.Field(col)),
			"the export date (the day the file was downloaded) to be given with the file, so the year can be inferred")
	}
	var (
		last, prev monthDay
		lastRec    csvio.Record
		newYears   int
		n          int
	)
	err := s.Each(ctx, func(r csvio.Record) error {
		m, d, ok := parseMonthDay(r.Field(col))
		if !ok {
			return s.Err(r, col, "date", `a day and month such as "April 12" or "8 de marzo"`, nil)
		}
		cur := monthDay{m, d}
		if n > 0 {
			switch {
			case prev == cur:
				return s.ErrMsg(lastRec, col, "dates out of order", "consecutive days, oldest first")
			case prev.after(cur):
				newYears++
			}
		}
		prev, last, lastRec, n = cur, cur, r.Clone(), n+1
		return nil
	})
	if err != nil {
		return nil, err
	}
	ex := csvio.CalendarDate(exported)
	year := ex.Year()
	if time.Date(year, last.m, last.d, 0, 0, 0, 0, time.UTC).After(ex) {
		year--
	}
	end := time.Date(year, last.m, last.d, 0, 0, 0, 0, time.UTC)
	if end.Day() != last.d {
		return nil, s.Err(lastRec, col, "date", fmt.Sprintf("a day that exists in %d", year), nil)
	}
	if ex.Sub(end) > 40*24*time.Hour {
		return nil, s.ErrMsg(lastRec, col,
			fmt.Sprintf("the last day (%s) is over 40 days before the export date %s", end.Format(time.DateOnly), ex.Format(time.DateOnly)),
			"the export date to be the day the file was downloaded (TikTok's ranges end on that day)")
	}
	return &years{col: col, year: year - newYears}, nil
}

// Videos reads the per-video content export.
type Videos struct{}

var videoMetrics = []sheet.Metric{
	{Columns: []string{"Video views"}, Name: "video_views"},
	{Columns: []string{"Likes"}, Name: "reactions"},
	{Columns: []string{"Comments"}, Name: "comments"},
	{Columns: []string{"Shares"}, Name: "shares"},
	{Columns: []string{"Add to Favorites"}, Name: "saves"},
}

var videoURL = regexp.MustCompile(`^https?://(?:www\.)?tiktok\.com/@([^/]+)/video/(\d+)`)

// Spec implements connectors.Connector.
func (Videos) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "tiktok-videos", Platform: platform,
		Description: "TikTok content export: one row per video with lifetime views, likes, comments, shares, favourites",
		HowToExport: "TikTok Studio → Analytics → Content → Download data",
		Columns:     columns(videosSignature, videoMetrics[1:]), Signature: videosSignature,
		Metrics: sheet.MetricColumns(videoMetrics),
	}
}

// Detect implements connectors.Connector.
func (Videos) Detect(f *connectors.File) bool {
	return csvio.NewHeader(f.Header()).Has(videosSignature...)
}

// Parse implements connectors.Connector.
func (Videos) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(videosSignature...); err != nil {
		return err
	}
	titleCol, linkCol, timeCol := s.Col("Video title"), s.Col("Video link"), s.Col("Post time")
	bound := s.Bind(videoMetrics)
	if err := s.DetectDecimal(ctx, sheet.Cols(bound)...); err != nil {
		return err
	}
	loc := sheet.Location(opts)
	return s.Each(ctx, func(r csvio.Record) error {
		m := videoURL.FindStringSubmatch(s.Text(r, linkCol))
		if m == nil {
			return s.Err(r, linkCol, "video link", "https://www.tiktok.com/@<account>/video/<id>", nil)
		}
		at, err := s.Time(r, timeCol, csvio.MonthFirst, loc, "YYYY/MM/DD HH:MM:SS")
		if err != nil {
			return err
		}
		account := opts.Account
		if account == "" {
			account = m[1]
		}
		if err := sink.Post(connectors.Post{Platform: platform, Account: account, PostID: m[2], PublishedAt: at.UTC(),
			Type: "video", Title: s.Text(r, titleCol), Permalink: s.Text(r, linkCol)}); err != nil {
			return err
		}
		err = s.Values(r, bound, func(metric string, v float64) error {
			return sink.PostMetric(connectors.PostMetric{Platform: platform, Account: account, PostID: m[2], Metric: metric, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
}
