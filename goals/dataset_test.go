package goals

import (
	"context"
	"fmt"
	"math"
	"sort"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
)

// The test organisation's small dataset: every row is kept in Go too, so each KPI's value can
// be computed independently of the SQL and compared with it.
const (
	testOrg      = "t"
	testTZ       = "America/Toronto"
	testCurrency = "CAD"
)

var (
	dataFirst = day(2025, 3, 1)
	dataLast  = day(2025, 6, 30) // inclusive
	toronto   = mustZone(testTZ)
)

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

type metricRow struct {
	platform, account, metric, dimension string
	date                                 time.Time
	value                                float64
}

type postRow struct {
	platform, account, id, typ string
	at                         time.Time // UTC
	metrics                    map[string]float64
}

type donationRow struct {
	id               string
	at               time.Time
	amount           float64
	currency         string
	source, medium   string
	platform, person string
}

type signupRow struct {
	platform, kind, person string
	at                     time.Time
}

type baselineRow struct {
	platform string
	value    float64
	date     time.Time
}

type dataset struct {
	metrics   []metricRow
	posts     []postRow
	donations []donationRow
	signups   []signupRow
	baselines []baselineRow
}

// instagramGap are days with no Instagram export at all: a source with missing days.
var instagramGap = map[time.Time]bool{day(2025, 5, 10): true, day(2025, 5, 11): true, day(2025, 5, 12): true}

func newDataset() *dataset {
	ds := &dataset{}
	add := func(platform, account, metric, dim string, d time.Time, v float64) {
		ds.metrics = append(ds.metrics, metricRow{platform, account, metric, dim, d, v})
	}
	types := []string{"photo", "video", "link", "text", "reel"}
	sources := [][2]string{{"facebook", "social"}, {"", ""}, {"newsletter", "email"}, {"ig", "social"}, {"t.co", ""}, {"partner", "social"}}
	i := 0
	for d := dataFirst; !d.After(dataLast); d, i = d.AddDate(0, 0, 1), i+1 {
		f := float64(i)
		add("facebook", "", "reach", "", d, 100+float64((i*7)%13))
		add("facebook", "", "reach", "video1", d, 50) // a breakdown: never added to the total
		add("facebook", "", "engagements", "", d, 5+float64((i*3)%7))
		add("facebook", "", "followers_new", "", d, 1+float64(i%3))
		add("facebook", "", "link_clicks", "", d, float64(i%4))
		add("facebook", "", "views", "", d, 200+float64(i%11))
		if !instagramGap[d] {
			add("instagram", "", "reach", "", d, 80+float64(i%9))
			add("instagram", "", "engagements", "", d, 4+float64(i%5))
			add("instagram", "", "followers_new", "", d, 2+float64(i%2))
		}
		add("x", "", "impressions", "", d, 300+float64(i%17))
		add("x", "", "engagements", "", d, 6+float64(i%4))
		add("x", "", "followers_new", "", d, float64(i%2))
		add("x", "", "link_clicks", "", d, 1)
		add("linkedin", "", "followers_total", "", d, 300+f)
		add("linkedin", "", "followers_new", "", d, 1)
		social := 40 + float64(i%5)
		add("web", "site", "sessions", "", d, 500+float64(i%23))
		add("web", "site", "sessions", "Organic Social", d, social)
		add("web", "site", "sessions", "Paid Social", d, 3)
		add("web", "site", "sessions", "Direct", d, 500+float64(i%23)-social-3)

		if i%2 == 0 {
			ds.posts = append(ds.posts, postRow{"facebook", "", fmt.Sprintf("fb%d", i), types[(i/2)%len(types)],
				d.Add(14 * time.Hour), map[string]float64{"shares": float64(i % 6), "reach": 90}})
		}
		if i%3 == 0 { // 03:30 UTC is the evening before in Toronto
			ds.posts = append(ds.posts, postRow{"x", "", fmt.Sprintf("x%d", i), "post", d.Add(3*time.Hour + 30*time.Minute), map[string]float64{"shares": 1}})
		}
		if i%5 == 0 {
			ds.posts = append(ds.posts, postRow{"instagram", "", fmt.Sprintf("ig%d", i), "carousel", d.Add(23*time.Hour + 30*time.Minute), map[string]float64{}})
		}
		if i%10 == 0 {
			m := map[string]float64{"opens": 400 + f, "link_clicks": 30 + float64(i%7), "deliveries": 1000}
			if i == 20 {
				delete(m, "deliveries") // a campaign without deliveries is left out of both sums
			}
			ds.posts = append(ds.posts, postRow{"email", "news", fmt.Sprintf("c%d", i), "email", d.Add(15 * time.Hour), m})
		}
		if i%2 == 1 {
			s := sources[i%len(sources)]
			cur := testCurrency
			if i%19 == 0 {
				cur = "EUR"
			}
			ds.donations = append(ds.donations, donationRow{fmt.Sprintf("d%d", i), d.Add(4 * time.Hour), 25 + float64(i%4)*5, cur, s[0], s[1], "stripe", fmt.Sprintf("p%d", i%9)})
		}
		kinds := []struct {
			every    int
			kind     string
			platform string
		}{{3, "newsletter", "mailchimp"}, {7, "volunteer", "google-forms"}, {5, "event", "eventbrite"}, {11, "member", "zeffy"}}
		for _, k := range kinds {
			if i%k.every == 0 {
				ds.signups = append(ds.signups, signupRow{k.platform, k.kind, fmt.Sprintf("%s%d", k.kind, i), d.Add(12 * time.Hour)})
			}
		}
	}
	ds.baselines = []baselineRow{
		{"facebook", 1000, day(2025, 3, 15)}, // inside the data: days before count down to it
		{"instagram", 500, day(2025, 2, 28)}, // the day before the first export
		{"linkedin", 999, day(2025, 3, 1)},   // ignored: LinkedIn's export has totals
	}
	return ds
}

