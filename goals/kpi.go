package goals

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	sqlfiles "github.com/goalpost/goalpost/sql"
)

// Kinds of KPI: how values over days make a value over a period.
const (
	Flow  = "flow"  // added up over the period (reach, donations)
	Stock = "stock" // the level on the period's last day (followers)
	Ratio = "ratio" // numerator and denominator added up separately, then divided
)

// Units a KPI is measured in.
var units = []string{"count", "percent", "currency", "hours"}

// KPI is one measure from the library: a .sql file with a header that declares its kind,
// unit, labels and descriptions. Its query takes {org:String}, {start:Date}, {end:Date}
// (exclusive), {platforms:Array(String)} (empty = all) and {tz:String}, and returns one row
// per day and platform: date, platform, numerator, denominator.
type KPI struct {
	Name          string
	Kind          string
	Unit          string
	LabelEN       string
	LabelFR       string
	DescriptionEN string
	DescriptionFR string
	// Origin is "builtin" or the organisation's file the KPI comes from.
	Origin string
	Query  string
}

// Label is the KPI's name in lang ("en" or "fr").
func (k *KPI) Label(lang string) string {
	if lang == "fr" {
		return k.LabelFR
	}
	return k.LabelEN
}

// Description says in lang what the KPI counts and what its denominator is.
func (k *KPI) Description(lang string) string {
	if lang == "fr" {
		return k.DescriptionFR
	}
	return k.DescriptionEN
}

// Library is the set of KPIs a goals file may use: the built-in ones and the organisation's.
type Library struct {
	kpis map[string]*KPI
}

var kpiNameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Builtin returns the KPIs of sql/kpis.
func Builtin() (*Library, error) {
	l := &Library{kpis: map[string]*KPI{}}
	entries, err := fs.ReadDir(sqlfiles.FS(), "kpis")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(sqlfiles.FS(), path.Join("kpis", e.Name()))
		if err != nil {
			return nil, err
		}
		k, err := ParseKPI("sql/kpis/"+e.Name(), "builtin", string(b))
		if err != nil {
			return nil, err
		}
		l.kpis[k.Name] = k
	}
	return l, nil
}

// AddDir adds the organisation's KPIs: every .sql file of dir. A file may not reuse the name
// of a KPI already in the library. A missing dir adds nothing.
func (l *Library) AddDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs Errors
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		k, err := ParseKPI(p, p, string(b))
		if err != nil {
			if e, ok := err.(*Error); ok {
				errs = append(errs, e)
				continue
			}
			return err
		}
		if prev, ok := l.kpis[k.Name]; ok {
			errs = append(errs, &Error{File: p, Line: 1, Column: 1, Msg: fmt.Sprintf("a KPI named %q already exists (%s); name the file differently", k.Name, prev.Origin)})
			continue
		}
		l.kpis[k.Name] = k
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Get returns the named KPI.
func (l *Library) Get(name string) (*KPI, bool) {
	k, ok := l.kpis[name]
	return k, ok
}

// Names lists the KPIs, sorted.
func (l *Library) Names() []string {
	out := make([]string, 0, len(l.kpis))
	for n := range l.kpis {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// All lists the KPIs sorted by name.
func (l *Library) All() []*KPI {
	out := make([]*KPI, 0, len(l.kpis))
	for _, n := range l.Names() {
		out = append(out, l.kpis[n])
	}
	return out
}

var headerKeys = []string{"kind", "unit", "label_en", "label_fr", "description_en", "description_fr"}

// ParseKPI reads a KPI file: its name is the file name without .sql, its header the leading
// "-- key: value" comment lines.
func ParseKPI(file, origin, text string) (*KPI, error) {
	name := strings.TrimSuffix(filepath.Base(file), ".sql")
	if !kpiNameRE.MatchString(name) {
		return nil, &Error{File: file, Msg: fmt.Sprintf("KPI file names are lower-case letters, digits and _ (the name is the KPI's), got %q", name)}
	}
	k := &KPI{Name: name, Origin: origin, Query: strings.TrimSpace(text)}
	got := map[string]string{}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "--") {
			break
		}
		body := strings.TrimSpace(strings.TrimPrefix(line, "--"))
		key, value, ok := strings.Cut(body, ":")
		key = strings.TrimSpace(key)
		if !ok || strings.ContainsAny(key, " {") {
			continue // an ordinary comment
		}
		known := false
		for _, h := range headerKeys {
			known = known || h == key
		}
		if !known {
			if c, near := closest(key, headerKeys); near {
				return nil, &Error{File: file, Line: i + 1, Column: 4, Field: key, Msg: fmt.Sprintf("unknown header key (did you mean %q?)", c)}
			}
			continue
		}
		got[key] = strings.TrimSpace(value)
	}
	for _, h := range headerKeys {
		if got[h] == "" {
			return nil, &Error{File: file, Line: 1, Column: 1, Field: h, Msg: "missing from the header (want \"-- " + h + ": ...\" lines before the query: kind, unit, label_en, label_fr, description_en, description_fr)"}
		}
	}
	k.Kind, k.Unit = got["kind"], got["unit"]
	k.LabelEN, k.LabelFR = got["label_en"], got["label_fr"]
	k.DescriptionEN, k.DescriptionFR = got["description_en"], got["description_fr"]
	if k.Kind != Flow && k.Kind != Stock && k.Kind != Ratio {
		return nil, &Error{File: file, Line: lineOf(lines, "kind"), Column: 4, Field: "kind", Msg: fmt.Sprintf("want flow, stock or ratio, got %q", k.Kind)}
	}
	okUnit := false
	for _, u := range units {
		okUnit = okUnit || u == k.Unit
	}
	if !okUnit {
		return nil, &Error{File: file, Line: lineOf(lines, "unit"), Column: 4, Field: "unit", Msg: fmt.Sprintf("want one of %s, got %q", strings.Join(units, ", "), k.Unit)}
	}
	if !strings.Contains(k.Query, "{org:String}") {
		return nil, &Error{File: file, Msg: "the query must select the organisation's rows with {org:String}"}
	}
	return k, nil
}

func lineOf(lines []string, key string) int {
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "--")), key+":") {
			return i + 1
		}
	}
	return 1
}
