package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// demoDataFor says which demo exports each starter KPI needs, so that a KPI without data
// points at the missing export rather than at the SQL.
var demoDataFor = map[string]string{
	"posts_published": "Meta/X/YouTube content exports", "visual_posts_share": "Meta content exports",
	"followers": "Meta daily Follows + the baselines in goals.yaml", "reach": "Meta daily Reach",
	"views": "Meta daily Views", "shares": "content exports with shares", "engagement_rate_reach": "Meta daily Reach and Interactions",
	"newsletter_open_rate": "Mailchimp campaigns", "website_sessions_social": "GA4 with the channel group",
	"link_clicks": "Meta/X link clicks", "engagements": "Meta/X daily interactions", "email_signups": "Mailchimp audience export",
	"newsletter_click_rate": "Mailchimp campaigns", "event_registrations": "Eventbrite attendees",
	"donations_amount": "Stripe payments (in USD)", "donations_social_amount": "Stripe payments with UTM sources",
	"donations_count": "Stripe payments", "volunteer_signups": "Google Forms volunteer responses",
}

func kpisOf(f *goals.File) map[string][]string {
	out := map[string][]string{}
	for _, g := range f.Goals {
		for _, k := range g.KPIs {
			out[g.Category] = append(out[g.Category], k.KPI)
		}
	}
	return out
}

// TestInitThenDemoMeasuresEveryStarterGoal: `goalpost init` writes the starter files; the demo
// writes the food bank's goals (the same goals and KPIs, its own targets) and its report
// measures every one of them with data.
func TestInitThenDemoMeasuresEveryStarterGoal(t *testing.T) {
	for _, engine := range warehousetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			target := warehousetest.NewTarget(t, engine)
			dir := t.TempDir()
			code, stdout, stderr := goalpost(t, "init", dir, "--org", "riverside", "--timezone", "America/Toronto", "--fiscal-year-start", "4")
			if code != 0 {
				t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
			}
			for _, d := range []string{"inbox", "inbox/archive", "inbox/quarantine"} {
				if info, err := os.Stat(filepath.Join(dir, d)); err != nil || !info.IsDir() {
					t.Errorf("init did not create %s", d)
				}
			}
			cfgPath := filepath.Join(dir, "goalpost.yaml")
			code, stdout, stderr = goalpost(t, "--config", cfgPath, "--warehouse", target.Location, "demo", "--out", filepath.Join(dir, "demo"), "--today", "2026-11-22")
			if code != 0 {
				t.Fatalf("demo: exit %d\n%s%s", code, stdout, stderr)
			}
			starter, err := loadGoalsFile(filepath.Join(dir, "goals.yaml"), "riverside")
			if err != nil {
				t.Fatal(err)
			}
			demoGoals, err := loadGoalsFile(filepath.Join(dir, "demo", "goals.yaml"), "riverside")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(kpisOf(starter), kpisOf(demoGoals)) {
				t.Fatalf("the demo's goals differ from the starter's:\n%v\n%v", kpisOf(starter), kpisOf(demoGoals))
			}
			wh, err := warehouse.Open(context.Background(), target.Location, warehouse.Options{Holder: "go test"})
			if err != nil {
				t.Fatal(err)
			}
			defer wh.Close()
			now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
			period, _ := reports.ParsePeriod("2026-10", "en")
			res, err := goals.Evaluate(context.Background(), wh, demoGoals, period, now)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, g := range res.Goals {
				for _, k := range g.KPIs {
					n++
					if k.Actual == nil || k.Status == "no_data" {
						t.Errorf("goal %s: KPI %s has no data in the demo (it needs: %s)", g.ID, k.KPI, demoDataFor[k.KPI])
						continue
					}
					if k.Target == nil || k.Attainment == nil || k.Pace == nil || k.Previous == nil || len(k.Trend) != 13 {
						t.Errorf("goal %s: KPI %s: target %v, attainment %v, pace %v, previous %v, %d trend months", g.ID, k.KPI, k.Target, k.Attainment, k.Pace, k.Previous, len(k.Trend))
					}
					switch k.Status {
					case "on_track", "at_risk", "off_track":
					default:
						t.Errorf("goal %s: KPI %s: status %q", g.ID, k.KPI, k.Status)
					}
				}
			}
			if n != len(demoDataFor) {
				t.Errorf("%d starter KPIs, the test knows %d: update demoDataFor", n, len(demoDataFor))
			}
			reached := 0
			for _, m := range res.Milestones {
				if m.Status == "reached" {
					reached++
				}
			}
			if reached == 0 {
				t.Errorf("no milestone reached in the demo: %+v", res.Milestones)
			}

			// init never overwrites, and says which file is in the way.
			code, _, stderr = goalpost(t, "init", dir)
			if code == 0 || !strings.Contains(stderr, filepath.Join(dir, "goalpost.yaml")+" already exists") {
				t.Errorf("second init: exit %d, stderr %q", code, stderr)
			}
		})
	}
}

