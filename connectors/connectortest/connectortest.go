// Package connectortest is the conformance suite every connector's tests run: golden cases
// from testdata, an empty file, a header-only file, cancellation, and detection that leaves
// the other connectors' samples alone.
package connectortest

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // golden cases name zones; tests must not depend on the host's zoneinfo

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/people"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

var update = flag.Bool("update", false, "rewrite want.tsv / want.err golden files")

// DefaultLocation is the organisation zone of golden cases without options.txt: one with
// DST, so that local-to-UTC conversion shows in the goldens.
const DefaultLocation = "Europe/Paris"

// Case is one testdata folder: testdata/<connector>.<case>/input.csv (or input.xlsx,
// input.xls for workbooks: the extension only helps people open the file; detection reads
// the content).
type Case struct {
	Dir       string
	Connector string
	Options   connectors.Options
	// Input is the path of the case's input file.
	Input string
}

// inputFile returns the input.* file of a case folder.
func inputFile(t testing.TB, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "input.*"))
	if len(m) != 1 {
		t.Fatalf("%s: want exactly one input.* file, found %d", dir, len(m))
	}
	return m[0]
}

// Cases lists the case folders under dir ("testdata"). Folder names start with the name of
// the connector they belong to and a dot, so one package can hold several connectors.
func Cases(t testing.TB, dir string) []Case {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	var out []Case
	for _, e := range ents {
		if !e.IsDir() || e.Name() == "fuzz" {
			continue
		}
		name, _, ok := strings.Cut(e.Name(), ".")
		if !ok {
			t.Fatalf("testdata case %q: name must be <connector>.<case>", e.Name())
		}
		c := Case{Dir: filepath.Join(dir, e.Name()), Connector: name}
		c.Options = options(t, c.Dir)
		c.Input = inputFile(t, c.Dir)
		out = append(out, c)
	}
	return out
}

// options reads the optional options.txt of a case: key=value lines for platform, account,
// location, exported (the download date, YYYY-MM-DD) and salt ("salt=" with nothing after
// it runs the case without a salt).
func options(t testing.TB, dir string) connectors.Options {
	t.Helper()
	opts := connectors.Options{Org: "test-org", Salt: "test-salt"}
	loc := DefaultLocation
	if f, err := os.Open(filepath.Join(dir, "options.txt")); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			k, v, _ := strings.Cut(sc.Text(), "=")
			switch strings.TrimSpace(k) {
			case "platform":
				opts.Platform = strings.TrimSpace(v)
			case "account":
				opts.Account = strings.TrimSpace(v)
			case "location":
				loc = strings.TrimSpace(v)
			case "salt":
				opts.Salt = strings.TrimSpace(v)
			case "exported":
				d, err := time.Parse(time.DateOnly, strings.TrimSpace(v))
				if err != nil {
					t.Fatalf("%s/options.txt: exported: %v", dir, err)
				}
				opts.ExportedAt = d
			case "":
			default:
				t.Fatalf("%s/options.txt: unknown key %q", dir, k)
			}
		}
	}
	l, err := time.LoadLocation(loc)
	if err != nil {
		t.Fatal(err)
	}
	opts.Location = l
	return opts
}

// Parse runs c on f with a Recorder.
func Parse(ctx context.Context, c connectors.Connector, f *connectors.File, opts connectors.Options) (*Recorder, error) {
	rec := &Recorder{}
	err := c.Parse(ctx, f, opts, rec)
	return rec, err
}

