// Package goals holds the organisation's documented strategy, loaded from goals.yaml: its
// goals, the KPIs that measure them (sql/kpis and the organisation's own kpis/ folder), their
// targets, milestones and benchmarks; and its evaluation, which writes all of it to the
// warehouse and reads attainment back from the SQL in sql/goals, so that reports and analysts
// share one computation.
package goals

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// File is a loaded, validated goals.yaml.
type File struct {
	// Path is where the file was read from (used in messages and recorded in the warehouse).
	Path string
	// Org is the organisation id the goals belong to. goals.yaml does not carry it: it comes
	// from goalpost.yaml or the --org flag, so one goals file can serve a test copy.
	Org          string
	Organisation Organisation
	Thresholds   Thresholds
	Baselines    []Baseline
	Goals        []Goal
	Milestones   []Milestone
	Benchmarks   []Benchmark
	// Library holds the built-in KPIs and those of the kpis/ folder next to the file.
	Library *Library
}

// Organisation is who the goals are for.
type Organisation struct {
	Name            string
	TimeZone        string
	Location        *time.Location
	Currency        string
	Language        string // "en" or "fr"
	FiscalYearStart time.Month
}

// Thresholds turn pace into a status: on track from OnTrack (1 = 100 % of pace), at risk
// from AtRisk, off track below.
type Thresholds struct {
	OnTrack float64
	AtRisk  float64
}

// DefaultThresholds are on track at 100 % of pace or more, at risk from 80 %.
var DefaultThresholds = Thresholds{OnTrack: 1, AtRisk: 0.8}

// Baseline is an audience count read off a platform on a day. Exports often give only the
// daily new followers; the followers KPI adds them to this count.
type Baseline struct {
	Platform  string
	Followers float64
	Date      time.Time
}

// Goal is one of the organisation's goals.
type Goal struct {
	ID          string
	Category    string
	Name        string
	Description string
	KPIs        []GoalKPI
	Line        int
}

// GoalKPI is a KPI that measures a goal, with its platform filter and target.
type GoalKPI struct {
	KPI       string
	Platforms []string // empty: all platforms
	Target    *Target  // nil: measured, no target
	Line      int
}

// Target types.
const (
	TargetRate  = "rate"  // an amount per month, quarter or year (flows)
	TargetLevel = "level" // a level to reach by a date (stocks, or a flow's running total)
	TargetValue = "value" // a ratio to reach (ratios)
)

// Target is what a KPI should reach.
type Target struct {
	Type  string
	Per   string  // month, quarter or year (fiscal), for rate targets
	Value float64 // the amount per period, the level, or the ratio
	// From and Until bound a rate target (zero: open); From and By are a level target's
	// straight line.
	From, Until time.Time
	By          time.Time
	// Baseline is a level target's starting value; nil means the KPI's own value on From
	// (0 for a flow, which counts from From).
	Baseline *float64
}

// Milestone is a set of thresholds to celebrate when a KPI crosses them.
type Milestone struct {
	KPI        string
	Platforms  []string
	Thresholds []float64
	Since      time.Time // flows: the running total starts here
	Label      string
}

// Benchmark is a published figure shown beside a KPI.
type Benchmark struct {
	KPI        string
	Platform   string
	Value      float64
	Year       int
	Source     string
	Definition string
}

// Categories are the goal categories from the field, in the order reports list them.
var Categories = []string{
	"share_news", "awareness", "cause_news", "trust", "website_traffic",
	"relationships", "donations", "volunteers_members",
}

// Platforms are the platform names goals may filter on: the social networks, the website,
// email, and the tools that record donations and sign-ups. LoadOptions can add more.
var Platforms = []string{
	"facebook", "instagram", "x", "linkedin", "youtube", "tiktok", "threads", "bluesky",
	"mastodon", "web", "email", "social",
	"mailchimp", "stripe", "paypal", "donorbox", "canadahelps", "zeffy", "givebutter",
	"eventbrite", "google-forms",
}

// LoadOptions tune Load.
type LoadOptions struct {
	// Platforms are further valid platform names, e.g. those of the installed connectors.
	Platforms []string
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Load reads and validates a goals file. Every problem is reported with the file, line,
// column and field, as an Errors value; KPI and platform typos get the closest valid name.
func Load(path string, opts LoadOptions) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("goals file: %w", err)
	}
	lib, err := Builtin()
	if err != nil {
		return nil, err
	}
	if err := lib.AddDir(filepath.Join(filepath.Dir(path), "kpis")); err != nil {
		return nil, err
	}
	return Parse(path, data, lib, opts)
}

