package pipeline

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/reports"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// seedPost is a post of the dashboard's test data with its lifetime metrics.
type seedPost struct {
	platform, account, id, typ string
	at                         time.Time
	metrics                    map[string]float64
}

// dashboardSeed is deterministic test data around March 2026 (which holds the switch to
// daylight saving time in Toronto), with rows on both sides of the period's bounds, posts
// without metrics, Instagram posts without an engagements figure, two Facebook accounts, mixed-case UTM values, two
// currencies, and rows of a rejected file that must not count.
type dashboardSeed struct {
	posts     []seedPost
	donations []struct {
		id, source, medium, currency string
		at                           time.Time
		amount                       float64
	}
	signups []struct {
		kind, channel, person string
		at                    time.Time
	}
}

func newDashboardSeed() dashboardSeed {
	var s dashboardSeed
	x := uint32(7)
	next := func(n int) int { x = x*1103515245 + 12345; return int((x >> 8) % uint32(n)) }
	start := time.Date(2026, 2, 26, 0, 0, 0, 0, time.UTC)
	platforms := []string{"facebook", "instagram", "x", "email", "youtube"}
	types := map[string][]string{
		"facebook": {"photo", "video", "link", `</script><b>type</b>`}, "instagram": {"photo", "reel", "carousel"},
		"x": {"post"}, "email": {"email"}, "youtube": {"video"},
	}
	for i := 0; i < 160; i++ {
		p := seedPost{platform: platforms[next(len(platforms))], account: "acct", id: fmt.Sprintf("p%03d", i)}
		if p.platform == "facebook" && i%3 == 0 {
			p.account = "second page" // a platform with two accounts: content types are by account
		}
		p.typ = types[p.platform][next(len(types[p.platform]))]
		p.at = start.Add(time.Duration(next(40*24*60)) * time.Minute)
		p.metrics = map[string]float64{}
		switch p.platform {
		case "facebook":
			if next(10) > 0 {
				p.metrics["engagements"] = float64(next(90))
				p.metrics["reach"] = float64(100 + next(900))
				p.metrics["reactions"] = 1 // ignored: the post's own engagements win
			}
		case "instagram":
			if next(10) > 0 {
				p.metrics["reactions"] = float64(next(50))
				p.metrics["comments"] = float64(next(9))
				p.metrics["saves"] = float64(next(5))
				if next(2) == 0 {
					p.metrics["shares"] = float64(next(7))
				}
				p.metrics["reach"] = float64(50 + next(500))
			}
		case "x":
			p.metrics["engagements"] = float64(next(30))
			p.metrics["impressions"] = float64(next(3000))
		case "email":
			p.metrics["opens"] = float64(next(300))
		case "youtube":
			p.metrics["views"] = float64(next(300))
		}
		s.posts = append(s.posts, p)
	}
	sources := [][2]string{{"facebook", "social"}, {"Facebook", "Social"}, {"", ""}, {"newsletter", "email"}, {"<img src=x onerror=alert(1)>", "cpc"}}
	for i := 0; i < 70; i++ {
		src := sources[next(len(sources))]
		cur := "USD"
		if next(6) == 0 {
			cur = "eur"
		}
		s.donations = append(s.donations, struct {
			id, source, medium, currency string
			at                           time.Time
			amount                       float64
		}{fmt.Sprintf("d%03d", i), src[0], src[1], cur, start.Add(time.Duration(next(40*24*60)) * time.Minute), float64(next(20000)) / 100})
	}
	kinds := []string{"newsletter", "volunteer", "event"}
	channels := []string{"facebook", "Facebook", "word_of_mouth", "", "__f__function(){alert(1)}__f__"}
	for i := 0; i < 60; i++ {
		s.signups = append(s.signups, struct {
			kind, channel, person string
			at                    time.Time
		}{kinds[next(len(kinds))], channels[next(len(channels))], fmt.Sprintf("h%03d", i), start.Add(time.Duration(next(40*24*60)) * time.Minute)})
	}
	return s
}

