// Package hostile generates the hostile-file corpus: every connector's testdata input and the
// small real exports of the shared corpus, each mutated some thirty ways, plus files built to
// exhaust a parser (zip bombs, XML entity expansion, a 10 MB line, a million columns). The
// files are made in memory by the tests; none is committed. It is apart from connectortest
// so that packages with an -update flag of their own (cmd/goalpost) can use it.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// File is one generated hostile input: a real layout mutated, or a file built to
// exhaust a parser (zip bomb, entity expansion, a 10 MB line, a million columns).
type File struct {
	// Name is unique and says what the file is: "<base>/<mutation>" or "special/<what>".
	Name string
	Data []byte
}

// maxHostileBase bounds the real exports used as bases: the mutations are about shapes,
// not sizes, and the corpus is run under -race in CI.
const maxHostileBase = 48 << 10

// Files generates the corpus in memory. The shared corpus is used when it is found above the
// connectors folder; the testdata inputs always are.
func Files(t testing.TB) []File {
	t.Helper()
	var out []File
	for _, b := range hostileBases(t) {
		out = append(out, mutate(b.name, b.data)...)
	}
	out = append(out, specials()...)
	seen := map[string]bool{}
	for _, h := range out {
		if seen[h.Name] {
			t.Fatalf("hostile corpus: duplicate name %s", h.Name)
		}
		seen[h.Name] = true
	}
	return out
}

type base struct {
	name string
	data []byte
}

func hostileBases(t testing.TB) []base {
	root := connectorsRoot(t)
	var out []base
	inputs, _ := filepath.Glob(filepath.Join(root, "*", "testdata", "*", "input.*"))
	for _, p := range inputs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, base{"testdata/" + filepath.Base(filepath.Dir(p)), b})
	}
	corpus := ""
	for d := root; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "shared", "corpus", "exports")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			corpus = p
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if corpus != "" {
		filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
				return err
			}
			if info, err := d.Info(); err != nil || info.Size() > maxHostileBase {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(corpus, p)
			out = append(out, base{"corpus/" + filepath.ToSlash(rel), b})
			return nil
		})
	}
	return out
}

var (
	yearRe   = regexp.MustCompile(`\b(19|20)\d\d\b`)
	numberRe = regexp.MustCompile(`(^|[,;\t])\d+([,;\t]|$)`)
)