// Parse validates goals.yaml content read from path, against the KPI library lib.
func Parse(path string, data []byte, lib *Library, opts LoadOptions) (*File, error) {
	w := &walker{file: path}
	f := &File{Path: path, Library: lib, Thresholds: DefaultThresholds}
	f.Organisation.FiscalYearStart = time.January
	f.Organisation.Language = "en"
	root := w.parse(data)
	if root == nil {
		return nil, w.errs
	}
	platforms := append(append([]string(nil), Platforms...), opts.Platforms...)
	sort.Strings(platforms)
	p := &parser{w: w, f: f, lib: lib, platforms: platforms}
	var benchmarksNode *yaml.Node
	w.mapping(root, "", fields{
		"organisation": func(_, v *yaml.Node, fld string) { p.organisation(v, fld) },
		"status":       func(_, v *yaml.Node, fld string) { p.thresholds(v, fld) },
		"baselines": func(_, v *yaml.Node, fld string) {
			w.list(v, fld, func(_ int, n *yaml.Node, fld string) { p.baseline(n, fld) })
		},
		"goals": func(_, v *yaml.Node, fld string) {
			w.list(v, fld, func(_ int, n *yaml.Node, fld string) { p.goal(n, fld) })
		},
		"milestones": func(_, v *yaml.Node, fld string) {
			w.list(v, fld, func(_ int, n *yaml.Node, fld string) { p.milestone(n, fld) })
		},
		"benchmarks": func(_, v *yaml.Node, fld string) { benchmarksNode = v },
	}, "organisation", "goals")
	if benchmarksNode != nil {
		p.benchmarksFile(benchmarksNode, "benchmarks")
	}
	if len(w.errs) > 0 {
		return nil, w.errs.sorted()
	}
	return f, nil
}

type parser struct {
	w         *walker
	f         *File
	lib       *Library
	platforms []string
}

var monthNames = map[string]time.Month{}

func init() {
	en := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	fr := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	for i := range en {
		monthNames[en[i]] = time.Month(i + 1)
		monthNames[en[i][:3]] = time.Month(i + 1)
		monthNames[fr[i]] = time.Month(i + 1)
	}
}

func (p *parser) organisation(n *yaml.Node, field string) {
	w, o := p.w, &p.f.Organisation
	w.mapping(n, field, fields{
		"name": func(_, v *yaml.Node, fld string) { o.Name = w.str(v, fld) },
		"time_zone": func(_, v *yaml.Node, fld string) {
			o.TimeZone = w.str(v, fld)
			if o.TimeZone == "" {
				return
			}
			loc, err := time.LoadLocation(o.TimeZone)
			if err != nil || o.TimeZone == "Local" {
				w.errorf(v, fld, "unknown time zone %q (want an IANA name such as America/Toronto or Europe/Paris)", o.TimeZone)
				return
			}
			o.Location = loc
		},
		"currency": func(_, v *yaml.Node, fld string) {
			o.Currency = strings.ToUpper(w.str(v, fld))
			if o.Currency != "" && !regexp.MustCompile(`^[A-Z]{3}$`).MatchString(o.Currency) {
				w.errorf(v, fld, "want a three-letter ISO 4217 code such as CAD, EUR or USD, got %q", v.Value)
			}
		},
		"language": func(_, v *yaml.Node, fld string) {
			o.Language = w.str(v, fld)
			if o.Language != "en" && o.Language != "fr" {
				w.errorf(v, fld, "want en or fr, got %q", o.Language)
			}
		},
		"fiscal_year_start": func(_, v *yaml.Node, fld string) {
			if m, ok := monthNames[strings.ToLower(strings.TrimSpace(v.Value))]; ok && v.Kind == yaml.ScalarNode {
				o.FiscalYearStart = m
				return
			}
			if m, ok := w.integer(v, fld, 1, 12); ok {
				o.FiscalYearStart = time.Month(m)
			}
		},
	}, "name", "time_zone", "currency")
}

