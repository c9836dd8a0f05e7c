package demo

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// X (Twitter): the legacy analytics.twitter.com exports, one pair per month:
//
//	tweet_activity_metrics_<handle>_<YYYYMMDD>_<YYYYMMDD>_en.csv        one row per tweet
//	daily_tweet_activity_metrics_<handle>_<YYYYMMDD>_<YYYYMMDD>_en.csv  one row per day
//
// The end date in the name is exclusive (…_20211201_20220101_… is December).
// UTF-8 without BOM, LF, every field quoted, numbers included
// [corpus: twitter/tweet_activity_metrics_rOpenSci_20211201_20220101_en.csv,
// twitter/daily_tweet_activity_metrics_LisaDeBruine_20211201_20220101_en.csv].

const xHandle = "RiversideFoodBk"

// xMetricColumns are the metric columns shared by both files, in order.
// Columns from "impressions" to "permalink clicks" are written as Python
// floats ("1938.0") in the per-tweet file; the rest as integers.
func xMetricColumns() []string {
	return []string{"impressions", "engagements", "engagement rate", "retweets", "replies", "likes",
		"user profile clicks", "url clicks", "hashtag clicks", "detail expands", "permalink clicks", "app opens",
		"app installs", "follows", "email tweet", "dial phone", "media views", "media engagements"}
}

// xPromotedColumns hold "-" for every organic tweet.
func xPromotedColumns() []string {
	out := []string{}
	for _, c := range xMetricColumns() {
		out = append(out, "promoted "+c)
	}
	return out
}

func xTweetHeader() []string {
	return append(append([]string{"Tweet id", "Tweet permalink", "Tweet text", "time"}, xMetricColumns()...), xPromotedColumns()...)
}

func xDailyHeader() []string {
	return append(append([]string{"Date", "Tweets published"}, xMetricColumns()...), xPromotedColumns()...)
}

// xCounts are the engagement counts of a tweet or a day, in column order
// from "retweets" to "media engagements" (engagements and rate excluded).
type xCounts struct {
	impressions                                                               float64
	retweets, replies, likes, profileClicks, urlClicks, hashtagClicks, detail float64
	permalink, follows, mediaViews, mediaEngagements                          float64
}

// fields lists every count, so days can sum tweets without naming each one.
func (c *xCounts) fields() []*float64 {
	return []*float64{&c.impressions, &c.retweets, &c.replies, &c.likes, &c.profileClicks, &c.urlClicks,
		&c.hashtagClicks, &c.detail, &c.permalink, &c.follows, &c.mediaViews, &c.mediaEngagements}
}

type tweet struct {
	at     time.Time // local time; the export writes UTC
	id     string
	text   string
	counts xCounts
}

// utcDay is the UTC date of the tweet: X's date ranges are UTC, so an
// evening tweet on the last day of a month is in the next month's file.
func (t tweet) utcDay() time.Time { return civil(pacificToUTC(t.at)) }

type xcom struct {
	p         period
	tweets    []tweet
	daily     []xCounts // by day index, final values
	published []int     // tweets published per day
	urlClicks []int     // per day, for GA4's social sessions
}

func newXcom(p period) *xcom {
	r := newRand(5)
	x := &xcom{p: p}
	for _, m := range p.months {
		for _, at := range postTimes(r, m, postsInMonth(r, m, 9, 13)) {
			x.tweets = append(x.tweets, newTweet(r, p, at))
		}
	}
	x.buildDaily(newRand(6))
	return x
}

func newTweet(r *rand.Rand, p period, at time.Time) tweet {
	d := civil(at)
	t := pickTheme(r, d)
	link := "https://t.co/" + strings.NewReplacer("-", "x", "_", "Q").Replace(token(r, 10))
	text := fill(r, d, t.short, link)
	media := r.Float64() < 0.55
	if media {
		text += " https://t.co/" + strings.NewReplacer("-", "k", "_", "Z").Replace(token(r, 10))
	}
	// The export writes tweet text HTML-escaped, as X stored it ("&amp;").
	text = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(text)

	utc := pacificToUTC(at)
	// A Snowflake id carries its creation time: (ms - twepoch) << 22 | sequence.
	ms := utc.UnixMilli() + int64(r.IntN(60_000))
	id := (ms-1288834974657)<<22 | int64(r.IntN(1<<22))

	impr := 330 * season(d) * p.trend(d) * lognorm(r, 0.55)
	c := xCounts{
		impressions:   impr,
		retweets:      impr * between(r, 0.001, 0.005),
		replies:       impr * between(r, 0, 0.002),
		likes:         impr * between(r, 0.004, 0.012),
		profileClicks: impr * between(r, 0.001, 0.004),
		urlClicks:     impr * between(r, 0.002, 0.01),
		hashtagClicks: 0,
		detail:        impr * between(r, 0.002, 0.008),
		permalink:     impr * between(r, 0, 0.0008),
		follows:       impr * between(r, 0, 0.0006),
	}
	if strings.Contains(text, "#") {
		c.hashtagClicks = impr * between(r, 0, 0.002)
	}
	if media {
		c.mediaViews = impr * between(r, 0.01, 0.05)
		c.mediaEngagements = c.mediaViews * between(r, 0.4, 1)
	}
	return tweet{at: at, id: strconv.FormatInt(id, 10), text: text, counts: c}
}

