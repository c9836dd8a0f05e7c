package analyst

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		script   string
		want     []Statement
		rest     string
		complete bool
	}{
		{"one", "SELECT 1;", []Statement{{"SELECT 1", 1}}, "", true},
		{"two on lines", "SELECT 1;\n\nSELECT 2;\n", []Statement{{"SELECT 1", 1}, {"SELECT 2", 3}}, "", true},
		{"multi-line", "SELECT\n  1\n;", []Statement{{"SELECT\n  1", 1}}, "", true},
		{"semicolon in string", "SELECT 'a;b';", []Statement{{"SELECT 'a;b'", 1}}, "", true},
		{"escaped quote", `SELECT 'it\'s;' , 'x''y;';`, []Statement{{`SELECT 'it\'s;' , 'x''y;'`, 1}}, "", true},
		{"quoted identifier", "SELECT 1 AS `a;b`, 2 AS \"c;d\";", []Statement{{"SELECT 1 AS `a;b`, 2 AS \"c;d\"", 1}}, "", true},
		{"line comment", "SELECT 1 -- not; the end\n;", []Statement{{"SELECT 1 -- not; the end", 1}}, "", true},
		{"block comment", "SELECT /* ; */ 1;", []Statement{{"SELECT /* ; */ 1", 1}}, "", true},
		{"comment only", "-- nothing here;\n/* ; */", nil, "", true},
		{"empty statements", ";;  ;", nil, "", true},
		{"unfinished", "SELECT 1;\nSELECT 2", []Statement{{"SELECT 1", 1}}, "\nSELECT 2", false},
		{"open string", "SELECT 'abc;", nil, "SELECT 'abc;", false},
		{"open comment", "SELECT /* abc;", nil, "SELECT /* abc;", false},
		{"leading comment keeps its line", "-- title: x\nSELECT 1;", []Statement{{"-- title: x\nSELECT 1", 1}}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rest, complete := Split(tt.script)
			if !reflect.DeepEqual(got, tt.want) || rest != tt.rest || complete != tt.complete {
				t.Errorf("Split(%q) = %+v, %q, %v; want %+v, %q, %v", tt.script, got, rest, complete, tt.want, tt.rest, tt.complete)
			}
		})
	}
}

func TestSplitAllTakesTheLastStatementWithoutSemicolon(t *testing.T) {
	got := SplitAll("SELECT 1;\n\n-- second\nSELECT 2\n")
	want := []Statement{{"SELECT 1", 1}, {"-- second\nSELECT 2", 3}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitAll = %+v, want %+v", got, want)
	}
	if got := SplitAll("SELECT 'open"); len(got) != 1 || got[0].SQL != "SELECT 'open" {
		t.Errorf("an unterminated literal goes to the engine as it is: %+v", got)
	}
}
