// Package meta reads Meta Business Suite exports: the content export (one row per Facebook
// or Instagram post) and the overview series (one metric per file, UTF-16).
package meta

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Posts reads the Business Suite content export (Insights → Content → Export), Facebook or
// Instagram: the platform is told by the columns, "Page ID" for a Facebook Page and
// "Account ID" for an Instagram account.
type Posts struct{}

// Column sets of the content export. Names are matched after normalisation, so "Duration
// (secs)" and "Other clicks" need no entries of their own beyond real synonyms.
var (
	postsSignature = []string{"Post ID", "Publish time", "Permalink", "Post type"}

	facebookPostMetrics = []sheet.Metric{
		{Columns: []string{"Reach"}, Name: "reach"},
		{Columns: []string{"Impressions"}, Name: "impressions"}, // 2023/24; renamed Views in 2025
		{Columns: []string{"Views"}, Name: "views"},             // the first of the duplicate Views columns
		{Columns: []string{"Reactions, Comments and Shares"}, Name: "engagements"},
		{Columns: []string{"Reactions"}, Name: "reactions"},
		{Columns: []string{"Comments"}, Name: "comments"},
		{Columns: []string{"Shares"}, Name: "shares"},
		{Columns: []string{"Total clicks"}, Name: "clicks"},
		{Columns: []string{"Link Clicks"}, Name: "link_clicks"},
		{Columns: []string{"Other Clicks"}, Name: "other_clicks"},
		{Columns: []string{"Matched Audience Targeting Consumption (Photo Click)"}, Name: "photo_clicks"},
		{Columns: []string{"3-second video views"}, Name: "video_views"},
		{Columns: []string{"1-minute video views"}, Name: "video_views_1min"},
		{Columns: []string{"Seconds viewed"}, Name: "watch_time_hours", Scale: 1.0 / 3600, Fractional: true},
		{Columns: []string{"Engaged users"}, Name: "engaged_users"},
		{Columns: []string{"Reach from Organic posts"}, Name: "reach_organic"},
		{Columns: []string{"Reach from Boosted posts"}, Name: "reach_paid"},
		{Columns: []string{"Ad impressions"}, Name: "ad_impressions"},
		{Columns: []string{"Negative feedback from users"}, Name: "negative_feedback"},
	}
	instagramPostMetrics = []sheet.Metric{
		{Columns: []string{"Views"}, Name: "views"},
		{Columns: []string{"Reach"}, Name: "reach"},
		{Columns: []string{"Likes"}, Name: "reactions"}, // Instagram's only reaction is a like
		{Columns: []string{"Comments"}, Name: "comments"},
		{Columns: []string{"Shares"}, Name: "shares"},
		{Columns: []string{"Saves"}, Name: "saves"},
		{Columns: []string{"Follows"}, Name: "followers_new"},
	}
)

// Spec implements connectors.Connector.
func (Posts) Spec() connectors.Spec {
	cols := append([]string{}, postsSignature...)
	cols = append(cols, "Page ID", "Page name", "Account ID", "Account username", "Title", "Description", "Data comment")
	for _, m := range append(facebookPostMetrics, instagramPostMetrics...) {
		cols = append(cols, m.Columns[0])
	}
	return connectors.Spec{
		Name:        "meta-posts",
		Platform:    "facebook,instagram",
		Description: "Meta Business Suite content export: one row per Facebook or Instagram post, lifetime metrics",
		HowToExport: "Meta Business Suite → Insights → Content → choose Facebook or Instagram and the date range → Export data → CSV",
		Columns:     cols,
		Signature:   postsSignature,
		Metrics:     sheet.MetricColumns(facebookPostMetrics, instagramPostMetrics),
	}
}

// Detect implements connectors.Connector.
func (Posts) Detect(f *connectors.File) bool {
	h := csvio.NewHeader(f.Header())
	return h.Has(postsSignature...) && (h.Has("Page ID") || h.Has("Account ID"))
}