func (p *parser) thresholds(n *yaml.Node, field string) {
	w, t := p.w, &p.f.Thresholds
	var onNode *yaml.Node
	w.mapping(n, field, fields{
		"on_track": func(_, v *yaml.Node, fld string) {
			onNode = v
			if x, ok := w.number(v, fld, true); ok {
				t.OnTrack = x
			}
		},
		"at_risk": func(_, v *yaml.Node, fld string) {
			if x, ok := w.number(v, fld, true); ok {
				t.AtRisk = x
			}
		},
	})
	if t.AtRisk > t.OnTrack || t.AtRisk < 0 {
		w.errorf(onNode, join(field, "at_risk"), "must be at least 0 and below on_track (%.0f%%)", t.OnTrack*100)
	}
}

func (p *parser) platform(v *yaml.Node, field string) string {
	s := p.w.str(v, field)
	if s == "" {
		return ""
	}
	for _, k := range p.platforms {
		if k == s {
			return s
		}
	}
	p.w.errorf(v, field, "unknown platform %q%s", s, suggestion(s, p.platforms))
	return s
}

func (p *parser) platformList(v *yaml.Node, field string) []string {
	var out []string
	if v.Kind == yaml.ScalarNode {
		return []string{p.platform(v, field)}
	}
	p.w.list(v, field, func(_ int, n *yaml.Node, f string) { out = append(out, p.platform(n, f)) })
	return out
}

func (p *parser) kpi(v *yaml.Node, field string) *KPI {
	s := p.w.str(v, field)
	if s == "" {
		return nil
	}
	k, ok := p.lib.Get(s)
	if !ok {
		p.w.errorf(v, field, "unknown KPI %q%s", s, suggestion(s, p.lib.Names()))
		return nil
	}
	return k
}

func (p *parser) baseline(n *yaml.Node, field string) {
	w := p.w
	var b Baseline
	w.mapping(n, field, fields{
		"platform":  func(_, v *yaml.Node, fld string) { b.Platform = p.platform(v, fld) },
		"followers": func(_, v *yaml.Node, fld string) { b.Followers, _ = w.number(v, fld, false) },
		"date":      func(_, v *yaml.Node, fld string) { b.Date, _ = w.date(v, fld) },
	}, "platform", "followers", "date")
	for _, prev := range p.f.Baselines {
		if prev.Platform == b.Platform && b.Platform != "" {
			w.errorf(n, join(field, "platform"), "%s has two baselines; keep one (the followers KPI counts from it)", b.Platform)
		}
	}
	p.f.Baselines = append(p.f.Baselines, b)
}

func (p *parser) goal(n *yaml.Node, field string) {
	w := p.w
	g := Goal{Line: n.Line}
	var idNode *yaml.Node
	w.mapping(n, field, fields{
		"id": func(_, v *yaml.Node, fld string) {
			idNode = v
			g.ID = w.str(v, fld)
			if g.ID != "" && !idRE.MatchString(g.ID) {
				w.errorf(v, fld, "want lower-case letters, digits, - and _, got %q", g.ID)
			}
		},
		"category": func(_, v *yaml.Node, fld string) {
			g.Category = w.str(v, fld)
			if g.Category == "" {
				return
			}
			for _, c := range Categories {
				if c == g.Category {
					return
				}
			}
			w.errorf(v, fld, "unknown category %q%s", g.Category, suggestion(g.Category, Categories))
		},
		"name":        func(_, v *yaml.Node, fld string) { g.Name = w.str(v, fld) },
		"description": func(_, v *yaml.Node, fld string) { g.Description = w.str(v, fld) },
		"kpis": func(_, v *yaml.Node, fld string) {
			w.list(v, fld, func(_ int, c *yaml.Node, fld string) {
				if gk, ok := p.goalKPI(c, fld); ok {
					g.KPIs = append(g.KPIs, gk)
				}
			})
			if v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
				w.errorf(v, fld, "a goal needs at least one KPI")
			}
		},
	}, "id", "category", "kpis")
	for _, prev := range p.f.Goals {
		if prev.ID == g.ID && g.ID != "" {
			w.errorf(idNode, join(field, "id"), "goal id %q is used twice (line %d); ids must be unique", g.ID, prev.Line)
		}
	}
	p.f.Goals = append(p.f.Goals, g)
}

