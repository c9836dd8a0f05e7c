package connectors_test

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
)

// corpusCase is the expected outcome for one real export of the shared corpus.
type corpusCase struct {
	connector string // "" when the file must be rejected as an unknown format
	platform  string // Options.Platform, for Meta series whose title does not say
	posts     int    // Post records (the post metrics that go with them are checked by the goldens)
	metrics   int    // MetricRow records
	skips     int
	unknown   string // for rejected files: a fragment of the unknown-format message
}

// corpus lists EVERY file of shared/corpus/exports; a file added there without an entry
// here fails the test, so the expected outcome of each real export is always stated.
var corpus = map[string]corpusCase{
	"PROVENANCE.md": {unknown: "no header row found"},

	// Meta content exports.
	"facebook/mh4u/Dec-12-2023_Mar-06-2024_1032418178499222.csv":        {connector: "meta-posts", posts: 41, skips: 3},
	"facebook/oigetit/Jan-14-2025_Apr-14-2025_1396269028466733.csv":     {connector: "meta-posts", posts: 261},
	"facebook/proefficient/Feb-01-2025_Mar-15-2025_613168031534769.csv": {connector: "meta-posts", posts: 20},
	"instagram/oigetit/Mar-18-2025_Apr-14-2025_1019826952924933.csv":    {connector: "meta-posts", posts: 78},
	"instagram/fts/May-25-2026_Jun-21-2026_1493633672508178.csv":        {connector: "meta-posts", posts: 21},

	// Meta overview series.
	"facebook/mh4u/Follows.csv":             {connector: "meta-daily", metrics: 471},
	"facebook/mh4u/Reach.csv":               {connector: "meta-daily", metrics: 484},
	"facebook/mh4u/Visits.csv":              {connector: "meta-daily", metrics: 484},
	"facebook/oigetit/Follows.csv":          {connector: "meta-daily", metrics: 105},
	"facebook/oigetit/Interactions.csv":     {connector: "meta-daily", platform: "facebook", metrics: 105},
	"facebook/oigetit/Reach.csv":            {connector: "meta-daily", metrics: 105},
	"facebook/oigetit/Views.csv":            {connector: "meta-daily", platform: "facebook", metrics: 105},
	"facebook/oigetit/Visits.csv":           {connector: "meta-daily", metrics: 105},
	"facebook/vintage/Follows.csv":          {connector: "meta-daily", metrics: 62},
	"facebook/vintage/Interactions.csv":     {connector: "meta-daily", platform: "facebook", metrics: 62},
	"facebook/vintage/Link clicks.csv":      {connector: "meta-daily", metrics: 62},
	"facebook/vintage/Viewers.csv":          {connector: "meta-daily", platform: "facebook", metrics: 62},
	"facebook/vintage/Views.csv":            {connector: "meta-daily", platform: "facebook", metrics: 62},
	"facebook/vintage/Visits.csv":           {connector: "meta-daily", metrics: 62},
	"instagram/fts/Follows.csv":             {connector: "meta-daily", metrics: 20},
	"instagram/fts/Interactions.csv":        {connector: "meta-daily", platform: "instagram", metrics: 28},
	"instagram/fts/Link clicks.csv":         {connector: "meta-daily", metrics: 28},
	"instagram/fts/Reach.csv":               {connector: "meta-daily", metrics: 28},
	"instagram/fts/Views.csv":               {connector: "meta-daily", platform: "instagram", metrics: 28},
	"instagram/fts/Visits.csv":              {connector: "meta-daily", metrics: 28},
	"instagram/oigetit/Visits (1).csv":      {connector: "meta-daily", metrics: 105},
	"instagram/vintage/IG VIEWS.csv":        {connector: "meta-daily", platform: "instagram", metrics: 62},
	"instagram/vintage/IG_FOLLOWS.csv":      {connector: "meta-daily", metrics: 40},
	"instagram/vintage/IG_INTERACTIONS.csv": {connector: "meta-daily", platform: "instagram", metrics: 62},
	"instagram/vintage/IG_LINK_CLICKS.csv":  {connector: "meta-daily", metrics: 62},
	"instagram/vintage/IG_REACH.csv":        {connector: "meta-daily", metrics: 62},
	"instagram/vintage/IG_VISITS.csv":       {connector: "meta-daily", metrics: 62},

	// Not implemented yet: each must be rejected as an unknown format, for the reason given.
	"facebook/mh4u/Audience.csv":                                                            {unknown: "closest"},
	"facebook/oigetit/Audience.csv":                                                         {unknown: "closest"},
	"facebook/vintage/Audience.csv":                                                         {unknown: "closest"},
	"instagram/fts/Audience.csv":                                                            {unknown: "closest"},
	"facebook/vintage/Top content formats.csv":                                              {unknown: "closest"},
	"facebook/vintage/Oct-31-2025_Dec-30-2025_1664278361210560.csv":                         {unknown: "re-saved by Excel"},
	"instagram/vintage/INSTAGRAM_RAW.csv":                                                   {unknown: "re-saved by Excel"},
	"facebook/mh4u/Visits.xlsx":                                                             {unknown: "spreadsheet (xlsx)"},
	"facebook/mh4u/MH4U-Ads-Feb-11-2021-Mar-11-2024.xlsx":                                   {unknown: "spreadsheet (xlsx)"},
	"facebook/mh4u/Untitled-report-Apr-1-2023-to-Mar-11-2024.xlsx":                          {unknown: "spreadsheet (xlsx)"},
	"facebook_legacy/lok/Facebook Insights Data Export (Post Level) - LOK - 2017-07-27.xls": {unknown: "spreadsheet (spreadsheetml)"},
	"facebook_legacy/lok/Facebook Insights Data Export - LOK - 2017-07-05.xls":              {unknown: "spreadsheet (spreadsheetml)"},
	"linkedin/proefficient/pro-efficient-data-entry_content_1742193384396.xls":              {unknown: "spreadsheet (xls)"},
	"ga4/joelhanson/Reports_snapshot.csv":                                                   {unknown: "closest"},
	"tiktok/bosszy27/Overview.csv":                                                          {unknown: "closest"},
	"tiktok/bosszy27/Overview.xlsx":                                                         {unknown: "spreadsheet (xlsx)"},
	"tiktok/es_locale/Overview.csv":                                                         {unknown: "closest"},
	"tiktok/vintage/TIKTOK_AUDIENCE_RAW.csv":                                                {unknown: "closest"},
	"tiktok/vintage/TIKTOK_RAW.csv":                                                         {unknown: "closest"},
	"tiktok/vintage/TIKTOK_VIDEO_RAW.csv":                                                   {unknown: "closest"},
	"publer/acme/ACME Inc (Workspace) ∙ Hashtag Analysis ∙ 1 Jul 2025 - 31 Jul 2025.csv":    {unknown: "closest"},
	"publer/acme/ACME Inc (Workspace) ∙ Overview ∙ 1 Jul 2025 - 31 Jul 2025.csv":            {unknown: "closest"},
	"publer/acme/ACME Inc (Workspace) ∙ Post Insights ∙ 1 Jul 2025 - 31 Jul 2025.csv":       {unknown: "closest"},
	"twitter/daily_tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv":            {connector: "x-daily", metrics: 434},
	"twitter/daily_tweet_activity_metrics_LisaDeBruine_20211201_20220101_en.csv":            {connector: "x-daily", metrics: 434},
	"twitter/tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv":                      {connector: "x-tweets", posts: 37},
	"twitter/tweet_activity_metrics_rOpenSci_20190101_20190201_en.csv":                      {connector: "x-tweets", posts: 31},
	"twitter/tweet_activity_metrics_rOpenSci_20211201_20220101_en.csv":                      {connector: "x-tweets", posts: 17},
	"twitter/x_premium_account_analytics_content_2024-11-21_2025-02-19.csv":                 {connector: "x-premium-posts", posts: 141},
	"twitter/x_premium_account_overview_analytics.csv":                                      {connector: "x-premium-daily", metrics: 650},
	"twitter/x_premium_account_overview_analytics_koe.csv":                                  {connector: "x-premium-daily", metrics: 91},
	"ga4/mh4u/data-export.csv":                                                              {connector: "ga4", metrics: 964},
	"youtube/shorts_channel/Chart data.csv":                                                 {connector: "youtube-daily", metrics: 1825},
	"youtube/shorts_channel/Table data.csv":                                                 {connector: "youtube-videos", posts: 442, skips: 1},
	"youtube/shorts_channel/Totals.csv":                                                     {connector: "youtube-daily", metrics: 365},
	"youtube/wholebrainhealth/Chart_data.csv":                                               {connector: "youtube-daily", metrics: 10439},
	"youtube/wholebrainhealth/Totals.csv":                                                   {connector: "youtube-daily", metrics: 803},
}

