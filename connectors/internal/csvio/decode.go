// Package csvio decodes export files and reads their delimited tables. Only the connectors
// import it: it knows the byte-level quirks (BOMs, UTF-16, "sep=" hints, comment preambles,
// locale numbers and dates) so that each connector only deals with named columns.
package csvio

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings reported by Decode.
const (
	UTF8        = "utf-8"
	UTF8BOM     = "utf-8 bom"
	UTF16LE     = "utf-16le"
	UTF16BE     = "utf-16be"
	Windows1252 = "windows-1252"
)

// Containers reported by Container for files that are not delimited text.
const (
	XLSX          = "xlsx"          // Office Open XML workbook (a zip)
	XLS           = "xls"           // BIFF8 compound document
	SpreadsheetML = "spreadsheetml" // Excel 2003 XML, what legacy Facebook calls ".xls"
)

// Container recognises spreadsheet containers by their first bytes, never by file name, and
// returns "" for anything else (which is then treated as delimited text).
func Container(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return XLSX
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return XLS
	}
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("<?xml")) && bytes.Contains(head, []byte("urn:schemas-microsoft-com:office:spreadsheet")) {
		return SpreadsheetML
	}
	return ""
}

// ErrOddUTF16 reports a UTF-16 file cut in the middle of a code unit.
var ErrOddUTF16 = errors.New("utf-16 text has an odd number of bytes (truncated file?)")

// Charset says how a file's bytes become UTF-8 text: the encoding (UTF8, UTF8BOM, UTF16LE,
// UTF16BE or Windows1252) and the length of the byte-order mark in front of the text.
type Charset struct {
	Encoding string
	BOM      int
}

// HeadSize is how much of a file DetectCharset and Sniff look at: enough for any export's
// preamble and header, small enough that a file's size never matters.
const HeadSize = 64 << 10

// DetectCharset decides how to decode a file from its first bytes (head, at most a few
// HeadSize) and its size in bytes. Meta's overview series are UTF-16LE with a BOM; Meta
// content exports are UTF-8 with a BOM; files re-saved by Excel on Windows can be a legacy
// code page, which we read as Windows-1252 because it is the only single-byte page that
// accepts every byte and keeps the ASCII header names intact.
//
// UTF-8 must be valid in the whole file, not only in its head: when the head is valid UTF-8
// and does not hold the whole file, validUTF8 is called with the offset where the text
// starts and must report whether everything from there on is valid.
func DetectCharset(head []byte, size int64, validUTF8 func(from int64) (bool, error)) (Charset, error) {
	utf8From := func(bom int, name string) (Charset, error) {
		ok := validPrefix(head[bom:], int64(len(head)) < size)
		if ok && int64(len(head)) < size {
			var err error
			if ok, err = validUTF8(int64(bom)); err != nil {
				return Charset{}, err
			}
		}
		if !ok {
			return Charset{Windows1252, bom}, nil
		}
		return Charset{name, bom}, nil
	}
	var c Charset
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return utf8From(3, UTF8BOM)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		c = Charset{UTF16LE, 2}
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		c = Charset{UTF16BE, 2}
	case looksUTF16LE(head):
		c = Charset{UTF16LE, 0}
	default:
		return utf8From(0, UTF8)
	}
	if (size-int64(c.BOM))%2 != 0 {
		return c, ErrOddUTF16
	}
	return c, nil
}

// validPrefix reports whether b is valid UTF-8; when cut is true b is only the start of the
// text, so a character cut in two at its end is allowed.
func validPrefix(b []byte, cut bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if !cut {
		return false
	}
	// Drop an incomplete last character (at most 3 bytes) and try again.
	for i := 1; i <= 3 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			return !utf8.FullRune(b[len(b)-i:]) && utf8.Valid(b[:len(b)-i])
		}
	}
	return false
}

// NewReader returns the UTF-8 text of a file whose bytes r reads from the start: the
// byte-order mark is skipped and the rest decoded on the fly, so no file is ever held whole.
func (c Charset) NewReader(r io.Reader) (io.Reader, error) {
	if c.BOM > 0 {
		if _, err := io.CopyN(io.Discard, r, int64(c.BOM)); err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
	}
	switch c.Encoding {
	case UTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()), nil
	case UTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()), nil
	case Windows1252:
		return transform.NewReader(r, charmap.Windows1252.NewDecoder()), nil
	}
	return r, nil
}

// Decode turns the raw bytes of an export held in memory into UTF-8 text without a
// byte-order mark and names the encoding it found (see DetectCharset).
func Decode(data []byte) (text, encoding string, err error) {
	c, err := DetectCharset(data, int64(len(data)), nil)
	if err != nil {
		return "", c.Encoding, err
	}
	r, err := c.NewReader(bytes.NewReader(data))
	if err != nil {
		return "", c.Encoding, err
	}
	b, err := io.ReadAll(r)
	return string(b), c.Encoding, err
}

// looksUTF16LE catches UTF-16LE text whose BOM was lost: ASCII text then has a NUL in every
// odd byte.
func looksUTF16LE(data []byte) bool {
	n := min(len(data), 64) &^ 1
	if n < 8 {
		return false
	}
	for i := 0; i < n; i += 2 {
		if data[i] == 0 || data[i+1] != 0 {
			return false
		}
	}
	return true
}