// TestFrenchGoalsGiveFrenchLabels: a French goals.yaml (init --lang fr) makes every label and
// definition of the goals section French, and `report` takes it from goalpost.yaml.
func TestFrenchGoalsGiveFrenchLabels(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	dir := t.TempDir()
	wh := filepath.Join(dir, "wh")
	if code, out, errb := goalpost(t, "init", dir, "--lang", "fr", "--org", "riverside", "--timezone", "America/Toronto"); code != 0 {
		t.Fatalf("init: %s%s", out, errb)
	}
	cfg := filepath.Join(dir, "goalpost.yaml")
	if code, out, errb := goalpost(t, "--config", cfg, "--warehouse", wh, "demo", "--out", filepath.Join(dir, "demo"), "--today", "2026-11-22"); code != 0 {
		t.Fatalf("demo: %s%s", out, errb)
	}
	b, err := os.ReadFile(filepath.Join(dir, "demo", "goals.yaml"))
	if err != nil || !strings.Contains(string(b), "language: fr") {
		t.Fatalf("the demo's goals are not in French (from goalpost.yaml's goals): %v", err)
	}
	code, out, errb := goalpost(t, "--config", cfg, "--warehouse", wh, "report", "--period", "2026-10")
	if code != 0 {
		t.Fatalf("report: exit %d %s%s", code, out, errb)
	}
	if _, err := os.Stat(filepath.Join(dir, "reports", "riverside-2026-10.xlsx")); err != nil {
		t.Errorf("report did not write into goalpost.yaml's reports folder: %v\n%s", err, out)
	}

	f, err := loadGoalsFile(filepath.Join(dir, "demo", "goals.yaml"), "riverside")
	if err != nil {
		t.Fatal(err)
	}
	e, err := warehouse.Open(context.Background(), wh, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	period, _ := reports.ParsePeriod("2026-10", "fr")
	res, err := goals.Evaluate(context.Background(), e, f, period, time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	french := map[string]bool{"En bonne voie": true, "À surveiller": true, "En retard": true}
	for _, g := range res.Goals {
		if g.CategoryLabel != goals.CategoryLabel(g.Category, "fr") {
			t.Errorf("category %s label %q", g.Category, g.CategoryLabel)
		}
		for _, k := range g.KPIs {
			if !french[k.StatusLabel] {
				t.Errorf("%s: status label %q is not French", k.KPI, k.StatusLabel)
			}
			if k.KPI == "reach" && (k.Label != "Couverture" || !strings.Contains(k.TargetText, "par mois")) {
				t.Errorf("reach: label %q, target %q", k.Label, k.TargetText)
			}
		}
	}
	for _, d := range res.Definitions {
		if !strings.Contains(d.Description, "dénominateur") && !strings.Contains(d.Description, "Dénominateur") {
			t.Errorf("%s: definition %q is not the French one", d.KPI, d.Description)
		}
	}
}
