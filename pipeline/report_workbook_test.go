package pipeline_test

import (
	"archive/zip"
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// The hostile post texts, and more of the kind.
var hostileTexts = []string{
	`=HYPERLINK("http://evil.example","x")`,
	`+1 555`,
	`@SUM(A1)`,
	`<script>`,
	`-2+3`,
	"\t=1+1",
	"\r=1+1",
	`=cmd|'/c calc'!A1`,
}

// syntheticOrg describes generated data: accounts spread over the platforms, one value per
// day and metric, a post every postEvery days per account, one ledger file per account and
// year.
type syntheticOrg struct {
	org       string
	from, to  time.Time // [from, to)
	accounts  int
	postEvery int
	titles    []string // cycled through as post texts
}

var syntheticPlatforms = []string{"facebook", "instagram", "x", "linkedin", "youtube"}

// load writes the organisation into the warehouse's tables in batches, with a loaded ledger
// row per source file so the analyst views see it.
func (o syntheticOrg) load(tb testing.TB, e warehouse.Engine) {
	tb.Helper()
	ctx := context.Background()
	at := o.to
	const batch = 100000
	var metricRows, postRows, postMetricRows, files [][]any
	flush := func(table string, cols []string, rows *[][]any, force bool) {
		if len(*rows) == 0 || (!force && len(*rows) < batch) {
			return
		}
		if err := e.Insert(ctx, table, cols, *rows); err != nil {
			tb.Fatalf("insert %s: %v", table, err)
		}
		*rows = (*rows)[:0]
	}
	metricCols := []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"}
	postCols := []string{"org", "platform", "account", "post_id", "published_at", "type", "title", "permalink", "source_file", "source_row", "version", "ingested_at"}
	pmCols := []string{"org", "platform", "account", "post_id", "metric", "value", "source_file", "source_row", "version", "ingested_at"}
	types := []string{"photo", "video", "link", "text", "reel"}
	n, posts := 0, 0
	for a := 0; a < o.accounts; a++ {
		platform := syntheticPlatforms[a%len(syntheticPlatforms)]
		account := fmt.Sprintf("%s account %d", platform, a)
		for y := o.from.Year(); time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Before(o.to); y++ {
			file := fmt.Sprintf("%s-%d-%d", o.org, a, y)
			first := maxTime(o.from, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
			end := minTime(o.to, time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC))
			files = append(files, []any{o.org, file, fmt.Sprintf("export %d %d.csv", a, y), "synthetic", "loaded", uint64(0), uint64(0), first, end.AddDate(0, 0, -1), "", uint64(1), at})
			for d, i := first, 0; d.Before(end); d, i = d.AddDate(0, 0, 1), i+1 {
				seed := float64((a*7919 + int(d.Unix()/86400)*31) % 1000)
				for _, m := range []struct {
					metric string
					value  float64
				}{{"reach", 500 + seed}, {"impressions", 900 + 2*seed}, {"engagements", 20 + seed/25}, {"followers_new", float64(int(seed) % 7)},
					{"link_clicks", float64(int(seed) % 13)}, {"views", 700 + seed}} {
					n++
					metricRows = append(metricRows, []any{o.org, platform, account, d, m.metric, "", m.value, file, uint32(n), uint64(1), at})
				}
				flush("metrics_daily_store", metricCols, &metricRows, false)
				if o.postEvery > 0 && i%o.postEvery == 0 {
					posts++
					id := fmt.Sprintf("%d%08d", a, n)
					title := fmt.Sprintf("Post %s on %s", id, d.Format("2006-01-02"))
					if len(o.titles) > 0 {
						title = o.titles[posts%len(o.titles)]
					}
					permalink := "https://social.example/" + id
					if posts%5 == 0 {
						permalink = "javascript:alert(1)"
					}
					postRows = append(postRows, []any{o.org, platform, account, id, d.Add(15 * time.Hour), types[n%len(types)], title, permalink, file, uint32(n), uint64(1), at})
					postMetricRows = append(postMetricRows,
						[]any{o.org, platform, account, id, "reach", 300 + seed, file, uint32(n), uint64(1), at},
						[]any{o.org, platform, account, id, "engagements", 10 + seed/20, file, uint32(n), uint64(1), at})
					flush("posts_store", postCols, &postRows, false)
					flush("post_metrics_store", pmCols, &postMetricRows, false)
				}
			}
		}
	}
	flush("metrics_daily_store", metricCols, &metricRows, true)
	flush("posts_store", postCols, &postRows, true)
	flush("post_metrics_store", pmCols, &postMetricRows, true)
	flush("ingested_files_log", []string{"org", "sha256", "name", "connector", "status", "rows", "skipped", "date_min", "date_max", "error", "version", "at"}, &files, true)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// syntheticGoals is a small goals file for the synthetic organisation.
const syntheticGoals = `organisation:
  name: "Synthetic <Org> & Co"
  time_zone: Europe/Paris
  currency: EUR
  language: %s
goals:
  - id: awareness
    category: awareness
    name: Grow our audience
    kpis:
      - kpi: reach
        target: {per: month, value: 400000}
      - kpi: engagement_rate_reach
        target: {value: 5%%}
  - id: share-news
    category: share_news
    name: '=HYPERLINK("http://evil.example","x")'
    kpis:
      - kpi: posts_published
        target: {per: month, value: 200}
      - kpi: link_clicks
        target: {per: quarter, value: 5000}
`

func syntheticGoalsFile(tb testing.TB, org, lang string) *goals.File {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "goals.yaml")
	if err := os.WriteFile(path, []byte(fmt.Sprintf(syntheticGoals, lang)), 0o644); err != nil {
		tb.Fatal(err)
	}
	f, err := goals.Load(path, goals.LoadOptions{Platforms: syntheticPlatforms})
	if err != nil {
		tb.Fatalf("goals: %v", err)
	}
	f.Org = org
	return f
}

func syntheticRequest(tb testing.TB, org, lang string, period reports.Period, now time.Time) pipeline.ReportRequest {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		tb.Fatal(err)
	}
	return pipeline.ReportRequest{Org: org, OrgName: "Synthetic <Org> & Co", Lang: lang, Location: paris,
		Period: period, Now: now, Goals: syntheticGoalsFile(tb, org, lang)}
}

