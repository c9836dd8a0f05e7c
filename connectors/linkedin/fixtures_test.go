package linkedin_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

var fixtures = flag.Bool("fixtures", false, "rewrite the synthetic .xlsx inputs of testdata")

// TestWriteFixtures rebuilds the workbook inputs (go test -run TestWriteFixtures -fixtures):
// LinkedIn's own download is a legacy .xls, which staff save as .xlsx; these reproduce that
// .xlsx, with the title row above the header, dates stored as text and numbers as floats.
func TestWriteFixtures(t *testing.T) {
	if !*fixtures {
		t.Skip("run with -fixtures to rewrite the .xlsx inputs")
	}
	write := func(dir string, sheets map[string][][]any, order []string) {
		x := excelize.NewFile()
		for i, name := range order {
			if i == 0 {
				if err := x.SetSheetName("Sheet1", name); err != nil {
					t.Fatal(err)
				}
			} else if _, err := x.NewSheet(name); err != nil {
				t.Fatal(err)
			}
			for r, row := range sheets[name] {
				cell, _ := excelize.CoordinatesToCellName(1, r+1)
				if err := x.SetSheetRow(name, cell, &row); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := os.MkdirAll(filepath.Join("testdata", dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := x.SaveAs(filepath.Join("testdata", dir, "input.xlsx")); err != nil {
			t.Fatal(err)
		}
	}
	write("linkedin-content.workbook", map[string][][]any{
		"Metrics": {
			{"Aggregated metrics for the daily activity of your Page's updates. Data for the last day may be incomplete."},
			{"Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)", "Unique impressions (organic)",
				"Clicks (organic)", "Clicks (sponsored)", "Clicks (total)", "Reactions (organic)", "Reactions (sponsored)",
				"Reactions (total)", "Comments (organic)", "Comments (sponsored)", "Comments (total)", "Reposts (organic)",
				"Reposts (sponsored)", "Reposts (total)", "Engagement rate (organic)", "Engagement rate (sponsored)", "Engagement rate (total)"},
			{"02/13/2025", 26.0, 0.0, 26.0, 17.0, 2.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.07692307978868484, 0.0, 0.07692307978868484},
			{"02/14/2025", 131.0, 40.0, 171.0, 96.0, 9.0, 1.0, 10.0, 6.0, 0.0, 6.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.12977099418640137, 0.025, 0.10526315867900848},
			{"02/15/2025", -1.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
		},
		"All posts": {
			{"Update metrics for your Page's posts. Data for the last day may be incomplete."},
			{"Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date", "Campaign start date",
				"Campaign end date", "Audience", "Impressions", "Views", "Offsite Views", "Clicks", "Click through rate (CTR)",
				"Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type"},
			{"Our volunteers sorted 2,400 lbs this Saturday! 🍎", "https://www.linkedin.com/feed/update/urn:li:activity:7296139205487263744",
				"Organic", "", "Person 0200", "02/14/2025", "", "", "All followers", 143.0, "", "", 9.0, 0.06293706595897675, 6.0, 1.0, 1.0, "", 0.11888111382722855, "Image"},
			{"=HYPERLINK(\"https://example.org\") Spring appeal", "https://www.linkedin.com/feed/update/urn:li:activity:7296500000000000000",
				"Sponsored", "Spring appeal", "Person 0201", "02/13/2025", "02/13/2025", "02/20/2025", "Riverside County", 26.0, 12.0, 0.0, 2.0, 0.07692307978868484, 0.0, 0.0, 0.0, 1.0, 0.07692307978868484, "Video"},
		},
	}, []string{"Metrics", "All posts"})
	write("linkedin-followers.workbook", map[string][][]any{
		"New followers": {
			{"Date", "Sponsored followers", "Organic followers", "Total followers"},
			{"03/01/2025", 0.0, 3.0, 3.0},
			{"03/02/2025", 1.0, 4.0, 5.0},
			{"03/13/2025", 0.0, 0.0, 0.0},
		},
		"Location": {{"Location", "Total followers"}, {"Riverside, California", 412.0}},
	}, []string{"New followers", "Location"})
	write("linkedin-visitors.workbook", map[string][][]any{
		"Visitor metrics": {
			{"Date", "Overview page views (desktop)", "Overview page views (mobile)", "Overview page views (total)",
				"Overview unique visitors (desktop)", "Overview unique visitors (mobile)", "Overview unique visitors (total)",
				"Total page views (desktop)", "Total page views (mobile)", "Total page views (total)",
				"Total unique visitors (desktop)", "Total unique visitors (mobile)", "Total unique visitors (total)"},
			{"03/01/2025", 4.0, 2.0, 6.0, 3.0, 2.0, 5.0, 9.0, 3.0, 12.0, 4.0, 2.0, 6.0},
			{"03/02/2025", 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 2.0, 1.0, 3.0, 1.0, 1.0, 2.0},
		},
	}, []string{"Visitor metrics"})
}
