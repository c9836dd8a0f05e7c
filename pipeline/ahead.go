package pipeline

import (
	"context"
	"errors"
	"sync"

	"github.com/goalpost/goalpost/connectors"
)

// Ahead reads the first file of an ingest while the warehouse opens: it sniffs the file,
// detects its connector and lets the connector run over it until its first row, which is
// where a connector has made the decisions it reads the whole file for (decimal separator,
// date order; connectors.File.Remember). The ingest's own pass then starts at the rows. For
// a million posts that pass is a third of a second, and the engine's start leaves a core
// free for it (docs/performance.md, step 24).
//
// Nothing is decided here that the ingest does not check again: the file is the same File,
// read again through Open, which refuses one changed in between; an error is left for the
// ingest's pass to find and report.
type Ahead struct {
	path   string
	cancel context.CancelFunc
	done   chan struct{}
	file   *connectors.File
	conn   connectors.Connector
	taken  bool
}

// ReadAhead starts reading path ahead with the connectors of reg.
func ReadAhead(ctx context.Context, path string, reg *connectors.Registry, opts connectors.Options) *Ahead {
	ctx, cancel := context.WithCancel(ctx)
	a := &Ahead{path: path, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(a.done)
		opts := fileOptions(opts, path) // as the ingest's pass does
		f, err := connectors.ReadFile(path)
		if err != nil {
			return
		}
		c, err := reg.Detect(f)
		if err != nil {
			return
		}
		a.file, a.conn = f, c
		c.Parse(ctx, f, opts, &stopSink{cancel: cancel}) // its error is the ingest's to report
	}()
	return a
}

// take returns the file read ahead and its connector when path is that file; ok is false for
// any other path, after a failed sniff or detection, or the second time. A pass still running
// is stopped: a decision pass in progress ends and is kept (it is work the ingest would do
// next), rows are not read further (a connector that adds its rows up before emitting them,
// such as GA4's, would otherwise read the whole file ahead).
func (a *Ahead) take(path string) (f *connectors.File, c connectors.Connector, ok bool) {
	if a == nil || a.taken || path != a.path {
		return nil, nil, false
	}
	a.taken = true
	a.cancel()
	<-a.done
	return a.file, a.conn, a.file != nil && a.conn != nil
}

// skip stops the pass ahead without waiting for it when the ingest is done with path without
// reading it (the file was already ingested, or could not be hashed).
func (a *Ahead) skip(path string) {
	if a == nil || a.taken || path != a.path {
		return
	}
	a.taken = true
	a.cancel()
}

// Stop ends the pass ahead if it is still running and waits for it.
func (a *Ahead) Stop() {
	if a == nil {
		return
	}
	a.cancel()
	<-a.done
}

// errAhead stops the connector at its first row: what comes after is the ingest's pass.
var errAhead = errors.New("read ahead up to the first row")

// stopSink ends the pass ahead at the first row a connector emits. Rows it skips cannot
// return an error, so past a few skipped rows it cancels the pass instead: a file of
// nothing but skipped rows is read once, by the ingest.
type stopSink struct {
	cancel  context.CancelFunc
	once    sync.Once
	skipped int
}

func (s *stopSink) stop() error {
	s.once.Do(s.cancel)
	return errAhead
}

func (s *stopSink) Metric(connectors.MetricRow) error      { return s.stop() }
func (s *stopSink) Post(connectors.Post) error             { return s.stop() }
func (s *stopSink) PostMetric(connectors.PostMetric) error { return s.stop() }
func (s *stopSink) Donation(connectors.Donation) error     { return s.stop() }
func (s *stopSink) Signup(connectors.Signup) error         { return s.stop() }
func (s *stopSink) Skip(int, string) {
	if s.skipped++; s.skipped > 1000 {
		s.stop()
	}
}
