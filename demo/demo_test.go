package demo

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// testNow is the download day most tests use.
func testNow() time.Time { return time.Date(2026, 11, 22, 15, 4, 5, 0, time.UTC) }

// generate writes the demo exports for now into a fresh directory and
// returns it with the paths relative to it (slash-separated).
func generate(t *testing.T, now time.Time) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	paths, err := WriteExports(dir, now)
	if err != nil {
		t.Fatalf("WriteExports(%s): %v", now, err)
	}
	rel := make([]string, len(paths))
	for i, p := range paths {
		r, err := filepath.Rel(dir, p)
		if err != nil {
			t.Fatal(err)
		}
		rel[i] = filepath.ToSlash(r)
	}
	return dir, rel
}

func TestWriteExportsIsDeterministic(t *testing.T) {
	dirA, relA := generate(t, testNow())
	dirB, relB := generate(t, testNow())
	if !slices.Equal(relA, relB) {
		t.Fatalf("file lists differ:\n%v\n%v", relA, relB)
	}
	if !slices.IsSorted(relA) {
		t.Errorf("paths are not sorted: %v", relA)
	}
	for _, rel := range relA {
		a, b := readFile(t, dirA, rel), readFile(t, dirB, rel)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with the same now", rel)
		}
	}
	// The clock of now does not matter, only its date.
	dirC, relC := generate(t, time.Date(2026, 11, 22, 23, 59, 0, 0, time.UTC))
	if !slices.Equal(relA, relC) {
		t.Fatalf("file lists differ for another time on the same day")
	}
	for _, rel := range relA {
		if !bytes.Equal(readFile(t, dirA, rel), readFile(t, dirC, rel)) {
			t.Errorf("%s differs for another time on the same day", rel)
		}
	}
}

