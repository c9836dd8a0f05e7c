package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

// A person who fills in the volunteer form twice signed up once, on the first day. The view
// must say so whatever the person's hash: before 0035_signups.sql it picked one of the two
// rows of equal version arbitrarily, and the demo's sign-up figures moved from run to run
// with the salt.
func TestRepeatedSignupCountsOnItsFirstDay(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Volunteer Sign-up (Responses) - Form Responses 1.csv")
	form := "Timestamp,Email Address,Full name,Phone number,Which shifts can you do?,How did you hear about us? ,Anything else we should know?\n" +
		"9/6/2024 10:00:00,ana@example.org,Ana,,Saturday morning,Facebook,\n" +
		"9/20/2024 11:00:00,bob@example.org,Bob,,Saturday morning,Instagram,\n" +
		"10/2/2024 12:00:00,ana@example.org,Ana,,Sunday,A friend,\n" +
		"10/3/2024 12:00:00,bob@example.org,Bob,,Sunday,Newsletter,\n"
	if err := os.WriteFile(path, []byte(form), 0o644); err != nil {
		t.Fatal(err)
	}
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		// Different salts give different hashes, and so a different order of the rows
		// inside the engine; the figures must not follow it.
		for _, salt := range []string{"first salt", "second salt", "third salt"} {
			in := newIngester(e, salt)
			in.Options.Salt = salt
			ingest(t, in, path)
			res, err := e.Query(context.Background(),
				"SELECT toString(toDate(at)), channel FROM signups WHERE org = {org:String} ORDER BY at",
				warehouse.Params{"org": salt})
			if err != nil {
				t.Fatal(err)
			}
			want := [][2]string{{"2024-09-06", "facebook"}, {"2024-09-20", "instagram"}}
			if len(res.Rows) != len(want) {
				t.Fatalf("salt %q: %d sign-ups, want %d: %v", salt, len(res.Rows), len(want), res.Rows)
			}
			for i, w := range want {
				if got := [2]string{res.Rows[i][0].(string), res.Rows[i][1].(string)}; got != w {
					t.Errorf("salt %q: sign-up %d is %v, want %v (the first row of each person)", salt, i+1, got, w)
				}
			}
		}
	})
}
