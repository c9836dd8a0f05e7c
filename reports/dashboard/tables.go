package dashboard

import (
	"fmt"
	"time"

	"github.com/goalpost/goalpost/reports"
)

// maxTableRows is how many rows of a saved query the page shows; the workbook has them all.
const maxTableRows = 200

// tableView is a saved query's result as the page shows it: every value already formatted
// as text, which html/template escapes where it lands.
type tableView struct {
	ID      string // anchor, fixed by position so the page is deterministic
	Title   string
	Source  string
	Columns []tableColumnView
	Rows    [][]tableCellView
	Note    string // says when rows were left out
}

type tableColumnView struct {
	Name string
	Num  bool
}

type tableCellView struct {
	Text  string
	Num   bool
	Label string // the column name, for the phone layout
}

// tableWords are the sentences around saved-query tables.
type tableWords struct {
	Heading string
	From    string
	Empty   string
	Cut     string // printf: shown rows, total rows
}

func tableWordsFor(lang string) tableWords {
	if lang == "fr" {
		return tableWords{
			Heading: "Requêtes de l’organisation",
			From:    "Requête",
			Empty:   "Aucune ligne pour cette période.",
			Cut:     "Les %d premières lignes sur %d\u00a0; le classeur les contient toutes.",
		}
	}
	return tableWords{
		Heading: "The organisation’s queries",
		From:    "Query",
		Empty:   "No rows for this period.",
		Cut:     "The first %d of %d rows; the workbook has them all.",
	}
}

func newTableViews(ts []reports.Table, f format, w tableWords) []tableView {
	var out []tableView
	for i, t := range ts {
		v := tableView{ID: fmt.Sprintf("query-%d", i+1), Title: t.Title, Source: f.label(w.From, t.Source)}
		for _, c := range t.Columns {
			v.Columns = append(v.Columns, tableColumnView{Name: c.Name, Num: c.Kind == reports.KindNumber})
		}
		rows := t.Rows
		if len(rows) > maxTableRows {
			v.Note = fmt.Sprintf(w.Cut, maxTableRows, len(rows))
			rows = rows[:maxTableRows]
		}
		for _, row := range rows {
			cells := make([]tableCellView, len(t.Columns))
			for j := range cells {
				var val any
				if j < len(row) {
					val = row[j]
				}
				cells[j] = tableCellView{Text: tableText(f, t.Columns[j].Kind, val), Num: t.Columns[j].Kind == reports.KindNumber, Label: t.Columns[j].Name}
			}
			v.Rows = append(v.Rows, cells)
		}
		out = append(out, v)
	}
	return out
}

func tableText(f format, kind reports.ColumnKind, v any) string {
	switch x := v.(type) {
	case nil:
		return noValue
	case float64:
		return f.number(&x)
	case time.Time:
		if kind == reports.KindDateTime {
			return f.instant(x)
		}
		return f.date(x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}
