package warehouse

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ErrLocked means another process holds the embedded warehouse directory.
var ErrLocked = errors.New("warehouse is in use")

// dirLock is an exclusive advisory lock on the data directory. The lock file names its holder
// so that a second process can say who to wait for.
type dirLock struct{ f *os.File }

const lockName = "goalpost.lock"

func acquireDirLock(dir, holder string) (*dirLock, error) {
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("warehouse %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		who, _ := os.ReadFile(path)
		f.Close()
		desc := strings.TrimSpace(string(who))
		if desc == "" {
			desc = "another process"
		}
		return nil, fmt.Errorf("%w: %s is held by %s; wait for it to finish (or stop it), or use another --warehouse", ErrLocked, dir, desc)
	}
	if holder == "" {
		holder = "goalpost"
	}
	f.Truncate(0)
	fmt.Fprintf(f, "pid %d (%s, since %s)\n", os.Getpid(), holder, time.Now().Format(time.RFC3339))
	f.Sync()
	return &dirLock{f: f}, nil
}

func (l *dirLock) release() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Truncate(0)
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
	l.f = nil
}
