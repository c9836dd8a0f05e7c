package demo

import (
	"math"
	"math/rand/v2"
	"time"
)

// Facebook: the Meta Business Suite content export, 2025 column set
// [corpus: facebook/oigetit/Jan-14-2025_Apr-14-2025_1396269028466733.csv],
// one file per month as staff download it, and the overview series
// (Reach, Follows, Views, Visits, Interactions, Link clicks).

const (
	fbPageID   = "100064829137562"
	fbPageName = orgName
	fbVanity   = "RiversideFoodBank"
)

func facebookHeader() []string {
	return []string{"Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time",
		"Caption type", "Permalink", "Is crosspost", "Is share", "Post type", "Languages", "Custom labels",
		"Funded content status", "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares",
		"Reactions", "Comments", "Shares", "Total clicks", "Link Clicks", "Other Clicks",
		"Matched Audience Targeting Consumption (Photo Click)", "Seconds viewed", "Average Seconds viewed",
		"Estimated earnings (USD)", "Ad impressions"}
}

// fbPost is one published Facebook item with its final lifetime metrics.
type fbPost struct {
	at          time.Time // local publish time
	id          string
	kind        string // Post type as written: Photos, Reels, Videos, Links, Text
	caption     string
	captionType string
	permalink   string
	duration    int
	reach, views, reactions, comments, shares,
	linkClicks, otherClicks, photoClicks, secondsViewed float64
}

type facebook struct {
	p         period
	posts     []fbPost
	series    metaSeries
	exportIDs []string // one per month
}

func newFacebook(p period) *facebook {
	r := newRand(1)
	fb := &facebook{p: p}
	for _, m := range p.months {
		fb.exportIDs = append(fb.exportIDs, digits(r, 16))
		for _, at := range postTimes(r, m, postsInMonth(r, m, 17, 21)) {
			fb.posts = append(fb.posts, newFBPost(r, p, at))
		}
	}
	fb.series = fb.dailySeries(newRand(2))
	return fb
}

// newFBPost invents a post: its type mix is what a small nonprofit posts,
// its reach follows the season and the Page's growth, and its engagement
// rates differ by type so "photos get more shares" is measurable.
func newFBPost(r *rand.Rand, p period, at time.Time) fbPost {
	d := civil(at)
	kind := pickKind(r, []string{"Photos", "Reels", "Videos", "Links", "Text"}, []float64{0.47, 0.18, 0.07, 0.18, 0.1})
	t := pickTheme(r, d)
	url := "https://" + orgDomain + "/" + t.path
	post := fbPost{at: at, kind: kind, captionType: "N/A",
		// Post IDs of an older Page grow with time, 15 digits.
		id: itoa(880_000_000_000_000 + int(d.Sub(day(2024, 1, 1)).Hours()/24)*690_000_000 + r.IntN(600_000_000))}
	post.permalink = "https://www.facebook.com/" + fbVanity + "/posts/" + post.id

	base := map[string]float64{"Photos": 300, "Reels": 470, "Videos": 320, "Links": 210, "Text": 170}[kind]
	post.reach = base * season(d) * p.trend(d) * math.Sqrt(weekday(d)) * lognorm(r, 0.5)
	post.views = post.reach * between(r, 1.35, 1.9)
	rate := map[string]float64{"Photos": 0.058, "Reels": 0.04, "Videos": 0.035, "Links": 0.026, "Text": 0.045}[kind] * lognorm(r, 0.35)
	rcs := post.reach * rate
	post.reactions = rcs * between(r, 0.7, 0.84)
	post.comments = rcs * between(r, 0.05, 0.13)
	post.shares = max(0, rcs-post.reactions-post.comments)

	switch kind {
	case "Photos":
		post.caption = fill(r, d, t.text, url)
		post.photoClicks = post.reach * between(r, 0.008, 0.03)
		post.otherClicks = post.reach * between(r, 0.004, 0.02)
		post.linkClicks = post.reach * between(r, 0.004, 0.015)
	case "Links":
		post.caption = fill(r, d, t.text, url)
		post.linkClicks = post.reach * between(r, 0.03, 0.07)
		post.otherClicks = post.reach * between(r, 0.002, 0.01)
	case "Text":
		post.caption = fill(r, d, t.text, url)
		post.otherClicks = post.reach * between(r, 0.01, 0.04)
		// Text posts have pfbid permalinks [corpus: facebook/mh4u/Dec-12-2023_Mar-06-2024_1032418178499222.csv].
		post.permalink = "https://www.facebook.com/" + fbVanity + "/posts/pfbid0" + base58(r, 65)
	case "Reels", "Videos":
		caps := videoThemes()
		post.caption = fill(r, d, caps[r.IntN(len(caps))], url)
		post.captionType = "uploaded"
		if r.Float64() < 0.2 {
			post.captionType = "mixed"
		}
		post.views = post.reach * between(r, 1.7, 2.6)
		video := digits(r, 16)
		if kind == "Reels" {
			post.duration = 15 + r.IntN(76)
			post.permalink = "https://www.facebook.com/reel/" + video + "/"
		} else {
			post.duration = 60 + r.IntN(240)
			post.permalink = "https://www.facebook.com/" + fbPageID + "/videos/" + video + "/"
		}
		post.secondsViewed = post.views * float64(post.duration) * between(r, 0.1, 0.35)
	}
	return post
}

