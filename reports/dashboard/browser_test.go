//go:build unix

package dashboard

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/reports/dashboard/browsertest"
	"golang.org/x/net/html"
)

// writePage renders r into a temp file and returns its path.
func writePage(t *testing.T, r *reports.Report) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dashboard.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), f, r); err != nil {
		f.Close()
		t.Fatalf("Write: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBrowserDrawsChartsAndRunsNoInjectedCode: posts titled with script, function-marker
// and image payloads (and the same text in goal names, KPI labels, post types, UTM sources
// and sign-up channels) show as text, every chart draws, and no injected code runs.
func TestBrowserDrawsChartsAndRunsNoInjectedCode(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			r := hostile(lang)
			p := browsertest.Load(t, writePage(t, r))

			// The console holds CSP violations and script errors: there must be none, which
			// also proves the CSP hashes match the scripts that drew the charts.
			for _, line := range p.Console {
				t.Errorf("browser console: %s", line)
			}
			for _, what := range p.Injected {
				t.Errorf("injected markup or code in the DOM: %s", what)
			}
			if len(p.Charts) < 15 {
				t.Errorf("%d chart containers, want every kind of chart", len(p.Charts))
			}
			for id, drawn := range p.Charts {
				if !drawn {
					t.Errorf("chart %s holds no <canvas>: ECharts did not draw", id)
				}
			}
			l, _ := reports.LabelsFor(lang)
			wantTitle := l.ReportTitle + " — " + r.OrgName + " — " + r.Period.Label
			if p.Title != wantTitle {
				t.Errorf("document.title = %q, want %q (unchanged by injected code)", p.Title, wantTitle)
			}
			if p.Scripts != 3 {
				t.Errorf("DOM has %d script elements, want 3", p.Scripts)
			}
			var cells []string
			browsertest.Walk(p.DOM, func(n *html.Node) {
				if n.Data == "td" && browsertest.HasClass(n, "text") {
					cells = append(cells, browsertest.Text(n))
				}
			})
			posts := rankedPosts(r)
			if len(cells) != len(posts) {
				t.Fatalf("DOM has %d post cells, want %d", len(cells), len(posts))
			}
			for i, post := range posts {
				if cells[i] != post.Title {
					t.Errorf("post %d shows %q, want %q as text", i+1, cells[i], post.Title)
				}
			}
			for _, s := range []string{r.Goals.Goals[1].Name, r.Goals.Milestones[1].Label, `</script><script>alert(1)</script>`, `__f__function(){alert(1)}__f__`, `<img src=x onerror=alert(1)>`} {
				if !strings.Contains(p.Text, s) {
					t.Errorf("page text lacks %q", s)
				}
			}
		})
	}
}

func TestBrowserScreenshot(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		page := writePage(t, full(lang))
		browsertest.Screenshot(t, page, "dashboard-sample-"+lang+"-desktop.png", "1280,2400")
		browsertest.Screenshot(t, page, "dashboard-sample-"+lang+"-phone.png", "390,4200")
	}
}
