// Package pipeline moves exports into the warehouse and reports out of it: ingest runs with
// the file ledger, report runs, and (later) the inbox and the scheduler.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
)

// Outcome is what happened to one file.
type Outcome string

// The outcomes of ingesting a file.
const (
	New      Outcome = "new"
	Replaced Outcome = "replaced" // loaded, and its values replace overlapping earlier exports
	Already  Outcome = "already ingested"
	Rejected Outcome = "rejected"
	Checked  Outcome = "checked" // --dry-run: parsed, nothing written
)

// FileResult is the summary line of one file.
type FileResult struct {
	Path      string
	SHA256    string
	Connector string
	Outcome   Outcome
	Rows      int            // records loaded (or that would be, in a dry run)
	Skipped   map[string]int // rows left out on purpose, by reason
	DateMin   time.Time
	DateMax   time.Time
	Overlaps  int // earlier files whose overlapping values this one replaces
	Err       error
}

// Ingester loads export files into the warehouse for one organisation.
type Ingester struct {
	Warehouse  warehouse.Engine
	Connectors *connectors.Registry
	Options    connectors.Options // Org, time zone, salt
	DryRun     bool
	// BatchRows and BatchMB bound one INSERT: at most this many rows (DefaultBatchRows when
	// 0) and about this many MiB (DefaultBatchBytes when 0).
	BatchRows int
	BatchMB   int
	Now       func() time.Time
	Log       *slog.Logger
	// Sums, when set, has the files' SHA-256 computed ahead (HashAhead); otherwise each
	// file is hashed when its turn comes.
	Sums *Sums
	// Ahead, when set, has the first file sniffed, detected and its decisions made while
	// the warehouse opened (ReadAhead).
	Ahead *Ahead

	stmts map[string]string
	fail  *failpoints
	// lastAt and lastVersion are the newest ledger time and version written for the
	// organisation: every later load and ledger entry is stamped strictly after them.
	lastAt      time.Time
	lastVersion uint64
}

// Statements the ingester runs, resolved when it starts.
var ingestStatements = []string{
	"pipeline/ledger_last.sql",
	"pipeline/ledger_others.sql",
	"pipeline/ledger_state.sql",
	"pipeline/overlap_metrics.sql",
	"pipeline/overlap_posts.sql",
	"pipeline/remove_metrics_daily_store.sql",
	"pipeline/remove_posts_store.sql",
	"pipeline/remove_post_metrics_store.sql",
	"pipeline/remove_post_metric_sets_store.sql",
	"pipeline/remove_donations_store.sql",
	"pipeline/remove_signups_store.sql",
}

// ExpandPaths turns files and folders (walked recursively) into a sorted list of files.
// Hidden files and the inbox's own archive and quarantine folders are left out.
func ExpandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && (strings.HasPrefix(name, ".") || name == "archive" || name == "quarantine") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".error.txt") {
				return nil
			}
			out = append(out, path)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// IngestFiles ingests each file in order, calling report after each one. A rejected file does
// not stop the others; the results say what happened to each.
func (in *Ingester) IngestFiles(ctx context.Context, paths []string, report func(FileResult)) ([]FileResult, error) {
	if in.stmts == nil {
		in.stmts = sqlfiles.MustStatements(ingestStatements...)
		in.fail = newFailpoints()
		if err := in.readClock(ctx); err != nil {
			in.stmts = nil
			return nil, err
		}
	}
	var results []FileResult
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		r := in.ingestFile(ctx, p)
		if r.Err != nil && !r.rejectable() {
			return append(results, r), r.Err
		}
		results = append(results, r)
		if report != nil {
			report(r)
		}
	}
	return results, nil
}

// rejectable tells a problem with the file (reject it, go on) from a problem with the
// warehouse (stop: nothing else would load either).
func (r FileResult) rejectable() bool { return r.Outcome == Rejected }

