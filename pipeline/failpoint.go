package pipeline

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Failpoints let the crash-consistency tests stop a real ingest with SIGKILL exactly at a
// named step: GOALPOST_FAILPOINT=mid-insert:3 kills the process the third time an ingest
// reaches "mid-insert". Unset (always, outside those tests), they do nothing.
//
// The steps, in order, for each file: before-loading (hashed and parsed, nothing written),
// after-loading (the ledger says loading, no rows yet), mid-insert (after each batch insert),
// after-insert (every row written, the ledger still says loading), after-loaded. On an engine
// with a stage (warehouse.Stage) mid-insert is also reached while the file is parsed, after
// each batch is staged (before before-loading: nothing is in a table yet), and then after
// each table's insert from the stage.
type failpoints struct {
	name string
	at   int
	hits int
}

func newFailpoints() *failpoints {
	spec := os.Getenv("GOALPOST_FAILPOINT")
	if spec == "" {
		return nil
	}
	name, count, _ := strings.Cut(spec, ":")
	n, err := strconv.Atoi(count)
	if err != nil || n < 1 {
		n = 1
	}
	return &failpoints{name: name, at: n}
}

func (f *failpoints) reach(name string) {
	if f == nil || name != f.name {
		return
	}
	f.hits++
	if f.hits == f.at {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // SIGKILL cannot be caught; never go on
	}
}
