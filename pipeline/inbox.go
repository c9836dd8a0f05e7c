package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/goalpost/goalpost/warehouse"
)

// Inbox is a folder staff drop exports into. Files that have stopped changing are ingested,
// then moved to archive/YYYY-MM/; files that cannot be ingested go to quarantine/ with a
// <name>.error.txt beside them saying what to fix. Nothing is ever deleted.
//
// A subfolder named after a platform (facebook/, instagram/) says which platform its files
// belong to, for the exports that do not say it themselves.
type Inbox struct {
	Dir string
	// Settle is how long a file's size and modification time must stay unchanged before it
	// is taken: staff copy files slowly, and browsers write downloads in pieces.
	Settle time.Duration
	Clock  Clock

	mu   sync.Mutex
	seen map[string]fileState
}

type fileState struct {
	size     int64
	mod      time.Time
	stableAt time.Time // when this size and mtime were first seen
}

// Platform folders an inbox may hold.
var platformFolders = map[string]bool{"facebook": true, "instagram": true, "x": true, "linkedin": true, "youtube": true, "tiktok": true}

func (in *Inbox) now() time.Time {
	if in.Clock == nil {
		return time.Now()
	}
	return in.Clock.Now()
}

// Ready lists the files whose size and modification time have not changed for Settle,
// grouped by the platform their folder names ("" for none), sorted.
func (in *Inbox) Ready() (map[string][]string, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.seen == nil {
		in.seen = map[string]fileState{}
	}
	now := in.now()
	ready := map[string][]string{}
	present := map[string]bool{}
	err := filepath.WalkDir(in.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == in.Dir {
				return err
			}
			return nil // a file removed while walking
		}
		name := d.Name()
		if d.IsDir() {
			if path != in.Dir && (name == "archive" || name == "quarantine" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".part") || strings.HasSuffix(name, ".crdownload") || strings.HasSuffix(name, ".tmp") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		present[path] = true
		st, ok := in.seen[path]
		if !ok || st.size != info.Size() || !st.mod.Equal(info.ModTime()) {
			in.seen[path] = fileState{size: info.Size(), mod: info.ModTime(), stableAt: now}
			if in.Settle > 0 {
				return nil
			}
			st = in.seen[path]
		}
		if now.Sub(st.stableAt) >= in.Settle {
			ready[in.platformOf(path)] = append(ready[in.platformOf(path)], path)
		}
		return nil
	})
	for p := range in.seen {
		if !present[p] {
			delete(in.seen, p)
		}
	}
	for _, files := range ready {
		sort.Strings(files)
	}
	return ready, err
}

// Idle reports whether no file is ready to be taken, so a scan has nothing to do.
func (in *Inbox) Idle() bool {
	ready, err := in.Ready()
	return err == nil && len(ready) == 0
}

func (in *Inbox) platformOf(path string) string {
	rel, err := filepath.Rel(in.Dir, path)
	if err != nil {
		return ""
	}
	first := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
	if platformFolders[first] && first != filepath.Base(path) {
		return first
	}
	return ""
}

// Process ingests the ready files and files each one away: archive when it loaded or was
// already there, quarantine (with the reason) when it was rejected. It returns the counts;
// Summary.String is the line for the job history.
func (in *Inbox) Process(ctx context.Context, ing *Ingester, wh warehouse.Engine) (Summary, error) {
	ready, err := in.Ready()
	if err != nil {
		return Summary{}, fmt.Errorf("inbox %s: %w", in.Dir, err)
	}
	var all []FileResult
	platforms := make([]string, 0, len(ready))
	for p := range ready {
		platforms = append(platforms, p)
	}
	sort.Strings(platforms)
	for _, platform := range platforms {
		run := *ing
		run.Warehouse = wh
		run.Options.Platform = platform
		results, err := run.IngestFiles(ctx, ready[platform], nil)
		for _, r := range results {
			if ferr := in.fileAway(r); ferr != nil {
				return Summarize(all), ferr
			}
		}
		all = append(all, results...)
		if err != nil {
			return Summarize(all), err
		}
	}
	// A quarantined file is handled, not a failure of the job: its reason is beside it.
	return Summarize(all), nil
}

func (in *Inbox) fileAway(r FileResult) error {
	var dest string
	switch r.Outcome {
	case New, Replaced, Already:
		dest = filepath.Join(in.Dir, "archive", in.now().Format("2006-01"))
	case Rejected:
		dest = filepath.Join(in.Dir, "quarantine")
	default:
		return nil
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return fmt.Errorf("inbox: %w", err)
	}
	target := freeName(dest, filepath.Base(r.Path))
	if err := os.Rename(r.Path, target); err != nil {
		return fmt.Errorf("inbox: moving %s: %w", r.Path, err)
	}
	in.mu.Lock()
	delete(in.seen, r.Path)
	in.mu.Unlock()
	if r.Outcome == Rejected {
		note := fmt.Sprintf("%s could not be ingested (%s):\n\n%v\n\nFix the file or export it again from the platform, then drop it into the inbox again.\n",
			filepath.Base(r.Path), in.now().Format(time.RFC3339), r.Err)
		if err := os.WriteFile(target+".error.txt", []byte(note), 0o644); err != nil {
			return fmt.Errorf("inbox: %w", err)
		}
	}
	return nil
}

// freeName returns dir/name, or dir/name (2).ext etc. when it is taken: nothing is overwritten.
func freeName(dir, name string) string {
	target := filepath.Join(dir, name)
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 2; ; i++ {
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			return target
		}
		target = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, i, ext))
	}
}

// Quarantined lists the files waiting in the quarantine, for status.
func (in *Inbox) Quarantined() ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(in.Dir, "quarantine"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".error.txt") {
			out = append(out, e.Name())
		}
	}
	return out, nil
}