func (in *Ingester) ingestFile(ctx context.Context, path string) FileResult {
	res := FileResult{Path: path, Skipped: map[string]int{}}
	defer in.Ahead.skip(path) // a file left before it was read stops the pass ahead over it
	sum, err := in.sum(ctx, path)
	if err != nil {
		return reject(res, err)
	}
	res.SHA256 = sum
	org := in.Options.Org

	if !in.DryRun {
		state, err := in.Warehouse.Query(ctx, in.stmts["pipeline/ledger_state.sql"], warehouse.Params{"org": org, "sha256": res.SHA256})
		if err != nil {
			res.Err = fmt.Errorf("ingest %s: ledger: %w", path, err)
			return res
		}
		if len(state.Rows) > 0 {
			switch state.Rows[0][0] {
			case "loaded":
				res.Outcome = Already
				if n, ok := state.Rows[0][2].(uint64); ok {
					res.Rows = int(n)
				}
				return res
			case "loading":
				// A run died during this file's insert: remove what it wrote, then load it again.
				if err := in.removeFile(ctx, res.SHA256); err != nil {
					res.Err = fmt.Errorf("ingest %s: removing a partial load: %w", path, err)
					return res
				}
			}
		}
	}

	f, c, ok := in.Ahead.take(path)
	if !ok {
		f, err = connectors.ReadFile(path)
		if err != nil {
			return in.rejectAndRecord(ctx, res, err)
		}
		c, err = in.Connectors.Detect(f)
		if err != nil {
			return in.rejectAndRecord(ctx, res, err)
		}
	}
	res.Connector = c.Spec().Name

	opts := fileOptions(in.Options, path)

	// On an engine with a stage (the embedded one), one pass checks every row, learns the
	// dates the file covers and builds the rows, which wait in the stage until the file is
	// known good and their version known. Otherwise this first pass keeps nothing, and the
	// load reads the file again. Either way a bad row rejects the file before anything is
	// written.
	stage, err := in.newStage()
	if err != nil {
		res.Err = fmt.Errorf("ingest %s: %w", path, err)
		return res
	}
	stats := newFileStats()
	var (
		sink   connectors.Sink = stats
		staged *teeSink
	)
	if stage != nil {
		defer stage.Discard()
		staged = &teeSink{stats: stats, rows: in.newBatch(ctx, res.SHA256, 0, time.Unix(0, 0).UTC(), func(ctx context.Context, t *table) error {
			if err := stage.Add(ctx, t.block()); err != nil {
				return err
			}
			in.fail.reach("mid-insert")
			return nil
		})}
		sink = staged
	}
	if err := c.Parse(ctx, f, opts, sink); err != nil {
		if staged != nil {
			staged.rows.wait()
			if staged.err != nil { // the stage failed, not the file
				res.Err = fmt.Errorf("ingest %s: %w", path, staged.err)
				return res
			}
		}
		if ctx.Err() != nil {
			res.Err = ctx.Err()
			return res
		}
		return in.rejectAndRecord(ctx, res, err)
	}
	if staged != nil {
		if err := staged.rows.flush(); err != nil {
			res.Err = fmt.Errorf("ingest %s: %w", path, err)
			return res
		}
	}
	res.Rows, res.Skipped = stats.records, stats.skipped
	res.DateMin, res.DateMax = stats.dateMin, stats.dateMax
	if res.Rows == 0 {
		return in.rejectAndRecord(ctx, res, fmt.Errorf("%s: no rows to load (the export is empty)", path))
	}
	if in.DryRun {
		res.Outcome = Checked
		return res
	}
	write := func(version uint64, loadedAt time.Time) (*batch, error) {
		return in.parseAndInsert(ctx, c, f, opts, res.SHA256, version, loadedAt)
	}
	if staged != nil {
		write = func(version uint64, loadedAt time.Time) (*batch, error) {
			return staged.rows, in.insertStaged(ctx, stage, res.SHA256, version, loadedAt)
		}
	}
	if err := in.load(ctx, &res, write); err != nil {
		res.Err = fmt.Errorf("ingest %s: %w", path, err)
		return res
	}
	res.Outcome = New
	if res.Overlaps > 0 {
		res.Outcome = Replaced
	}
	return res
}

// fileOptions are opts for the file at path. Exports without years (TikTok's "April 12")
// are dated from when the file was downloaded: its modification time, which the inbox and
// archive moves keep.
func fileOptions(opts connectors.Options, path string) connectors.Options {
	if info, err := os.Stat(path); err == nil && opts.ExportedAt.IsZero() {
		opts.ExportedAt = info.ModTime()
	}
	return opts
}

// sum is the file's SHA-256, from Sums when the ingest has them computed ahead.
func (in *Ingester) sum(ctx context.Context, path string) (string, error) {
	if in.Sums != nil {
		return in.Sums.Sum(ctx, path)
	}
	return fileSHA256(ctx, path)
}

