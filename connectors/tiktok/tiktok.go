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
	if len(s.Rows) == 0 {
		return nil
	}
	// The Studio overview writes "April 12" or "8 de marzo": no year. The Business
	// export writes 2025/10/31. Decide from the first row.
	if _, err := csvio.ParseTime(s.Rows[0].Field(dateCol), csvio.MonthFirst, time.UTC); err == nil {
		return s.Daily(ctx, sink, sheet.DailyTable{Platform: platform, Account: opts.Account, DateCol: dateCol,
			Order: csvio.MonthFirst, DateHint: "YYYY/MM/DD", Metrics: bound})
	}
	days, err := yearless(s, dateCol, opts.ExportedAt)
	if err != nil {
		return err
	}
	if err := s.DetectDecimal(sheet.Cols(bound)...); err != nil {
		return err
	}
	for i, r := range s.Rows {
		if err := sheet.Check(ctx, i); err != nil {
			return err
		}
		err := s.Values(r, bound, func(metric string, v float64) error {
			return sink.Metric(connectors.MetricRow{Platform: platform, Account: opts.Account, Date: days[i], Metric: metric, Value: v})
		})
		if err != nil {
			return err
		}
	}
	return nil
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

// monthDay reads "April 12", "Apr 12", "12 April", "8 de marzo", "12 avril".
func monthDay(v string) (time.Month, int, bool) {
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

// yearless dates each row of a file whose dates have no year. The rows are consecutive
// days in order and the range ends at or just before the export date, so the last row gets
// the latest year that puts it on or before the export date, and the years of earlier
// rows follow, stepping back across New Year. The clock is never read: without the
// export date the file is refused.
func yearless(s *sheet.Sheet, col int, exported time.Time) ([]time.Time, error) {
	if exported.IsZero() {
		r := s.Rows[0]
		return nil, s.ErrMsg(r, col, fmt.Sprintf("the dates have no year (%q)", r.Field(col)),
			"the export date (the day the file was downloaded) to be given with the file, so the year can be inferred")
	}
	type md struct {
		m time.Month
		d int
	}
	mds := make([]md, len(s.Rows))
	for i, r := range s.Rows {
		m, d, ok := monthDay(r.Field(col))
		if !ok {
			return nil, s.Err(r, col, "date", `a day and month such as "April 12" or "8 de marzo"`, nil)
		}
		mds[i] = md{m, d}
	}
	out := make([]time.Time, len(mds))
	ex := csvio.CalendarDate(exported)
	year := ex.Year()
	last := mds[len(mds)-1]
	if time.Date(year, last.m, last.d, 0, 0, 0, 0, time.UTC).After(ex) {
		year--
	}
	for i := len(mds) - 1; i >= 0; i-- {
		if i < len(mds)-1 && (mds[i].m > mds[i+1].m || (mds[i].m == mds[i+1].m && mds[i].d > mds[i+1].d)) {
			year-- // going back across New Year
		}
		t := time.Date(year, mds[i].m, mds[i].d, 0, 0, 0, 0, time.UTC)
		if t.Day() != mds[i].d {
			return nil, s.Err(s.Rows[i], col, "date", fmt.Sprintf("a day that exists in %d", year), nil)
		}
		if i < len(mds)-1 && !t.Before(out[i+1]) {
			return nil, s.ErrMsg(s.Rows[i], col, "dates out of order", "consecutive days, oldest first")
		}
		out[i] = t
	}
	if ex.Sub(out[len(out)-1]) > 40*24*time.Hour {
		return nil, s.ErrMsg(s.Rows[len(out)-1], col,
			fmt.Sprintf("the last day (%s) is over 40 days before the export date %s", out[len(out)-1].Format(time.DateOnly), ex.Format(time.DateOnly)),
			"the export date to be the day the file was downloaded (TikTok's ranges end on that day)")
	}
	return out, nil
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
	if err := s.DetectDecimal(sheet.Cols(bound)...); err != nil {
		return err
	}
	loc := sheet.Location(opts)
	for i, r := range s.Rows {
		if err := sheet.Check(ctx, i); err != nil {
			return err
		}
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
	}
	return nil
}