// mutate returns the hostile variants of one real layout.
func mutate(name string, data []byte) []File {
	var out []File
	add := func(what string, b []byte) { out = append(out, File{name + "/" + what, b}) }
	add("truncated-half", data[:len(data)/2])
	add("truncated-end", data[:max(0, len(data)-5)])
	add("nul-in-middle", insertAt(data, len(data)/2, "\x00\x00\x00"))
	add("invalid-utf8-in-middle", insertAt(data, len(data)/2, "\xff\xfe\xc3("))
	if c := csvio.Container(data); c != "" {
		return append(out, mutateWorkbook(name, c, data)...)
	}
	text, _, err := csvio.Decode(data)
	if err != nil {
		return out
	}
	lines := strings.SplitAfter(text, "\n")
	hdr := csvio.Sniff(text).HeaderLine // 1-based; 0 when there is none
	body := func(fn func(i int, line string) string) []byte {
		var b strings.Builder
		for i, l := range lines {
			if i >= hdr && strings.TrimSpace(l) != "" {
				l = fn(i, l)
			}
			b.WriteString(l)
		}
		return []byte(b.String())
	}
	number := func(v string) []byte {
		return body(func(_ int, l string) string {
			loc := numberRe.FindStringSubmatchIndex(l)
			if loc == nil {
				return l
			}
			return l[:loc[3]] + v + l[loc[4]:]
		})
	}
	add("header-only", []byte(strings.Join(lines[:min(hdr, len(lines))], "")))
	add("header-twice", []byte(strings.Join(slices.Insert(slices.Clone(lines), min(hdr, len(lines)), lines[max(0, hdr-1)]), "")))
	add("nul-in-every-row", body(func(_ int, l string) string { return l[:len(l)/2] + "\x00" + l[len(l)/2:] }))
	add("invalid-utf8-in-every-row", body(func(_ int, l string) string { return l[:len(l)/2] + "\xc3\x28\xa0" + l[len(l)/2:] }))
	add("windows-1252-rows-in-utf8", body(func(i int, l string) string {
		if i%2 == 0 {
			return l + "caf\xe9,na\xefve\n"
		}
		return l
	}))
	add("utf16-row-in-utf8", body(func(i int, l string) string {
		if i == hdr+1 {
			return string(utf16le(l))
		}
		return l
	}))
	add("utf16-odd-length", append(utf16le("\ufeff"+text), 'x'))
	add("number-1e309", number("1e309"))
	add("number-minus-1e309", number("-1e309"))
	add("number-nan", number("NaN"))
	add("number-inf", number("Infinity"))
	add("number-huge-digits", number(strings.Repeat("9", 400)))
	add("number-hex", number("0x1p1023"))
	add("year-9999", body(func(_ int, l string) string { return yearRe.ReplaceAllString(l, "9999") }))
	add("year-0000", body(func(_ int, l string) string { return yearRe.ReplaceAllString(l, "0000") }))
	add("year-10000", body(func(_ int, l string) string { return yearRe.ReplaceAllString(l, "10000") }))
	add("quote-unterminated", body(func(i int, l string) string {
		if i == hdr {
			return `"` + l
		}
		return l
	}))
	add("quote-storm", body(func(_ int, l string) string { return `"a""b"""c",` + `"x"y,` + `""""""` + "," + l }))
	add("quote-multiline-field", body(func(i int, l string) string {
		if i == hdr {
			return `"` + strings.Repeat("line\n", 2000) + `",` + l
		}
		return l
	}))
	add("cr-only-line-ends", []byte(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\r"), "\n", "\r")))
	add("wide-row", body(func(i int, l string) string {
		if i == hdr {
			return strings.TrimRight(l, "\r\n") + strings.Repeat(",1", 100_000) + "\n"
		}
		return l
	}))
	add("formula-cells", body(func(_ int, l string) string {
		return strings.Replace(l, ",", `,"=HYPERLINK(""http://x"",""y"")",=cmd|' /C calc'!A0,`, 1)
	}))
	add("bom-twice", append([]byte("\xef\xbb\xbf\xef\xbb\xbf"), []byte(text)...))
	return out
}

func insertAt(b []byte, i int, s string) []byte {
	out := make([]byte, 0, len(b)+len(s))
	out = append(out, b[:i]...)
	out = append(out, s...)
	return append(out, b[i:]...)
}

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}

// mutateWorkbook returns the variants of a workbook specific to its container.
func mutateWorkbook(name, container string, data []byte) []File {
	var out []File
	add := func(what string, b []byte) { out = append(out, File{name + "/" + what, b}) }
	switch container {
	case csvio.SpreadsheetML:
		s := string(data)
		i := strings.Index(s, "?>") + 2
		dtd := func(d string) string { return s[:i] + d + s[i:] }
		add("xml-billion-laughs", []byte(dtd(laughs)+strings.Replace(s[i:], "<Data ss:Type=\"String\">", "<Data ss:Type=\"String\">&lol9;", 1)))
		add("xml-external-entity", []byte(dtd(`<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`)+strings.Replace(s[i:], "<Data ss:Type=\"String\">", "<Data ss:Type=\"String\">&xxe;", 1)))
		add("xml-year-9999", []byte(yearRe.ReplaceAllString(s, "9999")))
		add("xml-number-1e309", []byte(regexp.MustCompile(`(<Data ss:Type="Number">)[^<]*`).ReplaceAllString(s, "${1}1e309")))
		add("xml-number-nan", []byte(regexp.MustCompile(`(<Data ss:Type="Number">)[^<]*`).ReplaceAllString(s, "${1}NaN")))
		add("xml-row-index-huge", []byte(strings.Replace(s, "<Row", `<Row ss:Index="2000000000"`, 1)))
		add("xml-merge-across-huge", []byte(strings.Replace(s, "<Cell", `<Cell ss:MergeAcross="99999999"`, 1)))
		add("xml-deep-nesting", []byte(strings.Replace(s, "<Table", strings.Repeat("<x>", 100_000)+"<Table", 1)))
		add("xml-huge-cell", []byte(strings.Replace(s, "<Data ss:Type=\"String\">", "<Data ss:Type=\"String\">"+strings.Repeat("A", 200_000), 1)))
		add("xml-unclosed", []byte(s[:strings.LastIndex(s, "</Row>")]))
	case csvio.XLSX:
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return out
		}
		parts := map[string][]byte{}
		var names []string
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				return out
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			parts[f.Name] = b
			names = append(names, f.Name)
		}
		rezip := func(edit func(name string, b []byte) []byte) []byte {
			var buf bytes.Buffer
			w := zip.NewWriter(&buf)
			for _, n := range names {
				b := edit(n, parts[n])
				if b == nil {
					continue
				}
				fw, _ := w.Create(n)
				fw.Write(b)
			}
			w.Close()
			return buf.Bytes()
		}
		isSheet := func(n string) bool { return strings.HasPrefix(n, "xl/worksheets/sheet") }
		add("xlsx-no-workbook-part", rezip(func(n string, b []byte) []byte {
			if n == "xl/workbook.xml" {
				return nil
			}
			return b
		}))
		add("xlsx-sheet-billion-laughs", rezip(func(n string, b []byte) []byte {
			if isSheet(n) || n == "xl/sharedStrings.xml" {
				s := string(b)
				if i := strings.Index(s, "?>"); i >= 0 {
					return []byte(s[:i+2] + laughs + s[i+2:])
				}
			}
			return b
		}))
		add("xlsx-sheet-garbage", rezip(func(n string, b []byte) []byte {
			if isSheet(n) {
				return []byte("\x00\x01<<<not xml")
			}
			return b
		}))
		add("xlsx-cell-ref-XFD1048576", rezip(func(n string, b []byte) []byte {
			if isSheet(n) {
				return regexp.MustCompile(`r="[A-Z]+1"`).ReplaceAll(b, []byte(`r="XFD1048576"`))
			}
			return b
		}))
		add("xlsx-year-9999", rezip(func(n string, b []byte) []byte {
			if isSheet(n) || n == "xl/sharedStrings.xml" {
				return yearRe.ReplaceAll(b, []byte("9999"))
			}
			return b
		}))
		add("xlsx-number-1e309", rezip(func(n string, b []byte) []byte {
			if isSheet(n) {
				return regexp.MustCompile(`<v>\d+(\.\d+)?</v>`).ReplaceAll(b, []byte("<v>1e309</v>"))
			}
			return b
		}))
		add("xlsx-corrupt-central-directory", corruptTail(data))
	}
	return out
}

