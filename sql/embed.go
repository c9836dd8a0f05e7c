// Package sql holds every statement Goalpost runs, as .sql files embedded in the binary:
// schema/ numbered migrations, pipeline/ the ledger and ingest statements, queries/ the
// report queries, kpis/ one file per KPI. SQL is the single source of truth for every number.
package sql

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed schema/*.sql pipeline/*.sql queries/*.sql kpis/*.sql goals/*.sql scoped/*.sql
var files embed.FS

// FS returns the embedded SQL files.
func FS() fs.FS { return files }

// Statement returns the text of one file, e.g. Statement("pipeline/ledger_state.sql").
func Statement(name string) (string, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("sql file %s: %w", name, err)
	}
	return string(b), nil
}

// MustStatements resolves statements at start-up, so a missing file fails at once rather
// than in the 3 a.m. job. It panics on a missing name: that is a build defect, not bad input.
func MustStatements(names ...string) map[string]string {
	out := make(map[string]string, len(names))
	for _, n := range names {
		s, err := Statement(n)
		if err != nil {
			panic(err)
		}
		out[n] = s
	}
	return out
}

// Migration is one numbered schema file.
type Migration struct {
	Version uint32
	Name    string
	SQL     string
}

// Migrations returns the schema files in order. File names are NNNN_name.sql.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(files, "schema")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		var v uint32
		name := e.Name()
		if _, err := fmt.Sscanf(name, "%04d_", &v); err != nil || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("sql/schema/%s: migration names are NNNN_name.sql", name)
		}
		b, err := files.ReadFile("schema/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: strings.TrimSuffix(name, ".sql"), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("sql/schema: two migrations numbered %04d", out[i].Version)
		}
	}
	return out, nil
}