func (s dashboardSeed) load(t *testing.T, e warehouse.Engine, org string) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC)
	d0, d1 := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(e.Insert(ctx, "ingested_files_log", []string{"org", "sha256", "name", "connector", "status", "rows", "skipped", "date_min", "date_max", "error", "version", "at"}, [][]any{
		{org, "good", "good.csv", "test", "loaded", uint64(1), uint64(0), d0, d1, "", uint64(1), at},
		{org, "bad", "bad.csv", "test", "rejected", uint64(1), uint64(0), d0, d1, "broken", uint64(2), at},
	}))
	var posts, metrics, gifts, people [][]any
	for i, p := range s.posts {
		posts = append(posts, []any{org, p.platform, p.account, p.id, p.at, p.typ, "title " + p.id, "https://example.org/" + p.id, "good", uint32(i), uint64(1), at})
		for _, m := range sortedMetricNames(p.metrics) {
			metrics = append(metrics, []any{org, p.platform, p.account, p.id, m, p.metrics[m], "good", uint32(i), uint64(1), at})
		}
	}
	// A rejected file's rows never count.
	posts = append(posts, []any{org, "facebook", "acct", "ghost", time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC), "photo", "", "", "bad", uint32(0), uint64(2), at})
	metrics = append(metrics, []any{org, "facebook", "acct", "p000", "engagements", 1e6, "bad", uint32(0), uint64(2), at})
	for i, d := range s.donations {
		gifts = append(gifts, []any{org, "stripe", d.id, d.at, d.amount, d.currency, uint8(0), "", d.source, d.medium, "", "donor", "good", uint32(i), uint64(1), at})
	}
	gifts = append(gifts, []any{org, "stripe", "dbad", time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC), 1e6, "USD", uint8(0), "", "facebook", "social", "", "donor", "bad", uint32(0), uint64(2), at})
	for i, p := range s.signups {
		people = append(people, []any{org, "forms", p.kind, "list", p.person, p.at, p.channel, "good", uint32(i), uint64(1), at})
	}
	must(e.Insert(ctx, "posts_store", []string{"org", "platform", "account", "post_id", "published_at", "type", "title", "permalink", "source_file", "source_row", "version", "ingested_at"}, posts))
	must(e.Insert(ctx, "post_metrics_store", []string{"org", "platform", "account", "post_id", "metric", "value", "source_file", "source_row", "version", "ingested_at"}, metrics))
	must(e.Insert(ctx, "donations_store", []string{"org", "platform", "donation_id", "at", "amount", "currency", "recurring", "campaign", "utm_source", "utm_medium", "utm_campaign", "donor_hash", "source_file", "source_row", "version", "ingested_at"}, gifts))
	must(e.Insert(ctx, "signups_store", []string{"org", "platform", "kind", "campaign", "person_hash", "at", "channel", "source_file", "source_row", "version", "ingested_at"}, people))
}

func sortedMetricNames(m map[string]float64) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// engagementsOf is a post's engagements as the test reads the definition: its own figure,
// else reactions, comments, shares and saves; ok is false when it has none of them.
func engagementsOf(p seedPost) (float64, bool) {
	if v, ok := p.metrics["engagements"]; ok {
		return v, true
	}
	sum, any := 0.0, false
	for _, m := range []string{"reactions", "comments", "shares", "saves"} {
		if v, ok := p.metrics[m]; ok {
			sum += v
			any = true
		}
	}
	return sum, any
}

