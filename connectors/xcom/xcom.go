// Package xcom reads X (Twitter) analytics exports: the legacy analytics.twitter.com files
// (per tweet and per day) and the X Premium account analytics files (per post and per day).
// The package is not called x because every local variable x would shadow it.
package xcom

import (
	"context"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

const platform = "x"

// legacyMetrics are the legacy export's columns, shared by the per-tweet and per-day files.
// Promoted columns hold "-" unless the tweet was promoted; they are kept apart from the
// organic ones.
var legacyMetrics = []sheet.Metric{
	{Columns: []string{"impressions"}, Name: "impressions"},
	{Columns: []string{"engagements"}, Name: "engagements"},
	{Columns: []string{"retweets"}, Name: "shares"},
	{Columns: []string{"replies"}, Name: "comments"},
	{Columns: []string{"likes", "favorites"}, Name: "reactions"},
	{Columns: []string{"user profile clicks"}, Name: "profile_visits"},
	{Columns: []string{"url clicks"}, Name: "link_clicks"},
	{Columns: []string{"hashtag clicks"}, Name: "hashtag_clicks"},
	{Columns: []string{"detail expands"}, Name: "detail_expands"},
	{Columns: []string{"permalink clicks"}, Name: "permalink_clicks"},
	{Columns: []string{"follows"}, Name: "followers_new"},
	{Columns: []string{"media views"}, Name: "media_views"},
	{Columns: []string{"media engagements"}, Name: "media_engagements"},
	{Columns: []string{"promoted impressions"}, Name: "promoted_impressions"},
	{Columns: []string{"promoted engagements"}, Name: "promoted_engagements"},
}

// premiumMetrics are the X Premium columns; the 2025 renames (Link→Post Link, Share→Shares,
// Url clicks→URL Clicks) are synonyms or fold under normalisation.
var premiumMetrics = []sheet.Metric{
	{Columns: []string{"Impressions"}, Name: "impressions"},
	{Columns: []string{"Engagements"}, Name: "engagements"},
	{Columns: []string{"Likes"}, Name: "reactions"},
	{Columns: []string{"Reposts"}, Name: "shares"}, // the legacy "retweets"
	{Columns: []string{"Shares", "Share"}, Name: "shares_other"},
	{Columns: []string{"Replies"}, Name: "comments"},
	{Columns: []string{"Bookmarks"}, Name: "saves"},
	{Columns: []string{"New follows"}, Name: "followers_new"},
	{Columns: []string{"Unfollows"}, Name: "followers_lost"},
	{Columns: []string{"Profile visits"}, Name: "profile_visits"},
	{Columns: []string{"Detail expands"}, Name: "detail_expands"},
	{Columns: []string{"Url clicks"}, Name: "link_clicks"},
	{Columns: []string{"Hashtag clicks"}, Name: "hashtag_clicks"},
	{Columns: []string{"Permalink clicks"}, Name: "permalink_clicks"},
	{Columns: []string{"Create Post"}, Name: "posts_published"},
	{Columns: []string{"Video views"}, Name: "video_views"},
	{Columns: []string{"Media views"}, Name: "media_views"},
}

func columns(sig []string, ms []sheet.Metric) []string {
	out := append([]string{}, sig...)
	for _, m := range ms {
		out = append(out, m.Columns[0])
	}
	return out
}

var statusURL = regexp.MustCompile(`^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/([^/]+)/status/([0-9]+|undefined)/?$`)

// postConfig describes a per-post export.
type postConfig struct {
	id, link, text, time []string // column synonyms
	metrics              []sheet.Metric
	// snowflakeTime takes the publication time from the post id: X Premium gives only a
	// date, but ids since 2010 encode their creation instant.
	snowflakeTime bool
}

func parsePosts(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink, cfg postConfig) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(strings.Join(cfg.id, "|"), strings.Join(cfg.link, "|"), strings.Join(cfg.time, "|")); err != nil {
		return err
	}
	idCol, linkCol, textCol, timeCol := s.Col(cfg.id...), s.Col(cfg.link...), s.Col(cfg.text...), s.Col(cfg.time...)
	bound := s.Bind(cfg.metrics)
	if err := s.DetectDecimal(ctx, sheet.Cols(bound)...); err != nil {
		return err
	}
	loc := sheet.Location(opts)
	return s.Each(ctx, func(r csvio.Record) error {
		link := s.Text(r, linkCol)
		m := statusURL.FindStringSubmatch(link)
		if strings.HasSuffix(link, "/status/undefined") {
			// X writes phantom rows for posts it could not resolve: no id, no date.
			sink.Skip(r.Line(), "phantom row: permalink ends in status/undefined")
			return nil
		}
		if m == nil {
			return s.Err(r, linkCol, "permalink", "https://twitter.com/<handle>/status/<id> or https://x.com/<handle>/status/<id>", nil)
		}
		// The permalink's id survives an Excel round trip that turns the id column into
		// 6.49E+17, so it is the one we keep; a disagreeing id column is an error.
		id := m[2]
		if raw := s.Text(r, idCol); raw != id && !strings.ContainsAny(raw, "eE") {
			return s.Err(r, idCol, "post id", "the id in the permalink ("+id+")", nil)
		}
		var at time.Time
		if cfg.snowflakeTime {
			at, err = snowflake(id)
			if err != nil {
				return s.Err(r, idCol, "post id", "an X id created after November 2010", err)
			}
		} else if at, err = s.Time(r, timeCol, csvio.MonthFirst, loc, "YYYY-MM-DD HH:MM +0000"); err != nil {
			return err
		}
		account := opts.Account
		if account == "" {
			account = m[1]
		}
		if err := sink.Post(connectors.Post{
			Platform: platform, Account: account, PostID: id, PublishedAt: at.UTC(), Type: "post",
			Title: html.UnescapeString(s.Text(r, textCol)), Permalink: link,
		}); err != nil {
			return err
		}
		err = s.Values(r, bound, func(metric string, v float64) error {
			return sink.PostMetric(connectors.PostMetric{Platform: platform, Account: account, PostID: id, Metric: metric, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
}

// snowflakeEpoch is X's id epoch (2010-11-04T01:42:54.657Z) in Unix milliseconds.
const snowflakeEpoch = 1288834974657

func snowflake(id string) (time.Time, error) {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return time.Time{}, err
	}
	if n < 1<<32 { // pre-snowflake ids carry no time
		return time.Time{}, strconv.ErrRange
	}
	return time.UnixMilli(int64(n>>22) + snowflakeEpoch).UTC(), nil
}

func parseDaily(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink, ms []sheet.Metric) error {
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require("Date"); err != nil {
		return err
	}
	dateCol := s.Col("Date")
	bound := s.Bind(ms)
	if err := s.DetectDecimal(ctx, sheet.Cols(bound)...); err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		t, err := s.Time(r, dateCol, csvio.MonthFirst, time.UTC, `YYYY-MM-DD or "Tue, Feb 18, 2025"`)
		if err != nil {
			return err
		}
		day := csvio.CalendarDate(t)
		err = s.Values(r, bound, func(metric string, v float64) error {
			return sink.Metric(connectors.MetricRow{Platform: platform, Account: opts.Account, Date: day, Metric: metric, Value: v})
		})
		if err != nil {
			return err
		}
		return nil
	})
}

// Tweets reads the legacy per-tweet export (tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv).
type Tweets struct{}

var tweetsSignature = []string{"Tweet id", "Tweet permalink", "Tweet text", "time", "impressions"}

// Spec implements connectors.Connector.
func (Tweets) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "x-tweets", Platform: platform,
		Description: "legacy X/Twitter analytics Tweets export: one row per tweet, lifetime metrics",
		HowToExport: "analytics.twitter.com → Tweets → pick the month → Export data → By Tweet",
		Columns:     columns(tweetsSignature, legacyMetrics), Signature: tweetsSignature,
		Metrics: sheet.MetricColumns(legacyMetrics),
	}
}

// Detect implements connectors.Connector.
func (Tweets) Detect(f *connectors.File) bool {
	return csvio.NewHeader(f.Header()).Has(tweetsSignature...)
}

// Parse implements connectors.Connector.
func (Tweets) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	return parsePosts(ctx, f, opts, sink, postConfig{
		id: []string{"Tweet id"}, link: []string{"Tweet permalink"}, text: []string{"Tweet text"},
		time: []string{"time"}, metrics: legacyMetrics,
	})
}