// corpusDir finds shared/corpus/exports by walking up from the working
// directory. Without it the comparison cannot run: skip on a laptop, fail
// in CI.
func corpusDir(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		candidate := filepath.Join(dir, "shared", "corpus", "exports")
		if info, err := os.Stat(candidate); err == nil && info.IsDir() {
			return candidate
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	msg := "shared/corpus/exports not found above " + wd + "; the real exports are needed to compare headers"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

func TestHeadersMatchRealExports(t *testing.T) {
	corpus := corpusDir(t)
	dir, rel := generate(t, testNow())

	tests := []struct {
		name string
		glob string // generated files, relative to the demo dir
		real string // the real export, relative to corpus/exports
		// same lists the lines (0-based, after decoding) that must be
		// byte-identical, line terminator included.
		same []int
		// prefix lists lines whose text up to ": " must be identical
		// (GA4 preamble lines that name the account and dates).
		prefix []int
		// titleFrom is a real file whose metric title (line 2) the
		// generated title must equal, when the real file at real has
		// another wording (Meta renamed "Follows" "Facebook follows").
		titleFrom string
	}{
		{name: "facebook content", glob: "facebook/*.csv", real: "facebook/oigetit/Jan-14-2025_Apr-14-2025_1396269028466733.csv", same: []int{0}},
		{name: "instagram content", glob: "instagram/*.csv", real: "instagram/oigetit/Mar-18-2025_Apr-14-2025_1019826952924933.csv", same: []int{0}},
		{name: "facebook reach", glob: "facebook/insights_*/Reach.csv", real: "facebook/oigetit/Reach.csv", same: []int{0, 1, 2}},
		{name: "facebook views", glob: "facebook/insights_*/Views.csv", real: "facebook/oigetit/Views.csv", same: []int{0, 1, 2}},
		{name: "facebook visits", glob: "facebook/insights_*/Visits.csv", real: "facebook/oigetit/Visits.csv", same: []int{0, 1, 2}},
		{name: "facebook interactions", glob: "facebook/insights_*/Interactions.csv", real: "facebook/oigetit/Interactions.csv", same: []int{0, 1, 2}},
		{name: "facebook follows", glob: "facebook/insights_*/Follows.csv", real: "facebook/oigetit/Follows.csv", same: []int{0, 2}, titleFrom: "facebook/vintage/Follows.csv"},
		{name: "facebook link clicks", glob: "facebook/insights_*/Link clicks.csv", real: "facebook/oigetit/Follows.csv", same: []int{0, 2}, titleFrom: "facebook/vintage/Link clicks.csv"},
		{name: "instagram reach", glob: "instagram/insights_*/Reach.csv", real: "instagram/fts/Reach.csv", same: []int{0, 1, 2}},
		{name: "instagram follows", glob: "instagram/insights_*/Follows.csv", real: "instagram/fts/Follows.csv", same: []int{0, 1, 2}},
		{name: "instagram views", glob: "instagram/insights_*/Views.csv", real: "instagram/fts/Views.csv", same: []int{0, 1, 2}},
		{name: "instagram visits", glob: "instagram/insights_*/Visits.csv", real: "instagram/fts/Visits.csv", same: []int{0, 1, 2}},
		{name: "instagram interactions", glob: "instagram/insights_*/Interactions.csv", real: "instagram/fts/Interactions.csv", same: []int{0, 1, 2}},
		{name: "x tweets", glob: "x/tweet_activity_metrics_*_en.csv", real: "twitter/tweet_activity_metrics_rOpenSci_20211201_20220101_en.csv", same: []int{0}},
		{name: "x daily", glob: "x/daily_tweet_activity_metrics_*_en.csv", real: "twitter/daily_tweet_activity_metrics_LisaDeBruine_20211201_20220101_en.csv", same: []int{0}},
		{name: "youtube table", glob: "youtube/Table data.csv", real: "youtube/shorts_channel/Table data.csv", same: []int{0}},
		{name: "youtube chart", glob: "youtube/Chart data.csv", real: "youtube/shorts_channel/Chart data.csv", same: []int{0}},
		{name: "youtube totals", glob: "youtube/Totals.csv", real: "youtube/wholebrainhealth/Totals.csv", same: []int{0}},
		{name: "ga4 preamble", glob: "ga4/data-export.csv", real: "ga4/mh4u/data-export.csv", same: []int{0, 1, 4, 5, 6}, prefix: []int{2, 3, 7, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			realRaw := readFile(t, corpus, tt.real)
			realEnc, realLines := decodeLines(t, realRaw)
			matched := 0
			for _, name := range rel {
				if ok, _ := filepath.Match(tt.glob, name); !ok {
					continue
				}
				matched++
				enc, lines := decodeLines(t, readFile(t, dir, name))
				if enc != realEnc {
					t.Errorf("%s: encoding %s, real export %s has %s", name, enc, tt.real, realEnc)
				}
				for _, i := range tt.same {
					if lines[i] != realLines[i] {
						t.Errorf("%s line %d:\n got %q\nwant %q (from %s)", name, i+1, lines[i], realLines[i], tt.real)
					}
				}
				for _, i := range tt.prefix {
					got, _, _ := strings.Cut(lines[i], ": ")
					want, _, _ := strings.Cut(realLines[i], ": ")
					if got != want {
						t.Errorf("%s line %d: got %q, want it to start like %q", name, i+1, lines[i], realLines[i])
					}
				}
				if tt.titleFrom != "" {
					want := `"` + metaTitle(t, readFile(t, corpus, tt.titleFrom)) + `"` + "\n"
					if lines[1] != want {
						t.Errorf("%s title line: got %q, want %q (from %s)", name, lines[1], want, tt.titleFrom)
					}
				}
			}
			if matched == 0 {
				t.Errorf("no generated file matches %s", tt.glob)
			}
		})
	}
}

// TestMailchimpHeaderFollowsSpec checks the Mailchimp header against the
// column list of export-formats.md §7B, since no real export exists.
func TestMailchimpHeaderFollowsSpec(t *testing.T) {
	spec := string(readFile(t, filepath.Dir(corpusDir(t)), "export-formats.md"))
	_, after, ok := strings.Cut(spec, "`Title, Subject, List, Send Date")
	if !ok {
		t.Fatal("export-formats.md no longer lists the Mailchimp campaign columns")
	}
	list, _, _ := strings.Cut("Title, Subject, List, Send Date"+after, "`")
	want := strings.Split(list, ", ")
	got := mailchimpHeader()[:len(want)]
	if !slices.Equal(got, want) {
		t.Errorf("Mailchimp header starts\n%q\nwant\n%q", got, want)
	}
}

func TestEncodings(t *testing.T) {
	dir, rel := generate(t, testNow())
	tests := []struct {
		glob       string
		enc        string
		crlf       bool
		finalLF    bool
		blankFinal bool // ends with an empty line
	}{
		{glob: "facebook/insights_*/*.csv", enc: "utf-16le-bom", finalLF: true, blankFinal: true},
		{glob: "instagram/insights_*/*.csv", enc: "utf-16le-bom", finalLF: true, blankFinal: true},
		{glob: "facebook/*.csv", enc: "utf-8-bom", finalLF: true},
		{glob: "instagram/*.csv", enc: "utf-8-bom", finalLF: true},
		{glob: "x/*.csv", enc: "utf-8", finalLF: true},
		{glob: "youtube/*.csv", enc: "utf-8", finalLF: true},
		{glob: "mailchimp/*.csv", enc: "utf-8", finalLF: true},
		{glob: "mailchimp/members_export_*/*_members_export_*.csv", enc: "utf-8", finalLF: true},
		{glob: "stripe/unified_payments.csv", enc: "utf-8", finalLF: true},
		{glob: "eventbrite/*.csv", enc: "utf-8", finalLF: true},
		{glob: "forms/* - Form Responses 1.csv", enc: "utf-8", finalLF: true},
		{glob: "ga4/*.csv", enc: "utf-8", crlf: true, finalLF: false},
	}
	for _, tt := range tests {
		t.Run(tt.glob, func(t *testing.T) {
			matched := 0
			for _, name := range rel {
				if ok, _ := filepath.Match(tt.glob, name); !ok {
					continue
				}
				matched++
				enc, lines := decodeLines(t, readFile(t, dir, name))
				if enc != tt.enc {
					t.Errorf("%s: encoding %s, want %s", name, enc, tt.enc)
				}
				if enc == "utf-16le-bom" && lines[0] != "sep=,\n" {
					t.Errorf("%s: first line %q, want the sep=, line", name, lines[0])
				}
				last := lines[len(lines)-1]
				if got := strings.HasSuffix(last, "\n"); got != tt.finalLF {
					t.Errorf("%s: ends with a newline: %v, want %v", name, got, tt.finalLF)
				}
				if got := last == "\n"; got != tt.blankFinal {
					t.Errorf("%s: ends with a blank line: %v, want %v", name, got, tt.blankFinal)
				}
				for i, l := range lines[:len(lines)-1] {
					if tt.crlf && !strings.HasSuffix(l, "\r\n") {
						t.Errorf("%s line %d: %q does not end with CRLF", name, i+1, l)
						break
					}
					if !tt.crlf && strings.Contains(l, "\r") {
						t.Errorf("%s line %d: %q has a CR in an LF file", name, i+1, l)
						break
					}
				}
			}
			if matched == 0 {
				t.Errorf("no generated file matches %s", tt.glob)
			}
		})
	}
}

func TestCoverage(t *testing.T) {
	tests := []struct {
		name string
		now  time.Time
	}{
		{"mid month", testNow()},
		{"first of month", time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)},
		{"leap day", time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)},
		{"january", time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, rel := generate(t, tt.now)
			today := civil(tt.now)
			first := day(today.Year(), today.Month(), 1).AddDate(0, -13, 0)
			last := today.AddDate(0, 0, -1)
			want := span{first, last}.days()

			// 13 full months, then the current month if it has begun.
			months := 13
			if today.Day() > 1 {
				months = 14
			}
			for _, family := range []string{"facebook/", "instagram/"} {
				var got []string
				for _, name := range rel {
					if strings.HasPrefix(name, family) && !strings.Contains(name, "insights_") {
						got = append(got, name)
					}
				}
				if len(got) != months {
					t.Errorf("%d %scontent exports, want one per month: %d", len(got), family, months)
				}
				for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
					end := m.AddDate(0, 1, -1)
					if end.After(last) {
						end = last
					}
					prefix := family + m.Format("Jan-02-2006") + "_" + end.Format("Jan-02-2006") + "_"
					if !slices.ContainsFunc(got, func(n string) bool { return strings.HasPrefix(n, prefix) }) {
						t.Errorf("no content export named %s…", prefix)
					}
				}
			}

			// Followers cross 1,000 during the period, as the milestones need.
			for _, f := range []struct {
				glob  string
				start int
			}{{"facebook/insights_*/Follows.csv", FacebookFollowersAtStart}, {"instagram/insights_*/Follows.csv", InstagramFollowersAtStart}} {
				total := f.start
				for _, v := range seriesDays(t, dir, rel, f.glob) {
					total += v
				}
				t.Logf("%s: followers %d → %d", f.glob, f.start, total)
				if f.start >= 1000 || total < 1030 {
					t.Errorf("%s: followers go from %d to %d, want 1,000 crossed", f.glob, f.start, total)
				}
			}

			daily := map[string]map[string]int{
				"facebook reach":  seriesDays(t, dir, rel, "facebook/insights_*/Reach.csv"),
				"instagram reach": seriesDays(t, dir, rel, "instagram/insights_*/Reach.csv"),
				"x daily":         csvDays(t, dir, rel, "x/daily_*.csv", "2006-01-02", 1),
				"ga4":             csvDays(t, dir, rel, "ga4/data-export.csv", "20060102", 1),
				"youtube totals":  csvDays(t, dir, rel, "youtube/Totals.csv", "2006-01-02", 1),
			}
			for name, days := range daily {
				for _, d := range want {
					if _, ok := days[d.Format("2006-01-02")]; !ok {
						t.Errorf("%s: no value for %s", name, d.Format("2006-01-02"))
						break
					}
				}
				if len(days) != len(want) {
					t.Errorf("%s: %d days, want %d (%s to %s)", name, len(days), len(want), first.Format(time.DateOnly), last.Format(time.DateOnly))
				}
			}
		})
	}
}