func TestCorpus(t *testing.T) {
	root := connectortest.CorpusDir(t)
	reg := catalog.Default()
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		want, ok := corpus[rel]
		if !ok {
			t.Errorf("%s: no expected outcome stated in corpus_test.go", rel)
			return nil
		}
		t.Run(rel, func(t *testing.T) { corpus1(t, reg, path, want) })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel := range corpus {
		if !seen[rel] {
			t.Errorf("%s: listed but not in the corpus", rel)
		}
	}
}

func corpus1(t *testing.T, reg *connectors.Registry, path string, want corpusCase) {
	f, err := connectors.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := reg.Detect(f)
	if want.connector == "" {
		if !errors.Is(err, connectors.ErrUnknownFormat) || !strings.Contains(err.Error(), want.unknown) {
			t.Errorf("Detect = %v, %v; want an unknown-format error containing %q", c, err, want.unknown)
		}
		return
	}
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	if got := c.Spec().Name; got != want.connector {
		t.Fatalf("Detect = %s, want %s", got, want.connector)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	rec, err := connectortest.Parse(context.Background(), c, f, connectors.Options{Org: "corpus", Location: paris, Platform: want.platform})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	for _, p := range rec.Problems {
		t.Error(p)
	}
	if rec.Posts != want.posts || rec.Metrics != want.metrics || rec.Skips != want.skips {
		t.Errorf("Parse emitted %d posts, %d metric rows, %d skips; want %d, %d, %d",
			rec.Posts, rec.Metrics, rec.Skips, want.posts, want.metrics, want.skips)
	}
}
