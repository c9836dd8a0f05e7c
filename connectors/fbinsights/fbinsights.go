// Package fbinsights reads the legacy "Facebook Insights Data Export" (Page Insights →
// Export Data, until 2023): the Page-level and Post-level files. Facebook wrote them as
// CSV or as ".xls" that is really Excel 2003 XML (SpreadsheetML); both have two header
// rows, the metric names (API names such as page_fans:lifetime in the XML flavour, titles
// such as "Lifetime Total Likes" in the CSV flavour) and then their descriptions. Only the
// first sheet, "Key Metrics", is read: the other sheets break the same numbers down by
// country, age, story type….
package fbinsights

import (
	"context"
	"strings"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

const platform = "facebook"

// pageMetrics map the API name and the CSV title of each daily Page metric. The 28-day
// and weekly variants are rolling sums of the daily ones and are not stored.
var pageMetrics = []sheet.Metric{
	{Columns: []string{"page_fans:lifetime", "Lifetime Total Likes"}, Name: "followers_total"},
	{Columns: []string{"page_fan_adds_unique:day", "Daily New Likes"}, Name: "followers_new"},
	{Columns: []string{"page_fan_removes_unique:day", "Daily Unlikes"}, Name: "followers_lost"},
	{Columns: []string{"page_engaged_users:day", "Daily Page Engaged Users"}, Name: "engaged_users"},
	{Columns: []string{"page_impressions_unique:day", "Daily Total Reach"}, Name: "reach"},
	{Columns: []string{"page_impressions_organic_unique:day", "Daily Organic Reach"}, Name: "reach_organic"},
	{Columns: []string{"page_impressions_paid_unique:day", "Daily Paid Reach"}, Name: "reach_paid"},
	{Columns: []string{"page_impressions:day", "Daily Total Impressions"}, Name: "impressions"},
	{Columns: []string{"page_impressions_organic:day", "Daily Organic impressions"}, Name: "impressions_organic"},
	{Columns: []string{"page_impressions_paid:day", "Daily Paid Impressions"}, Name: "impressions_paid"},
	{Columns: []string{"page_views_logged_in_total:day", "Daily Logged-in Page Views"}, Name: "profile_visits"},
	{Columns: []string{"page_consumptions:day", "Daily Page Consumptions"}, Name: "clicks"},
	{Columns: []string{"page_negative_feedback:day", "Daily Negative Feedback"}, Name: "negative_feedback"},
	{Columns: []string{"page_video_views:day", "Daily Total Video Views"}, Name: "video_views"},
}

var postMetrics = []sheet.Metric{
	{Columns: []string{"post_impressions_unique:lifetime", "Lifetime Post Total Reach"}, Name: "reach"},
	{Columns: []string{"post_impressions_organic_unique:lifetime", "Lifetime Post organic reach"}, Name: "reach_organic"},
	{Columns: []string{"post_impressions_paid_unique:lifetime", "Lifetime Post Paid Reach"}, Name: "reach_paid"},
	{Columns: []string{"post_impressions:lifetime", "Lifetime Post Total Impressions"}, Name: "impressions"},
	{Columns: []string{"post_impressions_organic:lifetime", "Lifetime Post Organic Impressions"}, Name: "impressions_organic"},
	{Columns: []string{"post_impressions_paid:lifetime", "Lifetime Post Paid Impressions"}, Name: "impressions_paid"},
	{Columns: []string{"post_engaged_users:lifetime", "Lifetime Engaged Users"}, Name: "engaged_users"},
	{Columns: []string{"post_consumptions:lifetime", "Lifetime Post Consumptions"}, Name: "clicks"},
	{Columns: []string{"post_negative_feedback:lifetime", "Lifetime Negative Feedback from Users", "Lifetime Negative Feedback"}, Name: "negative_feedback"},
}

// description reports whether a row is the second header row: no key in the first
// column, and descriptions such as "Lifetime: The total number of people…" elsewhere.
func description(r csvio.Record) bool {
	if strings.TrimSpace(r.Field(0)) != "" {
		return false
	}
	for i := range r.Len() {
		f := strings.TrimSpace(r.Field(i))
		if strings.HasPrefix(f, "Lifetime:") || strings.HasPrefix(f, "Daily:") || strings.HasPrefix(f, "Weekly:") || strings.HasPrefix(f, "28 Days:") {
			return true
		}
	}
	return false
}

// Page reads the Page-level export.
type Page struct{}

var pageSignature = []string{"Date", "page_fans:lifetime|Lifetime Total Likes", "page_impressions_unique:day|Daily Total Reach"}

func has(h []string, sig []string) bool {
	hh := csvio.NewHeader(h)
	for _, n := range sig {
		if hh.Index(strings.Split(n, "|")...) < 0 {
			return false
		}
	}
	return true
}

// Spec implements connectors.Connector.
func (Page) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "facebook-insights-page", Platform: platform,
		Description: "legacy Facebook Insights Data Export, Page level (.xls = Excel 2003 XML, or .csv): one row per day",
		HowToExport: "(before mid-2023) Facebook Page → Insights → Export Data → Page data, Excel (.xls) or CSV; no longer offered: use Meta Business Suite's exports",
		Columns:     []string{"Date", "page_fans:lifetime", "page_fan_adds_unique:day", "page_impressions_unique:day", "…"},
		Signature:   []string{"Date", "page_fans:lifetime", "page_impressions_unique:day"},
		Metrics:     sheet.MetricColumns(pageMetrics),
	}
}