// load writes the dataset into the warehouse's tables, with a ledger row per source so the
// analyst views see it as loaded.
func (ds *dataset) load(t *testing.T, e warehouse.Engine) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	ins := func(table string, cols []string, rows [][]any) {
		t.Helper()
		if err := e.Insert(ctx, table, cols, rows); err != nil {
			t.Fatalf("insert %s: %v", table, err)
		}
	}
	var rows [][]any
	for n, m := range ds.metrics {
		rows = append(rows, []any{testOrg, m.platform, m.account, m.date, m.metric, m.dimension, m.value, "file-metrics", uint32(n), uint64(1), at})
	}
	ins("metrics_daily_store", []string{"org", "platform", "account", "date", "metric", "dimension", "value", "source_file", "source_row", "version", "ingested_at"}, rows)
	rows, pm := nil, [][]any(nil)
	for n, p := range ds.posts {
		rows = append(rows, []any{testOrg, p.platform, p.account, p.id, p.at, p.typ, "title", "https://example.org/" + p.id, "file-posts", uint32(n), uint64(1), at})
		for k, v := range p.metrics {
			pm = append(pm, []any{testOrg, p.platform, p.account, p.id, k, v, "file-posts", uint32(n), uint64(1), at})
		}
	}
	ins("posts_store", []string{"org", "platform", "account", "post_id", "published_at", "type", "title", "permalink", "source_file", "source_row", "version", "ingested_at"}, rows)
	ins("post_metrics_store", []string{"org", "platform", "account", "post_id", "metric", "value", "source_file", "source_row", "version", "ingested_at"}, pm)
	rows = nil
	for n, d := range ds.donations {
		rows = append(rows, []any{testOrg, d.platform, d.id, d.at, d.amount, d.currency, uint8(0), "spring", d.source, d.medium, "", d.person, "file-donations", uint32(n), uint64(1), at})
	}
	ins("donations_store", []string{"org", "platform", "donation_id", "at", "amount", "currency", "recurring", "campaign", "utm_source", "utm_medium", "utm_campaign", "donor_hash", "source_file", "source_row", "version", "ingested_at"}, rows)
	rows = nil
	for n, s := range ds.signups {
		rows = append(rows, []any{testOrg, s.platform, s.kind, "list", s.person, s.at, "facebook", "file-signups", uint32(n), uint64(1), at})
	}
	ins("signups_store", []string{"org", "platform", "kind", "campaign", "person_hash", "at", "channel", "source_file", "source_row", "version", "ingested_at"}, rows)
	rows = nil
	for _, f := range []string{"file-metrics", "file-posts", "file-donations", "file-signups"} {
		rows = append(rows, []any{testOrg, f, f + ".csv", "test-" + f, "loaded", uint64(1), uint64(0), dataFirst, dataLast, "", uint64(1), at})
	}
	ins("ingested_files_log", []string{"org", "sha256", "name", "connector", "status", "rows", "skipped", "date_min", "date_max", "error", "version", "at"}, rows)
}

