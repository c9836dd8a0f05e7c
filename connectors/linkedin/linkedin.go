// Package linkedin reads the LinkedIn Page analytics exports (Page admin → Analytics →
// Export): content (sheets "Metrics" and "All posts"), followers ("New followers") and
// visitors ("Visitor metrics"). LinkedIn downloads them as legacy .xls files, which
// Goalpost cannot read (see csvio.ErrLegacyXLS): staff save them as .xlsx or CSV first.
// A title or description row above the header is expected and skipped.
package linkedin

import (
	"context"
	"regexp"
	"strings"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

const platform = "linkedin"

// Column names come in English and, for Pages managed in Portuguese, pt-BR; the
// normalisation folds accents and case.
var (
	metricsSignature = []string{"Date|Data", "Impressions (total)|Impressões (total)", "Clicks (total)|Cliques (total)"}
	dailyMetrics     = []sheet.Metric{
		{Columns: []string{"Impressions (total)", "Impressões (total)"}, Name: "impressions"},
		{Columns: []string{"Impressions (organic)", "Impressões (orgânicas)"}, Name: "impressions_organic"},
		{Columns: []string{"Impressions (sponsored)", "Impressões (patrocinadas)"}, Name: "impressions_paid"},
		{Columns: []string{"Unique impressions (organic)", "Impressões únicas (orgânicas)"}, Name: "reach_organic"},
		{Columns: []string{"Clicks (total)", "Cliques (total)"}, Name: "clicks"},
		{Columns: []string{"Reactions (total)", "Reações (total)"}, Name: "reactions"},
		{Columns: []string{"Comments (total)", "Comentários (total)"}, Name: "comments"},
		{Columns: []string{"Reposts (total)", "Compartilhamentos (total)", "Shares (total)"}, Name: "shares"},
	}

	postsSignature = []string{"Post title|Update title|Título", "Post link|Update link", "Created date"}
	postMetrics    = []sheet.Metric{
		{Columns: []string{"Impressions"}, Name: "impressions"},
		{Columns: []string{"Views"}, Name: "views"},
		{Columns: []string{"Offsite Views"}, Name: "views_offsite"},
		{Columns: []string{"Clicks"}, Name: "clicks"},
		{Columns: []string{"Likes", "Reactions"}, Name: "reactions"},
		{Columns: []string{"Comments"}, Name: "comments"},
		{Columns: []string{"Reposts", "Shares"}, Name: "shares"},
		{Columns: []string{"Follows"}, Name: "followers_new"},
	}

	followersSignature = []string{"Date", "Sponsored followers", "Organic followers", "Total followers"}
	followerMetrics    = []sheet.Metric{
		// "Total followers" is the day's NEW followers (organic + sponsored), not the
		// audience size: LinkedIn's wording misleads, the values prove it.
		{Columns: []string{"Total followers"}, Name: "followers_new"},
		{Columns: []string{"Organic followers"}, Name: "followers_new_organic"},
		{Columns: []string{"Sponsored followers"}, Name: "followers_new_paid"},
	}

	visitorsSignature = []string{"Date", "Total page views (total)", "Total unique visitors (total)"}
	visitorMetrics    = []sheet.Metric{
		{Columns: []string{"Total page views (total)"}, Name: "profile_visits"},
		{Columns: []string{"Total unique visitors (total)"}, Name: "profile_visitors"},
	}
)

// has reports whether header h has every name of sig ("a|b" lists synonyms).
func has(h []string, sig []string) bool {
	hh := csvio.NewHeader(h)
	for _, n := range sig {
		if hh.Index(strings.Split(n, "|")...) < 0 {
			return false
		}
	}
	return true
}

// table finds the table of f (a CSV, or one worksheet of a workbook) whose header has sig.
func table(f *connectors.File, sig []string) *connectors.File {
	if f.Sheets() == nil {
		if has(f.Header(), sig) {
			return f
		}
		return nil
	}
	for _, s := range f.Sheets() {
		if has(s.Header(), sig) {
			return s
		}
	}
	return nil
}

func columns(sig []string, ms []sheet.Metric) []string {
	var out []string
	for _, s := range sig {
		out = append(out, strings.Split(s, "|")[0])
	}
	for _, m := range ms {
		out = append(out, m.Columns[0])
	}
	return out
}

// Content reads the content export: the "Metrics" sheet (daily Page totals) and the "All
// posts" sheet (one row per post, lifetime numbers).
type Content struct{}

// Spec implements connectors.Connector.
func (Content) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "linkedin-content", Platform: platform,
		Description: "LinkedIn Page content export: daily impressions and engagement (Metrics) and one row per post (All posts)",
		HowToExport: "LinkedIn Page admin view → Analytics → Content → Export → date range → Export (<page>_content_<time>.xls); open it and save as .xlsx (or each sheet as CSV)",
		Columns:     append(columns(metricsSignature, dailyMetrics), columns(postsSignature, postMetrics)...),
		Signature:   []string{"Date", "Impressions (total)", "Clicks (total)", "Post title", "Post link"},
		Metrics:     append(sheet.MetricColumns(dailyMetrics), sheet.MetricColumns(postMetrics)...),
	}
}

// Detect implements connectors.Connector.
func (Content) Detect(f *connectors.File) bool {
	return table(f, metricsSignature) != nil || table(f, postsSignature) != nil
}