// Daily reads the legacy per-day export (daily_tweet_activity_metrics_<handle>_…csv).
type Daily struct{}

var dailySignature = []string{"Date", "Tweets published", "impressions"}

// Spec implements connectors.Connector.
func (Daily) Spec() connectors.Spec {
	ms := append([]sheet.Metric{{Columns: []string{"Tweets published"}, Name: "posts_published"}}, legacyMetrics...)
	return connectors.Spec{
		Name: "x-daily", Platform: platform,
		Description: "legacy X/Twitter analytics daily export: one row per day for the account",
		HowToExport: "analytics.twitter.com → Tweets → pick the month → Export data → By day",
		Columns:     columns(dailySignature, ms), Signature: dailySignature,
		Metrics: sheet.MetricColumns(ms),
	}
}

// Detect implements connectors.Connector.
func (Daily) Detect(f *connectors.File) bool {
	return csvio.NewHeader(f.Header()).Has(dailySignature...)
}

// Parse implements connectors.Connector.
func (Daily) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	ms := append([]sheet.Metric{{Columns: []string{"Tweets published"}, Name: "posts_published"}}, legacyMetrics...)
	return parseDaily(ctx, f, opts, sink, ms)
}

// PremiumPosts reads the X Premium content export (account_analytics_content_<from>_<to>.csv).
type PremiumPosts struct{}

