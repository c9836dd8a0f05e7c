package goals

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a configuration file, positioned like a compiler diagnostic so
// that editors can jump to it: "goals.yaml:14:9: goals[1].kpis[0].kpi: unknown KPI "reech"
// (did you mean "reach"?)".
type Error struct {
	File   string
	Line   int
	Column int
	Field  string // the path of the field, e.g. goals[1].kpis[0].kpi
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors are all the problems found in one file, in file order. Loading reports them all at
// once, so staff fix a file in one pass.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Line != es[j].Line {
			return es[i].Line < es[j].Line
		}
		return es[i].Column < es[j].Column
	})
	return es
}

// closest returns the candidate nearest to s by edit distance (case-insensitive), if it is
// near enough to be a plausible typo.
func closest(s string, candidates []string) (string, bool) {
	best, bestD := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := editDistance(ls, strings.ToLower(c))
		if bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD < 0 {
		return "", false
	}
	limit := 2
	if len(s) >= 9 {
		limit = 3
	}
	if bestD <= limit || strings.Contains(strings.ToLower(best), ls) && len(ls) >= 4 {
		return best, true
	}
	return "", false
}

// suggestion is " (did you mean "x"?)" for a near candidate, or the list of valid values.
func suggestion(s string, candidates []string) string {
	if c, ok := closest(s, candidates); ok {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	if len(candidates) <= 12 {
		return " (want one of " + strings.Join(candidates, ", ") + ")"
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