func localDay(t time.Time) time.Time {
	l := t.In(toronto)
	return day(l.Year(), l.Month(), l.Day())
}

func in(d, s, e time.Time) bool { return !d.Before(s) && d.Before(e) }

// expected computes a built-in KPI over [s, e) from the rows, the way its description says,
// without SQL. ok is false where the KPI has no data in the period.
func (ds *dataset) expected(kpi string, s, e time.Time) (value float64, ok bool) {
	flowMetric := map[string]string{"followers_new": "followers_new", "reach": "reach", "impressions": "impressions",
		"views": "views", "engagements": "engagements", "link_clicks": "link_clicks", "website_sessions": "sessions"}
	var num, den float64
	n := 0
	switch {
	case flowMetric[kpi] != "":
		for _, m := range ds.metrics {
			if m.metric == flowMetric[kpi] && m.dimension == "" && in(m.date, s, e) {
				num += m.value
				n++
			}
		}
		return num, n > 0
	case kpi == "website_sessions_social":
		for _, m := range ds.metrics {
			if m.metric == "sessions" && (m.dimension == "Organic Social" || m.dimension == "Paid Social") && in(m.date, s, e) {
				num += m.value
				n++
			}
		}
		return num, n > 0
	case kpi == "engagement_rate_reach" || kpi == "engagement_rate_impressions" || kpi == "engagement_rate_views":
		base := map[string]string{"engagement_rate_reach": "reach", "engagement_rate_impressions": "impressions", "engagement_rate_views": "views"}[kpi]
		type key struct {
			p, a string
			d    time.Time
		}
		eng, bas := map[key]float64{}, map[key]float64{}
		hasE, hasB := map[key]bool{}, map[key]bool{}
		for _, m := range ds.metrics {
			if m.dimension != "" || !in(m.date, s, e) {
				continue
			}
			k := key{m.platform, m.account, m.date}
			switch m.metric {
			case "engagements":
				eng[k] += m.value
				hasE[k] = true
			case base:
				bas[k] += m.value
				hasB[k] = true
			}
		}
		for k := range hasE {
			if hasB[k] {
				num += eng[k]
				den += bas[k]
				n++
			}
		}
		return ratio(num, den, n)
	case kpi == "followers":
		return ds.followersAt(s, e, nil)
	case kpi == "posts_published" || kpi == "visual_posts" || kpi == "visual_posts_share":
		visual := map[string]bool{"photo": true, "video": true, "reel": true, "carousel": true, "story": true}
		known := map[string]bool{"text": true, "link": true}
		for _, p := range ds.posts {
			if !in(localDay(p.at), s, e) {
				continue
			}
			switch kpi {
			case "posts_published":
				if p.platform != "email" && p.typ != "email" {
					num++
					n++
				}
			case "visual_posts":
				if visual[p.typ] {
					num++
					n++
				}
			default:
				if visual[p.typ] {
					num++
				}
				if visual[p.typ] || known[p.typ] {
					den++
					n++
				}
			}
		}
		if kpi == "visual_posts_share" {
			return ratio(num, den, n)
		}
		return num, n > 0
	case kpi == "shares":
		for _, p := range ds.posts {
			if v, has := p.metrics["shares"]; has && in(localDay(p.at), s, e) {
				num += v
				n++
			}
		}
		return num, n > 0
	case kpi == "newsletter_open_rate" || kpi == "newsletter_click_rate":
		metric := map[string]string{"newsletter_open_rate": "opens", "newsletter_click_rate": "link_clicks"}[kpi]
		for _, p := range ds.posts {
			v, hasV := p.metrics[metric]
			d, hasD := p.metrics["deliveries"]
			if p.platform == "email" && hasV && hasD && in(localDay(p.at), s, e) {
				num += v
				den += d
				n++
			}
		}
		return ratio(num, den, n)
	case kpi == "email_signups" || kpi == "event_registrations" || kpi == "volunteer_signups" || kpi == "member_signups":
		kind := map[string]string{"email_signups": "newsletter", "event_registrations": "event", "volunteer_signups": "volunteer", "member_signups": "member"}[kpi]
		for _, x := range ds.signups {
			if x.kind == kind && in(localDay(x.at), s, e) {
				num++
				n++
			}
		}
		return num, n > 0
	case kpi == "donations_count" || kpi == "donations_amount" || kpi == "donations_social_amount" || kpi == "donations_social_count":
		social := map[string]bool{"facebook": true, "ig": true, "t.co": true}
		for _, d := range ds.donations {
			if !in(localDay(d.at), s, e) {
				continue
			}
			isSocial := social[d.source] || d.medium == "social"
			switch kpi {
			case "donations_count":
				num++
				n++
			case "donations_amount":
				if d.currency == testCurrency {
					num += d.amount
					n++
				}
			case "donations_social_amount":
				if d.currency == testCurrency && isSocial {
					num += d.amount
					n++
				}
			case "donations_social_count":
				if d.currency == testCurrency && isSocial {
					num++
					n++
				}
			}
		}
		return num, n > 0
	}
	panic("no expectation for KPI " + kpi)
}

