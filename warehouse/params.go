package warehouse

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// placeholder is one {name:Type} in a statement, with its byte span.
type placeholder struct {
	Name       string
	Type       string
	Start, End int
}

var placeholderRE = regexp.MustCompile(`^\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([A-Za-z0-9_(), ']+?)\s*\}`)

// placeholders finds the {name:Type} placeholders of a statement outside string literals,
// quoted identifiers and comments, so text that merely looks like one is left alone.
func placeholders(query string) []placeholder {
	var out []placeholder
	for i := 0; i < len(query); {
		switch c := query[i]; {
		case c == '\'' || c == '"' || c == '`':
			i = skipQuoted(query, i, c)
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			i = skipUntil(query, i, "\n")
		case c == '#' && strings.HasPrefix(query[i:], "#!"):
			i = skipUntil(query, i, "\n")
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			if j := strings.Index(query[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(query)
			}
		case c == '{':
			if m := placeholderRE.FindStringSubmatch(query[i:]); m != nil {
				out = append(out, placeholder{Name: m[1], Type: strings.TrimSpace(m[2]), Start: i, End: i + len(m[0])})
				i += len(m[0])
				continue
			}
			i++
		default:
			i++
		}
	}
	return out
}

func skipQuoted(s string, i int, q byte) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			if j+1 < len(s) && s[j+1] == q { // doubled quote is an escaped quote
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

func skipUntil(s string, i int, end string) int {
	if j := strings.Index(s[i:], end); j >= 0 {
		return i + j + len(end)
	}
	return len(s)
}

// bindings checks that every placeholder has a value and returns each value as text. With
// escaped set, the text is in the form the engine parses for a server-side {name:Type}
// parameter (strings use the TabSeparated escapes); otherwise it is the raw value that
// literal() quotes.
func bindings(query string, params Params, escaped bool) (map[string]string, []placeholder, error) {
	phs := placeholders(query)
	out := make(map[string]string, len(phs))
	for _, p := range phs {
		v, ok := params[p.Name]
		if !ok {
			return nil, nil, fmt.Errorf("parameter %q (%s) has no value", p.Name, p.Type)
		}
		s, err := paramText(p.Type, v)
		if err != nil {
			return nil, nil, fmt.Errorf("parameter %q: %w", p.Name, err)
		}
		if escaped && isStringType(p.Type) {
			var b bytes.Buffer
			escapeTSV(&b, s)
			s = b.String()
		}
		if prev, seen := out[p.Name]; seen && prev != s {
			return nil, nil, fmt.Errorf("parameter %q is used with two types", p.Name)
		}
		out[p.Name] = s
	}
	return out, phs, nil
}

func isStringType(t string) bool {
	t = baseType(t)
	return t == "String" || strings.HasPrefix(t, "FixedString")
}

// baseType strips wrappers that do not change how a value is written.
func baseType(t string) string {
	for _, w := range []string{"Nullable(", "LowCardinality("} {
		if strings.HasPrefix(t, w) && strings.HasSuffix(t, ")") {
			t = t[len(w) : len(t)-1]
		}
	}
	return t
}

// paramText writes a Go value as ClickHouse's parameter text for the placeholder type.
func paramText(typ string, v any) (string, error) {
	t := baseType(typ)
	switch {
	case t == "String" || strings.HasPrefix(t, "FixedString"):
		s, ok := v.(string)
		if !ok {
			return "", fmt.Errorf("want a string for %s, got %T", typ, v)
		}
		return s, nil
	case t == "Date" || t == "Date32":
		switch x := v.(type) {
		case time.Time:
			return x.Format("2006-01-02"), nil
		case string:
			if _, err := time.Parse("2006-01-02", x); err != nil {
				return "", fmt.Errorf("want a date YYYY-MM-DD, got %q", x)
			}
			return x, nil
		}
		return "", fmt.Errorf("want a date for %s, got %T", typ, v)
	case strings.HasPrefix(t, "DateTime"):
		switch x := v.(type) {
		case time.Time:
			return x.UTC().Format("2006-01-02 15:04:05"), nil
		case string:
			if _, err := time.Parse("2006-01-02 15:04:05", x); err != nil {
				return "", fmt.Errorf("want a date-time YYYY-MM-DD hh:mm:ss, got %q", x)
			}
			return x, nil
		}
		return "", fmt.Errorf("want a time for %s, got %T", typ, v)
	case strings.HasPrefix(t, "Int") || strings.HasPrefix(t, "UInt"):
		switch x := v.(type) {
		case int:
			return strconv.Itoa(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case uint64:
			return strconv.FormatUint(x, 10), nil
		case uint8:
			return strconv.Itoa(int(x)), nil
		case string:
			if _, err := strconv.ParseInt(x, 10, 64); err != nil {
				if _, err := strconv.ParseUint(x, 10, 64); err != nil {
					return "", fmt.Errorf("want an integer, got %q", x)
				}
			}
			return x, nil
		}
		return "", fmt.Errorf("want an integer for %s, got %T", typ, v)
	case strings.HasPrefix(t, "Float") || strings.HasPrefix(t, "Decimal"):
		switch x := v.(type) {
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return "", fmt.Errorf("want a finite number, got %v", x)
			}
			return strconv.FormatFloat(x, 'f', -1, 64), nil
		case int:
			return strconv.Itoa(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case string:
			f, err := strconv.ParseFloat(x, 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return "", fmt.Errorf("want a number, got %q", x)
			}
			return x, nil
		}
		return "", fmt.Errorf("want a number for %s, got %T", typ, v)
	case t == "Array(String)":
		xs, ok := v.([]string)
		if !ok {
			return "", fmt.Errorf("want a list of strings for %s, got %T", typ, v)
		}
		parts := make([]string, len(xs))
		for i, x := range xs {
			parts[i] = quoteString(x)
		}
		return "[" + strings.Join(parts, ",") + "]", nil
	}
	return "", fmt.Errorf("unsupported parameter type %s", typ)
}

// literal writes a parameter as a typed SQL literal, for servers older than 22.8 that have no
// server-side parameters. The text comes from paramText, which has already checked the value
// against the placeholder's type, and strings are escaped by quoteString: a value can never
// end its literal early.
func literal(typ, text string) string {
	t := baseType(typ)
	switch {
	case t == "String" || strings.HasPrefix(t, "FixedString"):
		return quoteString(text)
	case t == "Date" || t == "Date32":
		return "toDate(" + quoteString(text) + ")"
	case strings.HasPrefix(t, "DateTime"):
		return "toDateTime(" + quoteString(text) + ", 'UTC')"
	case strings.HasPrefix(t, "Int") || strings.HasPrefix(t, "UInt") || strings.HasPrefix(t, "Float"):
		return "to" + t + "(" + quoteString(text) + ")"
	case strings.HasPrefix(t, "Decimal"):
		return "toFloat64(" + quoteString(text) + ")"
	default: // Array(String): paramText already quoted every element
		return text
	}
}

// quoteString writes s as a ClickHouse string literal.
func quoteString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\'':
			b.WriteString(`\'`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\x%02X`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// inline replaces each placeholder by its literal, for engines without server-side parameters.
func inline(query string, phs []placeholder, texts map[string]string) string {
	if len(phs) == 0 {
		return query
	}
	sort.Slice(phs, func(i, j int) bool { return phs[i].Start < phs[j].Start })
	var b strings.Builder
	last := 0
	for _, p := range phs {
		b.WriteString(query[last:p.Start])
		b.WriteString(literal(p.Type, texts[p.Name]))
		last = p.End
	}
	b.WriteString(query[last:])
	return b.String()
}
