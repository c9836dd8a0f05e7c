package csvio

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds a header name so that the spellings exports use for the same column
// compare equal: case ("Other Clicks"/"Other clicks"), accents ("Impressões"), punctuation
// and spacing ("Phone number clicks ", "IMPRESSION:UNIQUE_USERS").
func Normalize(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// Header is a table header whose columns are found by normalised name, never by position.
type Header struct {
	Raw  []string
	norm []string
}

// NewHeader indexes raw header names.
func NewHeader(raw []string) Header {
	h := Header{Raw: raw, norm: make([]string, len(raw))}
	for i, n := range raw {
		h.norm[i] = Normalize(n)
	}
	return h
}

// Index returns the first column whose name matches one of names (synonyms, in order of
// preference), or -1.
func (h Header) Index(names ...string) int {
	for _, n := range names {
		want := Normalize(n)
		for i, got := range h.norm {
			if got == want {
				return i
			}
		}
	}
	return -1
}

// Has reports whether every name is present.
func (h Header) Has(names ...string) bool {
	for _, n := range names {
		if h.Index(n) < 0 {
			return false
		}
	}
	return true
}

// Missing returns the names that are not present.
func (h Header) Missing(names ...string) []string {
	var out []string
	for _, n := range names {
		if h.Index(n) < 0 {
			out = append(out, n)
		}
	}
	return out
}

// Name returns the header name of column i as written in the file.
func (h Header) Name(i int) string {
	if i < 0 || i >= len(h.Raw) {
		return ""
	}
	return h.Raw[i]
}

// Norm returns the normalised name of column i.
func (h Header) Norm(i int) string {
	if i < 0 || i >= len(h.norm) {
		return ""
	}
	return h.norm[i]
}
