package meta_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/meta"
)

// TestSkippedRowsShareOneReason: Meta writes an error row per post it failed on, with the
// post's id in the comment. A thousand of them must be one reason counted a thousand times
// (the ingest summary lists reasons), not a thousand reasons.
func TestSkippedRowsShareOneReason(t *testing.T) {
	in, err := os.ReadFile("testdata/meta-posts.facebook-2023-error-rows/input.csv")
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(string(in), "\n")
	var b strings.Builder
	b.WriteString(header + "\n")
	b.WriteString("1142900000000001,108900000000001,Page,,Post,0,\"12/13/2023 06:12\",N/A,https://www.facebook.com/p/1,0,0,Photo,,,,,Lifetime,,5969,6970,309,236,9,64,142,32,110,,\n")
	for i := range 1000 {
		fmt.Fprintf(&b, ",,,,,,,,,,,,,,,\"An error occurred while computing metadata for content with ID %d.\",Lifetime,51,,,,,,,,,,,\n", 933500000000001+i)
	}
	f, err := connectors.NewFile("errors.csv", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var rec reasons
	opts := connectors.Options{Org: "t", Location: time.UTC}
	if err := (meta.Posts{}).Parse(context.Background(), f, opts, &rec); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"no post id: An error occurred while computing metadata for content.": 1000}
	if len(rec.by) != 1 || rec.by[keyOf(want)] != 1000 {
		t.Errorf("skip reasons = %v, want %v", rec.by, want)
	}
	if rec.lines[0] != 3 || rec.lines[999] != 1002 {
		t.Errorf("skipped lines start %d and end %d, want 3 and 1002", rec.lines[0], rec.lines[999])
	}
}

func keyOf(m map[string]int) string {
	for k := range m {
		return k
	}
	return ""
}

// reasons is a sink that counts skip reasons as the ingest summary does.
type reasons struct {
	connectortest.Recorder
	by    map[string]int
	lines []int
}

func (r *reasons) Skip(line int, reason string) {
	if r.by == nil {
		r.by = map[string]int{}
	}
	r.by[reason]++
	r.lines = append(r.lines, line)
}
