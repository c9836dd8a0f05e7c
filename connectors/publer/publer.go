// Package publer reads Publer's analytics "Post Insights" download: a "#" preamble
// (workspace, start and end date), two blank lines, then one row per published post across
// the workspace's social accounts. Publer's Overview and Hashtag Analysis downloads are
// period totals and per-hashtag scores, with no day or post to attach them to: they are
// not read (the registry reports them as unknown formats).
package publer

import (
	"context"
	"fmt"
	"strings"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Posts reads the Post Insights download.
type Posts struct{}

var (
	signature = []string{"Date", "Social account", "Social network", "Post link", "Post type"}
	metrics   = []sheet.Metric{
		{Columns: []string{"Reach"}, Name: "reach"},
		{Columns: []string{"Impressions"}, Name: "impressions"},
		{Columns: []string{"Reactions", "Likes"}, Name: "reactions"},
		{Columns: []string{"Comments"}, Name: "comments"},
		{Columns: []string{"Shares"}, Name: "shares"},
		{Columns: []string{"Link clicks"}, Name: "link_clicks"},
		{Columns: []string{"Video views"}, Name: "video_views"},
		{Columns: []string{"Saves"}, Name: "saves"},
	}
	// networks maps Publer's network names to canonical platforms.
	networks = map[string]string{
		"facebook": "facebook", "instagram": "instagram", "linkedin": "linkedin", "twitter": "x", "x": "x",
		"tiktok": "tiktok", "youtube": "youtube",
	}
)

// Spec implements connectors.Connector.
func (Posts) Spec() connectors.Spec {
	cols := append([]string{}, signature...)
	cols = append(cols, "Post text")
	for _, m := range metrics {
		cols = append(cols, m.Columns[0])
	}
	return connectors.Spec{
		Name: "publer-posts", Platform: "facebook,instagram,linkedin,x,tiktok,youtube",
		Description: "Publer Post Insights download: one row per post published through Publer, any network",
		HowToExport: "Publer → Analytics → Post Insights → pick the accounts and dates → Export → CSV",
		Columns:     cols, Signature: signature,
		Metrics: sheet.MetricColumns(metrics),
	}
}

// Detect implements connectors.Connector.
func (Posts) Detect(f *connectors.File) bool { return csvio.NewHeader(f.Header()).Has(signature...) }

// Parse implements connectors.Connector.
func (Posts) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(signature...); err != nil {
		return err
	}
	var (
		dateCol, accountCol, networkCol = s.Col("Date"), s.Col("Social account"), s.Col("Social network")
		linkCol, textCol, typeCol       = s.Col("Post link"), s.Col("Post text"), s.Col("Post type")
		bound                           = s.Bind(metrics)
		loc                             = sheet.Location(opts)
		seen                            = map[string]bool{}
	)
	if err := s.DetectDecimal(ctx, sheet.Cols(bound)...); err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		network := s.Text(r, networkCol)
		platform, ok := networks[csvio.Normalize(network)]
		if !ok {
			sink.Skip(r.Line(), fmt.Sprintf("network %q is not a supported platform", network))
			return nil
		}
		link := s.Text(r, linkCol)
		if link == "" {
			return s.Err(r, linkCol, "post link", "the post's URL", nil)
		}
		// The link is the only id Publer gives. Two rows with one link are one post
		// listed twice (or an export whose links were anonymised): the first is kept.
		key := platform + " " + link
		if seen[key] {
			// One reason for every duplicate, so that they are counted together; the sink
			// has each duplicate's line.
			sink.Skip(r.Line(), "post link already seen on an earlier line (the first row is kept)")
			return nil
		}
		seen[key] = true
		at, err := s.Time(r, dateCol, csvio.MonthFirst, loc, "YYYY-MM-DD HH:MM")
		if err != nil {
			return err
		}
		account := opts.Account
		if account == "" {
			account = s.Text(r, accountCol)
		}
		if err := sink.Post(connectors.Post{Platform: platform, Account: account, PostID: link, PublishedAt: at.UTC(),
			Type: postType(s.Text(r, typeCol)), Title: s.Text(r, textCol), Permalink: link}); err != nil {
			return err
		}
		err = s.Values(r, bound, func(metric string, v float64) error {
			return sink.PostMetric(connectors.PostMetric{Platform: platform, Account: account, PostID: link, Metric: metric, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
}

func postType(raw string) string {
	switch v := strings.ToLower(strings.TrimSpace(raw)); v {
	case "status", "text":
		return "text"
	case "photo", "image":
		return "photo"
	case "link", "video", "reel", "story", "carousel":
		return v
	default:
		return csvio.Normalize(v)
	}
}
