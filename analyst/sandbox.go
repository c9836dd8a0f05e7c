package analyst

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/goalpost/goalpost/warehouse"
)

// SandboxCommand is the hidden subcommand of the goalpost binary that serves a sandbox:
// the child process in which analyst statements meet the embedded engine.
const SandboxCommand = "analyst-sandbox"

// The child answers on this file descriptor, not on stdout: the engine library prints
// some diagnostics on the standard streams, and they must not corrupt an answer.
const sandboxFD = 3

// sandboxGrace is how long past its time limit a statement may run before the child is
// killed: the engine's own max_execution_time stops it first, with a better message.
const sandboxGrace = 3 * time.Second

// SandboxConfig is what the child opens and how it restricts its session.
type SandboxConfig struct {
	Location string            `json:"location"`
	Session  warehouse.Session `json:"session"`
}

type sandboxRequest struct {
	Query  string            `json:"query"`
	Params map[string]string `json:"params,omitempty"`
}

type sandboxError struct {
	Kind      string `json:"kind,omitempty"` // "locked", "engine-missing" or ""
	Engine    string `json:"engine,omitempty"`
	Statement string `json:"statement,omitempty"`
	Message   string `json:"message"`
	Code      int    `json:"code,omitempty"`
	Pos       int    `json:"pos,omitempty"`
	Query     bool   `json:"query,omitempty"` // a warehouse.QueryError
}

type sandboxResponse struct {
	Engine string        `json:"engine,omitempty"` // in the first answer
	TSV    string        `json:"tsv,omitempty"`
	Error  *sandboxError `json:"error,omitempty"`
	Closed bool          `json:"closed,omitempty"` // the last answer: the warehouse is closed
}

// Sandbox runs statements on an embedded warehouse in a child process: the child opens the
// data directory (taking its lock like any command), sets the session's limits and then
// readonly=1 before it reads a single statement, so the engine itself refuses writes and
// table functions that read host files or the network; and the parent kills the child when
// a statement outlives its time limit. A killed child is restarted for the next statement.
type Sandbox struct {
	command func() *exec.Cmd
	cfg     SandboxConfig
	stderr  io.Writer

	cmd      *exec.Cmd
	childOut *lockedBuffer // the child's own output, when stderr is not a file
	in       io.WriteCloser
	out      *json.Decoder
	outF     *os.File
	engine   string
}

// StartSandbox starts the child. command builds the child's command line: the goalpost
// binary with SandboxCommand; the child's own output goes to stderr.
func StartSandbox(ctx context.Context, command func() *exec.Cmd, cfg SandboxConfig, stderr io.Writer) (*Sandbox, error) {
	s := &Sandbox{command: command, cfg: cfg, stderr: stderr}
	if err := s.start(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Sandbox) start(ctx context.Context) error {
	cmd := s.command()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("analyst sandbox: %w", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("analyst sandbox: %w", err)
	}
	cmd.ExtraFiles = []*os.File{w} // fd 3 in the child
	if f, ok := s.stderr.(*os.File); ok {
		cmd.Stdout, cmd.Stderr = f, f // the child writes there itself, as it happens
	} else {
		// Another writer (a test's buffer) is not safe to share with the goroutine that
		// copies the child's output: collect it, and pass it on from the caller's goroutine.
		if s.childOut == nil {
			s.childOut = &lockedBuffer{}
		}
		cmd.Stdout, cmd.Stderr = s.childOut, s.childOut
	}
	configureChild(cmd)
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return fmt.Errorf("analyst sandbox: starting %s: %w", cmd.Path, err)
	}
	w.Close() // the child holds its end
	s.cmd, s.in, s.outF = cmd, stdin, r
	s.out = json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	if err := json.NewEncoder(stdin).Encode(s.cfg); err != nil {
		s.kill()
		return fmt.Errorf("analyst sandbox: %w", err)
	}
	resp, err := s.receive(ctx, 0, "")
	if err != nil {
		s.kill()
		return err
	}
	if resp.Error != nil {
		s.stop()
		return resp.Error.err()
	}
	s.engine = resp.Engine
	return nil
}

// Describe names the engine the child opened.
func (s *Sandbox) Describe() string { return s.engine + " (read in a sandbox process)" }

// Query runs one statement in the child. Params are bound by the engine.
func (s *Sandbox) Query(ctx context.Context, query string, params warehouse.Params) (*warehouse.Result, error) {
	if s.cmd == nil {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	req := sandboxRequest{Query: query, Params: map[string]string{}}
	for k, v := range params {
		text, ok := v.(string)
		if !ok {
			text = Text("", v)
		}
		req.Params[k] = text
	}
	if err := json.NewEncoder(s.in).Encode(req); err != nil {
		s.kill()
		return nil, fmt.Errorf("analyst sandbox: the child process stopped: %w", err)
	}
	limit := s.cfg.Session.Limits.MaxTime
	resp, err := s.receive(ctx, limit, query)
	if err != nil {
		return nil, err
	}
	if resp.Error != nil {
		return nil, resp.Error.err()
	}
	return warehouse.ReadTSV([]byte(resp.TSV))
}

// receive waits for the child's next answer, killing the child when ctx ends or the
// statement outlives limit plus a grace period.
func (s *Sandbox) receive(ctx context.Context, limit time.Duration, query string) (*sandboxResponse, error) {
	type answer struct {
		resp sandboxResponse
		err  error
	}
	defer s.flushChildOutput()
	ch := make(chan answer, 1)
	dec := s.out
	go func() {
		var a answer
		a.err = dec.Decode(&a.resp)
		ch <- a
	}()
	var timeout <-chan time.Time
	if limit > 0 {
		t := time.NewTimer(limit + sandboxGrace)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case a := <-ch:
		if a.err != nil {
			s.kill()
			return nil, fmt.Errorf("analyst sandbox: the child process ended without an answer (%v); see the messages above", a.err)
		}
		return &a.resp, nil
	case <-timeout:
		s.kill()
		return nil, warehouse.TimeoutError(s.engine, query, limit)
	case <-ctx.Done():
		s.kill()
		return nil, ctx.Err()
	}
}

// kill stops the child at once; the next statement starts a new one.
func (s *Sandbox) kill() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	s.cmd.Wait()
	s.outF.Close()
	s.cmd = nil
	s.flushChildOutput()
}

