package goals

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// walker reads a YAML document node by node, collecting positioned errors instead of stopping
// at the first, so every message names the file, line, column and field.
type walker struct {
	file string
	errs Errors
}

func (w *walker) errorf(n *yaml.Node, field, format string, args ...any) {
	e := &Error{File: w.file, Field: field, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	w.errs = append(w.errs, e)
}

// parse decodes data into its document node.
func (w *walker) parse(data []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		msg := err.Error()
		// yaml.v3 reports "yaml: line 7: did not find expected key".
		if _, err := fmt.Sscanf(strings.TrimPrefix(msg, "yaml: "), "line %d:", &line); err == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, fmt.Sprintf("line %d:", line))+len(fmt.Sprintf("line %d:", line)):])
		}
		w.errs = append(w.errs, &Error{File: w.file, Line: line, Column: 1, Msg: "not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")})
		return nil
	}
	if len(doc.Content) == 0 {
		w.errs = append(w.errs, &Error{File: w.file, Msg: "the file is empty"})
		return nil
	}
	return doc.Content[0]
}

// fields maps the keys a mapping accepts to their readers.
type fields map[string]func(key, value *yaml.Node, field string)

// mapping reads a mapping node, reporting unknown keys (with the closest known key),
// duplicates, and the required keys that are missing.
func (w *walker) mapping(n *yaml.Node, field string, fs fields, required ...string) {
	if n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		w.errorf(n, field, "want a mapping of keys (key: value), got %s", describe(n))
		return
	}
	known := make([]string, 0, len(fs))
	for k := range fs {
		known = append(known, k)
	}
	sort.Strings(known)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		path := join(field, name)
		if seen[name] {
			w.errorf(k, path, "given twice")
			continue
		}
		seen[name] = true
		read, ok := fs[name]
		if !ok {
			w.errorf(k, path, "unknown field %q%s", name, suggestion(name, known))
			continue
		}
		read(k, v, path)
	}
	for _, r := range required {
		if !seen[r] {
			w.errorf(n, join(field, r), "missing (required)")
		}
	}
}

func join(field, name string) string {
	if field == "" {
		return name
	}
	return field + "." + name
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an alias"
}

// list calls item for every element of a sequence node.
func (w *walker) list(n *yaml.Node, field string, item func(i int, n *yaml.Node, field string)) {
	if n.Kind != yaml.SequenceNode {
		w.errorf(n, field, "want a list, got %s", describe(n))
		return
	}
	for i, c := range n.Content {
		item(i, c, fmt.Sprintf("%s[%d]", field, i))
	}
}

func (w *walker) str(n *yaml.Node, field string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		w.errorf(n, field, "want a text value, got %s", describe(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (w *walker) strs(n *yaml.Node, field string) []string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []string{strings.TrimSpace(n.Value)}
	}
	var out []string
	w.list(n, field, func(_ int, c *yaml.Node, f string) { out = append(out, w.str(c, f)) })
	return out
}

// number reads a number; "4%" or "4 %" means 0.04, "4,5 %" 0.045, and "1,000" / "1 000" /
// "1_000" group digits. Percentages are accepted only where percent is true.
func (w *walker) number(n *yaml.Node, field string, percent bool) (float64, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		w.errorf(n, field, "want a number, got %s", describe(n))
		return 0, false
	}
	s := strings.TrimSpace(n.Value)
	scale := 1.0
	if strings.HasSuffix(s, "%") {
		if !percent {
			w.errorf(n, field, "want a number, got %q (a percentage only makes sense for a rate)", s)
			return 0, false
		}
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
		scale = 0.01
	}
	clean := strings.NewReplacer("_", "", " ", "", "\u00a0", "", "\u202f", "").Replace(s)
	// A comma groups thousands when three digits follow it ("12,000"); otherwise it is a
	// decimal comma, as French writes "4,5 %".
	if i := strings.LastIndexByte(clean, ','); i >= 0 {
		if len(clean)-i-1 == 3 && !strings.Contains(clean, ".") {
			clean = strings.ReplaceAll(clean, ",", "")
		} else if strings.Count(clean, ",") == 1 && !strings.Contains(clean, ".") {
			clean = strings.Replace(clean, ",", ".", 1)
		}
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		w.errorf(n, field, "want a number, got %q", n.Value)
		return 0, false
	}
	return f * scale, true
}

func (w *walker) integer(n *yaml.Node, field string, lo, hi int) (int, bool) {
	f, ok := w.number(n, field, false)
	if !ok {
		return 0, false
	}
	if f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		w.errorf(n, field, "want a whole number from %d to %d, got %s", lo, hi, n.Value)
		return 0, false
	}
	return int(f), true
}

func (w *walker) date(n *yaml.Node, field string) (time.Time, bool) {
	s := w.str(n, field)
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		w.errorf(n, field, "want a date YYYY-MM-DD, got %q", s)
		return time.Time{}, false
	}
	return t, true
}