// TestHostileExportTextStaysText: posts whose text is a formula, a phone number, a function
// call, a script tag, a tab or a carriage return go through the warehouse and the report and
// come out literally, with no formula anywhere in the workbook's sheets and no link that is
// not https, on both engines.
func TestHostileExportTextStaysText(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		o := syntheticOrg{org: "hostile", from: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), to: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC),
			accounts: 1, postEvery: 4, titles: hostileTexts}
		o.load(t, e)
		period, _ := reports.ParsePeriod("2025-10", "en")
		req := syntheticRequest(t, o.org, "en", period, time.Date(2025, 11, 5, 9, 0, 0, 0, time.UTC))
		r, err := pipeline.BuildReport(context.Background(), e, req)
		if err != nil {
			t.Fatalf("BuildReport: %v", err)
		}
		if r.Detail == nil || len(r.Detail.TopByEngagementRate) == 0 || len(r.Detail.Daily.Rows) == 0 {
			t.Fatalf("no detail: %+v", r.Detail)
		}
		dir := t.TempDir()
		written, err := pipeline.WriteReport(context.Background(), r, dir, []string{"xlsx"})
		if err != nil {
			t.Fatalf("WriteReport: %v", err)
		}
		zr, err := zip.OpenReader(written.Workbook)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		formula := regexp.MustCompile(`<f[\s>/]`)
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
				continue
			}
			rc, _ := zf.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			if formula.Match(data) {
				t.Errorf("%s contains a formula element", zf.Name)
			}
		}
		f, err := excelize.OpenFile(written.Workbook)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		seen := map[string]bool{}
		for _, sh := range f.GetSheetList() {
			rows, err := f.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			for r, cols := range rows {
				for c, v := range cols {
					seen[v] = true
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if link, target, _ := f.GetCellHyperLink(sh, cell); link && !strings.HasPrefix(target, "https://") {
						t.Errorf("%s!%s links to %q", sh, cell, target)
					}
				}
			}
		}
		for _, h := range hostileTexts {
			if !seen[h] {
				t.Errorf("%q is not shown literally in any cell", h)
			}
		}
		if got, _ := f.GetCellValue("Summary", "A11"); got != `=HYPERLINK("http://evil.example","x")` {
			t.Errorf("the hostile goal name reads %q", got)
		}
	})
}

