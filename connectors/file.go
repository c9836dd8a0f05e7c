package connectors

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// File is an export whose encoding and table layout were sniffed once, from its first bytes,
// so that every connector's Detect looks at the same header. A File never holds the text of
// a delimited file: connectors read it as a stream with Open (through the sheet package),
// as many times as they need, so memory does not grow with the file. A workbook (.xlsx, or
// the Excel 2003 XML that legacy Facebook calls .xls) is decoded into worksheets, each a
// File of its own, so connectors read a worksheet exactly as they read a CSV; workbooks are
// capped in size (csvio.MaxUnzipped, csvio.MaxCells), so holding their cells is bounded.
type File struct {
	// Name is where the file came from, used in error positions ("exports/fb.csv:14:37");
	// a worksheet's Name adds the sheet: "exports/linkedin.xlsx[Metrics]".
	Name string
	// Encoding is how the bytes were decoded: "utf-8", "utf-8 bom", "utf-16le", "utf-16be"
	// or "windows-1252" (a legacy Excel re-save; worth flagging to the user).
	Encoding string
	// Container is "" for delimited text, or "xlsx", "xls", "spreadsheetml" for workbooks.
	Container string
	// Sheet is the worksheet's name when the File is one sheet of a workbook.
	Sheet string
	// ContainerErr says why a workbook could not be decoded (a legacy binary .xls, a
	// damaged or oversized .xlsx); such a file has no sheets and no connector claims it.
	ContainerErr error

	// Where Open reads the bytes: path on disk (checked against size and modTime, so a file
	// replaced between two passes is an error rather than a mix of two files), or data.
	path    string
	data    []byte
	size    int64
	modTime time.Time
	charset csvio.Charset
	blank   bool // the decoded text is empty or white space

	sheets  []*File
	primary int // index in sheets of the worksheet Header describes; -1 for none
	layout  csvio.Layout

	mu      sync.Mutex
	decided map[string]any // see Remember
}

// Remember keeps a decision a connector made from every value of some columns (the file's
// decimal separator, its date order), so that a later pass over the same File does not read
// the whole file again for it: the ingest makes a pass ahead while the warehouse opens
// (pipeline.ReadAhead). key says what was decided from which columns.
func (f *File) Remember(key string, decision any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.decided == nil {
		f.decided = map[string]any{}
	}
	f.decided[key] = decision
}

// Recall returns the decision remembered under key.
func (f *File) Recall(key string) (any, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.decided[key]
	return d, ok
}

// maxHead bounds how far into a file the header is looked for; a file whose header is not
// in its first 4 MiB has no header Goalpost recognises.
const maxHead = 4 << 20

// ErrChanged says an export changed on disk while it was being read.
var ErrChanged = errors.New("the file changed while it was being read")

// ReadFile sniffs the export at path from its first bytes. Delimited text is not read
// further until a connector opens it; a workbook is decoded whole (it is capped in size).
func ReadFile(path string) (*File, error) {
	fd, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	st, err := fd.Stat()
	if err != nil {
		return nil, err
	}
	head := make([]byte, min(st.Size(), csvio.HeadSize))
	if _, err := io.ReadFull(fd, head); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if c := csvio.Container(head); c != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return NewFile(path, data)
	}
	f := &File{Name: path, path: path, size: st.Size(), modTime: st.ModTime()}
	valid := func(from int64) (bool, error) {
		if _, err := fd.Seek(from, io.SeekStart); err != nil {
			return false, err
		}
		return validUTF8(fd)
	}
	if err := f.sniff(head, valid, func(n int64) ([]byte, error) {
		b := make([]byte, n)
		_, err := fd.ReadAt(b, 0)
		return b, err
	}); err != nil {
		return nil, err
	}
	return f, nil
}

