// Package reportstest builds report models for the renderers' tests: realistic figures, gaps
// (nil values, missing days) and export text that tries to become code.
package reportstest

import (
	"fmt"
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

// Sample returns a fixed model for October 2025 in lang ("en" or "fr"), with one ranked post
// (Detail.TopByEngagementRate and Detail.TopByReach) per hostile title. Same input, same model: renderers can be checked for determinism.
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
	// The period's rankings, with export text that tries to become code in every place it
	// reaches (titles, accounts, types) and links that must not become clickable.
	d := &reports.Detail{MinReachForRate: 100}
	for i, title := range append([]string{"Our river clean-up: 120 volunteers, 2 tonnes of waste! 🎉"}, HostileTitles...) {
		p := reports.RankedPost{
			Platform:    []string{"facebook", "instagram"}[i%2],
			Account:     HostileTitles[i%len(HostileTitles)],
			PostID:      fmt.Sprintf("178414001234567%02d", i),
			PublishedAt: time.Date(2025, 10, 1+i, 16, 45, 0, 0, time.UTC),
			Type:        []string{"photo", "reel", HostileTitles[3]}[i%3],
			Title:       title,
			Permalink:   "https://www.facebook.com/amisdufleuve/posts/" + string(rune('a'+i)),
			Reach:       f(float64(2000 - i*100)),
			Engagements: f(float64(150 - i*9)),
		}
		p.EngagementRate = f(*p.Engagements / *p.Reach)
		d.TopByEngagementRate = append(d.TopByEngagementRate, p)
		d.TopByReach = append(d.TopByReach, p)
	}
	d.TopByEngagementRate[2].Permalink = "javascript:alert(1)"
	d.TopByEngagementRate[3].Permalink = "http://insecure.example/post"
	d.TopByReach[1].Permalink = "file:///etc/passwd"
	// A post whose export gives reach but no engagements ranks by reach, with no rate.
	d.TopByReach[4].Engagements, d.TopByReach[4].EngagementRate = nil, nil
	r.Detail = d
	return r
}

func f(v float64) *float64 { return &v }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
