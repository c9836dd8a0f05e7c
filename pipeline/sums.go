package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// Sums hashes the files of an ingest ahead of it, one file ahead, in the background. A file's
// SHA-256 is its identity in the ledger and must be known before its rows are read, and for
// a large export it takes a core for a third of a second (333 MB): the engine's start-up
// and the previous file's parse leave the second core free for it.
type Sums struct {
	paths   []string
	next    int // the index of the next result the goroutine delivers
	results []chan sumResult
	advance chan struct{}
	stop    context.CancelFunc
}

type sumResult struct {
	sum string
	err error
}

// HashAhead starts hashing paths, in order: the first at once, each next one once the one
// before it has been taken with Sum. Stop ends it.
func HashAhead(ctx context.Context, paths []string) *Sums {
	ctx, cancel := context.WithCancel(ctx)
	s := &Sums{paths: paths, advance: make(chan struct{}, len(paths)), stop: cancel}
	for range paths {
		s.results = append(s.results, make(chan sumResult, 1))
	}
	go func() {
		for i, p := range paths {
			if i > 0 {
				select {
				case <-s.advance:
				case <-ctx.Done():
					return
				}
			}
			sum, err := fileSHA256(ctx, p)
			s.results[i] <- sumResult{sum, err}
		}
	}()
	return s
}

// Sum returns path's SHA-256: the one computed ahead when path is the next of the paths
// HashAhead was given (waiting for it if need be), or one computed here for any other path.
// It is called from one goroutine, in the order of the paths.
func (s *Sums) Sum(ctx context.Context, path string) (string, error) {
	if s.next >= len(s.paths) || s.paths[s.next] != path {
		return fileSHA256(ctx, path)
	}
	select {
	case r := <-s.results[s.next]:
		s.next++
		s.advance <- struct{}{}
		return r.sum, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Stop ends the hashing of the files not reached yet.
func (s *Sums) Stop() { s.stop() }

// fileSHA256 identifies a file by its bytes, read as a stream.
func fileSHA256(ctx context.Context, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, ctxReader{ctx, f}); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ctxReader stops a long read when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
