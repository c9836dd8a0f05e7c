package analyst

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/warehouse"
)

// SavedQuery is one .sql file of an organisation's queries/ folder: a single statement whose
// result becomes a sheet of the workbook and a table of the dashboard.
type SavedQuery struct {
	File  string // path of the file
	Title string // from a "-- title: ..." first line, else the file name
	SQL   string
	Line  int // line of the file the statement starts on
}

// LoadSaved reads the .sql files of dir in name order. A folder that does not exist holds
// no queries. A file with no statement or more than one is an error naming the file.
func LoadSaved(dir string) ([]SavedQuery, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("saved queries: %w", err)
	}
	var out []SavedQuery
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".sql") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("saved query %s: %w", path, err)
		}
		text := strings.TrimPrefix(string(b), "\uFEFF")
		stmts := SplitAll(text)
		switch len(stmts) {
		case 0:
			return nil, fmt.Errorf("%s: no SQL statement in the file", path)
		case 1:
		default:
			return nil, fmt.Errorf("%s:%d: a saved query holds one statement, this file has %d (split it into one file per table)", path, stmts[1].Line, len(stmts))
		}
		title := titleOf(text)
		if title == "" {
			title = strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		}
		out = append(out, SavedQuery{File: path, Title: title, SQL: stmts[0].SQL, Line: stmts[0].Line})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, nil
}

// titleOf reads "-- title: Donations from social, by month" from the first line.
func titleOf(text string) string {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	rest, ok := strings.CutPrefix(first, "--")
	if !ok {
		return ""
	}
	key, value, ok := strings.Cut(rest, ":")
	if !ok || !strings.EqualFold(strings.TrimSpace(key), "title") {
		return ""
	}
	return strings.TrimSpace(value)
}

// RunSaved runs the saved queries of dir in a restricted session on wh (read-only, within
// SavedLimits) and returns one table per query, in file-name order. params are what a query
// may use: the report passes {org:String}, {start:Date} and {end:Date} (end exclusive). An
// error names the file, the line and column, and the engine's message.
func RunSaved(ctx context.Context, wh warehouse.Engine, dir string, params warehouse.Params) ([]reports.Table, error) {
	saved, err := LoadSaved(dir)
	if err != nil || len(saved) == 0 {
		return nil, err
	}
	r, err := warehouse.Restrict(ctx, wh, warehouse.Session{Limits: SavedLimits})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var tables []reports.Table
	for _, q := range saved {
		res, err := r.Query(ctx, q.SQL, params)
		if err != nil {
			return nil, &savedError{msg: "saved query " + Explain(err, q.File, Statement{SQL: q.SQL, Line: q.Line}, Hints{Limits: SavedLimits}), err: err}
		}
		tables = append(tables, TableOf(q.Title, filepath.Base(q.File), res))
	}
	if err := r.Close(); err != nil {
		return nil, err
	}
	return tables, nil
}

// savedError reads like a compiler diagnostic and still matches the engine error's kind.
type savedError struct {
	msg string
	err error
}

func (e *savedError) Error() string { return e.msg }
func (e *savedError) Unwrap() error { return e.err }

// TableOf turns a result into a report table: numbers as float64 (decimals included), dates
// and times as time.Time, text as string, NULL as nil.
func TableOf(title, source string, res *warehouse.Result) reports.Table {
	t := reports.Table{Title: title, Source: source}
	kinds := make([]Kind, len(res.Columns))
	for i, c := range res.Columns {
		kinds[i] = KindOf(c.Type)
		t.Columns = append(t.Columns, reports.TableColumn{Name: c.Name, Kind: reports.ColumnKind(kinds[i])})
	}
	for _, row := range res.Rows {
		out := make([]any, len(row))
		for i, v := range row {
			switch {
			case v == nil:
			case kinds[i] == KindNumber:
				if f, ok := Number(v); ok {
					out[i] = f
				} else {
					out[i] = Text(res.Columns[i].Type, v)
				}
			case kinds[i] == KindDate || kinds[i] == KindDateTime:
				out[i] = v
			default:
				out[i] = Text(res.Columns[i].Type, v)
			}
		}
		t.Rows = append(t.Rows, out)
	}
	return t
}
