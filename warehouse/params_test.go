package warehouse

import (
	"strings"
	"testing"
	"time"
)

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"plain", "SELECT {a:String}, {b : UInt8}", []string{"a:String", "b:UInt8"}},
		{"inside string literal", "SELECT '{a:String}', {b:Date}", []string{"b:Date"}},
		{"escaped quote in literal", `SELECT 'it\'s {a:String}', {b:Date}`, []string{"b:Date"}},
		{"line comment", "SELECT 1 -- {a:String}\n, {b:Date}", []string{"b:Date"}},
		{"block comment", "SELECT /* {a:String} */ {b:Array(String)}", []string{"b:Array(String)"}},
		{"quoted identifier", "SELECT `{a:String}`, \"{c:String}\" FROM t", nil},
		{"not a placeholder", "SELECT {1, 2}", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range placeholders(tt.query) {
				got = append(got, p.Name+":"+p.Type)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("placeholders(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

func TestInlineQuotesEveryValue(t *testing.T) {
	q := "SELECT {s:String}, {d:Date}, {t:DateTime}, {n:UInt32}, {f:Float64}, {l:Array(String)}"
	params := Params{
		"s": `'); DROP TABLE posts; -- \ ` + "\n\x00",
		"d": time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC),
		"t": time.Date(2025, 10, 1, 12, 30, 0, 0, time.UTC),
		"n": 42,
		"f": 0.5,
		"l": []string{"a'b", `c\`},
	}
	texts, phs, err := bindings(q, params, false)
	if err != nil {
		t.Fatal(err)
	}
	got := inline(q, phs, texts)
	want := `SELECT '\'); DROP TABLE posts; -- \\ \x0A\x00', toDate('2025-10-01'), toDateTime('2025-10-01 12:30:00', 'UTC'), toUInt32('42'), toFloat64('0.5'), ['a\'b','c\\']`
	if got != want {
		t.Errorf("inline:\n got %s\nwant %s", got, want)
	}
}

func TestBindingsRejectsWrongValues(t *testing.T) {
	tests := []struct {
		query string
		p     Params
		want  string
	}{
		{"SELECT {a:String}", Params{}, `parameter "a" (String) has no value`},
		{"SELECT {a:UInt8}", Params{"a": "1; DROP"}, "want an integer"},
		{"SELECT {a:Date}", Params{"a": "2025-13-01"}, "want a date"},
		{"SELECT {a:Float64}", Params{"a": "NaN"}, "want a number"},
		{"SELECT {a:String}", Params{"a": 3}, "want a string"},
	}
	for _, tt := range tests {
		_, _, err := bindings(tt.query, tt.p, false)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("bindings(%q, %v) error = %v, want it to contain %q", tt.query, tt.p, err, tt.want)
		}
	}
}

func TestParseDSN(t *testing.T) {
	tests := []struct {
		dsn, wantErr, wantAddr, wantDB, wantCluster string
	}{
		{"clickhouse://u:p@db.example:9440/analytics", "", "db.example:9440", "analytics", ""},
		{"clickhouse://localhost", "", "localhost:9000", "default", ""},
		{"http://localhost:8123", "want clickhouse://", "", "", ""},
		{"clickhouse://", "want clickhouse://", "", "", ""},
		{"clickhouse://h/bad-name", "must be letters, digits and _", "", "", ""},
		{"clickhouse://h:9001/db?cluster=goalpost&dial_timeout=2s", "", "h:9001", "db", "goalpost"},
		{"clickhouse://h/db?cluster=a-b", "cluster name \"a-b\" must be letters, digits and _", "", "", ""},
		{"clickhouse://h/db?cluster=", "cluster name \"\" must be", "", "", ""},
	}
	for _, tt := range tests {
		d, err := parseDSN(tt.dsn)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseDSN(%q) error = %v, want %q", tt.dsn, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseDSN(%q): %v", tt.dsn, err)
			continue
		}
		if d.opts.Addr[0] != tt.wantAddr || d.db != tt.wantDB || d.cluster != tt.wantCluster {
			t.Errorf("parseDSN(%q) = %s/%s cluster %q, want %s/%s cluster %q", tt.dsn, d.opts.Addr[0], d.db, d.cluster, tt.wantAddr, tt.wantDB, tt.wantCluster)
		}
		if _, ok := d.opts.Settings["cluster"]; ok {
			t.Errorf("parseDSN(%q) passes cluster on to the server as a setting", tt.dsn)
		}
	}
	if got := redact("clickhouse://u:secret@h:9000/db"); strings.Contains(got, "secret") {
		t.Errorf("redact kept the password: %s", got)
	}
}