// TestSeriesDownloadsOverlap checks that two consecutive Meta downloads
// cover the same days with different values, so "the newest export wins"
// is exercised, and that the newer one has the settled (higher) numbers.
func TestSeriesDownloadsOverlap(t *testing.T) {
	dir, rel := generate(t, testNow())
	for _, platform := range []string{"facebook", "instagram"} {
		var files []string
		for _, name := range rel {
			if ok, _ := filepath.Match(platform+"/insights_*/Reach.csv", name); ok {
				files = append(files, name)
			}
		}
		overlapping, differing := 0, 0
		for i := 1; i < len(files); i++ {
			older, newer := seriesValues(t, dir, files[i-1]), seriesValues(t, dir, files[i])
			for d, v := range newer {
				if old, ok := older[d]; ok {
					overlapping++
					if old != v {
						differing++
						if old > v {
							t.Errorf("%s: %s has %d in %s but %d in the newer %s", platform, d, old, files[i-1], v, files[i])
						}
					}
				}
			}
		}
		if overlapping == 0 || differing == 0 {
			t.Errorf("%s: %d overlapping days, %d with different values; want both > 0", platform, overlapping, differing)
		}
	}
}

// TestFacebookSeriesHourFollowsDST pins the T00/T01 switch the day after the
// US DST changes, and Instagram's all-T00 dates.
func TestFacebookSeriesHourFollowsDST(t *testing.T) {
	tests := []struct {
		d       time.Time
		dstHour bool
		want    string
	}{
		{day(2025, 3, 9), true, "2025-03-09T01:00:00"},
		{day(2025, 3, 10), true, "2025-03-10T00:00:00"},
		{day(2025, 11, 2), true, "2025-11-02T00:00:00"},
		{day(2025, 11, 3), true, "2025-11-03T01:00:00"},
		{day(2025, 11, 3), false, "2025-11-03T00:00:00"},
	}
	for _, tt := range tests {
		if got := seriesDate(tt.d, tt.dstHour); got != tt.want {
			t.Errorf("seriesDate(%s, %v) = %s, want %s", tt.d.Format(time.DateOnly), tt.dstHour, got, tt.want)
		}
	}
}