func (p *parser) goalKPI(n *yaml.Node, field string) (GoalKPI, bool) {
	w := p.w
	gk := GoalKPI{Line: n.Line}
	var k *KPI
	var targetNode *yaml.Node
	var targetField string
	w.mapping(n, field, fields{
		"kpi":       func(_, v *yaml.Node, fld string) { k = p.kpi(v, fld) },
		"platforms": func(_, v *yaml.Node, fld string) { gk.Platforms = p.platformList(v, fld) },
		"target":    func(_, v *yaml.Node, fld string) { targetNode, targetField = v, fld },
	}, "kpi")
	if k == nil {
		return gk, false
	}
	gk.KPI = k.Name
	if targetNode != nil {
		gk.Target = p.target(targetNode, targetField, k)
	}
	return gk, true
}

func (p *parser) target(n *yaml.Node, field string, k *KPI) *Target {
	w := p.w
	t := &Target{}
	has := map[string]*yaml.Node{}
	w.mapping(n, field, fields{
		"per": func(_, v *yaml.Node, fld string) {
			has["per"] = v
			t.Per = w.str(v, fld)
			if t.Per != "" && t.Per != "month" && t.Per != "quarter" && t.Per != "year" {
				w.errorf(v, fld, "want month, quarter or year (quarters and years follow the fiscal year), got %q%s", t.Per, suggestion(t.Per, []string{"month", "quarter", "year"}))
			}
		},
		"value": func(_, v *yaml.Node, fld string) {
			has["value"] = v
			t.Value, _ = w.number(v, fld, k.Kind == Ratio || k.Unit == "percent")
		},
		"level": func(_, v *yaml.Node, fld string) {
			has["level"] = v
			t.Value, _ = w.number(v, fld, k.Unit == "percent")
		},
		"from":  func(_, v *yaml.Node, fld string) { has["from"] = v; t.From, _ = w.date(v, fld) },
		"until": func(_, v *yaml.Node, fld string) { has["until"] = v; t.Until, _ = w.date(v, fld) },
		"by":    func(_, v *yaml.Node, fld string) { has["by"] = v; t.By, _ = w.date(v, fld) },
		"baseline": func(_, v *yaml.Node, fld string) {
			has["baseline"] = v
			x, ok := w.number(v, fld, k.Unit == "percent")
			if ok {
				t.Baseline = &x
			}
		},
	})
	not := func(keys ...string) {
		for _, key := range keys {
			if v, ok := has[key]; ok {
				w.errorf(v, join(field, key), "does not apply to this target (%s)", describeTarget(t.Type))
			}
		}
	}
	switch {
	case has["level"] != nil:
		t.Type = TargetLevel
		if k.Kind == Ratio {
			w.errorf(has["level"], join(field, "level"), "%s is a ratio: give the rate to reach as value (e.g. value: 4%%)", k.Name)
		}
		if has["by"] == nil {
			w.errorf(n, join(field, "by"), "missing: the date the level should be reached (YYYY-MM-DD)")
		}
		if has["from"] == nil {
			w.errorf(n, join(field, "from"), "missing: the date the straight line to the level starts from (YYYY-MM-DD)")
		}
		if !t.From.IsZero() && !t.By.IsZero() && !t.By.After(t.From) {
			w.errorf(has["by"], join(field, "by"), "must come after from (%s)", t.From.Format("2006-01-02"))
		}
		not("per", "value", "until")
	case has["per"] != nil:
		t.Type = TargetRate
		if k.Kind != Flow {
			w.errorf(has["per"], join(field, "per"), "%s is a %s: %s", k.Name, k.Kind, kindHint(k))
		}
		if has["value"] == nil {
			w.errorf(n, join(field, "value"), "missing: the amount to reach per %s", t.Per)
		}
		if !t.From.IsZero() && !t.Until.IsZero() && t.Until.Before(t.From) {
			w.errorf(has["until"], join(field, "until"), "must not come before from (%s)", t.From.Format("2006-01-02"))
		}
		not("by", "baseline")
	case has["value"] != nil:
		t.Type = TargetValue
		if k.Kind != Ratio {
			w.errorf(has["value"], join(field, "value"), "%s is a %s: %s", k.Name, k.Kind, kindHint(k))
		}
		not("from", "until", "by", "baseline")
	default:
		if n.Kind == yaml.MappingNode {
			w.errorf(n, field, "say what to reach: per + value (an amount per month, quarter or year), level + from + by (a level by a date), or value (a rate)")
		}
		return nil
	}
	return t
}

