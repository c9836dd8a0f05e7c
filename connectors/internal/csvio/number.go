package csvio

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// IsMissing reports whether a cell means "no value": exports write "", "-" (X promoted
// columns), "--" and "NAN" (TikTok) or "N/A" (Meta) where a metric does not apply. These
// are NULL, never zero.
func IsMissing(s string) bool {
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		return false // the common case, a number, without lower-casing a copy
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "-", "--", "n/a", "nan":
		return true
	}
	return false
}

// grouped reports whether s is an integer written with sep between groups of three digits,
// such as "1,204,332" (sep ',') or "-1.204" (sep '.'): at least one separator, a first group
// of one to three digits and three digits after every separator. It replaces the regular
// expression `^[+-]?\d{1,3}(,\d{3})+$`, which cost more than the rest of a number's parsing.
func grouped(s string, sep byte) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	first := strings.IndexByte(s, sep)
	if first < 1 || first > 3 || !digits(s[:first]) {
		return false
	}
	s = s[first:]
	for s != "" {
		if len(s) < 4 || s[0] != sep || !digits(s[1:4]) {
			return false
		}
		s = s[4:]
	}
	return true
}

// digits reports whether s is made of ASCII digits only.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ErrMixedDecimal says a file writes decimals both with a point and with a comma.
var ErrMixedDecimal = errors.New("the file mixes decimal points and decimal commas")

// DetectDecimal decides from all of a file's numeric cells whether it writes decimals with
// '.' or ','. A value such as "0,25" or "1.234,5" proves a comma; "4.28" or "1,234.5" proves a
// point; "1,234" alone proves nothing and the default '.' stands.
func DetectDecimal(values []string) (byte, error) {
	var d DecimalDetector
	for _, v := range values {
		d.Add(v)
	}
	return d.Decimal()
}

// DecimalDetector is DetectDecimal fed one value at a time, so a file's values are looked at
// as they stream past instead of being collected.
type DecimalDetector struct{ point, comma bool }

// Add looks at one cell; missing cells prove nothing.
func (dd *DecimalDetector) Add(v string) {
	if digits(v) {
		return // most cells: no separator, nothing to learn
	}
	v = stripNumber(v)
	d, c := strings.LastIndexByte(v, '.'), strings.LastIndexByte(v, ',')
	switch {
	case d >= 0 && c >= 0:
		if d > c {
			dd.point = true
		} else {
			dd.comma = true
		}
	case c >= 0 && !grouped(v, ','):
		dd.comma = true
	case d >= 0 && !grouped(v, '.'):
		dd.point = true
	}
}

// Decimal returns the separator the values seen so far prove.
func (dd *DecimalDetector) Decimal() (byte, error) {
	switch {
	case dd.point && dd.comma:
		return 0, ErrMixedDecimal
	case dd.comma:
		return ',', nil
	}
	return '.', nil
}

// stripNumber removes surrounding space, a trailing percent sign and the spaces used as
// thousands separators (including the no-break spaces French locales write).
func stripNumber(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "%")
	// Only a space or the first byte of U+00A0 / U+202F can start something to remove;
	// most cells have none, and then nothing is allocated.
	if strings.IndexByte(s, ' ') < 0 && strings.IndexByte(s, 0xC2) < 0 && strings.IndexByte(s, 0xE2) < 0 {
		return s
	}
	return numberSpaces.Replace(s)
}

// numberSpaces removes the spaces used as thousands separators. A Replacer is safe for
// concurrent use and costly to build, so there is one.
var numberSpaces = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "")

// ParseNumber parses a non-missing cell with the file's decimal separator ('.' or ','); the
// other separator is accepted only as a thousands separator in groups of three. A trailing
// "%" is dropped: the caller knows whether the column is a percentage.
func ParseNumber(s string, decimal byte) (float64, error) {
	if n, ok := plainInt(s); ok {
		return n, nil
	}
	v := stripNumber(s)
	group := byte(',')
	if decimal == ',' {
		group = '.'
	}
	intPart, frac, hasFrac := strings.Cut(v, string(decimal))
	if hasFrac && strings.ContainsAny(frac, ".,") {
		return 0, fmt.Errorf("more than one decimal separator")
	}
	num := v // already what ParseFloat wants when there is no grouping and the decimal is '.'
	if strings.IndexByte(intPart, group) >= 0 {
		if !grouped(intPart, group) {
			return 0, fmt.Errorf("misplaced thousands separator %q", group)
		}
		num = strings.ReplaceAll(intPart, string(group), "")
		if hasFrac {
			num += "." + frac
		}
	} else if hasFrac && decimal != '.' {
		num = intPart + "." + frac
	}
	if num == "" || !numberChars(num) {
		return 0, fmt.Errorf("not a number")
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("not a number")
	}
	return f, nil
}

// ParseCount parses a count: an integer, possibly written as an integral float ("1938.0",
// as X's legacy exports do) or with thousands separators.
func ParseCount(s string, decimal byte) (float64, error) {
	if n, ok := plainInt(s); ok {
		return n, nil
	}
	f, err := ParseNumber(s, decimal)
	if err != nil {
		return 0, err
	}
	if f != math.Trunc(f) {
		return 0, fmt.Errorf("not a whole number")
	}
	if strings.ContainsAny(s, "eE") {
		// Excel's scientific notation has lost digits; a count written that way is unusable.
		return 0, fmt.Errorf("scientific notation")
	}
	return f, nil
}

// numberChars reports whether s only holds characters strconv.ParseFloat may accept here.
func numberChars(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '+', c == '-', c == '.', c == 'e', c == 'E':
		default:
			return false
		}
	}
	return true
}

// plainInt reads the common case, a cell of 1 to 15 ASCII digits (exactly representable as
// a float64), without the general path's trimming and separator checks.
func plainInt(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return float64(n), true
}

var (
	excelDateLetters = regexp.MustCompile(`^\d{1,2}[./ -]\p{L}{3,}\.?$|^\p{L}{3,}\.?[./ -]\d{1,4}$`)
	scientific       = regexp.MustCompile(`^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$`)
)

// LooksLikeExcelDate reports whether a cell that should hold a number holds what Excel
// makes of a decimal in a locale whose date separator is the decimal point: "3.апр",
// "3-Apr", "Apr-03", "12.mars".
func LooksLikeExcelDate(s string) bool { return excelDateLetters.MatchString(strings.TrimSpace(s)) }

// LooksLikeScientific reports whether a cell is in scientific notation ("6.49E+17"), the
// way Excel shows long ids and large numbers.
func LooksLikeScientific(s string) bool { return scientific.MatchString(strings.TrimSpace(s)) }
