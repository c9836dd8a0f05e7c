package connectors

import (
	"fmt"
	"os"

	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// File is an export decoded to UTF-8, with the layout of its table sniffed once so that
// every connector's Detect looks at the same header.
type File struct {
	// Name is where the file came from, used in error positions ("exports/fb.csv:14:37").
	Name string
	// Encoding is how the bytes were decoded: "utf-8", "utf-8 bom", "utf-16le", "utf-16be"
	// or "windows-1252" (a legacy Excel re-save; worth flagging to the user).
	Encoding string
	// Container is "" for delimited text, or "xlsx", "xls", "spreadsheetml" for workbooks,
	// which no connector reads yet.
	Container string
	// Text is the decoded content without byte-order mark.
	Text string

	layout csvio.Layout
}

// ReadFile reads and decodes the export at path.
func ReadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return NewFile(path, data)
}

// NewFile decodes an export held in memory; name is only used in messages.
func NewFile(name string, data []byte) (*File, error) {
	f := &File{Name: name, Container: csvio.Container(data)}
	if f.Container != "" {
		return f, nil
	}
	text, enc, err := csvio.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("decoding %s: %w", name, err)
	}
	f.Text, f.Encoding = text, enc
	f.layout = csvio.Sniff(text)
	return f, nil
}

// Header returns the names of the table's header row as written, or nil when the file has
// no recognisable table.
func (f *File) Header() []string { return f.layout.Header }

// Comma returns the field delimiter, from a "sep=" line or sniffed.
func (f *File) Comma() rune { return f.layout.Comma }

// Layout exposes what was sniffed to the connector packages (csvio is internal to them).
func (f *File) Layout() csvio.Layout { return f.layout }
