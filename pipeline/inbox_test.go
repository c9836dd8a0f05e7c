package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

func TestInboxArchivesGoodFilesAndQuarantinesBadOnes(t *testing.T) {
	warehousetest.Each(t, func(t *testing.T, e warehouse.Engine) {
		dir := t.TempDir()
		clock := &fakeClock{t: time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)}
		good := dailySeries(t, dir, "facebook/Views.csv", "Views", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), repeat(5, 31))
		bad := filepath.Join(dir, "notes.csv")
		os.WriteFile(bad, []byte("Name,Favourite colour\nAda,blue\n"), 0o644)
		in := &pipeline.Inbox{Dir: dir, Settle: 10 * time.Second, Clock: clock}
		ing := newIngester(e, "org1")

		// A file just dropped is left alone until it has stopped changing.
		if !in.Idle() {
			t.Fatal("files just seen are already taken")
		}
		clock.Set(clock.Now().Add(11 * time.Second))
		if in.Idle() {
			t.Fatal("settled files are not ready")
		}
		sum, err := in.Process(context.Background(), ing, e)
		if err != nil {
			t.Fatal(err)
		}
		if msg := sum.String(); !strings.Contains(msg, "2 files: 1 new") || !strings.Contains(msg, "1 rejected") {
			t.Errorf("summary = %q", msg)
		}
		for _, gone := range []string{good, bad} {
			if _, err := os.Stat(gone); !os.IsNotExist(err) {
				t.Errorf("%s is still in the inbox", gone)
			}
		}
		archived := filepath.Join(dir, "archive", "2026-11", "Views.csv")
		if _, err := os.Stat(archived); err != nil {
			t.Errorf("good file not archived: %v", err)
		}
		note, err := os.ReadFile(filepath.Join(dir, "quarantine", "notes.csv.error.txt"))
		if err != nil || !strings.Contains(string(note), "notes.csv") || !strings.Contains(string(note), "export it again") {
			t.Errorf("quarantine note: %q, %v", note, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "quarantine", "notes.csv")); err != nil {
			t.Errorf("bad file not kept in quarantine: %v", err)
		}
		// The Views series does not say its platform; the facebook/ folder did.
		if got := total(t, e, "org1", "views"); got != 155 {
			t.Errorf("views = %v, want 155", got)
		}
		res, _ := e.Query(context.Background(), "SELECT DISTINCT platform FROM metrics_daily WHERE org = 'org1'", nil)
		if len(res.Rows) != 1 || res.Rows[0][0] != "facebook" {
			t.Errorf("platforms = %v, want facebook from the folder", res.Rows)
		}
		// The same export dropped again is archived as already ingested, under a free name.
		again := dailySeries(t, dir, "facebook/Views.csv", "Views", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), repeat(5, 31))
		in.Ready()
		clock.Set(clock.Now().Add(11 * time.Second))
		sum, err = in.Process(context.Background(), ing, e)
		if err != nil || sum.Already != 1 {
			t.Errorf("second drop: %v, %v", sum, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "archive", "2026-11", "Views (2).csv")); err != nil {
			t.Errorf("second copy not archived beside the first: %v (%s)", err, again)
		}
		if got := total(t, e, "org1", "views"); got != 155 {
			t.Errorf("views after the second drop = %v, want 155", got)
		}
	})
}
