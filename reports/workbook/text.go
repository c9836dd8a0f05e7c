package workbook

import (
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxCellUnits is Excel's limit on the text of one cell, in UTF-16 code units. excelize cuts
// longer text silently (notes §5), so we cut it ourselves and say so in the cell.
const maxCellUnits = 32767

// bstrPattern matches an ECMA-376 escape (_xHHHH_) that Excel would decode on open.
var bstrPattern = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// cellText turns export text into what a string cell must hold so that Excel shows it
// literally: characters XML cannot carry are dropped, _xHHHH_ sequences are escaped (excelize's
// shared-string path stores them raw and Excel would decode them), and text over the cell limit
// is cut and ends with marker. It reports whether the text was cut.
func cellText(s, marker string) (string, bool) {
	s = xmlSafe(s)
	if units(escapeBstr(s)) <= maxCellUnits {
		return escapeBstr(s), false
	}
	// Find the longest prefix (on a rune boundary) whose escaped form plus the marker fits.
	// Escaping only lengthens text, so the fit is monotone and a binary search is exact.
	budget := maxCellUnits - units(marker)
	idx := runeStarts(s)
	lo, hi := 0, len(idx)-1 // idx[lo] fits, idx[hi] does not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if units(escapeBstr(s[:idx[mid]])) <= budget {
			lo = mid
		} else {
			hi = mid
		}
	}
	return escapeBstr(s[:idx[lo]]) + marker, true
}

// xmlSafe drops the characters XML 1.0 cannot represent (C0 controls other than tab, line
// feed and carriage return, U+FFFE, U+FFFF) and replaces invalid UTF-8, instead of letting
// the XML encoder turn them into U+FFFD behind our back.
func xmlSafe(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return -1
		}
		return r
	}, s)
}

// escapeBstr escapes the underscore of every _xHHHH_ so Excel reads it back unchanged.
func escapeBstr(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return bstrPattern.ReplaceAllStringFunc(s, func(m string) string { return "_x005F" + m })
}

// units counts UTF-16 code units, the unit of Excel's limits.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// runeStarts lists the byte offset of every rune start plus len(s).
func runeStarts(s string) []int {
	idx := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		idx = append(idx, i)
	}
	return append(idx, len(s))
}

// plainText is cellText for the StreamWriter, which escapes _xHHHH_ sequences itself:
// characters XML cannot carry are dropped and text over the cell limit is cut, ending with
// marker.
func plainText(s, marker string) string {
	s = xmlSafe(s)
	if units(s) <= maxCellUnits {
		return s
	}
	return truncateUnits(s, maxCellUnits-units(marker)) + marker
}
