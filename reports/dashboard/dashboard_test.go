package dashboard

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/reports/reportstest"
	"golang.org/x/net/html"
)

func render(t *testing.T, r *reports.Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.String()
}

func parse(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("parsing page: %v", err)
	}
	return doc
}

// walk calls fn for every element under n.
func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	return strings.Contains(" "+v+" ", " "+class+" ")
}

// hostile puts attacker text everywhere the model carries text, charts included.
func hostile(lang string) *reports.Report {
	r := full(lang)
	r.OrgName = `</script><script>alert(1)</script>`
	r.Monthly[0].Platform = `</script><script>alert(1)</script>`
	r.Monthly[0].Label = `__f__function(){alert(1)}__f__`
	r.Monthly[1].Platform = "<!--\u2028\u2029]]>__f__function(){alert(1)}__f__"
	r.Headlines[0].Platform = `<img src=x onerror=alert(1)>`
	r.Coverage[1].Account = `<img src=x onerror=alert(1)>`
	return r
}

func TestHostileTextStaysText(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			r := hostile(lang)
			page := render(t, r)

			// The data block, ECharts and the init script: no other element may close.
			if n := strings.Count(strings.ToLower(page), "</script"); n != 3 {
				t.Errorf("page has %d `</script` sequences, want 3", n)
			}
			doc := parse(t, page)
			var scripts []*html.Node
			var cells []string
			walk(doc, func(n *html.Node) {
				switch n.Data {
				case "script":
					scripts = append(scripts, n)
				case "img", "iframe", "object", "embed", "link", "base", "form":
					t.Errorf("page has a <%s> element", n.Data)
				case "td":
					if hasClass(n, "text") {
						cells = append(cells, text(n))
					}
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") || a.Key == "src" {
						t.Errorf("<%s> has attribute %s=%q", n.Data, a.Key, a.Val)
					}
				}
			})
			if len(scripts) != 3 {
				t.Fatalf("page has %d script elements, want 3", len(scripts))
			}
			for _, s := range scripts[1:] {
				if strings.Contains(text(s), "__f__") || strings.Contains(text(s), "alert(1)") {
					t.Errorf("executable script contains attacker text")
				}
			}

			// The titles read back exactly, as text.
			posts := rankedPosts(r)
			if len(cells) != len(posts) {
				t.Fatalf("got %d post cells, want %d", len(cells), len(posts))
			}
			for i, p := range posts {
				if cells[i] != p.Title {
					t.Errorf("post %d shows %q, want %q", i+1, cells[i], p.Title)
				}
			}

			// In the data block, attacker text is a JSON string and nothing else: series
			// names and axis categories read back exactly.
			var data struct {
				Charts []struct {
					ID     string
					Option struct {
						Series []struct{ Name string }
						YAxis  []struct{ Data []string }
					}
				}
			}
			if err := json.Unmarshal([]byte(text(scripts[0])), &data); err != nil {
				t.Fatalf("chart data is not JSON: %v", err)
			}
			strs := map[string]bool{}
			for _, c := range data.Charts {
				for _, s := range c.Option.Series {
					strs[s.Name] = true
				}
				for _, a := range c.Option.YAxis {
					for _, d := range a.Data {
						strs[d] = true
					}
				}
			}
			for _, want := range []string{r.Monthly[0].Platform, r.Monthly[1].Platform, r.Insights.Platforms[1].Platform,
				r.Goals.Goals[1].KPIs[0].Label, r.Insights.Signups[2].Channel} {
				if !strs[want] {
					t.Errorf("no series or category reads %q", want)
				}
			}
			ct := r.Detail.ContentTypes
			if !strs["Facebook · "+ct[1].Account+" · "+ct[1].Type+" (3)"] || !strs["Instagram · "+ct[3].Type+" (7)"] || !strs[r.Insights.Donations[2].Source+" / "+r.Insights.Donations[2].Medium] {
				t.Errorf("hostile post type or UTM source not shown as a category: %v", strs)
			}
			if strings.Contains(text(scripts[0]), "\u2028") || strings.Contains(text(scripts[0]), "<") {
				t.Error("chart data holds an unescaped U+2028 or <")
			}
			var h1 string
			walk(doc, func(n *html.Node) {
				if n.Data == "h1" {
					h1 = text(n)
				}
			})
			if !strings.HasSuffix(h1, r.OrgName) {
				t.Errorf("h1 = %q, want it to end with the org name as text", h1)
			}
		})
	}
}

