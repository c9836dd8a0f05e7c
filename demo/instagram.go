package demo

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// Instagram: the Meta Business Suite content export, 2025 column order
// [corpus: instagram/oigetit/Mar-18-2025_Apr-14-2025_1019826952924933.csv],
// one file per month, and the overview series (Reach, Follows, Views,
// Visits, Interactions) [corpus: instagram/fts/*.csv, instagram/vintage/IG_*.csv].

const (
	igAccountID   = "17841452093716488"
	igUsername    = "riversidefoodbank"
	igAccountName = orgName
)

func instagramHeader() []string {
	return []string{"Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)",
		"Publish time", "Permalink", "Post type", "Data comment", "Date", "Views", "Reach", "Likes", "Shares",
		"Comments", "Saves", "Follows"}
}

type igPost struct {
	at                                                    time.Time
	id                                                    string
	kind                                                  string // IG image, IG carousel, IG reel
	caption                                               string
	permalink                                             string
	duration                                              int
	reach, views, likes, shares, comments, saves, follows float64
}

type instagram struct {
	p         period
	posts     []igPost
	series    metaSeries
	exportIDs []string
}

func newInstagram(p period) *instagram {
	r := newRand(3)
	ig := &instagram{p: p}
	for _, m := range p.months {
		ig.exportIDs = append(ig.exportIDs, digits(r, 16))
		for _, at := range postTimes(r, m, postsInMonth(r, m, 12, 16)) {
			ig.posts = append(ig.posts, newIGPost(r, p, at))
		}
	}
	ig.series = ig.dailySeries(newRand(4))
	return ig
}

func newIGPost(r *rand.Rand, p period, at time.Time) igPost {
	d := civil(at)
	kind := pickKind(r, []string{"IG image", "IG carousel", "IG reel"}, []float64{0.4, 0.25, 0.35})
	post := igPost{at: at, kind: kind, id: "1" + string(byte('7'+r.IntN(2))) + digits(r, 15)}
	shortcode := "D" + token(r, 10)
	// Instagram captions cannot hold live links, hence "link in bio".
	if kind == "IG reel" {
		caps := videoThemes()
		post.caption = fill(r, d, caps[r.IntN(len(caps))], "link in bio")
		post.duration = 12 + r.IntN(79)
		post.permalink = "https://www.instagram.com/reel/" + shortcode + "/"
	} else {
		post.caption = fill(r, d, pickTheme(r, d).text, "the link in our bio 🔗")
		post.permalink = "https://www.instagram.com/p/" + shortcode + "/"
	}
	if r.Float64() < 0.05 {
		// A caption starting with an @mention: harmless on Instagram, a
		// formula in a spreadsheet cell.
		post.caption = "@" + strings.ToLower(strings.ReplaceAll(partners()[r.IntN(len(partners()))], " ", "")) + " you made our week! 🙏 " + post.caption
	}

	base := map[string]float64{"IG image": 190, "IG carousel": 250, "IG reel": 400}[kind]
	post.reach = base * season(d) * p.trend(d) * lognorm(r, 0.5)
	post.views = post.reach * between(r, 1.2, 1.7)
	if kind == "IG reel" {
		post.views = post.reach * between(r, 1.5, 2.4)
	}
	post.likes = post.reach * between(r, 0.05, 0.09)
	post.comments = post.reach * between(r, 0, 0.008)
	post.shares = post.reach * between(r, 0, 0.015)
	post.saves = post.reach * between(r, 0, 0.012)
	if kind == "IG carousel" {
		post.saves *= 2 // carousels of tips get saved
	}
	post.follows = post.reach * between(r, 0, 0.004)
	return post
}

func (ig *instagram) dailySeries(r *rand.Rand) metaSeries {
	days := ig.p.all.days()
	reach, inter := make([]float64, len(days)), make([]float64, len(days))
	for _, post := range ig.posts {
		i := ig.p.index(civil(post.at))
		addSpread(reach, i, 0.9*post.reach)
		addSpread(inter, i, post.likes+post.comments+post.shares+post.saves)
	}
	var s metaSeries
	for i, d := range days {
		base := 70 * season(d) * ig.p.trend(d) * weekday(d)
		rch := noisy(r, base, 0.22) + round(reach[i])
		s.reach = append(s.reach, rch)
		s.views = append(s.views, round(float64(rch)*between(r, 1.45, 1.9)))
		s.interactions = append(s.interactions, round(inter[i])+poisson(r, 2*season(d)))
		s.visits = append(s.visits, noisy(r, 0.045*float64(rch), 0.3))
		s.follows = append(s.follows, poisson(r, 0.6*math.Sqrt(season(d))*ig.p.trend(d)+0.0022*reach[i]))
	}
	return s
}

func (ig *instagram) files() ([]file, error) {
	var out []file
	for k, m := range ig.p.months {
		download := m.last.AddDate(0, 0, 1)
		var rows [][]string
		// Oldest first, as in the 2025 sample.
		for _, post := range ig.posts {
			if m.contains(civil(post.at)) {
				rows = append(rows, post.row(maturity(ageAt(post.at, download))))
			}
		}
		out = append(out, file{name: "instagram/" + contentName(m, ig.exportIDs[k]), data: contentFile(instagramHeader(), rows)})
	}
	s := ig.series
	out = append(out, seriesFiles(ig.p, "instagram", []metaMetric{
		{file: "Reach.csv", title: "Reach", values: s.reach},
		{file: "Follows.csv", title: "Instagram follows", values: s.follows, sparse: true},
		{file: "Views.csv", title: "Views", values: s.views},
		{file: "Visits.csv", title: "Instagram profile visits", values: s.visits},
		{file: "Interactions.csv", title: "Content interactions", values: s.interactions},
	}, false)...)
	return out, nil
}

// row renders the post. Follows is empty when no one followed from the post,
// as in the 2025 sample; the other counts are written even when 0.
func (post igPost) row(share float64) []string {
	n := func(x float64) int { return round(x * share) }
	reach := max(1, n(post.reach))
	follows := ""
	if f := n(post.follows); f > 0 {
		follows = itoa(f)
	}
	return []string{post.id, igAccountID, igUsername, igAccountName, post.caption, itoa(post.duration),
		publishTime(post.at), post.permalink, post.kind, "", "Lifetime", itoa(max(reach, n(post.views))), itoa(reach),
		itoa(n(post.likes)), itoa(n(post.shares)), itoa(n(post.comments)), itoa(n(post.saves)), follows}
}