// TestNumbersAreCoherent checks the relations a report relies on.
func TestNumbersAreCoherent(t *testing.T) {
	dir, rel := generate(t, testNow())
	for _, name := range rel {
		switch {
		case strings.HasPrefix(name, "facebook/") && !strings.Contains(name, "insights_"):
			for _, row := range records(t, dir, name)[1:] {
				n := ints(t, name, row, 17, 18, 19, 20, 21, 22) // Views … Shares
				if n[2] != n[3]+n[4]+n[5] {
					t.Errorf("%s post %s: reactions+comments+shares %d != %d", name, row[0], n[3]+n[4]+n[5], n[2])
				}
				if n[2] >= n[1] || n[1] > n[0] {
					t.Errorf("%s post %s: want interactions %d < reach %d <= views %d", name, row[0], n[2], n[1], n[0])
				}
			}
		case strings.HasPrefix(name, "instagram/") && !strings.Contains(name, "insights_"):
			for _, row := range records(t, dir, name)[1:] {
				n := ints(t, name, row, 11, 12, 13, 14, 15, 16) // Views, Reach, Likes, Shares, Comments, Saves
				if n[2]+n[3]+n[4]+n[5] >= n[1] || n[1] > n[0] {
					t.Errorf("%s post %s: implausible %v", name, row[0], n)
				}
			}
		case strings.HasPrefix(name, "x/tweet_"):
			for _, row := range records(t, dir, name)[1:] {
				var sum float64
				for i := 7; i <= 21; i++ {
					if i != 20 { // media views are not engagements
						v, err := strconv.ParseFloat(row[i], 64)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						sum += v
					}
				}
				impressions, _ := strconv.ParseFloat(row[4], 64)
				engagements, _ := strconv.ParseFloat(row[5], 64)
				if sum != engagements || engagements >= impressions {
					t.Errorf("%s tweet %s: engagements %v, columns sum to %v, impressions %v", name, row[0], engagements, sum, impressions)
				}
			}
		}
	}

	// The giving season peaks and summer dips.
	reach := seriesDays(t, dir, rel, "facebook/insights_*/Reach.csv")
	month := func(prefix string) int {
		sum := 0
		for d, v := range reach {
			if strings.HasPrefix(d, prefix) {
				sum += v
			}
		}
		return sum
	}
	if dec, jul := month("2025-12"), month("2026-07"); dec <= jul {
		t.Errorf("Facebook reach: December %d <= July %d, want a giving-season peak", dec, jul)
	}
}