func deref(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

func fmtPtr(v *float64) string {
	if v == nil {
		return "NULL"
	}
	return fmt.Sprint(*v)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func ptrNear(got *float64, want float64, ok bool) bool {
	if !ok {
		return got == nil
	}
	return got != nil && near(*got, want)
}

// TestDashboardQueriesMatchIndependentFigures checks every statement behind the dashboard's
// content and sources sections against the same figures computed here in Go from the seed
// rows, on both engines: content types and the top posts (sql/queries/workbook_content_types.sql
// and workbook_post_ranking.sql, which the workbook shows too) and the dashboard_*.sql
// statements.
func TestDashboardQueriesMatchIndependentFigures(t *testing.T) {
	seed := newDashboardSeed()
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	period, _ := reports.ParsePeriod("2026-03", "en")
	inPeriod := func(at time.Time) bool {
		l := at.In(loc)
		d := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
		return !d.Before(period.Start) && d.Before(period.End)
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		seed.load(t, e, "o")
		req := ReportRequest{Org: "o", Lang: "en", Location: loc, Period: period}
		r := &reports.Report{Org: "o", Lang: "en", Period: period, TimeZone: loc}
		if err := addDetail(context.Background(), e, req, r, nil); err != nil {
			t.Fatal(err)
		}
		r, err := withInsights(context.Background(), e, req, r, nil)
		if err != nil {
			t.Fatal(err)
		}
		in, d := r.Insights, r.Detail
		if len(d.ContentTypes) == 0 || len(d.TopByEngagementRate) == 0 || len(in.PostingTimes) == 0 || len(in.Donations) == 0 || len(in.Signups) == 0 {
			t.Fatalf("the seed gives empty sections: %+v %+v", in, d)
		}

		// Content types, by platform, account and type, against the account's average. The
		// period is in the organisation's calendar; emails are left out.
		type agg struct {
			posts, withEng, withReach int
			eng, reach, rateE, rateR  float64
		}
		types := map[[3]string]*agg{}
		accounts := map[[2]string]*agg{}
		for _, p := range seed.posts {
			if !inPeriod(p.at) || p.platform == "email" || p.typ == "email" {
				continue
			}
			k, ak := [3]string{p.platform, p.account, p.typ}, [2]string{p.platform, p.account}
			if types[k] == nil {
				types[k] = &agg{}
			}
			if accounts[ak] == nil {
				accounts[ak] = &agg{}
			}
			eng, hasEng := engagementsOf(p)
			reach, hasReach := p.metrics["reach"]
			for _, a := range []*agg{types[k], accounts[ak]} {
				a.posts++
				if hasEng {
					a.withEng++
					a.eng += eng
				}
				if hasReach {
					a.withReach++
					a.reach += reach
				}
				if hasEng && hasReach {
					a.rateE += eng
					a.rateR += reach
				}
			}
		}
		if len(accounts) < 5 {
			t.Fatalf("the seed gives %d accounts, want two on Facebook", len(accounts))
		}
		if len(d.ContentTypes) != len(types) {
			t.Errorf("content types: %d rows, want %d", len(d.ContentTypes), len(types))
		}
		for _, got := range d.ContentTypes {
			a, acc := types[[3]string{got.Platform, got.Account, got.Type}], accounts[[2]string{got.Platform, got.Account}]
			if a == nil {
				t.Errorf("content types: unexpected row %s/%s/%s", got.Platform, got.Account, got.Type)
				continue
			}
			avg, accAvg := a.eng/float64(a.withEng), acc.eng/float64(acc.withEng)
			ok := got.Posts == a.posts && got.AccountPosts == acc.posts &&
				ptrNear(got.AvgEngagements, avg, a.withEng > 0) &&
				ptrNear(got.AvgReach, a.reach/float64(a.withReach), a.withReach > 0) &&
				ptrNear(got.EngagementRate, a.rateE/a.rateR, a.rateR > 0) &&
				ptrNear(got.AccountAvgEngagements, accAvg, acc.withEng > 0) &&
				ptrNear(got.AccountEngagementRate, acc.rateE/acc.rateR, acc.rateR > 0) &&
				ptrNear(got.VsAccount, avg/accAvg, a.withEng > 0 && acc.withEng > 0 && accAvg > 0)
			if !ok {
				t.Errorf("content type %s/%s/%s: got %+v, want %+v (account %+v)", got.Platform, got.Account, got.Type, got, *a, *acc)
			}
		}

		// The top posts: the period's ten best by engagement rate (reach at least
		// MinReachForRate) and by reach; ties go to the earlier post.
		type ranked struct {
			id    string
			at    time.Time
			key   float64
			reach float64
			eng   *float64
		}
		var byRate, byReach []ranked
		for _, p := range seed.posts {
			reach, hasReach := p.metrics["reach"]
			if !inPeriod(p.at) || !hasReach {
				continue
			}
			rk := ranked{id: p.id, at: p.at, key: reach, reach: reach}
			if eng, ok := engagementsOf(p); ok {
				rk.eng = &eng
				if reach >= reports.MinReachForRate && reach > 0 {
					byRate = append(byRate, ranked{id: p.id, at: p.at, key: eng / reach, reach: reach, eng: &eng})
				}
			}
			byReach = append(byReach, rk)
		}
		for _, c := range []struct {
			name string
			want []ranked
			got  []reports.RankedPost
		}{{"by engagement rate", byRate, d.TopByEngagementRate}, {"by reach", byReach, d.TopByReach}} {
			sort.SliceStable(c.want, func(i, j int) bool {
				a, b := c.want[i], c.want[j]
				if a.key != b.key {
					return a.key > b.key
				}
				if !a.at.Equal(b.at) {
					return a.at.Before(b.at)
				}
				return a.id < b.id
			})
			if len(c.want) > 10 {
				c.want = c.want[:10]
			}
			if len(c.got) != len(c.want) {
				t.Errorf("top posts %s: %d posts, want %d", c.name, len(c.got), len(c.want))
				continue
			}
			for i, w := range c.want {
				g := c.got[i]
				rate := 0.0
				if w.eng != nil {
					rate = *w.eng / w.reach
				}
				if g.PostID != w.id || !ptrNear(g.Reach, w.reach, true) || !ptrNear(g.Engagements, deref(w.eng), w.eng != nil) ||
					!ptrNear(g.EngagementRate, rate, w.eng != nil) {
					t.Errorf("top posts %s #%d: got %s %v %v %v, want %s %v %v", c.name, i+1, g.PostID, fmtPtr(g.Reach), fmtPtr(g.Engagements),
						fmtPtr(g.EngagementRate), w.id, w.reach, fmtPtr(w.eng))
				}
			}
		}

		// Posting times: the trailing year ends with the period, so it holds all the seed.
		windowEnd := time.Date(2026, 4, 1, 0, 0, 0, 0, loc)
		platAvg := map[string][2]float64{}
		for _, p := range seed.posts {
			if eng, ok := engagementsOf(p); ok && p.platform != "email" && p.at.Before(windowEnd) {
				a := platAvg[p.platform]
				platAvg[p.platform] = [2]float64{a[0] + 1, a[1] + eng}
			}
		}
		if !in.PostingFrom.Equal(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)) || !in.PostingTo.Equal(period.End) {
			t.Errorf("posting window %v..%v", in.PostingFrom, in.PostingTo)
		}
		type cell struct {
			posts     int
			index     float64
			engagemts float64
		}
		cells := map[[2]int]*cell{}
		for _, p := range seed.posts {
			eng, ok := engagementsOf(p)
			l := p.at.In(loc)
			if !ok || p.platform == "email" || !p.at.Before(windowEnd) {
				continue
			}
			avg := platAvg[p.platform][1] / platAvg[p.platform][0]
			if avg <= 0 {
				continue
			}
			wd := int(l.Weekday())
			if wd == 0 {
				wd = 7
			}
			k := [2]int{wd, l.Hour()}
			if cells[k] == nil {
				cells[k] = &cell{}
			}
			cells[k].posts++
			cells[k].index += eng / avg
			cells[k].engagemts += eng
		}
		if len(in.PostingTimes) != len(cells) {
			t.Errorf("posting times: %d cells, want %d", len(in.PostingTimes), len(cells))
		}
		for _, got := range in.PostingTimes {
			c := cells[[2]int{got.Weekday, got.Hour}]
			if c == nil || got.Posts != c.posts || !near(got.Index, c.index/float64(c.posts)) || !near(got.AvgEngagements, c.engagemts/float64(c.posts)) {
				t.Errorf("posting time %d %02d:00: got %+v, want %+v", got.Weekday, got.Hour, got, c)
			}
		}

		// Donations by source, medium and currency.
		type gift struct {
			n   int
			sum float64
		}
		gifts := map[[3]string]*gift{}
		for _, d := range seed.donations {
			if !inPeriod(d.at) {
				continue
			}
			k := [3]string{strings.ToLower(d.source), strings.ToLower(d.medium), strings.ToUpper(d.currency)}
			if gifts[k] == nil {
				gifts[k] = &gift{}
			}
			gifts[k].n++
			gifts[k].sum += d.amount
		}
		if len(in.Donations) != len(gifts) {
			t.Errorf("donations: %d rows, want %d", len(in.Donations), len(gifts))
		}
		for _, got := range in.Donations {
			g := gifts[[3]string{got.Source, got.Medium, got.Currency}]
			if g == nil || got.Gifts != g.n || math.Abs(got.Amount-g.sum) > 0.005 {
				t.Errorf("donations %q/%q %s: got %d, %.2f; want %+v", got.Source, got.Medium, got.Currency, got.Gifts, got.Amount, g)
			}
		}

		// Sign-ups by kind and channel.
		signups := map[[2]string]int{}
		for _, p := range seed.signups {
			if inPeriod(p.at) {
				signups[[2]string{p.kind, strings.ToLower(p.channel)}]++
			}
		}
		if len(in.Signups) != len(signups) {
			t.Errorf("sign-ups: %d rows, want %d", len(in.Signups), len(signups))
		}
		for _, got := range in.Signups {
			if want := signups[[2]string{got.Kind, got.Channel}]; got.Signups != want {
				t.Errorf("sign-ups %s/%q: got %d, want %d", got.Kind, got.Channel, got.Signups, want)
			}
		}
	})
}

