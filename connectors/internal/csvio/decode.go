// Package csvio decodes export files and reads their delimited tables. Only the connectors
// import it: it knows the byte-level quirks (BOMs, UTF-16, "sep=" hints, comment preambles,
// locale numbers and dates) so that each connector only deals with named columns.
package csvio

import (
	"bytes"
	"errors"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
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

// Decode turns the raw bytes of an export into UTF-8 text without a byte-order mark and
// names the encoding it found. Meta's overview series are UTF-16LE with a BOM; Meta content
// exports are UTF-8 with a BOM; files re-saved by Excel on Windows can be a legacy code page,
// which we read as Windows-1252 because it is the only single-byte page that accepts every
// byte and keeps the ASCII header names intact.
func Decode(data []byte) (text, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if !utf8.Valid(data) {
			return decode1252(data), Windows1252, nil
		}
		return string(data), UTF8BOM, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		s, err := decodeUTF16(data[2:], false)
		return s, UTF16LE, err
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s, err := decodeUTF16(data[2:], true)
		return s, UTF16BE, err
	case looksUTF16LE(data):
		s, err := decodeUTF16(data, false)
		return s, UTF16LE, err
	case utf8.Valid(data):
		return string(data), UTF8, nil
	default:
		return decode1252(data), Windows1252, nil
	}
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

func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	if len(data)%2 != 0 {
		return "", ErrOddUTF16
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	return string(utf16.Decode(units)), nil
}

func decode1252(data []byte) string {
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		// Windows-1252 maps every byte; an error here would be a bug in x/text.
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD")))
	}
	return string(out)
}
