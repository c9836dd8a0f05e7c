package workbook

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// maxSheetNameUnits is Excel's limit on a sheet name, in UTF-16 code units.
const maxSheetNameUnits = 31

// sheetNames hands out valid, unique sheet names. Excel compares names ignoring case and
// excelize's NewSheet returns the existing sheet on such a collision without an error
// (notes §5), so two campaigns named "Spring" and "spring" would silently share a sheet.
type sheetNames struct {
	used map[string]bool // keys are folded names
}

func newSheetNames() *sheetNames {
	// Excel reserves "History" for its change-tracking sheet.
	return &sheetNames{used: map[string]bool{fold("History"): true}}
}

// unique returns a valid name close to want that no earlier call returned.
func (n *sheetNames) unique(want string) string {
	base := sanitizeSheetName(want)
	name := base
	for i := 2; n.used[fold(name)]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		name = trimSheetName(truncateUnits(base, maxSheetNameUnits-units(suffix))) + suffix
	}
	n.used[fold(name)] = true
	return name
}

// sanitizeSheetName makes any text a valid sheet name: no []:*?/\ or control characters,
// no leading or trailing apostrophe, at most 31 UTF-16 units, never empty.
func sanitizeSheetName(s string) string {
	s = xmlSafe(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '/' || r == '\\':
			b.WriteRune('-') // "2025/26" reads better as "2025-26" than "2025 26"
		case strings.ContainsRune("[]:*?", r) || unicode.IsControl(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	s = strings.Join(strings.Fields(b.String()), " ")
	s = trimSheetName(truncateUnits(trimSheetName(s), maxSheetNameUnits))
	if s == "" {
		return "Sheet"
	}
	return s
}

// trimSheetName removes what may not start or end a name; truncation can expose either.
func trimSheetName(s string) string {
	for {
		t := strings.Trim(strings.TrimSpace(s), "'")
		if t == s {
			return s
		}
		s = t
	}
}

// truncateUnits cuts s to at most max UTF-16 units without splitting a surrogate pair.
func truncateUnits(s string, max int) string {
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > max {
			return s[:i]
		}
	}
	return s
}

func fold(s string) string { return strings.ToLower(strings.ToUpper(s)) }