// rankedPosts are the posts the page lists, in order: by engagement rate, then by reach.
func rankedPosts(r *reports.Report) []reports.RankedPost {
	if r.Detail == nil {
		return nil
	}
	return append(append([]reports.RankedPost(nil), r.Detail.TopByEngagementRate...), r.Detail.TopByReach...)
}

func TestLinksAreHTTPSOnly(t *testing.T) {
	r := reportstest.Sample("en")
	doc := parse(t, render(t, r))
	var got []string
	walk(doc, func(n *html.Node) {
		if href, ok := attr(n, "href"); ok && !strings.HasPrefix(href, "#") {
			got = append(got, href)
		}
	})
	var want []string
	for _, p := range rankedPosts(r) {
		if strings.HasPrefix(p.Permalink, "https://") {
			want = append(want, p.Permalink)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links = %q, want the https permalinks %q", got, want)
	}
}

func TestCSPAllowsExactlyThePageScripts(t *testing.T) {
	doc := parse(t, render(t, reportstest.Sample("en")))
	var csp string
	var want []string
	walk(doc, func(n *html.Node) {
		if v, _ := attr(n, "http-equiv"); v == "Content-Security-Policy" {
			csp, _ = attr(n, "content")
		}
		if n.Data == "script" {
			if typ, _ := attr(n, "type"); typ == "" {
				sum := sha256.Sum256([]byte(text(n)))
				want = append(want, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
			}
		}
	})
	m := regexp.MustCompile(`script-src ([^;]*)`).FindStringSubmatch(csp)
	if m == nil || m[1] != strings.Join(want, " ") {
		t.Errorf("CSP script-src = %q, want the hashes of the page's scripts %q", m, want)
	}
	for _, d := range []string{"default-src 'none'", "style-src 'unsafe-inline'", "img-src data:"} {
		if !strings.Contains(csp, d) {
			t.Errorf("CSP %q lacks %q", csp, d)
		}
	}
}

func TestSelfContained(t *testing.T) {
	page := render(t, full("en"))
	doc := parse(t, page)
	walk(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			inPage := strings.HasPrefix(a.Val, "#") && len(a.Val) > 1
			if a.Key == "src" || (a.Key == "href" && !inPage && !strings.HasPrefix(a.Val, "https://www.facebook.com/")) {
				t.Errorf("<%s %s=%q> refers outside the page", n.Data, a.Key, a.Val)
			}
		}
	})
	if strings.Contains(page, "go-echarts.github.io") || strings.Contains(page, "cdn") {
		t.Error("page refers to a CDN")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := render(t, hostile("fr")), render(t, hostile("fr"))
	if a != b {
		t.Error("same model gave different pages")
	}
}

func TestLanguages(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{`<html lang="en">`, "Period: October 2025", "Generated 2 November 2025, 08:30 CET",
			"123,456.5", "▲ &#43;23.5%", "▼ −17.7%", "1 Oct 2025 18:45", "Published (Europe/Paris)", `"locale":"en-GB"`,
			"instagram (@amisdufleuve): data for 27 of 31 days, 4 days missing; last data on 27 October 2025.",
			"mailchimp (Newsletter): no data for the period.", "✗ No data", "⚠ 4 days missing", "Oct 2024"}},
		{"fr", []string{`<html lang="fr">`, "Période\u00a0: octobre 2025", "Généré le 2 novembre 2025 à 08:30 CET",
			"123\u202f456,5", "▲ &#43;23,5\u202f%", "▼ −17,7\u202f%", "1er oct. 2025 18:45", "Date de publication (Europe/Paris)", `"locale":"fr-FR"`,
			"instagram (@amisdufleuve)\u00a0: données pour 27 jours sur 31, 4 jours manquants\u00a0; dernières données le 27 octobre 2025.",
			"✗ Aucune donnée", "janv. 2025", "Les plateformes comparées"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			page := render(t, reportstest.Sample(tt.lang))
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

func TestEmptyReport(t *testing.T) {
	r := reportstest.Sample("en")
	r.Headlines, r.Monthly, r.Detail, r.Coverage = nil, nil, nil, nil
	page := render(t, r)
	if n := strings.Count(page, "No data for this period."); n != 4 {
		t.Errorf("page says 'No data' %d times, want 4 (one per section)", n)
	}
	if !strings.Contains(page, `"charts":[]`) {
		t.Error("chart data should be an empty list")
	}
}

func TestWriteErrors(t *testing.T) {
	if err := Write(context.Background(), io.Discard, reportstest.Sample("de")); err == nil ||
		!strings.Contains(err.Error(), `unsupported report language "de"`) {
		t.Errorf("lang de: err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, io.Discard, reportstest.Sample("en")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}

func TestPinnedEcharts(t *testing.T) {
	js, _, err := pinnedEcharts()
	if err != nil {
		t.Fatal(err)
	}
	// Inlining is only safe while the file cannot close its script element.
	for _, s := range []string{"</script", "<script", "<!--"} {
		if bytes.Contains(bytes.ToLower(js), []byte(s)) {
			t.Errorf("echarts.min.js contains %q", s)
		}
	}
}

// TestEveryChartHasItsContainer: the data block draws into fixed IDs; each must exist once in
// the page, and every chart container must have its chart.
func TestEveryChartHasItsContainer(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		page := render(t, full(lang))
		doc := parse(t, page)
		containers := map[string]int{}
		var data string
		walk(doc, func(n *html.Node) {
			if hasClass(n, "chart") {
				id, _ := attr(n, "id")
				containers[id]++
			}
			if id, _ := attr(n, "id"); id == "goalpost-charts" {
				data = text(n)
			}
		})
		var block struct {
			Charts []struct {
				ID     string
				Format struct{ Unit, Axis, Kind string }
			}
		}
		if err := json.Unmarshal([]byte(data), &block); err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, c := range block.Charts {
			if ids[c.ID] {
				t.Errorf("%s: chart ID %s used twice", lang, c.ID)
			}
			ids[c.ID] = true
			if containers[c.ID] != 1 {
				t.Errorf("%s: chart %s has %d containers, want 1", lang, c.ID, containers[c.ID])
			}
		}
		for id := range containers {
			if !ids[id] {
				t.Errorf("%s: container %s has no chart", lang, id)
			}
		}
		// Bullets for the 5 goal KPIs, their trends, 3 platform charts (followers, then
		// Monthly's reach), content types, posting times, 2 currencies of gifts and sign-ups.
		for _, id := range []string{"bullet-1-1", "bullet-2-3", "kpi-1-1", "kpi-2-3", "platform-1", "platform-2", "content-types", "content-times", "donations-1", "donations-2", "signups"} {
			if !ids[id] {
				t.Errorf("%s: no chart %s (have %v)", lang, id, ids)
			}
		}
	}
}

// TestGoalsSection: the scorecard says each status in words and marks, the target for the
// period where a yearly target is read over a month, the pace where it differs, the
// warnings name the missing days, and the milestone to celebrate is there.
func TestGoalsSection(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{"5 measures tracked", "✓ 1 on track", "! 2 at risk", "✗ 1 off track", "– 1 no data",
			"123,456.5", "123.5% of target", "80.4% of target · pace 77.3%", "EUR 120,000 per year · EUR\u00a010,192 for this period",
			"4.6%", "1 of 2 on track", "Instagram (@amisdufleuve): data for 27 of 31 days; missing: 3–5 October 2025, 30 October 2025.",
			"stripe exports: the latest export goes up to 20 October 2025; 2 days are not covered yet (21–22 October 2025).",
			"★ To celebrate this month", "Reached on 31 October 2025", "Not yet: 4,821 on 31 October 2025",
			"Monday around 09:00: ×1.4 the average (4 posts)", "(not recorded)", "Benchmark: 5,000 (Facebook, 2025), Illustrative",
			`<meta name="goalpost:period" content="2025-10">`}},
		{"fr", []string{"5 indicateurs suivis", "✓ 1 en bonne voie", "! 2 à surveiller", "✗ 1 en retard",
			"123\u202f456,5", "123,5\u202f% de la cible", "80,4\u202f% de la cible · rythme 77,3\u202f%",
			"4,6\u202f%", "1 sur 2 en bonne voie", "Instagram (@amisdufleuve)\u00a0: données pour 27 jours sur 31\u00a0; manquent\u00a0: 3–5 octobre 2025, 30 octobre 2025.",
			"★ À fêter ce mois-ci", "Atteint le 31 octobre 2025", "lundi vers 9\u00a0h\u00a0: ×1,4 la moyenne (4 publications)", "(non renseigné)"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			doc := parse(t, render(t, full(tt.lang)))
			var b strings.Builder
			var rec func(*html.Node)
			rec = func(n *html.Node) {
				if n.Type == html.ElementNode && n.Data == "script" {
					return
				}
				if n.Type == html.TextNode {
					b.WriteString(n.Data)
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					rec(c)
				}
			}
			rec(doc)
			page := b.String() + render(t, full(tt.lang))
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}