// TestPlatformMonthsReadsEachKindOfKPI checks dashboard_kpi_platform_months.sql on both
// engines: a stock's last value in the month, a flow's sum, a ratio's sums divided, NULL
// for a ratio without a denominator.
func TestPlatformMonthsReadsEachKindOfKPI(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		ctx := context.Background()
		at := time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC)
		day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
		var defs, values [][]any
		for _, k := range [][2]string{{"followers", "stock"}, {"reach", "flow"}, {"rate", "ratio"}} {
			defs = append(defs, []any{"o", k[0], k[1], "count", k[0], k[0], "", "", "builtin", "", uint64(3), at})
		}
		for _, v := range []struct {
			kpi, platform string
			d             time.Time
			num, den      float64
		}{
			{"followers", "facebook", day(2, 27), 100, 0}, {"followers", "facebook", day(2, 28), 104, 0},
			{"followers", "facebook", day(3, 2), 110, 0}, {"followers", "facebook", day(3, 30), 125, 0}, {"followers", "facebook", day(3, 15), 140, 0},
			{"reach", "facebook", day(3, 1), 10, 0}, {"reach", "facebook", day(3, 31), 5, 0}, {"reach", "instagram", day(3, 3), 7, 0},
			{"rate", "facebook", day(3, 1), 3, 100}, {"rate", "facebook", day(3, 2), 1, 50}, {"rate", "x", day(3, 1), 2, 0},
			{"reach", "facebook", day(4, 1), 99, 0}, // after the range
		} {
			values = append(values, []any{"o", v.kpi, v.platform, v.d, v.num, v.den, uint64(3), at})
		}
		// An older run's values never count.
		values = append(values, []any{"o", "reach", "facebook", day(3, 5), 1000.0, 0.0, uint64(2), at})
		if err := e.Insert(ctx, "kpi_definitions_log", []string{"org", "kpi", "kind", "unit", "label_en", "label_fr", "description_en", "description_fr", "origin", "query", "version", "written_at"}, defs); err != nil {
			t.Fatal(err)
		}
		if err := e.Insert(ctx, "kpi_daily_log", []string{"org", "kpi", "platform", "date", "numerator", "denominator", "version", "computed_at"}, values); err != nil {
			t.Fatal(err)
		}
		stmt, err := sqlfiles.Statement("queries/dashboard_kpi_platform_months.sql")
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Query(ctx, stmt, warehouse.Params{"org": "o", "start": day(2, 1), "end": day(4, 1), "kpis": []string{"followers", "reach", "rate"}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, row := range res.Rows {
			v := "NULL"
			if f := optFloat(row[3]); f != nil {
				v = fmt.Sprint(*f)
			}
			got = append(got, fmt.Sprintf("%s %s %s %s", row[0], row[1], row[2].(time.Time).Format("2006-01"), v))
		}
		want := []string{
			"followers facebook 2026-02 104", "followers facebook 2026-03 125",
			"rate facebook 2026-03 0.02666666666666667", "rate x 2026-03 NULL",
			"reach facebook 2026-03 15", "reach instagram 2026-03 7",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