// Detect implements connectors.Connector.
func (Page) Detect(f *connectors.File) bool {
	h := f.Header()
	return len(h) > 1 && csvio.Normalize(h[0]) == "date" && has(h, pageSignature)
}

// Parse implements connectors.Connector.
func (Page) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(pageSignature...); err != nil {
		return err
	}
	bound := s.Bind(pageMetrics)
	// Facebook writes zeros for the last day or two, whose numbers are not in yet: a
	// trailing run of days whose daily metrics are all zero is provisional, not data.
	// One pass finds where that trailing run starts (0 when there is none).
	provisional := 0
	err = s.Each(ctx, func(r csvio.Record) error {
		switch {
		case description(r) || !allZeroDaily(s, r, bound):
			provisional = 0
		case provisional == 0:
			provisional = r.Line()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.Daily(ctx, sink, sheet.DailyTable{
		Platform: platform, Account: opts.Account, DateCol: s.Col("Date"), Order: csvio.MonthFirst,
		DateHint: "a date such as 2017-06-09", Metrics: bound,
		Skip: func(r csvio.Record) string {
			switch {
			case description(r):
				return "second header row: metric descriptions"
			case provisional > 0 && r.Line() >= provisional:
				return "provisional day: Facebook writes zeros until the day's numbers are in"
			}
			return ""
		},
	})
}

func allZeroDaily(s *sheet.Sheet, r csvio.Record, bound []sheet.Bound) bool {
	for _, b := range bound {
		if b.Name == "followers_total" {
			continue
		}
		v := strings.TrimSpace(r.Field(b.Col))
		if v != "" && v != "0" {
			return false
		}
	}
	return true
}

// Posts reads the Post-level export.
type Posts struct{}

var postsSignature = []string{"Post ID", "Permalink", "Posted", "post_impressions_unique:lifetime|Lifetime Post Total Reach"}

// Spec implements connectors.Connector.
func (Posts) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "facebook-insights-posts", Platform: platform,
		Description: "legacy Facebook Insights Data Export, Post level (.xls = Excel 2003 XML, or .csv): one row per post, lifetime metrics",
		HowToExport: "(before mid-2023) Facebook Page → Insights → Export Data → Post data, Excel (.xls) or CSV; no longer offered: use Meta Business Suite's content export",
		Columns:     []string{"Post ID", "Permalink", "Post Message", "Type", "Posted", "post_impressions_unique:lifetime", "…"},
		Signature:   []string{"Post ID", "Permalink", "Posted", "post_impressions_unique:lifetime"},
		Metrics:     sheet.MetricColumns(postMetrics),
	}
}

// Detect implements connectors.Connector.
func (Posts) Detect(f *connectors.File) bool { return has(f.Header(), postsSignature) }

// Parse implements connectors.Connector.
func (Posts) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(postsSignature...); err != nil {
		return err
	}
	var (
		idCol, linkCol, msgCol = s.Col("Post ID"), s.Col("Permalink"), s.Col("Post Message")
		typeCol, postedCol     = s.Col("Type"), s.Col("Posted")
		bound                  = s.Bind(postMetrics)
		loc                    = sheet.Location(opts)
	)
	if err := s.DetectDecimal(ctx, sheet.Cols(bound)...); err != nil {
		return err
	}
	err = s.Each(ctx, func(r csvio.Record) error {
		if description(r) {
			sink.Skip(r.Line(), "second header row: metric descriptions")
			return nil
		}
		id := s.Text(r, idCol)
		if strings.Trim(id, "0123456789_") != "" || id == "" {
			return s.Err(r, idCol, "post id", "<page id>_<post id> digits (an id shown as 1.55E+15 was rounded by Excel: export the file again)", nil)
		}
		// "2017-07-22T05:30:00" in the XML flavour, "7/22/2017 5:30:00 AM" in CSV; the
		// Page's local time.
		at, err := s.Time(r, postedCol, csvio.MonthFirst, loc, "the post's local date and time")
		if err != nil {
			return err
		}
		if err := sink.Post(connectors.Post{
			Platform: platform, Account: opts.Account, PostID: id, PublishedAt: at.UTC(),
			Type: postType(s.Text(r, typeCol)), Title: s.Text(r, msgCol), Permalink: s.Text(r, linkCol),
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
	if err != nil {
		return err
	}
	return nil
}

func postType(raw string) string {
	switch v := csvio.Normalize(raw); v {
	case "photo":
		return "photo"
	case "video", "sharedvideo", "shared video":
		return "video"
	case "link":
		return "link"
	case "status":
		return "text"
	default:
		return v
	}
}
