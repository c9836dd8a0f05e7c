package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
)

// BenchmarkBatch measures the ingest's batch building alone (the warehouse is a no-op): one
// post export row gives one Post and about ten PostMetrics, as in the 1 M-row benchmark file.
// An op is one export row.
func BenchmarkBatch(b *testing.B) {
	ctx := context.Background()
	noop := func(context.Context, *table) error { return nil }
	bt := newBatch(ctx, "bench", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 1<<40, time.Unix(1_700_000_000, 0).UTC(), DefaultBatchRows, DefaultBatchBytes, noop)
	at := time.Date(2025, 3, 4, 5, 6, 0, 0, time.UTC)
	metrics := []string{"views", "reach", "engagements", "reactions", "comments", "shares", "clicks", "link_clicks", "other_clicks", "photo_clicks"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		id := "880000000001234567"
		if err := bt.Post(connectors.Post{Platform: "facebook", Account: "Riverside Food Bank", PostID: id, PublishedAt: at,
			Type: "photo", Title: "Thank you to every volunteer who sorted food this week, post 12345 — read more on our site",
			Permalink: "https://www.facebook.com/RiversideFoodBank/posts/880000000001234567"}); err != nil {
			b.Fatal(err)
		}
		for j, m := range metrics {
			if err := bt.PostMetric(connectors.PostMetric{Platform: "facebook", Account: "Riverside Food Bank", PostID: id, Metric: m, Value: float64(i + j)}); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := bt.flush(); err != nil {
		b.Fatal(err)
	}
}
