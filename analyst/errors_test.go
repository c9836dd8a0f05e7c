package analyst

import (
	"errors"
	"testing"
	"time"

	"github.com/goalpost/goalpost/warehouse"
)

func TestExplain(t *testing.T) {
	syntax := &warehouse.QueryError{Code: 62, Pos: 24, Statement: "x",
		Err: errors.New("Code: 62. DB::Exception: Syntax error: failed at position 24 (FRM): FRM x. Expected one of: a, b, c, d, e, f, g, h. (SYNTAX_ERROR)")}
	tests := []struct {
		name string
		err  error
		file string
		st   Statement
		h    Hints
		want string
	}{
		{"syntax error in a file", syntax, "q.sql", Statement{SQL: "-- c\nSELECT 1,\n\t2 AS n FRM x", Line: 3}, Hints{},
			"q.sql:5:9: Syntax error: failed at position 24 (FRM): FRM x. Expected one of: a, b, c, d, e, f and 2 more (SYNTAX_ERROR, code 62)\n" +
				"   2 AS n FRM x\n" +
				"          ^"},
		{"syntax error in an argument", syntax, "", Statement{SQL: "-- c\nSELECT 1,\n\t2 AS n FRM x", Line: 1}, Hints{},
			"line 3, column 9: Syntax error: failed at position 24 (FRM): FRM x. Expected one of: a, b, c, d, e, f and 2 more (SYNTAX_ERROR, code 62)\n" +
				"   2 AS n FRM x\n" +
				"          ^"},
		{"read-only", &warehouse.QueryError{Code: 164, Err: errors.New("Code: 164. DB::Exception: default: Cannot execute query in readonly mode. (READONLY)")}, "", Statement{SQL: "DROP TABLE posts", Line: 1}, Hints{Flags: true},
			"Cannot execute query in readonly mode (READONLY, code 164)\n  The session is read-only: statements that write, change the schema or settings are refused, and so are table functions that reach outside the warehouse (file, url, s3, remote and others). Run it with --write if you mean to change the warehouse."},
		{"timeout from outside", warehouse.TimeoutError("e", "q", 2*time.Second), "", Statement{SQL: "q", Line: 1}, Hints{Flags: true, Limits: warehouse.Limits{MaxTime: 2 * time.Second}},
			"stopped after the time limit of 2s (code 159)\n  The statement hit the time limit (--max-time 2s): narrow it with WHERE or LIMIT, or raise --max-time."},
		{"other", errors.New("warehouse is in use: held by pid 7"), "", Statement{}, Hints{}, "warehouse is in use: held by pid 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Explain(tt.err, tt.file, tt.st, tt.h); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"2GB": 2 << 30, "512mb": 512 << 20, "1.5GiB": 3 << 29, "1000": 1000, "0": 0, "64 MB": 64 << 20} {
		got, err := ParseBytes(in)
		if err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "lots", "-1GB", "1e30GB"} {
		if _, err := ParseBytes(bad); err == nil {
			t.Errorf("ParseBytes(%q) accepted", bad)
		}
	}
	if got := FormatBytes(2 << 30); got != "2GB" {
		t.Errorf("FormatBytes = %q", got)
	}
}