var premiumPostsSignature = []string{"Post id", "Date", "Post text", "Impressions"}

// Spec implements connectors.Connector.
func (PremiumPosts) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "x-premium-posts", Platform: platform,
		Description: "X Premium account analytics content export: one row per post, lifetime metrics",
		HowToExport: "x.com → Premium → Analytics → Content → date range → Export",
		Columns:     columns(append(premiumPostsSignature, "Post Link"), premiumMetrics), Signature: premiumPostsSignature,
		Metrics: sheet.MetricColumns(premiumMetrics),
	}
}

// Detect implements connectors.Connector.
func (PremiumPosts) Detect(f *connectors.File) bool {
	h := csvio.NewHeader(f.Header())
	return h.Has(premiumPostsSignature...) && h.Index("Post Link", "Link") >= 0
}

// Parse implements connectors.Connector.
func (PremiumPosts) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	return parsePosts(ctx, f, opts, sink, postConfig{
		id: []string{"Post id"}, link: []string{"Post Link", "Link"}, text: []string{"Post text"},
		time: []string{"Date"}, metrics: premiumMetrics, snowflakeTime: true,
	})
}

// PremiumDaily reads the X Premium overview export (account_overview_analytics.csv).
type PremiumDaily struct{}

var premiumDailySignature = []string{"Date", "Impressions", "New follows", "Unfollows"}

// Spec implements connectors.Connector.
func (PremiumDaily) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "x-premium-daily", Platform: platform,
		Description: "X Premium account analytics overview export: one row per day (newest first)",
		HowToExport: "x.com → Premium → Analytics → Overview → date range → Export",
		Columns:     columns(premiumDailySignature, premiumMetrics), Signature: premiumDailySignature,
		Metrics: sheet.MetricColumns(premiumMetrics),
	}
}

// Detect implements connectors.Connector.
func (PremiumDaily) Detect(f *connectors.File) bool {
	h := csvio.NewHeader(f.Header())
	return h.Has(premiumDailySignature...) && !h.Has("Post id")
}

// Parse implements connectors.Connector.
func (PremiumDaily) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	return parseDaily(ctx, f, opts, sink, premiumMetrics)
}