// Parse implements connectors.Connector.
func (Posts) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(postsSignature...); err != nil {
		return err
	}
	platform, metrics, accountCol := "facebook", facebookPostMetrics, s.Col("Page name")
	switch fb, ig := s.Col("Page ID") >= 0, s.Col("Account ID") >= 0; {
	case ig && !fb:
		platform, metrics, accountCol = "instagram", instagramPostMetrics, s.Col("Account username")
	case fb == ig:
		return &connectors.ParseError{File: f.Name, Line: s.HeaderLine, Column: 1,
			Msg: "cannot tell Facebook from Instagram", Expected: `either a "Page ID" or an "Account ID" column`}
	}
	if opts.Platform != "" && opts.Platform != platform {
		return &connectors.ParseError{File: f.Name, Line: s.HeaderLine, Column: 1,
			Msg: fmt.Sprintf("the columns say %s but the file was given as %s", platform, opts.Platform)}
	}
	var (
		idCol      = s.Col("Post ID")
		timeCol    = s.Col("Publish time")
		linkCol    = s.Col("Permalink")
		typeCol    = s.Col("Post type")
		titleCol   = s.Col("Title")
		descCol    = s.Col("Description")
		commentCol = s.Col("Data comment")
		bound      = s.Bind(metrics)
		loc        = sheet.Location(opts)
	)
	// Business Suite writes MM/DD/YYYY; a re-saved file may have turned it around.
	order, err := s.Decide(ctx, sheet.Cols(bound), timeCol, csvio.MonthFirst)
	if err != nil {
		return err
	}
	types := typeCache{}
	return s.Each(ctx, func(r csvio.Record) error {
		id := s.Text(r, idCol)
		if id == "" {
			// Meta's error rows ("An error occurred while computing metadata for content
			// with ID …") carry a stray metric but no post: not a post, so not counted.
			sink.Skip(r.Line(), skipReason("no post id", s.Text(r, commentCol)))
			return nil
		}
		if !postID(id) {
			return s.Err(r, idCol, "post id", "digits (an id shown as 1.22E+17 was rounded by Excel: export the file again)", nil)
		}
		at, err := s.Time(r, timeCol, order, loc, "MM/DD/YYYY HH:MM")
		if err != nil {
			return err
		}
		title := s.Text(r, titleCol)
		if title == "" {
			title = s.Text(r, descCol)
		}
		account := opts.Account
		if account == "" {
			account = s.Text(r, accountCol)
		}
		if err := sink.Post(connectors.Post{
			Platform: platform, Account: account, PostID: id, PublishedAt: at.UTC(),
			Type: types.of(s.Text(r, typeCol)), Title: title, Permalink: s.Text(r, linkCol),
		}); err != nil {
			return err
		}
		return s.Values(r, bound, func(metric string, v float64) error {
			return sink.PostMetric(connectors.PostMetric{Platform: platform, Account: account, PostID: id, Metric: metric, Value: v})
		})
	})
}

// postID reports whether id is made of digits and underscores, as Meta's ids are
// ("123_456" on older exports).
func postID(id string) bool {
	for i := 0; i < len(id); i++ {
		if c := id[i]; (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// typeCache remembers postType's answers: a file has a handful of post types and
// normalising the same few words on every row was a tenth of a parse.
type typeCache map[string]string

func (c typeCache) of(raw string) string {
	if t, ok := c[raw]; ok {
		return t
	}
	t := postType(raw)
	if len(c) < 64 {
		c[strings.Clone(raw)] = t
	}
	return t
}

// postType maps Business Suite's "Post type" (singular in 2023/24, plural in 2025, "IG …" on
// Instagram) to the canonical types. An unseen value is kept, lower-cased, rather than
// forced into a wrong bucket.
func postType(raw string) string {
	v := strings.TrimPrefix(csvio.Normalize(raw), "ig ")
	switch v {
	case "photo", "photos", "image":
		return "photo"
	case "video", "videos":
		return "video"
	case "reel", "reels":
		return "reel"
	case "link", "links":
		return "link"
	case "text", "status":
		return "text"
	case "carousel", "album", "albums":
		return "carousel"
	case "story", "stories":
		return "story"
	}
	return v
}

// contentID matches the id Meta writes into a row's "Data comment" ("… for content with ID
// 933500000000001."), and any other long run of digits.
var contentID = regexp.MustCompile(`(?i)\s+(?:with\s+)?ID\s*:?\s*\d+|\d{5,}`)

// skipReason is what a skipped row is counted under: the kind of row and Meta's comment
// without the row's own id, so that a file with a thousand error rows reports one reason
// counted a thousand times (the sink has the line of each), not a thousand reasons.
func skipReason(kind, comment string) string {
	comment = strings.TrimSpace(contentID.ReplaceAllString(comment, ""))
	if comment == "" || comment == "." {
		return kind
	}
	return kind + ": " + comment
}
