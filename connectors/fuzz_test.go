package connectors_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
)

// maxSeed keeps the fuzz seeds small: the fuzzer mutates each seed many times a second.
const maxSeed = 256 << 10

// fuzzSeeds returns every connector's testdata input and the real exports of the shared
// corpus (when it is there), up to maxSeed bytes each.
func fuzzSeeds(t testing.TB) [][]byte {
	var paths []string
	inputs, _ := filepath.Glob(filepath.Join("*", "testdata", "*", "input.*"))
	paths = append(paths, inputs...)
	if root := corpusRoot(); root != "" {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				paths = append(paths, p)
			}
			return nil
		})
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) <= maxSeed {
			out = append(out, b)
		}
	}
	return out
}

// corpusRoot finds shared/corpus/exports above the test's directory, or returns "" (fuzz
// seeds from the real exports are a bonus here, not a requirement).
func corpusRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "shared", "corpus", "exports")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// FuzzDecodeDetectParse runs the decoder (encoding, container and layout sniffing), the
// registry's detection and the claiming connector's parser on arbitrary bytes, seeded with
// every connector's testdata and the real exports: any of them may refuse the input, none
// may panic or hang, and what a parse emits must be well formed.
func FuzzDecodeDetectParse(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
	}
	reg := catalog.Default()
	opts := connectors.Options{Org: "fuzz", Location: time.UTC, Salt: "fuzz-salt", ExportedAt: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := connectors.NewFile("fuzz", data)
		if err != nil {
			return
		}
		for _, s := range append([]*connectors.File{file}, file.Sheets()...) {
			_ = s.Header()
			_ = s.Blank()
		}
		c, err := reg.Detect(file)
		if err != nil {
			return
		}
		rec := &connectortest.Recorder{ArbitraryText: true}
		if err := c.Parse(context.Background(), file, opts, rec); err == nil {
			for _, p := range rec.Problems {
				t.Errorf("%s: %s", c.Spec().Name, p)
			}
		}
	})
}
