package mapped_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/mapped"
)

// mappings are the two user mappings the testdata cases exercise.
func mappings() []mapped.Mapping {
	return []mapped.Mapping{
		{Name: "givelively-daily", Platform: "givelively", Description: "Give Lively daily fundraising summary",
			DateColumn: "Day", DateLayout: "02/01/2006",
			Metrics: map[string]string{"Page visits": "page_views", "Link clicks": "link_clicks"}},
		{Name: "newsletter-tool", Platform: "email", Account: "Supporters",
			DateColumn: "Date", DimensionColumn: "Source",
			Metrics: map[string]string{"Sends": "deliveries", "Opens (unique)": "opens"}},
	}
}

func registry(t testing.TB) *connectors.Registry {
	reg, err := catalog.WithMappings(mappings())
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func TestMapped(t *testing.T) {
	reg := registry(t)
	for _, m := range mappings() {
		t.Run(m.Name, func(t *testing.T) {
			c, err := reg.Lookup(m.Name)
			if err != nil {
				t.Fatal(err)
			}
			connectortest.Run(t, c, reg)
		})
	}
}

func TestNewValidates(t *testing.T) {
	tests := []struct {
		name string
		m    mapped.Mapping
		want []string
	}{
		{"empty", mapped.Mapping{}, []string{`name ""`, `platform ""`, "date_column is empty", "metrics is empty"}},
		{"bad layout and metric", mapped.Mapping{Name: "x-y", Platform: "web", DateColumn: "Date", DateLayout: "01/2006",
			Metrics: map[string]string{"Visits": "visitz", "date": "sessions"}},
			[]string{`date_layout "01/2006"`, `"Visits" maps to "visitz", which is not a canonical metric`, `column "date" is the same column as "Date"`}},
		{"dimension is a metric", mapped.Mapping{Name: "a", Platform: "web", DateColumn: "Date", DimensionColumn: "Channel",
			Metrics: map[string]string{"channel": "sessions"}}, []string{`column "channel" is the same column as "Channel"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mapped.New(tt.m)
			if !errors.Is(err, mapped.ErrInvalid) {
				t.Fatalf("New = %v, want ErrInvalid", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not mention %q", err, w)
				}
			}
		})
	}
	if _, err := catalog.WithMappings([]mapped.Mapping{{Name: "meta-posts", Platform: "web", DateColumn: "Date",
		Metrics: map[string]string{"Visits": "sessions"}}}); err == nil || !strings.Contains(err.Error(), "already taken") {
		t.Errorf("WithMappings(name of a built-in) = %v, want an error", err)
	}
}

func FuzzGiveLively(f *testing.F) {
	c, err := mapped.New(mappings()[0])
	if err != nil {
		f.Fatal(err)
	}
	connectortest.Fuzz(f, c)
}