func pickKind(r *rand.Rand, kinds []string, weights []float64) string {
	x := r.Float64()
	for i, w := range weights {
		if x < w {
			return kinds[i]
		}
		x -= w
	}
	return kinds[len(kinds)-1]
}

func base58(r *rand.Rand, n int) string {
	const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// dailySeries derives the Page's daily overview metrics from its posts plus
// the reach the Page gets without a new post, so both exports agree.
func (fb *facebook) dailySeries(r *rand.Rand) metaSeries {
	days := fb.p.all.days()
	reach, inter, clicks := make([]float64, len(days)), make([]float64, len(days)), make([]float64, len(days))
	for _, post := range fb.posts {
		i := fb.p.index(civil(post.at))
		addSpread(reach, i, 0.88*post.reach) // people reached by two posts count once
		addSpread(inter, i, post.reactions+post.comments+post.shares)
		addSpread(clicks, i, post.linkClicks)
	}
	var s metaSeries
	for i, d := range days {
		base := 95 * season(d) * fb.p.trend(d) * weekday(d)
		rch := noisy(r, base, 0.2) + round(reach[i])
		s.reach = append(s.reach, rch)
		s.views = append(s.views, round(float64(rch)*between(r, 1.6, 2.05)))
		s.interactions = append(s.interactions, round(inter[i])+poisson(r, 1.2*season(d)))
		s.linkClicks = append(s.linkClicks, round(clicks[i])+poisson(r, 0.5))
		s.visits = append(s.visits, noisy(r, 0.035*float64(rch), 0.3))
		s.follows = append(s.follows, poisson(r, 0.55*math.Sqrt(season(d))*fb.p.trend(d)+0.0018*reach[i]))
	}
	return s
}

func (fb *facebook) files() ([]file, error) {
	var out []file
	for k, m := range fb.p.months {
		download := m.last.AddDate(0, 0, 1)
		var rows [][]string
		// Newest first, as in [corpus: facebook/proefficient/Feb-01-2025_Mar-15-2025_613168031534769.csv].
		for i := len(fb.posts) - 1; i >= 0; i-- {
			if post := fb.posts[i]; m.contains(civil(post.at)) {
				rows = append(rows, post.row(maturity(ageAt(post.at, download))))
			}
		}
		out = append(out, file{name: "facebook/" + contentName(m, fb.exportIDs[k]), data: contentFile(facebookHeader(), rows)})
	}
	s := fb.series
	out = append(out, seriesFiles(fb.p, "facebook", []metaMetric{
		{file: "Reach.csv", title: "Facebook reach", values: s.reach},
		{file: "Follows.csv", title: "Facebook follows", values: s.follows},
		{file: "Views.csv", title: "Views", values: s.views},
		{file: "Visits.csv", title: "Facebook visits", values: s.visits},
		{file: "Interactions.csv", title: "Content interactions", values: s.interactions},
		{file: "Link clicks.csv", title: "Facebook link clicks", values: s.linkClicks},
	}, true)...)
	return out, nil
}

// row renders the post as a content export row, its lifetime metrics scaled
// to how mature the post was when the file was downloaded. Breakdown click
// columns are empty rather than 0 when nothing was clicked, and video-only
// columns are empty for other types, as Meta writes them.
func (post fbPost) row(share float64) []string {
	n := func(x float64) int { return round(x * share) }
	reach := max(1, n(post.reach))
	views := max(reach, n(post.views))
	reactions, comments, shares := n(post.reactions), n(post.comments), n(post.shares)
	link, other, photo := n(post.linkClicks), n(post.otherClicks), n(post.photoClicks)
	blank := func(v int) string {
		if v == 0 {
			return ""
		}
		return itoa(v)
	}
	title, description := post.caption, ""
	switch post.kind {
	case "Text":
		title, description = "", post.caption
	case "Reels", "Videos":
		description = post.caption
	}
	row := []string{post.id, fbPageID, fbPageName, title, description, itoa(post.duration), publishTime(post.at),
		post.captionType, post.permalink, "0", "0", post.kind, "", "", "", "", "Lifetime",
		itoa(views), itoa(reach), itoa(reactions + comments + shares), itoa(reactions), itoa(comments), itoa(shares)}
	if post.kind == "Reels" || post.kind == "Videos" {
		seconds := post.secondsViewed * share
		return append(row, "0", "", "", "", decimal(seconds, 3), decimal(seconds/float64(views), 3), "0", "0")
	}
	return append(row, itoa(link+other+photo), blank(link), blank(other), blank(photo), "", "", "", "")
}
