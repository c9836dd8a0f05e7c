package demo

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// YouTube Studio: Analytics → Advanced mode → Content → Export → CSV, a zip
// of three files whose names never say what they hold:
//
//	Table data.csv  one row per video, the first data row is "Total"
//	Chart data.csv  daily views of the top 5 videos (0 before a video existed)
//	Totals.csv      daily views of the channel
//
// UTF-8 without BOM, LF, quoted only where needed (the publish date
// "Aug 28, 2025" always is) [corpus: youtube/shorts_channel/Table data.csv,
// youtube/shorts_channel/Chart data.csv, youtube/wholebrainhealth/Totals.csv
// (the shorts_channel Totals.csv was re-saved by Excel)].

func youtubeTableHeader() []string {
	return []string{"Content", "Video title", "Video publish time", "Duration", "Views", "Watch time (hours)",
		"Subscribers", "Impressions", "Impressions click-through rate (%)"}
}

func youtubeChartHeader() []string {
	return []string{"Date", "Content", "Video title", "Video publish time", "Duration", "Views"}
}

type ytVideo struct {
	id, title   string
	published   time.Time
	duration    int
	daily       []int // views by day index of the period
	views       int
	watchHours  float64
	subscribers int
	impressions int
	ctr         float64
}

type youtube struct {
	p      period
	videos []ytVideo
}

func youtubeTitles() []string {
	return []string{
		"Volunteer Orientation: What to Expect at Riverside Food Bank",
		"Inside Our Warehouse | Riverside Food Bank",
		"Maria's Story: Neighbors Helping Neighbors",
		"How a Mobile Pantry Works (and Why It Matters)",
		"Thank You, Riverside! Our Year in Review",
		"Summer Meals for Kids: Behind the Scenes",
		"Packing 1,000 Holiday Boxes in One Day",
		"What Happens to the Food You Donate?",
		"Meet the Team: Our Drivers",
		"CalFresh Explained in 3 Minutes",
		"Gleaning Day at Sunrise Farm",
		"Hunger in Riverside County: The Numbers",
	}
}

func youtubeShortTitles() []string {
	return []string{
		"POV: your first volunteer shift 📦 #Shorts",
		"Sorting 5,000 lbs of apples 🍎 #Shorts",
		"Where your $1 goes #Shorts #GivingTuesday",
		"Forklift skills 🚜 #Shorts",
		"Turkey drive drop-off day 🦃 #Shorts",
		"One minute, one mobile pantry stop #Shorts",
	}
}

func newYouTube(p period) *youtube {
	r := newRand(8)
	y := &youtube{p: p}
	titles, shorts := youtubeTitles(), youtubeShortTitles()
	used := map[string]bool{}
	add := func(published time.Time, short bool) {
		v := ytVideo{id: token(r, 11), published: published}
		if short {
			v.title = shorts[r.IntN(len(shorts))]
			v.duration = 15 + r.IntN(44)
		} else {
			v.title = titles[r.IntN(len(titles))]
			v.duration = 75 + r.IntN(520)
		}
		// A channel does not reuse a title; staff date the sequel.
		for n, title := 1, v.title; used[v.title]; n++ {
			v.title = title + " (" + published.Format("January 2006") + ")"
			if n > 1 {
				v.title = title + " (" + published.Format("Jan 2, 2006") + ", part " + itoa(n) + ")"
			}
		}
		used[v.title] = true
		y.videos = append(y.videos, v.simulate(r, p, short))
	}
	// The channel's back catalogue, still watched a little every day.
	for range 12 {
		add(p.all.first.AddDate(0, 0, -60-r.IntN(1400)), r.Float64() < 0.2)
	}
	for _, m := range p.months {
		days := m.days()
		for range 1 + r.IntN(2) {
			add(days[r.IntN(len(days))], r.Float64() < 0.35)
		}
	}
	return y
}