// laughs is the "billion laughs" entity expansion (10^9 "lol"s if expanded).
var laughs = func() string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE lolz [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, `<!ENTITY lol%d "%s">`, i, strings.Repeat("&"+prev+";", 10))
		prev = fmt.Sprintf("lol%d", i)
	}
	b.WriteString("]>")
	return b.String()
}()

func corruptTail(data []byte) []byte {
	b := slices.Clone(data)
	for i := max(0, len(b)-40); i < len(b); i++ {
		b[i] ^= 0x5a
	}
	return b
}

// specials are files built to exhaust a parser rather than mutations of a layout.
func specials() []File {
	var out []File
	add := func(what string, b []byte) { out = append(out, File{"special/" + what, b}) }
	r := rand.New(rand.NewPCG(10, 3))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return b
	}
	add("empty", nil)
	add("whitespace", []byte(" \n\t\r\n  \n"))
	add("utf8-bom-only", []byte("\xef\xbb\xbf"))
	add("utf16le-bom-only", []byte("\xff\xfe"))
	add("utf16be-bom-odd", []byte("\xfe\xff\x00"))
	add("utf16-unpaired-surrogate", append([]byte("\xff\xfe"), utf16le("Date,Reach\n")[:10]...))
	for i, n := range []int{1, 17, 4096, 65536, 300_000} {
		add(fmt.Sprintf("binary-%d-%d", i, n), random(n))
	}
	add("png-header", append([]byte("\x89PNG\r\n\x1a\n"), random(2000)...))
	add("gzip-header", append([]byte("\x1f\x8b\x08\x00"), random(2000)...))
	add("pdf-header", append([]byte("%PDF-1.7\n"), random(2000)...))
	add("legacy-xls-garbage", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, random(4096)...))
	add("zip-not-xlsx", zipOf(map[string][]byte{"hello.txt": []byte("hi")}))
	add("zip-empty", zipOf(nil))
	add("zip-truncated", []byte("PK\x03\x04\x14\x00\x00\x00"))

	const tenMB = 10 << 20
	add("single-line-10MB", bytes.Repeat([]byte("abcdefgh,"), tenMB/9))
	add("single-field-10MB-quoted", []byte("Date,Sessions\n\""+strings.Repeat("x", tenMB)+"\",1\n"))
	add("ga4-row-10MB", []byte("# ---\n# GA4\n# ---\n\nDate,Sessions,New users\n20250101,"+strings.Repeat("1", tenMB)+",2\n"))
	add("million-columns-header", []byte(strings.Repeat("c,", 1_000_000)+"c\n1,2\n"))
	add("million-columns-row", []byte("# ---\n# GA4\n# ---\n\nDate,Sessions,New users\n20250101,1,2"+strings.Repeat(",", 1_000_000)+"\n"))
	add("million-empty-lines", bytes.Repeat([]byte("\n"), 1_000_000))
	add("million-commas-lines", bytes.Repeat([]byte(",,\n"), 1_000_000))
	add("one-quote-then-10MB", append([]byte("Date,Sessions\n\""), bytes.Repeat([]byte("a,b\n"), tenMB/4)...))
	add("sep-hint-garbage", []byte("sep=\x00\nDate\x00Reach\n"))
	add("sep-hint-multibyte", []byte("sep=€\nDate€Reach\n2025-01-01€1\n"))
	add("header-10000-duplicates", []byte(strings.Repeat("Date,", 10_000)+"Date\n"))

	// Zip bombs as .xlsx: one whose sizes are told, one whose central directory lies.
	bomb := func(lie bool) []byte {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		w.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) { return flate.NewWriter(out, flate.BestSpeed) })
		for _, n := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
			fw, _ := w.Create(n)
			fw.Write([]byte(`<?xml version="1.0"?><x/>`))
		}
		fw, _ := w.Create("xl/worksheets/sheet1.xml")
		zeros := make([]byte, 1<<20)
		for range 256 { // 256 MiB of zeros: about 1 MiB compressed
			fw.Write(zeros)
		}
		w.Close()
		data := b.Bytes()
		if lie {
			// Rewrite the uncompressed sizes of the central directory to 1 KiB.
			for i := 0; i+46 < len(data); i++ {
				if binary.LittleEndian.Uint32(data[i:]) == 0x02014b50 {
					binary.LittleEndian.PutUint32(data[i+24:], 1024)
				}
			}
		}
		return data
	}
	add("zip-bomb-xlsx", bomb(false))
	add("zip-bomb-xlsx-lying-sizes", bomb(true))
	many := map[string][]byte{}
	for i := range csvio.MaxZipEntries + 1 {
		many[fmt.Sprintf("xl/p%d.xml", i)] = nil
	}
	add("zip-too-many-parts", zipOf(many))

	const xmlHead = `<?xml version="1.0"?>`
	const wb = `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">`
	add("xls-xml-billion-laughs", []byte(xmlHead+laughs+wb+`<Worksheet ss:Name="a"><Table><Row><Cell><Data ss:Type="String">&lol9;</Data></Cell></Row></Table></Worksheet></Workbook>`))
	add("xls-xml-external-entity", []byte(xmlHead+`<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`+wb+`<Worksheet ss:Name="a"><Table><Row><Cell><Data ss:Type="String">&xxe;</Data></Cell></Row></Table></Worksheet></Workbook>`))
	add("xls-xml-parameter-entity", []byte(xmlHead+`<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]>`+wb+`<Worksheet ss:Name="a"/></Workbook>`))
	add("xls-xml-no-worksheet", []byte(xmlHead+wb+`</Workbook>`))
	add("xls-xml-million-cells", []byte(xmlHead+wb+`<Worksheet ss:Name="a"><Table><Row>`+strings.Repeat(`<Cell><Data ss:Type="Number">1</Data></Cell>`, 20_000)+`</Row>`+strings.Repeat(`<Row><Cell><Data ss:Type="Number">1</Data></Cell></Row>`, 100_000)+`</Table></Worksheet></Workbook>`))
	add("xls-xml-facebook-year-9999", []byte(xmlHead+wb+`<Worksheet ss:Name="Key Metrics"><Table><Row><Cell><Data ss:Type="String">Date</Data></Cell><Cell><Data ss:Type="String">Lifetime Total Likes</Data></Cell></Row><Row><Cell><Data ss:Type="DateTime">9999-12-31T00:00:00.000</Data></Cell><Cell><Data ss:Type="Number">1e309</Data></Cell></Row></Table></Worksheet></Workbook>`))
	return out
}

func zipOf(parts map[string][]byte) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fw, _ := w.Create(n)
		fw.Write(parts[n])
	}
	w.Close()
	return b.Bytes()
}

// connectorsRoot finds the connectors folder (the one holding connector.go) at or above the
// test's directory, or below it in the module root.
func connectorsRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		for _, c := range []string{d, filepath.Join(d, "connectors")} {
			if _, err := os.Stat(filepath.Join(c, "connector.go")); err == nil && filepath.Base(c) == "connectors" {
				return c
			}
		}
		if filepath.Dir(d) == d {
			t.Fatalf("no connectors folder above %s", dir)
		}
	}
}