// NewFile sniffs an export held in memory (tests, small inputs); name is only used in
// messages. The File keeps data, which must not be changed afterwards.
func NewFile(name string, data []byte) (*File, error) {
	f := &File{Name: name, Container: csvio.Container(data), data: data, size: int64(len(data))}
	if data == nil {
		f.data = []byte{}
	}
	switch f.Container {
	case "":
	case csvio.XLSX, csvio.SpreadsheetML, csvio.XLS:
		f.data = nil
		f.decodeWorkbook(data)
		return f, nil
	}
	valid := func(from int64) (bool, error) { return utf8.Valid(data[from:]), nil }
	head := data[:min(len(data), csvio.HeadSize)]
	if err := f.sniff(head, valid, func(n int64) ([]byte, error) { return data[:n], nil }); err != nil {
		return nil, err
	}
	return f, nil
}

// sniff decides the encoding from head and the layout from as much of the start of the file
// as it takes to see the header (readHead returns the file's first n bytes).
func (f *File) sniff(head []byte, validUTF8 func(int64) (bool, error), readHead func(n int64) ([]byte, error)) error {
	c, err := csvio.DetectCharset(head, f.size, validUTF8)
	if err != nil {
		return fmt.Errorf("decoding %s: %w", f.Name, err)
	}
	f.charset, f.Encoding = c, c.Encoding
	for {
		whole := int64(len(head)) >= f.size
		r, err := c.NewReader(bytes.NewReader(head))
		if err != nil {
			return fmt.Errorf("decoding %s: %w", f.Name, err)
		}
		text, err := io.ReadAll(r)
		if err != nil {
			return fmt.Errorf("decoding %s: %w", f.Name, err)
		}
		l, ok := csvio.SniffHead(string(text), whole)
		if ok || whole || len(head) >= maxHead {
			f.layout = l
			f.blank = whole && strings.TrimSpace(string(text)) == ""
			return nil
		}
		if head, err = readHead(min(f.size, int64(len(head))*4)); err != nil {
			return fmt.Errorf("reading %s: %w", f.Name, err)
		}
	}
}

// validUTF8 reports whether everything r reads is valid UTF-8, reading it in chunks.
func validUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 1<<20)
	carry := 0
	for {
		n, err := io.ReadFull(r, buf[carry:])
		chunk := buf[:carry+n]
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return utf8.Valid(chunk), nil
		}
		if err != nil {
			return false, err
		}
		// A character cut by the end of the chunk is checked with the next one.
		cut := len(chunk)
		for i := 1; i <= 3 && i <= len(chunk); i++ {
			if utf8.RuneStart(chunk[len(chunk)-i]) {
				if !utf8.FullRune(chunk[len(chunk)-i:]) {
					cut = len(chunk) - i
				}
				break
			}
		}
		if !utf8.Valid(chunk[:cut]) {
			return false, nil
		}
		carry = copy(buf, chunk[cut:])
	}
}

// Open returns the file's text decoded to UTF-8 (without byte-order mark) as a stream from
// its first byte. Each call starts again from the beginning; the caller closes it. A
// workbook or worksheet has no text: its cells are in its Layout.
func (f *File) Open() (io.ReadCloser, error) {
	if f.Container != "" {
		return nil, fmt.Errorf("%s: a %s workbook has no delimited text", f.Name, f.Container)
	}
	var raw io.ReadCloser
	if f.data != nil {
		raw = io.NopCloser(bytes.NewReader(f.data))
	} else {
		fd, err := os.Open(f.path)
		if err != nil {
			return nil, err
		}
		if st, err := fd.Stat(); err != nil || st.Size() != f.size || !st.ModTime().Equal(f.modTime) {
			fd.Close()
			return nil, fmt.Errorf("%s: %w", f.Name, ErrChanged)
		}
		raw = fd
	}
	r, err := f.charset.NewReader(raw)
	if err != nil {
		raw.Close()
		return nil, fmt.Errorf("reading %s: %w", f.Name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{r, raw}, nil
}

// Blank reports whether the file is empty or holds only white space.
func (f *File) Blank() bool { return f.Container == "" && f.blank }

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