// Run checks connector c against its testdata and the conformance rules: each golden case
// (parsed twice on the same File, as the pipeline does), an empty file, a header-only file,
// cancellation, and detection that leaves the other connectors' samples alone. reg must hold
// every connector, so that detection is checked against the others.
func Run(t *testing.T, c connectors.Connector, reg *connectors.Registry) {
	name := c.Spec().Name
	var golden []Case
	for _, k := range Cases(t, "testdata") {
		if k.Connector == name {
			golden = append(golden, k)
		}
	}
	if len(golden) == 0 {
		t.Fatalf("%s: no testdata/%s.<case>/input.csv", name, name)
	}
	t.Run("spec", func(t *testing.T) {
		s := c.Spec()
		if s.Description == "" || s.HowToExport == "" || len(s.Columns) == 0 || len(s.Signature) == 0 {
			t.Errorf("spec of %s is incomplete: %+v", name, s)
		}
		if _, err := reg.Lookup(name); err != nil {
			t.Errorf("registry: %v", err)
		}
	})
	for _, k := range golden {
		t.Run("golden/"+filepath.Base(k.Dir), func(t *testing.T) { golden1(t, c, reg, k) })
	}
	first := golden[0]
	for _, k := range golden {
		if _, err := os.Stat(filepath.Join(k.Dir, "want.err")); err != nil {
			first = k
			break
		}
	}
	// The header-only check cuts a text file after its header line; it needs a CSV case.
	textCase := -1
	for i, k := range golden {
		if _, err := os.Stat(filepath.Join(k.Dir, "want.err")); err == nil || mustRead(t, k.Input).Container != "" {
			continue
		}
		textCase = i
		break
	}
	t.Run("empty", func(t *testing.T) {
		f, err := connectors.NewFile("empty.csv", nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.Detect(f) {
			t.Errorf("%s claims an empty file", name)
		}
		if _, err := Parse(context.Background(), c, f, first.Options); err == nil {
			t.Errorf("Parse(empty file) = nil error, want an error")
		}
	})
	t.Run("header-only", func(t *testing.T) {
		if textCase < 0 {
			t.Skip("no CSV golden case to cut after its header (workbook connector)")
		}
		first := golden[textCase]
		f := headerOnly(t, first.Input)
		if !c.Detect(f) {
			t.Fatalf("%s does not claim its header-only file:\n%s", name, Text(t, f))
		}
		rec, err := Parse(context.Background(), c, f, first.Options)
		if err != nil {
			t.Fatalf("Parse(header only) = %v, want no error", err)
		}
		if rec.Records != 0 {
			t.Errorf("Parse(header only) emitted %d records:\n%s", rec.Records, rec.TSV())
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		f := mustRead(t, first.Input)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Parse(ctx, c, f, first.Options); !errors.Is(err, context.Canceled) {
			t.Errorf("Parse(cancelled ctx) = %v, want context.Canceled", err)
		}
	})
	t.Run("others-samples", func(t *testing.T) {
		root := connectorsRoot(t)
		inputs, _ := filepath.Glob(filepath.Join(root, "*", "testdata", "*", "input.*"))
		for _, in := range inputs {
			owner, _, _ := strings.Cut(filepath.Base(filepath.Dir(in)), ".")
			if owner == name {
				continue
			}
			if c.Detect(mustRead(t, in)) {
				t.Errorf("%s claims %s, a sample of %s", name, in, owner)
			}
		}
	})
}

func golden1(t *testing.T, c connectors.Connector, reg *connectors.Registry, k Case) {
	in := k.Input
	f := mustRead(t, in)
	var rec *Recorder
	got, err := reg.Detect(f)
	if err == nil {
		if got.Spec().Name != c.Spec().Name {
			t.Fatalf("registry detects %s as %s, want %s", in, got.Spec().Name, c.Spec().Name)
		}
		rec, err = Parse(context.Background(), c, f, k.Options)
	}
	wantErr, wantTSV := filepath.Join(k.Dir, "want.err"), filepath.Join(k.Dir, "want.tsv")
	if *update {
		os.Remove(wantErr)
		os.Remove(wantTSV)
		if err != nil {
			writeFile(t, wantErr, err.Error()+"\n")
		} else {
			writeFile(t, wantTSV, rec.TSV())
		}
		return
	}
	if c.Spec().Personal {
		leaks(t, c, f, rec, err)
	}
	if b, rerr := os.ReadFile(wantErr); rerr == nil {
		if err == nil {
			t.Fatalf("Parse(%s) succeeded, want error %s", in, b)
		}
		if got, want := err.Error(), strings.TrimSpace(string(b)); got != want {
			t.Errorf("Parse(%s) error:\n got: %s\nwant: %s", in, got, want)
		}
		return
	}
	if err != nil {
		t.Fatalf("Parse(%s): %v", in, err)
	}
	for _, p := range rec.Problems {
		t.Errorf("%s: %s", in, p)
	}
	// The pipeline parses each file twice (check, then load): a File must read the same
	// the second time.
	if again, err := Parse(context.Background(), c, f, k.Options); err != nil || again.TSV() != rec.TSV() {
		t.Errorf("Parse(%s) a second time on the same File: %v, records differ (-first +second):\n%s", in, err, diff(rec.TSV(), again.TSV()))
	}
	b, rerr := os.ReadFile(wantTSV)
	if rerr != nil {
		t.Fatalf("%v (run go test -update)", rerr)
	}
	if got, want := rec.TSV(), string(b); got != want {
		t.Errorf("Parse(%s) records differ (-want +got):\n%s", in, diff(want, got))
	}
}

// diff prints the lines that differ, which is enough for TSV goldens.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("-" + a + "\n+" + c + "\n")
		}
	}
	return b.String()
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t testing.TB, path string) *connectors.File {
	t.Helper()
	f, err := connectors.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// headerOnly keeps a sample's bytes up to the end of its header line, so the preamble and
// encoding stay exactly as exported.
func headerOnly(t *testing.T, path string) *connectors.File {
	f := mustRead(t, path)
	n := f.Layout().HeaderLine
	text, lines := Text(t, f), 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			lines++
			if lines == n {
				text = text[:i+1]
				break
			}
		}
	}
	hf, err := connectors.NewFile(path+" (header only)", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return hf
}

