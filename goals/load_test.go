package goals

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const validGoals = `organisation:
  name: Riverside
  time_zone: America/Toronto
  currency: cad
  language: fr
  fiscal_year_start: avril
goals:
  - id: a
    category: awareness
    kpis:
      - kpi: reach
        platforms: [facebook]
        target: {per: month, value: "12 000"}
      - kpi: engagement_rate_reach
        target: {value: "4,5 %"}
`

func TestLoadValidFile(t *testing.T) {
	lib, _ := Builtin()
	f, err := Parse("goals.yaml", []byte(validGoals), lib, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	o := f.Organisation
	if o.Currency != "CAD" || o.Language != "fr" || o.FiscalYearStart != time.April || o.Location == nil {
		t.Errorf("organisation = %+v", o)
	}
	if tg := f.Goals[0].KPIs[0].Target; tg.Type != TargetRate || tg.Per != "month" || tg.Value != 12000 {
		t.Errorf("reach target = %+v", tg)
	}
	if tg := f.Goals[0].KPIs[1].Target; tg.Type != TargetValue || !near(tg.Value, 0.045) {
		t.Errorf("engagement rate target = %+v", tg)
	}
}

// TestValidationErrors: every problem names the file, line, column and field, and a typo gets
// the closest valid name.
func TestValidationErrors(t *testing.T) {
	tests := []struct {
		name  string
		from  string // replaced in validGoals
		to    string
		line  int
		field string
		want  string
	}{
		{"KPI typo", "kpi: reach", "kpi: reech", 11, "goals[0].kpis[0].kpi", `unknown KPI "reech" (did you mean "reach"?)`},
		{"platform typo", "platforms: [facebook]", "platforms: [facebok]", 12, "goals[0].kpis[0].platforms[0]", `unknown platform "facebok" (did you mean "facebook"?)`},
		{"unknown field", "    category: awareness", "    categroy: awareness", 9, "goals[0].categroy", `unknown field "categroy" (did you mean "category"?)`},
		{"category typo", "category: awareness", "category: awarenes", 9, "goals[0].category", `unknown category "awarenes" (did you mean "awareness"?)`},
		{"bad period", "per: month", "per: week", 13, "goals[0].kpis[0].target.per", `want month, quarter or year`},
		{"rate target on a stock", "kpi: reach", "kpi: followers", 13, "goals[0].kpis[0].target.per", `followers is a stock: give a level to reach by a date`},
		{"level without by", "target: {per: month, value: \"12 000\"}", "target: {level: 500, from: 2025-01-01}", 13, "goals[0].kpis[0].target.by", `missing: the date the level should be reached`},
		{"percent on a count", `value: "12 000"`, `value: 12%`, 13, "goals[0].kpis[0].target.value", `a percentage only makes sense for a rate`},
		{"time zone", "time_zone: America/Toronto", "time_zone: America/Toronot", 3, "organisation.time_zone", `unknown time zone "America/Toronot"`},
		{"language", "language: fr", "language: de", 5, "organisation.language", `want en or fr`},
		{"bad date", "target: {per: month, value: \"12 000\"}", "target: {level: 500, from: 2025-13-01, by: 2026-01-01}", 13, "goals[0].kpis[0].target.from", `want a date YYYY-MM-DD, got "2025-13-01"`},
		{"missing required", "    category: awareness\n", "", 8, "goals[0].category", `missing (required)`},
	}
	lib, _ := Builtin()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(validGoals, tt.from, tt.to, 1)
			if text == validGoals {
				t.Fatalf("test case does not change the file: %q", tt.from)
			}
			_, err := Parse("org/goals.yaml", []byte(strings.Replace(text, "4,5%", "4.5%", 1)), lib, LoadOptions{})
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %v, want Errors", err)
			}
			for _, e := range errs {
				if e.File == "org/goals.yaml" && e.Line == tt.line && e.Field == tt.field && strings.Contains(e.Msg, tt.want) {
					if !strings.HasPrefix(e.Error(), "org/goals.yaml:") {
						t.Errorf("message %q does not start with the file and line", e.Error())
					}
					return
				}
			}
			t.Errorf("want org/goals.yaml line %d field %s saying %q; got:\n%v", tt.line, tt.field, tt.want, err)
		})
	}
}

func TestAllErrorsAtOnce(t *testing.T) {
	lib, _ := Builtin()
	text := strings.NewReplacer("kpi: reach", "kpi: reech", "language: fr", "language: de").Replace(validGoals)
	_, err := Parse("goals.yaml", []byte(text), lib, LoadOptions{})
	var errs Errors
	if !errors.As(err, &errs) || len(errs) < 2 || errs[0].Line > errs[1].Line {
		t.Fatalf("want both errors in line order, got %v", err)
	}
}

