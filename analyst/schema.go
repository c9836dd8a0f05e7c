package analyst

import (
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"

	sqlfiles "github.com/goalpost/goalpost/sql"
)

// Object is an analyst-facing table or view, documented by the comments of its migration
// in sql/schema: a first paragraph that describes it, and one line per column,
//
//	-- column name (Type): what the column holds
//
// A migration with column lines is analyst-facing; the others (the *_store tables that the
// views read) are the pipeline's business.
type Object struct {
	Name        string
	Kind        string // "table" or "view"
	Description string
	File        string // e.g. sql/schema/0004_metrics_daily.sql
	Columns     []ObjectColumn
}

// ObjectColumn is one documented column.
type ObjectColumn struct {
	Name, Type, Description string
}

var (
	columnLineRE = regexp.MustCompile(`^--\s*column\s+([A-Za-z_][A-Za-z0-9_]*)\s+\((.+?)\):\s*(.+)$`)
	createRE     = regexp.MustCompile(`(?i)CREATE\s+(TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)`)
)

// Schema returns the analyst-facing objects in migration order.
func Schema() ([]Object, error) {
	files := sqlfiles.FS()
	names, err := fs.Glob(files, "schema/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Object
	for _, name := range names {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		o, ok, err := parseObject("sql/"+name, string(b))
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, o)
		}
	}
	return out, nil
}

func parseObject(file, text string) (Object, bool, error) {
	o := Object{File: file}
	var desc []string
	inDesc := true
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "--") {
			break // the statement: the documentation is the comment block above it
		}
		if m := columnLineRE.FindStringSubmatch(line); m != nil {
			o.Columns = append(o.Columns, ObjectColumn{Name: m[1], Type: m[2], Description: m[3]})
			inDesc = false
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(line, "--")), "column ") {
			return o, false, fmt.Errorf("%s:%d: a column line reads `-- column name (Type): description`", file, i+1)
		}
		body := strings.TrimSpace(strings.TrimPrefix(line, "--"))
		if body == "" {
			inDesc = false
		}
		if inDesc {
			desc = append(desc, body)
		}
	}
	if len(o.Columns) == 0 {
		return o, false, nil
	}
	m := createRE.FindStringSubmatch(text)
	if m == nil {
		return o, false, fmt.Errorf("%s: documents columns but creates no table or view", file)
	}
	o.Kind, o.Name = strings.ToLower(m[1]), m[2]
	d := strings.Join(desc, " ")
	d = strings.TrimSpace(strings.TrimPrefix(d, o.Name+":"))
	if d != "" {
		d = strings.ToUpper(d[:1]) + d[1:]
	}
	o.Description = d
	return o, true, nil
}

// WriteSchemaText prints the objects for a terminal: each name and description, then its
// columns, types and descriptions aligned.
func WriteSchemaText(w io.Writer, objs []Object) error {
	for i, o := range objs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%s)\n", o.Name, o.Kind)
		for _, l := range wrap(o.Description, 88) {
			fmt.Fprintf(w, "  %s\n", l)
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, c := range o.Columns {
			fmt.Fprintf(tw, "    %s\t%s\t%s\n", c.Name, c.Type, c.Description)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// WriteSchemaMarkdown writes docs/schema.md.
func WriteSchemaMarkdown(w io.Writer, objs []Object) error {
	var b strings.Builder
	b.WriteString("# The warehouse schema for analysts\n\n")
	b.WriteString("<!-- Generated from the comments in sql/schema/ by `go test ./cmd/goalpost -run TestSchemaDoc -update`. Do not edit: edit the comments. -->\n\n")
	b.WriteString("These are the tables and views to query, with `goalpost sql`, saved queries, or any ClickHouse\n")
	b.WriteString("client on a server warehouse. `goalpost schema` prints the same. The views already hold one\n")
	b.WriteString("row per key from the newest export of each file that loaded completely, so a plain `sum()` is\n")
	b.WriteString("right; the `*_store` tables behind them are the pipeline's and may hold several versions of a row.\n")
	b.WriteString("Times are UTC `DateTime`s; convert with `toTimeZone(at, 'Europe/Paris')`.\n\n")
	for _, o := range objs {
		fmt.Fprintf(&b, "- [`%s`](#%s) — %s\n", o.Name, o.Name, firstSentence(o.Description))
	}
	for _, o := range objs {
		fmt.Fprintf(&b, "\n## %s\n\n", o.Name)
		fmt.Fprintf(&b, "A %s, defined in `%s`. %s\n\n", o.Kind, o.File, o.Description)
		b.WriteString("| Column | Type | Description |\n|---|---|---|\n")
		for _, c := range o.Columns {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", c.Name, c.Type, strings.ReplaceAll(c.Description, "|", `\|`))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