// stop lets the child close the warehouse and exit, and kills it if it does not. A child
// whose output goes straight to a file is not waited for past its word that the warehouse
// is closed (and its lock released): its exit, the unmapping of the engine library, takes
// another 15-20 ms that goalpost sql need not spend (docs/performance.md, step 20).
func (s *Sandbox) stop() {
	if s.cmd == nil {
		return
	}
	s.in.Close()
	cmd := s.cmd
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	closed := make(chan struct{})
	if s.childOut == nil {
		dec := s.out
		go func() {
			var r sandboxResponse
			if dec.Decode(&r) == nil && r.Closed {
				close(closed)
			}
		}()
	}
	select {
	case <-exited:
	case <-closed:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-exited
	}
	s.outF.Close()
	s.cmd = nil
	s.flushChildOutput()
}

// flushChildOutput passes on what the child printed, from the caller's goroutine.
func (s *Sandbox) flushChildOutput() {
	if s.childOut != nil {
		s.childOut.moveTo(s.stderr)
	}
}

// lockedBuffer collects output written by one goroutine and read by another.
type lockedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *lockedBuffer) moveTo(w io.Writer) {
	b.mu.Lock()
	out := b.buf
	b.buf = nil
	b.mu.Unlock()
	if len(out) > 0 {
		w.Write(out)
	}
}

// Close ends the child, which releases the warehouse.
func (s *Sandbox) Close() error {
	s.stop()
	return nil
}

func (e *sandboxError) err() error {
	if e.Query {
		return &warehouse.QueryError{Engine: e.Engine, Statement: e.Statement, Err: errors.New(e.Message), Code: e.Code, Pos: e.Pos}
	}
	switch e.Kind {
	case "locked":
		return fmt.Errorf("%w%s", warehouse.ErrLocked, strings.TrimPrefix(e.Message, warehouse.ErrLocked.Error()))
	case "engine-missing":
		return fmt.Errorf("%w%s", warehouse.ErrEngineMissing, strings.TrimPrefix(e.Message, warehouse.ErrEngineMissing.Error()))
	}
	return errors.New(e.Message)
}

func toSandboxError(err error) *sandboxError {
	var qe *warehouse.QueryError
	if errors.As(err, &qe) {
		return &sandboxError{Query: true, Engine: qe.Engine, Statement: qe.Statement, Message: qe.Err.Error(), Code: qe.Code, Pos: qe.Pos}
	}
	e := &sandboxError{Message: err.Error()}
	switch {
	case errors.Is(err, warehouse.ErrLocked):
		e.Kind = "locked"
	case errors.Is(err, warehouse.ErrEngineMissing):
		e.Kind = "engine-missing"
	}
	return e
}

// ServeSandbox is the child's side: it reads its configuration and then one statement per
// request from in, and answers each on out, until in ends. open opens the warehouse.
func ServeSandbox(ctx context.Context, in io.Reader, out io.Writer, open func(ctx context.Context, location string) (warehouse.Engine, error)) error {
	dec := json.NewDecoder(bufio.NewReader(in))
	bw := bufio.NewWriterSize(out, 1<<16)
	enc := json.NewEncoder(bw)
	send := func(r sandboxResponse) error {
		if err := enc.Encode(r); err != nil {
			return err
		}
		return bw.Flush()
	}
	var cfg SandboxConfig
	if err := dec.Decode(&cfg); err != nil {
		return fmt.Errorf("analyst sandbox: reading the configuration: %w", err)
	}
	e, err := open(ctx, cfg.Location)
	if err != nil {
		return send(sandboxResponse{Error: toSandboxError(err)})
	}
	closed := false
	defer func() {
		if !closed {
			e.Close()
		}
	}()
	r, err := warehouse.Restrict(ctx, e, cfg.Session)
	if err != nil {
		return send(sandboxResponse{Error: toSandboxError(err)})
	}
	if err := send(sandboxResponse{Engine: e.Describe()}); err != nil {
		return err
	}
	for {
		var req sandboxRequest
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				// The parent is done: close the warehouse, then say so, so that it can
				// return while this process exits.
				closed = true
				if err := e.Close(); err != nil {
					return err
				}
				return send(sandboxResponse{Closed: true})
			}
			return fmt.Errorf("analyst sandbox: reading a request: %w", err)
		}
		params := warehouse.Params{}
		for k, v := range req.Params {
			params[k] = v
		}
		res, err := r.Query(ctx, req.Query, params)
		var resp sandboxResponse
		if err != nil {
			resp.Error = toSandboxError(err)
		} else {
			var b strings.Builder
			if err := warehouse.WriteTSV(&b, res); err != nil {
				resp.Error = toSandboxError(err)
			}
			resp.TSV = b.String()
		}
		if err := send(resp); err != nil {
			return err
		}
	}
}
