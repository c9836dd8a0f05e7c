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
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "-", "--", "n/a", "nan":
		return true
	}
	return false
}

var (
	groupedComma = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+$`)
	groupedDot   = regexp.MustCompile(`^[+-]?\d{1,3}(\.\d{3})+$`)
)

// ErrMixedDecimal says a file writes decimals both with a point and with a comma.
var ErrMixedDecimal = errors.New("the file mixes decimal points and decimal commas")

// DetectDecimal decides from all of a file's numeric cells whether it writes decimals with
// '.' or ','. A value such as "0,25" or "1.234,5" proves a comma; "4.28" or "1,234.5" proves a
// point; "1,234" alone proves nothing and the default '.' stands.
func DetectDecimal(values []string) (byte, error) {
	var point, comma bool
	for _, v := range values {
		v = stripNumber(v)
		d, c := strings.LastIndexByte(v, '.'), strings.LastIndexByte(v, ',')
		switch {
		case d >= 0 && c >= 0:
			if d > c {
				point = true
			} else {
				comma = true
			}
		case c >= 0 && !groupedComma.MatchString(v):
			comma = true
		case d >= 0 && !groupedDot.MatchString(v):
			point = true
		}
	}
	switch {
	case point && comma:
		return 0, ErrMixedDecimal
	case comma:
		return ',', nil
	}
	return '.', nil
}

// stripNumber removes surrounding space, a trailing percent sign and the spaces used as
// thousands separators (including the no-break spaces French locales write).
func stripNumber(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "%")
	return strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
}

// ParseNumber parses a non-missing cell with the file's decimal separator ('.' or ','); the
// other separator is accepted only as a thousands separator in groups of three. A trailing
// "%" is dropped: the caller knows whether the column is a percentage.
func ParseNumber(s string, decimal byte) (float64, error) {
	v := stripNumber(s)
	group := byte(',')
	if decimal == ',' {
		group = '.'
	}
	intPart, frac, hasFrac := strings.Cut(v, string(decimal))
	if hasFrac && strings.ContainsAny(frac, ".,") {
		return 0, fmt.Errorf("more than one decimal separator")
	}
	if strings.IndexByte(intPart, group) >= 0 {
		ok := groupedComma.MatchString(intPart)
		if group == '.' {
			ok = groupedDot.MatchString(intPart)
		}
		if !ok {
			return 0, fmt.Errorf("misplaced thousands separator %q", group)
		}
		intPart = strings.ReplaceAll(intPart, string(group), "")
	}
	num := intPart
	if hasFrac {
		num += "." + frac
	}
	if num == "" || strings.Trim(num, "+-.0123456789eE") != "" {
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
