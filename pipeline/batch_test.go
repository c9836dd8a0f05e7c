package pipeline

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
)

// TestBatchLimits: a table is sent at whichever limit it reaches first, its row count or its
// size, and every row is sent exactly once. The size limit is what keeps posts with long
// captions from holding most of an ingest's memory (docs/performance.md, step 8).
func TestBatchLimits(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	cases := []struct {
		name        string
		rows, bytes int
		caption     int // bytes of each post's caption
		wantInserts int
	}{
		// A post row here counts 280 bytes and its caption: 8 strings of 16 bytes each plus
		// their text (220 with the file's sha256), two times of 24, the row number (4) and
		// the version (8).
		{"rows first", 10, 1 << 20, 0, 10},
		{"bytes first: long captions", 1000, 16 << 10, 1000, 8},         // 1,280 bytes a row: 13 rows reach 16 KiB; 7 × 13 + 9
		{"short posts under the same size limit", 1000, 16 << 10, 0, 2}, // 59 rows reach it; 59 + 41
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var (
				mu    sync.Mutex
				sizes []int
				ids   = map[string]int{}
			)
			insert := func(_ context.Context, tb *table) error {
				mu.Lock()
				defer mu.Unlock()
				sizes = append(sizes, tb.rows)
				for _, id := range tb.cols[3].s { // post_id
					ids[id]++
				}
				return nil
			}
			b := newBatch(context.Background(), "org", sha, 7, time.Unix(1_700_000_000, 0).UTC(), c.rows, c.bytes, insert)
			for i := range 100 {
				p := connectors.Post{Platform: "facebook", Account: "page", PostID: fmt.Sprintf("post-%03d", i),
					PublishedAt: time.Date(2025, 3, 4, 5, 6, 0, 0, time.UTC), Type: "photo", Title: strings.Repeat("x", c.caption)}
				if err := b.Post(p); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.flush(); err != nil {
				t.Fatal(err)
			}
			if len(sizes) != c.wantInserts {
				t.Errorf("%d inserts of %v rows, want %d", len(sizes), sizes, c.wantInserts)
			}
			for _, n := range sizes[:max(len(sizes)-1, 0)] {
				if n > c.rows {
					t.Errorf("an insert of %d rows, over the limit of %d", n, c.rows)
				}
			}
			if len(ids) != 100 {
				t.Errorf("%d distinct posts sent, want 100", len(ids))
			}
			for id, n := range ids {
				if n != 1 {
					t.Errorf("post %s sent %d times", id, n)
				}
			}
		})
	}
}