func ratio(num, den float64, n int) (float64, bool) {
	if n == 0 {
		return 0, false
	}
	if den == 0 {
		return 0, true
	}
	return num / den, true
}

// followersSeries is each platform's followers at the end of each day: LinkedIn's totals, or
// a baseline plus the new followers since (minus those up to it, for earlier days).
func (ds *dataset) followersSeries() map[string]map[time.Time]float64 {
	out := map[string]map[time.Time]float64{}
	totals := map[string]bool{}
	for _, m := range ds.metrics {
		if m.metric == "followers_total" {
			totals[m.platform] = true
			if out[m.platform] == nil {
				out[m.platform] = map[time.Time]float64{}
			}
			out[m.platform][m.date] += m.value
		}
	}
	for _, b := range ds.baselines {
		if totals[b.platform] {
			continue
		}
		daily := map[time.Time]float64{b.date: 0}
		for _, m := range ds.metrics {
			if m.platform == b.platform && m.metric == "followers_new" && m.dimension == "" {
				daily[m.date] += m.value
			}
		}
		upTo := func(d time.Time) float64 {
			var s float64
			for x, v := range daily {
				if !x.After(d) {
					s += v
				}
			}
			return s
		}
		series := map[time.Time]float64{}
		for d := range daily {
			series[d] = b.value + upTo(d) - upTo(b.date)
		}
		out[b.platform] = series
	}
	return out
}

// followersAt is the followers KPI over [s, e): each platform's value on its last day with
// data in the period, added up.
func (ds *dataset) followersAt(s, e time.Time, platforms map[string]bool) (float64, bool) {
	var total float64
	found := false
	for p, series := range ds.followersSeries() {
		if platforms != nil && !platforms[p] {
			continue
		}
		var last time.Time
		for d := range series {
			if in(d, s, e) && d.After(last) {
				last = d
			}
		}
		if !last.IsZero() {
			total += series[last]
			found = true
		}
	}
	return total, found
}

func sortedDays(m map[time.Time]float64) []time.Time {
	var out []time.Time
	for d := range m {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
