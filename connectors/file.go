package connectors

import (
	"fmt"
	"os"

	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// File is an export decoded to UTF-8, with the layout of its table sniffed once so that
// every connector's Detect looks at the same header. A workbook (.xlsx, or the Excel 2003
// XML that legacy Facebook calls .xls) is decoded into worksheets, each a File of its own,
// so connectors read a worksheet exactly as they read a CSV.
type File struct {
	// Name is where the file came from, used in error positions ("exports/fb.csv:14:37");
	// a worksheet's Name adds the sheet: "exports/linkedin.xlsx[Metrics]".
	Name string
	// Encoding is how the bytes were decoded: "utf-8", "utf-8 bom", "utf-16le", "utf-16be"
	// or "windows-1252" (a legacy Excel re-save; worth flagging to the user).
	Encoding string
	// Container is "" for delimited text, or "xlsx", "xls", "spreadsheetml" for workbooks.
	Container string
	// Text is the decoded content without byte-order mark ("" for workbooks).
	Text string
	// Sheet is the worksheet's name when the File is one sheet of a workbook.
	Sheet string
	// ContainerErr says why a workbook could not be decoded (a legacy binary .xls, a
	// damaged or oversized .xlsx); such a file has no sheets and no connector claims it.
	ContainerErr error

	sheets  []*File
	primary int // index in sheets of the worksheet Header describes; -1 for none
	layout  csvio.Layout
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
	switch f.Container {
	case "":
	case csvio.XLSX, csvio.SpreadsheetML, csvio.XLS:
		f.decodeWorkbook(data)
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

func (f *File) decodeWorkbook(data []byte) {
	var sheets []csvio.Worksheet
	var err error
	switch f.Container {
	case csvio.XLSX:
		sheets, err = csvio.ReadXLSX(data)
	case csvio.SpreadsheetML:
		sheets, err = csvio.ReadSpreadsheetML(data)
	case csvio.XLS:
		sheets, err = csvio.ReadXLS(data)
	}
	if err != nil {
		f.ContainerErr = err
		return
	}
	f.layout, f.primary = csvio.SniffGrid(nil), -1
	for _, ws := range sheets {
		s := &File{Name: fmt.Sprintf("%s[%s]", f.Name, ws.Name), Container: f.Container, Sheet: ws.Name, layout: csvio.SniffGrid(ws.Rows), primary: -1}
		f.sheets = append(f.sheets, s)
		if f.primary < 0 && s.layout.Header != nil {
			f.layout, f.primary = s.layout, len(f.sheets)-1
		}
	}
}

// Header returns the names of the table's header row as written, or nil when the file has
// no recognisable table. For a workbook it is the header of the first worksheet that has
// one.
func (f *File) Header() []string { return f.layout.Header }

// Comma returns the field delimiter, from a "sep=" line or sniffed.
func (f *File) Comma() rune { return f.layout.Comma }

// Layout exposes what was sniffed to the connector packages (csvio is internal to them).
func (f *File) Layout() csvio.Layout { return f.layout }

// Sheets returns the worksheets of a workbook in workbook order; nil for delimited text.
func (f *File) Sheets() []*File { return f.sheets }

// Table returns the File whose table Header describes: f itself for delimited text and for
// a worksheet, the first worksheet with a header for a workbook (nil when it has none).
func (f *File) Table() *File {
	switch {
	case f.sheets == nil && f.ContainerErr == nil:
		return f
	case f.primary >= 0:
		return f.sheets[f.primary]
	}
	return nil
}