// Text returns the whole decoded text of a small file, for tests.
func Text(t testing.TB, f *connectors.File) string {
	t.Helper()
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// connectorsRoot finds the connectors folder (the one holding connector.go) above the
// test's directory.
func connectorsRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "connector.go")); err == nil && filepath.Base(d) == "connectors" {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatalf("no connectors folder above %s", dir)
		}
	}
}

// CorpusDir returns the shared corpus of real exports (../shared/corpus/exports from the
// repository root), found by walking up from the test's directory. Outside CI a missing
// corpus skips the test; with CI=true it fails, since CI must test against real files.
func CorpusDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "shared", "corpus", "exports")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("the real-export corpus (shared/corpus/exports) was not found above %s", dir)
	}
	t.Skipf("the real-export corpus (shared/corpus/exports) was not found above %s; skipping", dir)
	return ""
}

// Fuzz runs c's Detect and Parse on arbitrary bytes seeded with its testdata inputs: they
// may fail, never panic or hang.
func Fuzz(f *testing.F, c connectors.Connector) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", c.Spec().Name+".*", "input.*"))
	for _, in := range inputs {
		b, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	opts := connectors.Options{Org: "fuzz", Location: time.UTC, Salt: "fuzz-salt", ExportedAt: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := connectors.NewFile("fuzz.csv", data)
		if err != nil {
			return
		}
		_ = c.Detect(file)
		rec := &Recorder{ArbitraryText: true}
		err = c.Parse(context.Background(), file, opts, rec)
		if err == nil {
			for _, p := range rec.Problems {
				t.Errorf("%s", p)
			}
		}

	})
}

// leaks fails when a value of a personal column of f (e-mail, name, phone, address,
// comment, note) shows up in the records or in the error: exports with personal data may
// only yield salted hashes and categories.
func leaks(t *testing.T, c connectors.Connector, f *connectors.File, rec *Recorder, err error) {
	t.Helper()
	s, rerr := sheet.Read(context.Background(), f)
	if rerr != nil {
		return
	}
	who := people.Find(s.H)
	var out string
	if rec != nil {
		out = rec.TSV()
	}
	if err != nil {
		out += err.Error()
	}
	out = strings.ToLower(out)
	for i := range s.H.Raw {
		n := s.H.Norm(i)
		if !who.Personal(i) && !strings.Contains(n, "address") && !strings.Contains(n, "comment") && !strings.Contains(n, "note") && !strings.Contains(n, "email") {
			continue
		}
		eachErr := s.Each(context.Background(), func(r csvio.Record) error {
			v := strings.ToLower(strings.TrimSpace(r.Field(i)))
			if len(v) >= 6 && v != c.Spec().Platform && strings.Contains(out, v) {
				t.Errorf("%s: the value of personal column %q on line %d appears in the output", f.Name, s.H.Raw[i], r.Line())
			}
			return nil
		})
		if eachErr != nil && err == nil { // a file that failed to parse may fail to read too
			t.Fatal(eachErr)
		}
	}
}

// Updating reports whether the tests run with -update (rewrite generated files).
func Updating() bool { return *update }