// simulate gives a video its daily views (a launch peak, then a long tail,
// following the season) and its period totals.
func (v ytVideo) simulate(r *rand.Rand, p period, short bool) ytVideo {
	q := lognorm(r, 0.8)
	for _, d := range p.all.days() {
		views := 0
		if !d.Before(v.published) {
			age := d.Sub(v.published).Hours() / 24
			lambda := q * (22*math.Exp(-age/9) + 1.1)
			if short {
				lambda = q * (70*math.Exp(-age/3.5) + 0.4)
			}
			views = poisson(r, lambda*season(d)*weekday(d)*p.trend(d))
		}
		v.daily = append(v.daily, views)
		v.views += views
	}
	viewed := between(r, 0.3, 0.55) // share of the video an average view watches
	impressionsPerView, clickShare := between(r, 7, 14), between(r, 0.3, 0.5)
	if short {
		// Shorts loop, and the Shorts feed does not count impressions.
		viewed, impressionsPerView = between(r, 0.7, 1.1), between(r, 0.02, 0.08)
	}
	v.watchHours = float64(v.views) * float64(v.duration) * viewed / 3600
	v.subscribers = poisson(r, float64(v.views)*0.004) - poisson(r, float64(v.views)*0.0006)
	v.impressions = round(float64(v.views) * impressionsPerView)
	if v.impressions > 0 {
		v.ctr = math.Min(100*float64(v.views)*clickShare/float64(v.impressions), 12)
		if short {
			v.ctr = between(r, 1, 6)
		}
	}
	return v
}

func ytPublished(t time.Time) string { return t.Format("Jan 2, 2006") }

func (y *youtube) files() ([]file, error) {
	videos := slices.Clone(y.videos)
	slices.SortFunc(videos, func(a, b ytVideo) int { return cmp.Or(cmp.Compare(b.views, a.views), cmp.Compare(a.id, b.id)) })

	var views, subs, impressions int
	var watch, clicks float64
	for _, v := range videos {
		views += v.views
		subs += v.subscribers
		impressions += v.impressions
		watch += v.watchHours
		clicks += float64(v.impressions) * v.ctr
	}
	ctr := 0.0
	if impressions > 0 {
		ctr = clicks / float64(impressions)
	}
	table := [][]string{youtubeTableHeader(),
		{"Total", "", "", "", itoa(views), decimal(watch, 4), itoa(subs), itoa(impressions), decimal(ctr, 2)}}
	for _, v := range videos {
		table = append(table, []string{v.id, v.title, ytPublished(v.published), itoa(v.duration), itoa(v.views),
			decimal(v.watchHours, 4), itoa(v.subscribers), itoa(v.impressions), decimal(v.ctr, 2)})
	}

	// The chart shows the top five videos, listed by video id, then by date.
	top := slices.Clone(videos[:min(5, len(videos))])
	slices.SortFunc(top, func(a, b ytVideo) int { return cmp.Compare(a.id, b.id) })
	chart := [][]string{youtubeChartHeader()}
	for _, v := range top {
		for i, d := range y.p.all.days() {
			chart = append(chart, []string{d.Format("2006-01-02"), v.id, v.title, ytPublished(v.published),
				itoa(v.duration), itoa(v.daily[i])})
		}
	}

	totals := [][]string{{"Date", "Views"}}
	for i, d := range y.p.all.days() {
		sum := 0
		for _, v := range videos {
			sum += v.daily[i]
		}
		totals = append(totals, []string{d.Format("2006-01-02"), itoa(sum)})
	}

	var out []file
	for _, f := range []struct {
		name string
		rows [][]string
	}{{"Table data.csv", table}, {"Chart data.csv", chart}, {"Totals.csv", totals}} {
		data, err := minimalCSV(f.rows, false)
		if err != nil {
			return nil, fmt.Errorf("write youtube/%s: %w", f.name, err)
		}
		out = append(out, file{name: "youtube/" + f.name, data: data})
	}
	return out, nil
}