// newStage starts a stage when the engine has one and something will be written.
func (in *Ingester) newStage() (warehouse.Stage, error) {
	st, ok := in.Warehouse.(warehouse.Stager)
	if !ok || in.DryRun {
		return nil, nil
	}
	// Every store table has these columns, and they hold one value per file: the stage
	// leaves them out of its files, and insertStaged gives them.
	return st.NewStage("org", "source_file", "version", "ingested_at")
}

func reject(res FileResult, err error) FileResult {
	res.Outcome = Rejected
	res.Err = err
	return res
}

// rejectAndRecord marks a file rejected in the ledger, so status can list it with its reason.
// A rejected file is tried again when it is dropped again: the fault may have been ours.
func (in *Ingester) rejectAndRecord(ctx context.Context, res FileResult, cause error) FileResult {
	res = reject(res, cause)
	if in.DryRun || res.SHA256 == "" {
		return res
	}
	if err := in.writeLedger(ctx, res, "rejected", cause.Error()); err != nil {
		res.Outcome = ""
		res.Err = fmt.Errorf("ingest %s: recording its rejection: %w", res.Path, err)
	}
	return res
}

// load writes the file's rows between two ledger entries: "loading" before the first insert
// and "loaded" only once every insert has been acknowledged. write inserts the rows with the
// version and load time it is given, and returns the batch that built them. The analyst views
// only show files marked loaded, so a crash in between shows nothing of the file, and the
// next run removes what was written and loads it again.
func (in *Ingester) load(ctx context.Context, res *FileResult, write func(version uint64, loadedAt time.Time) (*batch, error)) error {
	in.fail.reach("before-loading")
	if err := in.writeLedger(ctx, *res, "loading", ""); err != nil {
		return err
	}
	in.fail.reach("after-loading")
	now := in.loadTime()
	b, err := write(recordVersion(res.DateMax, now), now)
	if err != nil {
		return err
	}
	overlaps, err := in.overlaps(ctx, b, res.SHA256)
	if err != nil {
		return err
	}
	res.Overlaps = overlaps
	in.fail.reach("after-insert")
	if err := in.writeLedger(ctx, *res, "loaded", ""); err != nil {
		return err
	}
	in.fail.reach("after-loaded")
	return nil
}

// parseAndInsert is the second pass over a checked file, for engines without a stage: rows go
// in batches, so memory is bounded by the batch, not the file.
func (in *Ingester) parseAndInsert(ctx context.Context, c connectors.Connector, f *connectors.File, opts connectors.Options, sha string, version uint64, loadedAt time.Time) (*batch, error) {
	b := in.newBatch(ctx, sha, version, loadedAt, func(ctx context.Context, t *table) error {
		if err := in.Warehouse.InsertBlock(ctx, t.block()); err != nil {
			return err
		}
		in.fail.reach("mid-insert")
		return nil
	})
	if err := c.Parse(ctx, f, opts, b); err != nil {
		b.wait() // the first pass accepted every row, so this is the warehouse or a cancellation
		return nil, err
	}
	return b, b.flush()
}

// insertStaged inserts what the stage holds, each table in one statement, with the file's
// version and load time in place of the placeholders its rows were built with.
func (in *Ingester) insertStaged(ctx context.Context, stage warehouse.Stage, sha string, version uint64, loadedAt time.Time) error {
	set := map[string]any{"org": in.Options.Org, "source_file": sha, "version": version, "ingested_at": loadedAt}
	for _, table := range stage.Tables() {
		if err := stage.Insert(ctx, table, set); err != nil {
			return err
		}
		in.fail.reach("mid-insert")
	}
	return nil
}

func (in *Ingester) newBatch(ctx context.Context, sha string, version uint64, loadedAt time.Time, insert func(context.Context, *table) error) *batch {
	return newBatch(ctx, in.Options.Org, sha, version, loadedAt, in.BatchRows, in.BatchMB<<20, insert)
}

// recordVersion orders overlapping exports: the export whose data reaches the later date wins,
// and between two exports of the same period, the one loaded later.
func recordVersion(dateMax, loadedAt time.Time) uint64 {
	days := uint64(dateMax.Unix()/86400) & 0xffffffff
	return days<<32 | uint64(loadedAt.Unix())&0xffffffff
}

// readClock reads the organisation's newest ledger entry (see lastAt).
func (in *Ingester) readClock(ctx context.Context) error {
	if in.DryRun {
		return nil
	}
	r, err := in.Warehouse.Query(ctx, in.stmts["pipeline/ledger_last.sql"], warehouse.Params{"org": in.Options.Org})
	if err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	if len(r.Rows) == 1 {
		in.lastAt, _ = r.Rows[0][0].(time.Time)
		in.lastVersion, _ = r.Rows[0][1].(uint64)
	}
	return nil
}