func TestOrganisationKPIs(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "kpis"), 0o755)
	own := `-- kind: flow
-- unit: count
-- label_en: Food hampers requested online
-- label_fr: Paniers demandés en ligne
-- description_en: Sign-ups of kind hamper. No denominator.
-- description_fr: Inscriptions de type panier. Pas de dénominateur.
SELECT toDate(at) AS date, platform, toFloat64(count()) AS numerator, toFloat64(0) AS denominator
FROM signups WHERE org = {org:String} AND kind = 'hamper' GROUP BY date, platform
`
	os.WriteFile(filepath.Join(dir, "kpis", "hampers.sql"), []byte(own), 0o644)
	goals := strings.Replace(validGoals, "kpi: reach", "kpi: hampers", 1)
	goals = strings.Replace(goals, "4,5%", "4.5%", 1)
	os.WriteFile(filepath.Join(dir, "goals.yaml"), []byte(goals), 0o644)
	f, err := Load(filepath.Join(dir, "goals.yaml"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	k, ok := f.Library.Get("hampers")
	if !ok || k.Label("fr") != "Paniers demandés en ligne" || k.Origin != filepath.Join(dir, "kpis", "hampers.sql") {
		t.Errorf("organisation KPI = %+v", k)
	}

	// A header without a kind is refused, naming the file.
	os.WriteFile(filepath.Join(dir, "kpis", "broken.sql"), []byte("-- unit: count\nSELECT 1"), 0o644)
	_, err = Load(filepath.Join(dir, "goals.yaml"), LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "broken.sql") || !strings.Contains(err.Error(), "kind") {
		t.Errorf("err = %v, want one naming broken.sql and its missing kind", err)
	}
}

func TestBuiltinKPIHeaders(t *testing.T) {
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	need := []string{"followers", "followers_new", "reach", "impressions", "views", "engagements",
		"engagement_rate_reach", "engagement_rate_impressions", "shares", "link_clicks",
		"website_sessions_social", "email_signups", "newsletter_open_rate", "newsletter_click_rate",
		"event_registrations", "volunteer_signups", "donations_count", "donations_amount",
		"donations_social_amount", "posts_published", "visual_posts_share"}
	for _, n := range need {
		k, ok := lib.Get(n)
		if !ok {
			t.Errorf("no built-in KPI %s", n)
			continue
		}
		for _, d := range []string{k.DescriptionEN, k.DescriptionFR} {
			if !strings.Contains(strings.ToLower(d), "denominator") && !strings.Contains(strings.ToLower(d), "dénominateur") {
				t.Errorf("%s: description %q does not state its denominator", n, d)
			}
		}
	}
}

func TestConfig(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "goalpost.yaml")
	os.WriteFile(p, []byte("org: riverside\nsalt: abcdefghijklmnopqrstuvwxyz\nwarehouse: data\nmappings:\n  - name: form\n    platform: donorbox\n    records: donation\n    columns: {amount: Amount}\n"), 0o644)
	_, err := LoadConfig(p)
	if err == nil || !strings.Contains(err.Error(), `goalpost.yaml:7:14: mappings[0].records: want metrics, posts, donations or signups, got "donation" (did you mean "donations"?)`) {
		t.Fatalf("err = %v", err)
	}
	os.WriteFile(p, []byte("org: riverside\nsalt: abcdefghijklmnopqrstuvwxyz\nwarehouse: data\n"), 0o644)
	c, err := LoadConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.Warehouse != filepath.Join(dir, "data") || c.Goals != filepath.Join(dir, "goals.yaml") || c.Inbox != filepath.Join(dir, "inbox") {
		t.Errorf("paths are not resolved against the file's folder: %+v", c)
	}
}

func TestStarterFilesAreValid(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		b, err := Starter(StarterOptions{Lang: lang, OrgName: "Org", TimeZone: "Europe/Paris", Currency: "EUR", FiscalYearStart: 9, Now: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		lib, _ := Builtin()
		f, err := Parse("goals.yaml", b, lib, LoadOptions{})
		if err != nil {
			t.Fatalf("%s starter:\n%v", lang, err)
		}
		if f.Organisation.Language != lang || len(f.Goals) != len(Categories) {
			t.Errorf("%s starter: language %s, %d goals, want one per category (%d)", lang, f.Organisation.Language, len(f.Goals), len(Categories))
		}
		// The level target runs over the fiscal year that contains now (September to August).
		if tg := f.Goals[1].KPIs[0].Target; !tg.From.Equal(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)) || !tg.By.Equal(time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s starter: followers target %v..%v", lang, tg.From, tg.By)
		}
		c, err := StarterConfig(ConfigOptions{Lang: lang, Org: "org"})
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "goalpost.yaml")
		os.WriteFile(p, c, 0o600)
		cfg, err := LoadConfig(p)
		if err != nil || len(cfg.Salt) != 43 {
			t.Errorf("%s config: %v, salt %q", lang, err, cfg.Salt)
		}
	}
	a, _ := NewSalt()
	b, _ := NewSalt()
	if a == b {
		t.Error("two salts are equal")
	}
}