// Parse implements connectors.Connector.
func (Content) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	m, p := table(f, metricsSignature), table(f, postsSignature)
	if m == nil && p == nil {
		return missing(ctx, f, metricsSignature)
	}
	if m != nil {
		if err := parseDaily(ctx, m, opts, sink, metricsSignature, dailyMetrics); err != nil {
			return err
		}
	}
	if p != nil {
		return parsePosts(ctx, p, opts, sink)
	}
	return nil
}

// missing reports the columns a file lacks, through the sheet's usual message.
func missing(ctx context.Context, f *connectors.File, sig []string) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	return s.Require(sig...)
}

func parseDaily(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink, sig []string, ms []sheet.Metric) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(sig...); err != nil {
		return err
	}
	// Portuguese Pages write DD/MM/YYYY; DateOrder decides from the values, this default
	// only matters when every day of the file is 12 or less.
	order := csvio.MonthFirst
	if s.Col("Data") >= 0 {
		order = csvio.DayFirst
	}
	dateCol := s.Col("Date", "Data")
	var numeric []int
	for i := range s.H.Raw {
		if i != dateCol {
			numeric = append(numeric, i)
		}
	}
	return s.Daily(ctx, sink, sheet.DailyTable{
		Platform: platform, Account: opts.Account, DateCol: dateCol, Order: order,
		DateHint: "MM/DD/YYYY", Metrics: s.Bind(ms), DecimalCols: numeric,
	})
}

// activity finds the id of a post in its link: urn:li:activity:7304… or urn:li:share:….
var activity = regexp.MustCompile(`urn:li:(?:activity|share|ugcPost):(\d+)`)

func parsePosts(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(postsSignature...); err != nil {
		return err
	}
	var (
		titleCol, linkCol = s.Col("Post title", "Update title", "Título"), s.Col("Post link", "Update link")
		typeCol, dateCol  = s.Col("Content Type", "Post type", "Update type"), s.Col("Created date")
		bound             = s.Bind(postMetrics)
		loc               = sheet.Location(opts)
	)
	order, err := s.Decide(ctx, sheet.Cols(bound), dateCol, csvio.MonthFirst)
	if err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		link := s.Text(r, linkCol)
		id := link
		if m := activity.FindStringSubmatch(link); m != nil {
			id = m[1]
		}
		if id == "" {
			return s.Err(r, linkCol, "post link", "the post's URL (https://www.linkedin.com/feed/update/urn:li:activity:…)", nil)
		}
		at, err := s.Time(r, dateCol, order, loc, "MM/DD/YYYY")
		if err != nil {
			return err
		}
		if err := sink.Post(connectors.Post{
			Platform: platform, Account: opts.Account, PostID: id, PublishedAt: at.UTC(),
			Type: postType(s.Text(r, typeCol)), Title: s.Text(r, titleCol), Permalink: link,
		}); err != nil {
			return err
		}
		err = s.Values(r, bound, func(metric string, v float64) error {
			return sink.PostMetric(connectors.PostMetric{Platform: platform, Account: opts.Account, PostID: id, Metric: metric, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
}

// postType maps LinkedIn's content types ("Image", "Video", "Article", "Document",
// "Text", "Carousel", "Poll") to the canonical types; others are kept lower-cased.
func postType(raw string) string {
	switch v := csvio.Normalize(raw); v {
	case "image", "images", "photo":
		return "photo"
	case "video":
		return "video"
	case "article", "link", "url":
		return "link"
	case "text", "organic":
		return "text"
	case "carousel", "document", "multi image":
		return "carousel"
	default:
		return v
	}
}

// Followers reads the followers export, sheet "New followers".
type Followers struct{}

// Spec implements connectors.Connector.
func (Followers) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "linkedin-followers", Platform: platform,
		Description: "LinkedIn Page followers export: new followers per day, organic and sponsored",
		HowToExport: "LinkedIn Page admin view → Analytics → Followers → Export → date range → Export (<page>_followers_<time>.xls); save as .xlsx or CSV",
		Columns:     followersSignature, Signature: followersSignature,
		Metrics: sheet.MetricColumns(followerMetrics),
	}
}

// Detect implements connectors.Connector.
func (Followers) Detect(f *connectors.File) bool { return table(f, followersSignature) != nil }

// Parse implements connectors.Connector.
func (Followers) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	t := table(f, followersSignature)
	if t == nil {
		return missing(ctx, f, followersSignature)
	}
	return parseDaily(ctx, t, opts, sink, followersSignature, followerMetrics)
}

// Visitors reads the visitors export, sheet "Visitor metrics".
type Visitors struct{}

// Spec implements connectors.Connector.
func (Visitors) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "linkedin-visitors", Platform: platform,
		Description: "LinkedIn Page visitors export: page views and unique visitors per day",
		HowToExport: "LinkedIn Page admin view → Analytics → Visitors → Export → date range → Export (<page>_visitors_<time>.xls); save as .xlsx or CSV",
		Columns:     visitorsSignature, Signature: visitorsSignature,
		Metrics: sheet.MetricColumns(visitorMetrics),
	}
}

// Detect implements connectors.Connector.
func (Visitors) Detect(f *connectors.File) bool { return table(f, visitorsSignature) != nil }

// Parse implements connectors.Connector.
func (Visitors) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	t := table(f, visitorsSignature)
	if t == nil {
		return missing(ctx, f, visitorsSignature)
	}
	return parseDaily(ctx, t, opts, sink, visitorsSignature, visitorMetrics)
}