// TestFundraisingIsSeasonalAndAttributed checks the story the fundraising goals tell:
// gifts peak in December and on Giving Tuesday, part of them come tagged from social
// posts and newsletters, volunteers and subscribers keep signing up, and every person in
// these files is fictional.
func TestFundraisingIsSeasonalAndAttributed(t *testing.T) {
	dir, rel := generate(t, testNow())
	rows := records(t, dir, "stripe/unified_payments.csv")
	h := rows[0]
	col := func(name string) int {
		i := slices.Index(h, name)
		if i < 0 {
			t.Fatalf("stripe export has no %q column", name)
		}
		return i
	}
	created, amount, status, source := col("Created (UTC)"), col("Amount"), col("Status"), col("utm_source (metadata)")
	byMonth := map[string]float64{}
	var gt, avgDay, social, all float64
	gtDay := givingTuesday(2025).Format("2006-01-02")
	for _, r := range rows[1:] {
		if r[status] != "Paid" {
			continue
		}
		v, err := strconv.ParseFloat(r[amount], 64)
		if err != nil {
			t.Fatal(err)
		}
		byMonth[r[created][:7]] += v
		all += v
		avgDay += v / 400
		if strings.HasPrefix(r[created], gtDay) {
			gt += v
		}
		if r[source] == "facebook" || r[source] == "instagram" || r[source] == "x" {
			social += v
		}
	}
	if byMonth["2025-12"] <= byMonth["2026-07"] {
		t.Errorf("donations: December %.0f <= July %.0f, want a giving-season peak", byMonth["2025-12"], byMonth["2026-07"])
	}
	if gt < 2*avgDay {
		t.Errorf("Giving Tuesday %s brought %.0f, an average day %.0f: want a spike", gtDay, gt, avgDay)
	}
	if share := social / all; share < 0.1 || share > 0.5 {
		t.Errorf("share of donations tagged from social media = %.2f, want a visible minority", share)
	}
	for _, name := range rel {
		for _, dir1 := range []string{"stripe/", "eventbrite/", "forms/", "mailchimp/members_export_"} {
			if !strings.HasPrefix(name, dir1) {
				continue
			}
			if n := len(records(t, dir, name)); n < 20 {
				t.Errorf("%s: only %d rows", name, n)
			}
			for _, m := range regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+`).FindAllString(string(readFile(t, dir, name)), -1) {
				if !strings.HasSuffix(m, "@example.org") {
					t.Errorf("%s: e-mail address %q outside the reserved example.org domain", name, m)
					break
				}
			}
		}
	}
	events := map[string]bool{}
	for _, r := range records(t, dir, "eventbrite/attendee_summary_report.csv")[1:] {
		events[r[0]] = true
	}
	if len(events) < 3 || len(events) > 5 {
		t.Errorf("eventbrite report covers %d events, want about 4: %v", len(events), events)
	}
}

// --- helpers ---

func readFile(t *testing.T, dir, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing %s in %s", rel, dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodeLines names the encoding of b and splits its text into lines,
// each keeping its terminator.
func decodeLines(t *testing.T, b []byte) (string, []string) {
	t.Helper()
	enc, text := "utf-8", string(b)
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		enc = "utf-16le-bom"
		if len(b)%2 != 0 {
			t.Fatalf("odd length UTF-16 file")
		}
		units := make([]uint16, 0, len(b)/2-1)
		for i := 2; i < len(b); i += 2 {
			units = append(units, uint16(b[i])|uint16(b[i+1])<<8)
		}
		text = string(utf16.Decode(units))
	case bytes.HasPrefix(b, []byte(utf8BOM)):
		enc, text = "utf-8-bom", text[len(utf8BOM):]
	}
	if !utf8.ValidString(text) {
		t.Fatalf("invalid %s text", enc)
	}
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return enc, lines
}

// metaTitle is the metric title of a Meta series, also from an Excel
// re-save (unquoted, with a trailing ";").
func metaTitle(t *testing.T, b []byte) string {
	t.Helper()
	_, lines := decodeLines(t, b)
	for _, l := range lines {
		l = strings.TrimRight(l, "\r\n")
		if !strings.HasPrefix(l, "sep=") {
			return strings.Trim(strings.TrimSuffix(l, ";"), `"`)
		}
	}
	t.Fatal("no title line")
	return ""
}

