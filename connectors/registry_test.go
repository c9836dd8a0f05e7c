package connectors_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/meta"
)

func TestRegistryLookup(t *testing.T) {
	reg := catalog.Default()
	if c, err := reg.Lookup("meta-posts"); err != nil || c.Spec().Name != "meta-posts" {
		t.Fatalf("Lookup(meta-posts) = %v, %v", c, err)
	}
	_, err := reg.Lookup("facebook")
	if err == nil || !strings.Contains(err.Error(), `unknown connector "facebook"`) || !strings.Contains(err.Error(), "meta-daily") {
		t.Errorf("Lookup(unknown) error = %v, want one listing the known connectors", err)
	}
	if len(reg.All()) != len(reg.Names()) || len(reg.All()) < 10 {
		t.Errorf("All() has %d connectors", len(reg.All()))
	}
}

func TestRegistryDuplicatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewRegistry with a duplicate name did not panic")
		}
	}()
	connectors.NewRegistry(meta.Posts{}, meta.Daily{}, meta.Posts{})
}

func TestRegistryDetectErrors(t *testing.T) {
	// Two connectors claiming the same file: a registry that holds meta-daily twice under
	// different names would be a bug; simulate it with a renamed wrapper.
	reg := connectors.NewRegistry(meta.Daily{}, renamed{meta.Daily{}, "meta-daily-copy"})
	f, err := connectors.NewFile("Reach.csv", []byte("sep=,\n\"Facebook reach\"\n\"Date\",\"Primary\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = reg.Detect(f)
	if !errors.Is(err, connectors.ErrAmbiguousFormat) || !strings.Contains(err.Error(), "meta-daily and meta-daily-copy") {
		t.Errorf("Detect(ambiguous) = %v", err)
	}

	f, _ = connectors.NewFile("exports/posts.csv", []byte("\"Post ID\",Permalink,Reach\n1,https://x,3\n"))
	_, err = catalog.Default().Detect(f)
	want := `exports/posts.csv: unknown format: header ["Post ID" "Permalink" "Reach"]; closest: meta-posts (missing "Publish time", "Post type")`
	if !errors.Is(err, connectors.ErrUnknownFormat) || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Detect(unknown) =\n %v\nwant prefix\n %s", err, want)
	}
}

type renamed struct {
	connectors.Connector
	name string
}

func (r renamed) Spec() connectors.Spec {
	s := r.Connector.Spec()
	s.Name = r.name
	return s
}

func TestParseErrorFormat(t *testing.T) {
	tests := []struct {
		err  connectors.ParseError
		want string
	}{
		{connectors.ParseError{File: "exports/fb.csv", Line: 14, Column: 37, ColumnName: "Reach", Value: "1 204,5", Kind: "integer", Expected: "a whole number such as 1204"},
			`exports/fb.csv:14:37: column "Reach": invalid integer "1 204,5" (expected a whole number such as 1204)`},
		{connectors.ParseError{File: "a.csv", Line: 1, Column: 1, Msg: `missing required column(s) "Date"`},
			`a.csv:1:1: missing required column(s) "Date"`},
		{connectors.ParseError{File: "a.csv", Msg: "the file mixes decimal points and decimal commas"},
			`a.csv: the file mixes decimal points and decimal commas`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() =\n %s\nwant\n %s", got, tt.want)
		}
	}
}
