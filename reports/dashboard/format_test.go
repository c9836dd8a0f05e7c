package dashboard

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/goalpost/goalpost/reports"
)

func formats(t *testing.T) map[string]format {
	t.Helper()
	out := map[string]format{}
	for _, lang := range []string{"en", "fr"} {
		l, err := reports.LabelsFor(lang)
		if err != nil {
			t.Fatal(err)
		}
		out[lang] = newFormat(l, time.UTC)
	}
	return out
}

func ptr(v float64) *float64 { return &v }

func TestNumber(t *testing.T) {
	tests := []struct {
		in     *float64
		en, fr string
	}{
		{nil, "—", "—"},
		{ptr(math.NaN()), "—", "—"},
		{ptr(0), "0", "0"},
		{ptr(999), "999", "999"},
		{ptr(1000), "1,000", "1\u202f000"},
		{ptr(1234567.891), "1,234,567.89", "1\u202f234\u202f567,89"},
		{ptr(12.5), "12.5", "12,5"},
		{ptr(-4321.1), "−4,321.1", "−4\u202f321,1"},
		{ptr(-0.001), "0", "0"}, // rounds to zero: no "−0"
	}
	f := formats(t)
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "fr": tt.fr} {
			if got := f[lang].number(tt.in); got != want {
				t.Errorf("%s number(%v) = %q, want %q", lang, tt.in, got, want)
			}
		}
	}
}

func TestChange(t *testing.T) {
	tests := []struct {
		in            *float64
		en, fr, class string
	}{
		{nil, "—", "—", ""},
		{ptr(0.2346), "▲ +23.5%", "▲ +23,5\u202f%", "up"},
		{ptr(-0.177), "▼ −17.7%", "▼ −17,7\u202f%", "down"},
		{ptr(0.00001), "= 0.0%", "= 0,0\u202f%", ""},
		{ptr(12.5), "▲ +1,250.0%", "▲ +1\u202f250,0\u202f%", "up"},
	}
	f := formats(t)
	for _, tt := range tests {
		for lang, want := range map[string]string{"en": tt.en, "fr": tt.fr} {
			got, class := f[lang].change(tt.in)
			if got != want || class != tt.class {
				t.Errorf("%s change(%v) = %q %q, want %q %q", lang, tt.in, got, class, want, tt.class)
			}
		}
	}
}

func TestDates(t *testing.T) {
	f := formats(t)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tzdata")
	}
	tests := []struct {
		name   string
		got    func(format) string
		en, fr string
	}{
		{"first of month", func(f format) string { return f.date(time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)) },
			"1 October 2025", "1er octobre 2025"},
		{"other day", func(f format) string { return f.date(time.Date(2026, 2, 14, 0, 0, 0, 0, time.UTC)) },
			"14 February 2026", "14 février 2026"},
		{"zero", func(f format) string { return f.date(time.Time{}) }, "—", "—"},
		{"instant in zone", func(f format) string {
			f.zone = paris
			return f.instant(time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC))
		}, "1 January 2026, 00:30 CET", "1er janvier 2026 à 00:30 CET"},
		{"short in zone", func(f format) string {
			f.zone = paris
			return f.short(time.Date(2025, 7, 1, 6, 5, 0, 0, time.UTC))
		}, "1 Jul 2025 08:05", "1er juil. 2025 08:05"},
		{"month", func(f format) string { return f.month(time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)) },
			"Aug 2025", "août 2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for lang, want := range map[string]string{"en": tt.en, "fr": tt.fr} {
				if got := tt.got(f[lang]); got != want {
					t.Errorf("%s: %q, want %q", lang, got, want)
				}
			}
		})
	}
}

func TestTrendKeepsLast13MonthsAndGaps(t *testing.T) {
	s := reports.MonthlySeries{Platform: "facebook", Metric: "reach", Label: "Reach"}
	for i := 0; i < 15; i++ {
		p := reports.MonthPoint{Month: time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC).AddDate(0, i, 0), Value: ptr(float64(i))}
		if i == 10 {
			p.Value = nil
		}
		s.Points = append(s.Points, p)
	}
	tr, err := trends(&reports.Report{Monthly: []reports.MonthlySeries{s}}, formats(t)["en"], wordsFor("en"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tr) != 1 || tr[0].ID != "platform-1" {
		t.Fatalf("trends = %+v", tr)
	}
	if m := tr[0].Months; len(m) != 13 || m[0] != "Oct 2024" || m[12] != "Oct 2025" {
		t.Errorf("months = %q, want Oct 2024 … Oct 2025", m)
	}
	var opt struct {
		Series []struct {
			Data []struct{ Value any }
		}
	}
	if err := json.Unmarshal(tr[0].Option, &opt); err != nil {
		t.Fatal(err)
	}
	data := opt.Series[0].Data
	if len(data) != 13 || data[0].Value != 2.0 || data[8].Value != "-" || data[12].Value != 14.0 {
		t.Errorf("series data = %v, want 2 … \"-\" at the gap … 14", data)
	}
}