// buildDaily sums the tweets' metrics into days (spread over their first
// days) and adds what older tweets and the profile earn every day.
func (x *xcom) buildDaily(r *rand.Rand) {
	days := x.p.all.days()
	x.daily = make([]xCounts, len(days))
	x.published = make([]int, len(days))
	for _, t := range x.tweets {
		i := x.p.index(t.utcDay())
		if i >= len(days) {
			continue // tweeted yesterday evening, already today in UTC
		}
		x.published[i]++
		src := t.counts
		for k, v := range src.fields() {
			for lag, w := range spreadWeights() {
				if i+lag < len(days) {
					*x.daily[i+lag].fields()[k] += *v * w
				}
			}
		}
	}
	for i, d := range days {
		c := &x.daily[i]
		c.impressions += 45 * season(d) * x.p.trend(d) * weekday(d) * lognorm(r, 0.3)
		c.likes += float64(poisson(r, 0.4))
		c.profileClicks += float64(poisson(r, 0.5))
		c.detail += float64(poisson(r, 0.3))
		c.follows += float64(poisson(r, 0.25))
		x.urlClicks = append(x.urlClicks, round(c.urlClicks))
	}
}

// ints rounds the counts (scaled by share) in column order.
func (c xCounts) ints(share float64) (impressions int, rest []int) {
	n := func(v float64) int { return round(v * share) }
	// retweets, replies, likes, user profile clicks, url clicks, hashtag
	// clicks, detail expands, permalink clicks, app opens, app installs,
	// follows, email tweet, dial phone, media views, media engagements
	rest = []int{n(c.retweets), n(c.replies), n(c.likes), n(c.profileClicks), n(c.urlClicks), n(c.hashtagClicks),
		n(c.detail), n(c.permalink), 0, 0, n(c.follows), 0, 0, n(c.mediaViews), n(c.mediaEngagements)}
	return max(1, n(c.impressions)), rest
}

// engagements is what X counted: every interaction column except media
// views (checked against the real files: 18 = 3+0+9+3+0+0+2+0+…+1).
func engagements(rest []int) int {
	sum := 0
	for k, v := range rest {
		if k != 13 { // media views
			sum += v
		}
	}
	return sum
}

func promotedDashes() []string {
	out := make([]string, len(xPromotedColumns()))
	for i := range out {
		out[i] = "-"
	}
	return out
}

func (x *xcom) files() ([]file, error) {
	var out []file
	for _, m := range x.p.months {
		end := m.last.AddDate(0, 0, 1) // exclusive, and the download day
		suffix := xHandle + "_" + m.first.Format("20060102") + "_" + end.Format("20060102") + "_en.csv"

		var b bytes.Buffer
		quotedLine(&b, xTweetHeader()...)
		for i := len(x.tweets) - 1; i >= 0; i-- { // newest first
			t := x.tweets[i]
			if !m.contains(t.utcDay()) {
				continue
			}
			impr, rest := t.counts.ints(maturity(ageAt(t.at, end)))
			eng := engagements(rest)
			row := []string{t.id, "https://twitter.com/" + xHandle + "/status/" + t.id, t.text,
				pacificToUTC(t.at).Format("2006-01-02 15:04") + " +0000",
				pyFloat(float64(impr)), pyFloat(float64(eng)), pyFloat(float64(eng) / float64(impr))}
			for k, v := range rest {
				if k < 8 { // retweets … permalink clicks are floats
					row = append(row, pyFloat(float64(v)))
				} else {
					row = append(row, itoa(v))
				}
			}
			quotedLine(&b, append(row, promotedDashes()...)...)
		}
		out = append(out, file{name: "x/tweet_activity_metrics_" + suffix, data: b.Bytes()})

		b = bytes.Buffer{}
		quotedLine(&b, xDailyHeader()...)
		for _, d := range m.days() {
			i := x.p.index(d)
			impr, rest := x.daily[i].ints(1)
			eng := engagements(rest)
			row := []string{d.Format("2006-01-02"), itoa(x.published[i]), itoa(impr), itoa(eng), pyFloat(float64(eng) / float64(impr))}
			for _, v := range rest {
				row = append(row, itoa(v))
			}
			quotedLine(&b, append(row, promotedDashes()...)...)
		}
		out = append(out, file{name: "x/daily_tweet_activity_metrics_" + suffix, data: b.Bytes()})
	}
	return out, nil
}