func kindHint(k *KPI) string {
	switch k.Kind {
	case Stock:
		return "give a level to reach by a date (level, from, by)"
	case Ratio:
		return "give the rate to reach as value (e.g. value: 4%)"
	}
	return "give an amount per month, quarter or year (per, value), or a running total to reach by a date (level, from, by)"
}

func describeTarget(t string) string {
	switch t {
	case TargetLevel:
		return "a level to reach by a date uses level, from, by and baseline"
	case TargetRate:
		return "an amount per period uses per, value, from and until"
	}
	return "a rate to reach uses value only"
}

func (p *parser) milestone(n *yaml.Node, field string) {
	w := p.w
	var m Milestone
	var k *KPI
	var sinceNode *yaml.Node
	w.mapping(n, field, fields{
		"kpi":       func(_, v *yaml.Node, fld string) { k = p.kpi(v, fld) },
		"platforms": func(_, v *yaml.Node, fld string) { m.Platforms = p.platformList(v, fld) },
		"thresholds": func(_, v *yaml.Node, fld string) {
			w.list(v, fld, func(_ int, c *yaml.Node, f string) {
				if x, ok := w.number(c, f, false); ok {
					m.Thresholds = append(m.Thresholds, x)
				}
			})
		},
		"since": func(_, v *yaml.Node, fld string) { sinceNode = v; m.Since, _ = w.date(v, fld) },
		"label": func(_, v *yaml.Node, fld string) { m.Label = w.str(v, fld) },
	}, "kpi", "thresholds")
	if k == nil {
		return
	}
	m.KPI = k.Name
	if k.Kind == Ratio {
		w.errorf(n, join(field, "kpi"), "%s is a ratio: milestones count followers, people or amounts (a stock or a flow)", k.Name)
	}
	if k.Kind == Stock && sinceNode != nil {
		w.errorf(sinceNode, join(field, "since"), "%s is a stock: it crosses a threshold by its level, there is no running total to start", k.Name)
	}
	p.f.Milestones = append(p.f.Milestones, m)
}

func (p *parser) benchmarksFile(n *yaml.Node, field string) {
	name := p.w.str(n, field)
	if name == "" {
		return
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(p.w.file), name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		p.w.errorf(n, field, "cannot read the benchmarks file: %v", err)
		return
	}
	bw := &walker{file: path}
	root := bw.parse(data)
	if root != nil {
		bw.mapping(root, "", fields{
			"benchmarks": func(_, v *yaml.Node, fld string) {
				bw.list(v, fld, func(_ int, c *yaml.Node, fld string) {
					var b Benchmark
					var k *KPI
					bp := &parser{w: bw, f: p.f, lib: p.lib, platforms: p.platforms}
					bw.mapping(c, fld, fields{
						"kpi":      func(_, v *yaml.Node, f string) { k = bp.kpi(v, f) },
						"platform": func(_, v *yaml.Node, f string) { b.Platform = bp.platform(v, f) },
						"value": func(_, v *yaml.Node, f string) {
							b.Value, _ = bw.number(v, f, true)
						},
						"year":       func(_, v *yaml.Node, f string) { b.Year, _ = bw.integer(v, f, 1990, 2200) },
						"source":     func(_, v *yaml.Node, f string) { b.Source = bw.str(v, f) },
						"definition": func(_, v *yaml.Node, f string) { b.Definition = bw.str(v, f) },
					}, "kpi", "value", "year", "source")
					if k != nil {
						b.KPI = k.Name
						p.f.Benchmarks = append(p.f.Benchmarks, b)
					}
				})
			},
		}, "benchmarks")
	}
	p.w.errs = append(p.w.errs, bw.errs...)
}

// KPIsUsed lists the KPIs the goals and milestones use, in first-use order.
func (f *File) KPIsUsed() []string {
	seen := map[string]bool{}
	var out []string
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, g := range f.Goals {
		for _, k := range g.KPIs {
			add(k.KPI)
		}
	}
	for _, m := range f.Milestones {
		add(m.KPI)
	}
	return out
}