// loadTime is the time a file's rows are stamped with, to the second: now, or a second after
// the previous load when that is not earlier. Two exports of the same period loaded within
// one second (or under a frozen or backward clock) thus still get distinct record versions,
// and the one loaded later wins.
func (in *Ingester) loadTime() time.Time {
	t := in.now().UTC().Truncate(time.Second)
	if !t.After(in.lastAt) {
		t = in.lastAt.Add(time.Second)
	}
	in.lastAt = t
	return t
}

func (in *Ingester) now() time.Time {
	if in.Now != nil {
		return in.Now()
	}
	return time.Now()
}

func (in *Ingester) writeLedger(ctx context.Context, res FileResult, status, msg string) error {
	// The newest entry of a file is its state: versions must grow even when the clock does
	// not (see loadTime).
	now := in.now().UTC()
	at := now.Truncate(time.Second)
	if at.Before(in.lastAt) {
		at = in.lastAt
	}
	in.lastAt = at
	version := max(uint64(now.UnixNano()), in.lastVersion+1)
	in.lastVersion = version
	skipped := 0
	for _, n := range res.Skipped {
		skipped += n
	}
	row := []any{
		in.Options.Org, res.SHA256, filepath.Base(res.Path), res.Connector, status,
		uint64(res.Rows), uint64(skipped), warehouse.Date(res.DateMin), warehouse.Date(res.DateMax),
		msg, version, at,
	}
	cols := []string{"org", "sha256", "name", "connector", "status", "rows", "skipped", "date_min", "date_max", "error", "version", "at"}
	if err := in.Warehouse.Insert(ctx, "ingested_files_log", cols, [][]any{row}); err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	return nil
}

func (in *Ingester) removeFile(ctx context.Context, sha string) error {
	// post_metrics_store too: a file may have been left half-loaded there before migration 0036.
	for _, name := range []string{"metrics_daily_store", "posts_store", "post_metric_sets_store", "post_metrics_store", "donations_store", "signups_store"} {
		if err := in.Warehouse.Exec(ctx, in.stmts["pipeline/remove_"+name+".sql"], warehouse.Params{"org": in.Options.Org, "sha256": sha}); err != nil {
			return err
		}
	}
	return nil
}

// overlaps counts the earlier loaded files holding values for the same series, days or
// posts as the file just written.
func (in *Ingester) overlaps(ctx context.Context, b *batch, sha string) (int, error) {
	others, err := in.Warehouse.Query(ctx, in.stmts["pipeline/ledger_others.sql"], warehouse.Params{"org": in.Options.Org, "sha256": sha})
	if err != nil {
		return 0, err
	}
	if others.Rows[0][0].(uint64) == 0 {
		return 0, nil
	}
	n := 0
	for _, q := range []struct{ table, stmt string }{
		{"metrics_daily_store", "pipeline/overlap_metrics.sql"},
		{"post_metric_sets_store", "pipeline/overlap_posts.sql"},
	} {
		if !b.wrote(q.table) {
			continue
		}
		r, err := in.Warehouse.Query(ctx, in.stmts[q.stmt], warehouse.Params{"org": in.Options.Org, "sha256": sha})
		if err != nil {
			return 0, err
		}
		n += int(r.Rows[0][0].(uint64))
	}
	return n, nil
}

// Summary is the total line of an ingest run.
type Summary struct {
	Files, New, Replaced, Already, Rejected, Rows int
}

// String is the summary as one line, for logs and the job history.
func (s Summary) String() string {
	if s.Files == 0 {
		return "no files"
	}
	return fmt.Sprintf("%d files: %d new, %d replacing, %d already ingested, %d rejected; %d rows", s.Files, s.New, s.Replaced, s.Already, s.Rejected, s.Rows)
}

// Summarize counts the outcomes of a run.
func Summarize(results []FileResult) Summary {
	var s Summary
	s.Files = len(results)
	for _, r := range results {
		switch r.Outcome {
		case New:
			s.New++
			s.Rows += r.Rows
		case Replaced:
			s.Replaced++
			s.Rows += r.Rows
		case Already:
			s.Already++
		case Rejected:
			s.Rejected++
		case Checked:
			s.Rows += r.Rows
		}
	}
	return s
}

// ErrRejected is returned by commands when at least one file was rejected.
var ErrRejected = errors.New("some files were rejected")

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
