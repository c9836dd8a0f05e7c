package csvio

import (
	"testing"
	"time"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name, in, text, enc string
	}{
		{"utf8", "a,b\n", "a,b\n", UTF8},
		{"utf8 bom", "\xef\xbb\xbfPost ID,x\n", "Post ID,x\n", UTF8BOM},
		{"utf16le bom", "\xff\xfes\x00e\x00p\x00=\x00,\x00", "sep=,", UTF16LE},
		{"utf16be bom", "\xfe\xff\x00D\x00a", "Da", UTF16BE},
		{"utf16le no bom", "D\x00a\x00t\x00e\x00,\x00P\x00", "Date,P", UTF16LE},
		{"windows-1252", "caf\xe9;1\n", "café;1\n", Windows1252},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode([]byte(tt.in))
			if err != nil || text != tt.text || enc != tt.enc {
				t.Errorf("Decode(%q) = %q, %q, %v; want %q, %q", tt.in, text, enc, err, tt.text, tt.enc)
			}
		})
	}
	if _, _, err := Decode([]byte("\xff\xfeabc")); err == nil {
		t.Error("Decode(odd UTF-16) = nil error")
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, in   string
		comma      rune
		header     []string
		headerLine int
		title      string
	}{
		{"meta series", "sep=,\n\"Facebook reach\"\n\"Date\",\"Primary\"\n\"2025-01-01T00:00:00\",\"1\"\n", ',', []string{"Date", "Primary"}, 3, "Facebook reach"},
		{"tab series", "sep=\t\r\nFacebook reach\t\r\nDate\tPrimary\r\n", '\t', []string{"Date", "Primary"}, 3, "Facebook reach"},
		{"excel semicolon", "Facebook follows;\nDate;Primary\n2025-10-31T00:00:00;4\n", ';', []string{"Date", "Primary"}, 2, "Facebook follows"},
		{"ga4 preamble", "# ----\r\n# Account: X\r\n# \r\nDate,Sessions\r\n20250101,3\r\n", ',', []string{"Date", "Sessions"}, 4, ""},
		{"quoted commas", "\"a,b\";c;d\n1;2;3\n", ';', []string{"a,b", "c", "d"}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Sniff(tt.in)
			if l.Comma != tt.comma || l.HeaderLine != tt.headerLine || len(l.Header) < len(tt.header) {
				t.Fatalf("Sniff = comma %q header %q at %d; want %q %q at %d", l.Comma, l.Header, l.HeaderLine, tt.comma, tt.header, tt.headerLine)
			}
			for i, h := range tt.header {
				if l.Header[i] != h {
					t.Errorf("header[%d] = %q, want %q", i, l.Header[i], h)
				}
			}
			var title string
			if ts := l.Title(); len(ts) > 0 {
				title = ts[0].Text
			}
			if title != tt.title {
				t.Errorf("title = %q, want %q", title, tt.title)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Other Clicks":            "other clicks",
		"Phone number clicks ":    "phone number clicks",
		"IMPRESSION:UNIQUE_USERS": "impression unique users",
		"Impressões (orgânicas)":  "impressoes organicas",
		"Duration (sec)":          "duration sec",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		in      string
		decimal byte
		want    float64
		count   bool // also a valid count
		bad     bool
	}{
		{"1938.0", '.', 1938, true, false},
		{"1,234", '.', 1234, true, false},
		{"1,234.5", '.', 1234.5, false, false},
		{"1 204,5", ',', 1204.5, false, false},
		{"1.234,56", ',', 1234.56, false, false},
		{"0,25", ',', 0.25, false, false},
		{"23.45%", '.', 23.45, false, false},
		{"-12", '.', -12, true, false},
		{"0,25", '.', 0, false, true},
		{"12,34,5", '.', 0, false, true},
		{"abc", '.', 0, false, true},
		{"NaN", '.', 0, false, true},
		{"0x1p3", '.', 0, false, true},
		{"6.49E+17", '.', 6.49e17, false, false},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in, tt.decimal)
		if (err != nil) != tt.bad || (!tt.bad && got != tt.want) {
			t.Errorf("ParseNumber(%q, %q) = %v, %v; want %v (bad %v)", tt.in, tt.decimal, got, err, tt.want, tt.bad)
		}
		_, err = ParseCount(tt.in, tt.decimal)
		if (err == nil) != tt.count {
			t.Errorf("ParseCount(%q) error = %v, want valid=%v", tt.in, err, tt.count)
		}
	}
	for _, m := range []string{"", " ", "-", "--", "N/A", "NAN"} {
		if !IsMissing(m) {
			t.Errorf("IsMissing(%q) = false", m)
		}
	}
	if IsMissing("0") {
		t.Error(`IsMissing("0") = true: zero is a value`)
	}
}

func TestDetectDecimal(t *testing.T) {
	tests := []struct {
		in   []string
		want byte
		bad  bool
	}{
		{[]string{"1", "1,234", "4.28"}, '.', false},
		{[]string{"0,25", "1.234"}, ',', false},
		{[]string{"1.234,5"}, ',', false},
		{[]string{"1,234"}, '.', false},
		{[]string{"0,25", "4.28"}, 0, true},
	}
	for _, tt := range tests {
		got, err := DetectDecimal(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("DetectDecimal(%q) = %q, %v; want %q (bad %v)", tt.in, got, err, tt.want, tt.bad)
		}
	}
}

func TestDates(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	tests := []struct {
		in    string
		order DateOrder
		want  string // RFC 3339 in UTC
	}{
		{"02/16/2025 05:14", MonthFirst, "2025-02-16T04:14:00Z"},
		{"16/02/2025 05:14", DayFirst, "2025-02-16T04:14:00Z"},
		{"2025-03-30T01:00:00", MonthFirst, "2025-03-30T00:00:00Z"},
		{"2016-12-23 18:50 +0000", MonthFirst, "2016-12-23T18:50:00Z"},
		{"20231010", MonthFirst, "2023-10-09T22:00:00Z"},
		{"Aug 28, 2025", MonthFirst, "2025-08-27T22:00:00Z"},
		{"Mon Feb 17 2025", MonthFirst, "2025-02-16T23:00:00Z"},
		{"Sun, Nov 9, 2025", MonthFirst, "2025-11-08T23:00:00Z"},
		{"Jan 02, 2025 10:00 am", MonthFirst, "2025-01-02T09:00:00Z"},
		{"3/28/25 6:30 PM", MonthFirst, "2025-03-28T17:30:00Z"},
		{"2025/10/31 18:19:10", MonthFirst, "2025-10-31T17:19:10Z"},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in, tt.order, paris)
		if err != nil || got.UTC().Format(time.RFC3339) != tt.want {
			t.Errorf("ParseTime(%q) = %v, %v; want %s", tt.in, got.UTC(), err, tt.want)
		}
	}
	for _, bad := range []string{"2025-02-30", "13/13/2025", "Lifetime", "", "12:00 2025-01-01"} {
		if _, err := ParseTime(bad, MonthFirst, paris); err == nil {
			t.Errorf("ParseTime(%q) = nil error", bad)
		}
	}
	if o, err := DetectDateOrder([]string{"01/02/2025", "13/02/2025"}, MonthFirst); o != DayFirst || err != nil {
		t.Errorf("DetectDateOrder(day > 12) = %v, %v", o, err)
	}
	if _, err := DetectDateOrder([]string{"13/02/2025", "02/13/2025"}, MonthFirst); err == nil {
		t.Error("DetectDateOrder(contradictory) = nil error")
	}
}
