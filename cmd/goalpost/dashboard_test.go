//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/reports/dashboard"
	"github.com/goalpost/goalpost/reports/dashboard/browsertest"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// TestDemoDashboardInBrowser opens the demo's dashboard in headless Chromium with the
// network cut: no console errors, every chart container holds a drawn canvas, the page shows
// the period and every goal of the demo's goals file, and screenshots are kept as artifacts.
// The model's new sections are filled from the demo's data, and one model always renders to
// the same bytes.
func TestDemoDashboardInBrowser(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	dir := t.TempDir()
	wh := filepath.Join(dir, "warehouse")
	out := filepath.Join(dir, "demo")
	if code, stdout, stderr := goalpost(t, "--warehouse", wh, "demo", "--out", out, "--today", "2026-11-22"); code != 0 {
		t.Fatalf("demo: exit %d\n%s%s", code, stdout, stderr)
	}
	page := filepath.Join(out, "reports", "riverside-2026-10.html")
	first, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}

	p := browsertest.Load(t, page)
	for _, line := range p.Console {
		t.Errorf("browser console: %s", line)
	}
	if len(p.Charts) < 30 {
		t.Errorf("the demo dashboard has %d charts, want the scorecard, a chart per goal KPI and the rest", len(p.Charts))
	}
	for id, drawn := range p.Charts {
		if !drawn {
			t.Errorf("chart %s holds no <canvas>: ECharts did not draw", id)
		}
	}
	f, err := loadGoalsFile(filepath.Join(out, "goals.yaml"), "riverside")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"October 2026", "Riverside Food Bank", "Our goals at a glance", "When to post", "Where gifts and sign-ups come from"}
	for _, g := range f.Goals {
		want = append(want, g.Name)
	}
	for _, w := range want {
		if !strings.Contains(p.Text, w) {
			t.Errorf("the page does not show %q", w)
		}
	}
	browsertest.Screenshot(t, page, "demo-dashboard-desktop.png", "1280,3000")
	browsertest.Screenshot(t, page, "demo-dashboard-phone.png", "390,5000")

	// The same model always gives the same bytes. (Two demo runs may not give the same
	// model: see the signups view's tie on argMax(at, version) for a person listed twice in
	// one export.)
	e, err := warehouse.Open(context.Background(), wh, warehouse.Options{Holder: "go test"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	loc, _ := time.LoadLocation(demoTimeZone)
	period, _ := reports.ParsePeriod("2026-10", "en")
	model, err := pipeline.BuildReport(context.Background(), e, pipeline.ReportRequest{
		Org: demoOrg, OrgName: demoOrgName, Lang: "en", Location: loc, Period: period,
		Now: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC), Goals: f})
	if err != nil {
		t.Fatal(err)
	}
	if model.Insights == nil || len(model.Insights.GoalTrends) == 0 || len(model.Insights.PostingTimes) == 0 ||
		len(model.Insights.Donations) == 0 || len(model.Insights.Signups) == 0 || len(model.Insights.Platforms) == 0 {
		t.Errorf("the demo's model lacks a dashboard section: %+v", model.Insights)
	}
	if model.Detail == nil || len(model.Detail.ContentTypes) == 0 || len(model.Detail.TopByEngagementRate) == 0 || len(model.Detail.TopByReach) == 0 {
		t.Fatalf("the demo's model lacks content types or top posts: %+v", model.Detail)
	}
	// The dashboard's top posts are the workbook's: the best post by engagement rate heads
	// the page's table, with its rate.
	title := []rune(model.Detail.TopByEngagementRate[0].Title)
	if prefix := string(title[:min(20, len(title))]); !strings.Contains(p.Text, prefix) {
		t.Errorf("the page does not show the best post by engagement rate, %q", string(title))
	}
	// A month a year before a trend month is the trend's first month: both come from the
	// same statement, so they agree.
	for _, gt := range model.Insights.GoalTrends {
		k := model.Goals.Goals[gt.Goal].KPIs[gt.KPI]
		a, b := k.Trend[0].Value, gt.LastYear[12].Value
		if (a == nil) != (b == nil) || (a != nil && *a != *b) {
			t.Errorf("%s: %v in the trend, %v as last year's value of the same month", k.KPI, a, b)
		}
	}
	var one, two bytes.Buffer
	if err := dashboard.Write(context.Background(), &one, model); err != nil {
		t.Fatal(err)
	}
	if err := dashboard.Write(context.Background(), &two, model); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Error("the same model gave two different dashboards")
	}
	if !bytes.Equal(one.Bytes(), first) {
		t.Log("note: the model rebuilt from the same warehouse differs from the demo's (see above)")
	}
}
