// Package reportstest builds report models for the renderers' tests: realistic figures, gaps
// (nil values, missing days) and export text that tries to become code.
package reportstest

import (
	"time"

	"github.com/goalpost/goalpost/reports"
)

// HostileTitles are post texts that must come out of every rendering as literal text.
var HostileTitles = []string{
	`=HYPERLINK("http://evil.example","x")`,
	`+1 555`,
	`@SUM(A1)`,
	`-2+3`,
	"\t=1+1",
	`<script>`,
	`</script><script>alert(1)</script>`,
	`__f__function(){alert(1)}__f__`,
	`<img src=x onerror=alert(1)>`,
	`</script><script>document.title='PWNED'</script>`,
	`<img src=x onerror="document.body.setAttribute('data-pwned','1')">`,
	"line\u2028separator\u2029and <!-- comment",
	`_x0041_ stays literal`,
}

// Sample returns a fixed model for October 2025 in lang ("en" or "fr"), with one top post
// per hostile title. Same input, same model: renderers can be checked for determinism.
func Sample(lang string) *reports.Report {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CET", 3600) // no tzdata: keep the tests running
	}
	label := map[string]map[string]string{
		"en": {"reach": "Reach", "followers": "Followers", "engagements": "Engagements", "period": "October 2025"},
		"fr": {"reach": "Portée", "followers": "Abonnés", "engagements": "Interactions", "period": "octobre 2025"},
	}[lang]
	if label == nil {
		label = map[string]string{}
	}
	r := &reports.Report{
		Org:     "amis-du-fleuve",
		OrgName: "Les Amis du Fleuve & Co <Test>",
		Lang:    lang,
		Period: reports.Period{
			Key:   "2025-10",
			Label: label["period"],
			Start: day(2025, 10, 1),
			End:   day(2025, 11, 1),
		},
		GeneratedAt: time.Date(2025, 11, 2, 7, 30, 0, 0, time.UTC),
		TimeZone:    paris,
		Headlines: []reports.Headline{
			{Platform: "facebook", Metric: "reach", Label: label["reach"], Kind: "flow",
				Actual: f(123456.5), Previous: f(100000), LastYear: f(150000)},
			{Platform: "facebook", Metric: "followers", Label: label["followers"], Kind: "stock",
				Actual: f(4821), Previous: f(4790), LastYear: nil},
			{Platform: "instagram", Metric: "reach", Label: label["reach"], Kind: "flow",
				Actual: f(98765), Previous: f(0), LastYear: f(50000)},
			{Platform: "instagram", Metric: "engagements", Label: label["engagements"], Kind: "flow",
				Actual: nil, Previous: f(1200), LastYear: f(900)},
		},
		Coverage: []reports.Coverage{
			{Platform: "facebook", Account: "Les Amis du Fleuve", DaysWithData: 31, DaysInPeriod: 31, LastDate: day(2025, 10, 31)},
			{Platform: "instagram", Account: "@amisdufleuve", DaysWithData: 27, DaysInPeriod: 31, LastDate: day(2025, 10, 27)},
			{Platform: "mailchimp", Account: "Newsletter", DaysWithData: 0, DaysInPeriod: 31},
		},
	}
	for _, platform := range []string{"facebook", "instagram"} {
		s := reports.MonthlySeries{Platform: platform, Metric: "reach", Label: label["reach"]}
		for i := 0; i < 13; i++ {
			m := day(2024, 10, 1).AddDate(0, i, 0)
			v := 80000 + float64(i*3500)
			if platform == "instagram" {
				v = 40000 + float64(i*4200)
			}
			p := reports.MonthPoint{Month: m, Value: f(v)}
			if platform == "instagram" && i == 4 {
				p.Value = nil // a month with no export: a gap in the line, not a zero
			}
			s.Points = append(s.Points, p)
		}
		r.Monthly = append(r.Monthly, s)
	}
	posts := append([]string{"Our river clean-up: 120 volunteers, 2 tonnes of waste! 🎉"}, HostileTitles...)
	for i, title := range posts {
		r.TopPosts = append(r.TopPosts, reports.TopPost{
			Platform:    []string{"facebook", "instagram"}[i%2],
			PostID:      "1784140012345678" + string(rune('0'+i%10)),
			PublishedAt: time.Date(2025, 10, 1+i, 16, 45, 0, 0, time.UTC),
			Type:        []string{"photo", "video", "link"}[i%3],
			Title:       title,
			Permalink:   "https://www.facebook.com/amisdufleuve/posts/" + string(rune('a'+i)),
			Reach:       f(float64(20000 - i*1000)),
			Engagements: f(float64(1500 - i*90)),
		})
	}
	// Links that must not become clickable.
	r.TopPosts[2].Permalink = "javascript:alert(1)"
	r.TopPosts[3].Permalink = "http://insecure.example/post"
	r.TopPosts[4].Reach = nil
	return r
}

func f(v float64) *float64 { return &v }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
