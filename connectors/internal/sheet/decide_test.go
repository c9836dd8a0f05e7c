package sheet

import (
	"context"
	"fmt"
	"testing"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// Decide decides once per File: a second Sheet over the same File (the ingest's pass after
// the one made ahead, or the server ingest's second pass) recalls the decision instead of
// reading the file again, and one over other columns decides afresh.
func TestDecideIsRememberedOnTheFile(t *testing.T) {
	ctx := context.Background()
	f, err := connectors.NewFile("day-first.csv", []byte("Date,Reach\n13/01/2025,\"1,5\"\n02/01/2025,\"2,25\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	read := func() *Sheet {
		s, err := Read(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := read()
	order, err := first.Decide(ctx, []int{1}, 0, csvio.MonthFirst)
	if err != nil || order != csvio.DayFirst || first.Decimal != ',' {
		t.Fatalf("Decide = %v, %v, decimal %q; want day first, decimal comma", order, err, first.Decimal)
	}
	key := fmt.Sprintf("sheet.Decide %v %d %d", []int{1}, 0, csvio.MonthFirst)
	if d, ok := f.Recall(key); !ok || d != (decision{decimal: ',', order: csvio.DayFirst}) {
		t.Fatalf("remembered %v, %v", d, ok)
	}
	// What the second Sheet gets is what is remembered, not what the file says: a
	// decision planted on the File shows it.
	f.Remember(key, decision{decimal: '.', order: csvio.MonthFirst})
	second := read()
	if order, err := second.Decide(ctx, []int{1}, 0, csvio.MonthFirst); err != nil || order != csvio.MonthFirst || second.Decimal != '.' {
		t.Errorf("second Decide = %v, %v, decimal %q; want the remembered month first and point", order, err, second.Decimal)
	}
	// Other columns: decided from the file.
	third := read()
	if order, err := third.Decide(ctx, nil, 0, csvio.MonthFirst); err != nil || order != csvio.DayFirst {
		t.Errorf("Decide of the date alone = %v, %v; want day first", order, err)
	}
}