// records parses a UTF-8 CSV export, its BOM and "#" preamble aside.
func records(t *testing.T, dir, name string) [][]string {
	t.Helper()
	_, lines := decodeLines(t, readFile(t, dir, name))
	for len(lines) > 0 && strings.HasPrefix(lines[0], "#") {
		lines = lines[1:] // GA4 preamble; captions' "#hashtag" lines stay
	}
	rows, err := csv.NewReader(strings.NewReader(strings.Join(lines, ""))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

func ints(t *testing.T, name string, row []string, cols ...int) []int {
	t.Helper()
	out := make([]int, len(cols))
	for i, c := range cols {
		v, err := strconv.Atoi(row[c])
		if err != nil {
			t.Fatalf("%s column %d: %v", name, c+1, err)
		}
		out[i] = v
	}
	return out
}

// seriesValues reads a Meta series file into date → value.
func seriesValues(t *testing.T, dir, name string) map[string]int {
	t.Helper()
	_, lines := decodeLines(t, readFile(t, dir, name))
	rows, err := csv.NewReader(strings.NewReader(strings.Join(lines[3:], ""))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string]int{}
	for _, r := range rows {
		v, err := strconv.Atoi(r[1])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[r[0][:10]] = v
	}
	return out
}

// seriesDays merges every download of one Meta series, the newest (last in
// path order) winning, as the pipeline must.
func seriesDays(t *testing.T, dir string, rel []string, glob string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, name := range rel {
		if ok, _ := filepath.Match(glob, name); ok {
			for d, v := range seriesValues(t, dir, name) {
				out[d] = v
			}
		}
	}
	return out
}

// csvDays collects the dates (first column, in layout) of CSV exports,
// with the value in column col of the last row seen for each date.
func csvDays(t *testing.T, dir string, rel []string, glob, layout string, col int) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, name := range rel {
		if ok, _ := filepath.Match(glob, name); !ok {
			continue
		}
		for _, r := range records(t, dir, name)[1:] {
			d, err := time.Parse(layout, r[0])
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			v, _ := strconv.Atoi(r[col])
			out[d.Format("2006-01-02")] += v
		}
	}
	return out
}
