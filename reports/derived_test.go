package reports

import (
	"math"
	"testing"
)

func ptr(v float64) *float64 { return &v }

func TestChange(t *testing.T) {
	tests := []struct {
		name      string
		now, base *float64
		want      *float64
	}{
		{"up", ptr(120), ptr(100), ptr(0.2)},
		{"down", ptr(75), ptr(100), ptr(-0.25)},
		{"no actual", nil, ptr(100), nil},
		{"no base", ptr(100), nil, nil},
		{"base zero has no percentage", ptr(100), ptr(0), nil},
		{"NaN", ptr(math.NaN()), ptr(1), nil},
		{"negative base keeps the direction", ptr(-50), ptr(-100), ptr(0.5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Headline{Actual: tt.now, Previous: tt.base, LastYear: tt.base}
			for _, c := range []*float64{got.ChangeVsPrevious(), got.ChangeVsLastYear()} {
				if (c == nil) != (tt.want == nil) || (c != nil && math.Abs(*c-*tt.want) > 1e-12) {
					t.Errorf("change = %v, want %v", deref(c), deref(tt.want))
				}
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestCoverageStatus(t *testing.T) {
	en, _ := LabelsFor("en")
	fr, _ := LabelsFor("fr")
	tests := []struct {
		c      Coverage
		en, fr string
	}{
		{Coverage{DaysWithData: 31, DaysInPeriod: 31}, "Complete", "Complet"},
		{Coverage{DaysWithData: 30, DaysInPeriod: 31}, "1 day missing", "1 jour manquant"},
		{Coverage{DaysWithData: 27, DaysInPeriod: 31}, "4 days missing", "4 jours manquants"},
		{Coverage{DaysWithData: 0, DaysInPeriod: 31}, "No data", "Aucune donnée"},
	}
	for _, tt := range tests {
		if got := en.CoverageStatus(tt.c); got != tt.en {
			t.Errorf("en %+v: %q, want %q", tt.c, got, tt.en)
		}
		if got := fr.CoverageStatus(tt.c); got != tt.fr {
			t.Errorf("fr %+v: %q, want %q", tt.c, got, tt.fr)
		}
	}
}

func TestLabelsFor(t *testing.T) {
	for _, lang := range []string{"", "de", "EN", "fr-FR"} {
		if _, err := LabelsFor(lang); err == nil {
			t.Errorf("LabelsFor(%q) accepted an unsupported language", lang)
		}
	}
}