// BenchmarkWorkbookFiveYearsTwentyAccounts builds and writes the report of a generated
// organisation: 20 accounts over five years (about 219,000 daily values, 18,000 posts), on the
// embedded engine. It reports the time per report, the Go heap's peak while the report is
// built and written, and the process's peak RSS (which includes the embedded engine).
//
//	go test -run '^$' -bench WorkbookFiveYears -benchtime 3x ./pipeline/
func BenchmarkWorkbookFiveYearsTwentyAccounts(b *testing.B) {
	warehousetest.RequireEmbedded(b)
	ctx := context.Background()
	dir := b.TempDir()
	e, err := warehouse.Open(ctx, filepath.Join(dir, "wh"), warehouse.Options{Holder: "go test -bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	o := syntheticOrg{org: "big", from: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), to: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		accounts: 20, postEvery: 2}
	o.load(b, e)
	period, _ := reports.ParsePeriod("2025", "en")
	req := syntheticRequest(b, o.org, "en", period, time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC))

	resetPeakRSS()
	var buildHeap, writeHeap uint64
	var buildTime, writeTime time.Duration
	var size int64
	var daily int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stop, start := sampleHeap(), time.Now()
		r, err := pipeline.BuildReport(ctx, e, req)
		if err != nil {
			b.Fatal(err)
		}
		buildTime += time.Since(start)
		buildHeap = max(buildHeap, stop())
		daily = len(r.Detail.Daily.Rows)
		stop, start = sampleHeap(), time.Now()
		w, err := pipeline.WriteReport(ctx, r, filepath.Join(dir, "out"), []string{"xlsx"})
		if err != nil {
			b.Fatal(err)
		}
		writeTime += time.Since(start)
		writeHeap = max(writeHeap, stop())
		info, _ := os.Stat(w.Workbook)
		size = info.Size()
	}
	b.StopTimer()
	b.ReportMetric(buildTime.Seconds()/float64(b.N), "build-s/op")
	b.ReportMetric(writeTime.Seconds()/float64(b.N), "write-s/op")
	b.ReportMetric(float64(buildHeap)/(1<<20), "build-peak-heap-MB")
	b.ReportMetric(float64(writeHeap)/(1<<20), "write-peak-heap-MB")
	b.ReportMetric(float64(peakRSS())/(1<<10), "peak-RSS-MB")
	b.ReportMetric(float64(size)/(1<<20), "xlsx-MB")
	b.ReportMetric(float64(daily), "daily-rows")
}

// resetPeakRSS resets the kernel's high-water mark of this process's RSS (Linux).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the process's peak resident set size in KiB since the last reset (Linux), or 0.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb
		}
	}
	return 0
}

// sampleHeap samples the Go heap's live objects every 5 ms until the returned function is
// called, which returns the largest sample.
func sampleHeap() func() uint64 {
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

// The Data sheet's daily table is read a year at most per statement: every day of the
// trailing months and the period must come out once, in date order, with the value written,
// whatever the boundaries between statements. The expected rows are computed from the
// synthetic organisation's own formula, not from the warehouse.
func TestDailyTableHoldsEveryDayOnce(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		o := syntheticOrg{org: "daily", from: time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), to: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), accounts: 2}
		o.load(t, e)
		period, _ := reports.ParsePeriod("2025-10", "en")
		r, err := pipeline.BuildReport(context.Background(), e, syntheticRequest(t, o.org, "en", period, time.Date(2025, 11, 5, 9, 0, 0, 0, time.UTC)))
		if err != nil {
			t.Fatalf("BuildReport: %v", err)
		}
		d := r.Detail.Daily
		if months := (d.End.Year()-d.Start.Year())*12 + int(d.End.Month()-d.Start.Month()); months <= 12 {
			t.Fatalf("the table spans %d months (%s to %s): the test needs more than one statement's year", months, d.Start, d.End)
		}
		want := map[string]float64{}
		for a := 0; a < o.accounts; a++ {
			platform := syntheticPlatforms[a%len(syntheticPlatforms)]
			account := fmt.Sprintf("%s account %d", platform, a)
			for day := maxTime(d.Start, o.from); day.Before(d.End) && day.Before(o.to); day = day.AddDate(0, 0, 1) {
				seed := float64((a*7919 + int(day.Unix()/86400)*31) % 1000)
				for metric, v := range map[string]float64{"reach": 500 + seed, "impressions": 900 + 2*seed, "engagements": 20 + seed/25,
					"followers_new": float64(int(seed) % 7), "link_clicks": float64(int(seed) % 13), "views": 700 + seed} {
					want[fmt.Sprintf("%s|%s|%s|%s", day.Format("2006-01-02"), platform, account, metric)] = v
				}
			}
		}
		got := map[string]float64{}
		for i, row := range d.Rows {
			if i > 0 && row.Date.Before(d.Rows[i-1].Date) {
				t.Fatalf("row %d (%s) comes after %s", i, row.Date.Format("2006-01-02"), d.Rows[i-1].Date.Format("2006-01-02"))
			}
			k := fmt.Sprintf("%s|%s|%s|%s", row.Date.Format("2006-01-02"), row.Platform, row.Account, row.Metric)
			if _, dup := got[k]; dup {
				t.Errorf("%s appears twice", k)
			}
			got[k] = row.Value
		}
		if len(got) != len(want) {
			t.Errorf("%d daily rows, want %d", len(got), len(want))
		}
		for k, v := range want {
			if g, ok := got[k]; !ok || g != v {
				t.Errorf("%s = %v (present %v), want %v", k, g, ok, v)
				break
			}
		}
	})
}
