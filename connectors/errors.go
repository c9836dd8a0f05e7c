package connectors

import (
	"errors"
	"fmt"
	"strings"
)

// ParseError is a data error in an export, positioned like a compiler diagnostic so that an
// editor can jump to it:
//
//	exports/fb.csv:14:37: column "Reach": invalid integer "1 204,5" (expected a whole number such as 1204)
type ParseError struct {
	File   string
	Line   int // 1-based; 0 when the error is about the whole file
	Column int // 1-based byte column; 0 when unknown
	// ColumnName is the header name as written in the file.
	ColumnName string
	// Value is the offending cell.
	Value string
	// Kind is what the value failed to be: "integer", "number", "date"...
	Kind string
	// Expected tells the user what would have been accepted.
	Expected string
	// Msg replaces `invalid <Kind> "<Value>"` for errors that are not about one value, such
	// as missing columns.
	Msg string
	// Err is the underlying cause, if any.
	Err error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.ColumnName != "" {
		fmt.Fprintf(&b, "column %q: ", e.ColumnName)
	}
	switch {
	case e.Msg != "":
		b.WriteString(e.Msg)
	case e.Kind != "":
		fmt.Fprintf(&b, "invalid %s %q", e.Kind, clip(e.Value))
	case e.Err != nil:
		b.WriteString(e.Err.Error())
	default:
		fmt.Fprintf(&b, "invalid value %q", clip(e.Value))
	}
	if e.Expected != "" {
		fmt.Fprintf(&b, " (expected %s)", e.Expected)
	}
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// maxShownValue bounds how much of an offending cell an error message quotes: a hostile file
// can hold a 10 MB cell, and the message goes to a terminal, a log and the ledger.
const maxShownValue = 100

// clip returns v cut to maxShownValue characters, with "…" and the full length when cut.
func clip(v string) string {
	n := 0
	for i := range v {
		if n == maxShownValue {
			return fmt.Sprintf("%s…(%d bytes)", v[:i], len(v))
		}
		n++
	}
	return v
}

// ErrUnknownFormat is wrapped by the error Registry.Detect returns when no connector claims a
// file.
var ErrUnknownFormat = errors.New("unknown format")

// ErrAmbiguousFormat is wrapped by the error Registry.Detect returns when several connectors
// claim a file.
var ErrAmbiguousFormat = errors.New("ambiguous format")
