package meta_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/benchdata"
	"github.com/goalpost/goalpost/connectors/meta"
)

// countSink counts records and keeps nothing, like the pipeline's first pass.
type countSink struct{ posts, metrics, skips int }

func (s *countSink) Metric(connectors.MetricRow) error      { s.metrics++; return nil }
func (s *countSink) Post(connectors.Post) error             { s.posts++; return nil }
func (s *countSink) PostMetric(connectors.PostMetric) error { s.metrics++; return nil }
func (s *countSink) Donation(connectors.Donation) error     { return nil }
func (s *countSink) Signup(connectors.Signup) error         { return nil }
func (s *countSink) Skip(int, string)                       { s.skips++ }

// peakHeap samples the live heap every millisecond until stop is called and returns the
// highest value seen: what a Parse holds at once, the figure that must not grow with the file.
func peakHeap() (stop func() uint64) {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() uint64 { close(done); wg.Wait(); return peak }
}

// BenchmarkPostsParse runs one full Parse (detection included) of a generated Business
// Suite post export read from disk, as the pipeline does for each of its two passes.
// Besides ns/op, B/op and allocs/op it reports rows/s, ns/row, B/row, allocs/row and the
// peak live heap.
func BenchmarkPostsParse(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if n, err := strconv.Atoi(os.Getenv("GOALPOST_BENCH_ROWS")); err == nil {
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		b.Run("rows="+strconv.Itoa(n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "posts.csv")
			out, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			if err := benchdata.MetaPosts(out, n, 1); err != nil {
				b.Fatal(err)
			}
			out.Close()
			st, _ := os.Stat(path)
			b.SetBytes(st.Size())
			opts := connectors.Options{Org: "bench", Location: time.UTC}
			var peak uint64
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				stop := peakHeap()
				b.StartTimer()
				f, err := connectors.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				if !(meta.Posts{}).Detect(f) {
					b.Fatal("not detected")
				}
				var s countSink
				if err := (meta.Posts{}).Parse(context.Background(), f, opts, &s); err != nil {
					b.Fatal(err)
				}
				if s.posts+s.skips != n {
					b.Fatalf("%d posts + %d skips, want %d rows", s.posts, s.skips, n)
				}
				peak = max(peak, stop())
			}
			runtime.ReadMemStats(&ms1)
			rows := float64(n) * float64(b.N)
			b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/rows, "ns/row")
			b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/rows, "B/row")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/rows, "allocs/row")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
