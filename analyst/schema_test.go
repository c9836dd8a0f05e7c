package analyst

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// TestSchemaDocumentsEveryColumn holds the documentation in sql/schema to the schema the
// engines build: every column of every analyst table, in order, with its type.
func TestSchemaDocumentsEveryColumn(t *testing.T) {
	objs, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range objs {
		names = append(names, o.Name)
		if o.Description == "" {
			t.Errorf("%s has no description", o.Name)
		}
	}
	if got := strings.Join(names, ","); got != "ingested_files,metrics_daily,posts,donations,job_runs,signups,post_metrics" {
		t.Errorf("documented objects %s", got)
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		for _, o := range objs {
			// The name comes from the embedded schema files, a fixed list.
			res, err := e.Query(context.Background(), "DESCRIBE TABLE "+o.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			for _, r := range res.Rows {
				got = append(got, fmt.Sprintf("%s %s", r[0], r[1]))
			}
			for _, c := range o.Columns {
				want = append(want, c.Name+" "+c.Type)
			}
			if strings.Join(got, ", ") != strings.Join(want, ", ") {
				t.Errorf("%s (%s):\nengine:     %s\ndocumented: %s", o.Name, o.File, strings.Join(got, ", "), strings.Join(want, ", "))
			}
		}
	})
}

func TestParseObjectRejectsAMalformedColumnLine(t *testing.T) {
	_, _, err := parseObject("x.sql", "-- t: a table\n-- column a String: no parentheses\nCREATE TABLE t (a String) ENGINE = Memory")
	if err == nil || !strings.Contains(err.Error(), "x.sql:2: a column line reads") {
		t.Errorf("got %v", err)
	}
}
