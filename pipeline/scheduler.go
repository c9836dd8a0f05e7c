package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
)

// Job is one scheduled task. Run gets the slot it runs for (the scheduled time, not the
// time it happened to start) and a warehouse opened for it.
type Job struct {
	Name     string
	Schedule Schedule
	Timeout  time.Duration
	// CatchUp runs the latest slot missed while the process was down, once, on start, when
	// it is no older than Grace. For reports; the inbox scan needs no catching up.
	CatchUp bool
	Grace   time.Duration
	// Idle, when set, is asked before each run: a job with nothing to do (an empty inbox)
	// skips the run without opening the warehouse or recording it.
	Idle func() bool
	Run  func(ctx context.Context, wh warehouse.Engine, slot time.Time) (string, error)
}

// Clock tells the time; tests inject one.
type Clock interface{ Now() time.Time }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

// Scheduler runs an organisation's jobs. It holds the warehouse only while a job runs, so
// with the embedded engine other commands can use the data directory in between.
type Scheduler struct {
	Org   string
	Jobs  []Job
	Open  func(ctx context.Context) (warehouse.Engine, error)
	Clock Clock
	Log   *slog.Logger
	// Retry is how long a job keeps retrying to open a warehouse that is down or held by
	// another command, with exponential backoff, before it gives up for this slot.
	Retry time.Duration
	// Sleep waits between retries; tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error

	mu      sync.Mutex
	running map[string]bool
}

func (s *Scheduler) now() time.Time {
	if s.Clock == nil {
		return time.Now()
	}
	return s.Clock.Now()
}

// Run starts the jobs, first catching up missed slots, and returns when ctx is done and
// the running jobs have finished: a SIGINT or SIGTERM lets the current job complete.
func (s *Scheduler) Run(ctx context.Context) error {
	if err := s.CatchUp(ctx); err != nil {
		s.Log.Warn("catch-up", "error", err)
	}
	loc := time.UTC
	if len(s.Jobs) > 0 {
		loc = s.Jobs[0].Schedule.loc
	}
	runner := newCronRunner(loc, s.Log)
	// Jobs run on a context that outlives the signal, so a job in progress finishes
	// cleanly; stop() below waits for it.
	jobCtx := context.WithoutCancel(ctx)
	for _, j := range s.Jobs {
		j := j
		runner.add(j.Schedule, func() { s.Fire(jobCtx, j, j.Schedule.Prev(s.now().Add(time.Second))) })
		s.Log.Info("scheduled", "job", j.Name, "schedule", j.Schedule.String(), "next", j.Schedule.Next(s.now()))
	}
	runner.start()
	<-ctx.Done()
	s.Log.Info("stopping: waiting for running jobs to finish")
	runner.stop()
	return nil
}

// CatchUp runs, once each, the latest missed slot of every catch-up job that has run before
// and whose latest slot did not succeed, when that slot is within the job's grace window.
func (s *Scheduler) CatchUp(ctx context.Context) error {
	var pending []Job
	for _, j := range s.Jobs {
		if j.CatchUp {
			pending = append(pending, j)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	wh, err := s.open(ctx)
	if err != nil {
		return err
	}
	last, err := LastRuns(ctx, wh, s.Org)
	wh.Close()
	if err != nil {
		return err
	}
	now := s.now()
	for _, j := range pending {
		l, ran := last[j.Name]
		slot := j.Schedule.Prev(now)
		if !ran || slot.IsZero() || !slot.After(l.LastOKSlot) || now.Sub(slot) > j.Grace {
			continue
		}
		s.Log.Info("catching up a missed slot", "job", j.Name, "slot", slot)
		s.Fire(ctx, j, slot)
	}
	return nil
}

// Fire runs a job for a slot unless it is already running or already succeeded for that
// slot, recovers a panic, and records the run in job_runs. It never panics and never
// returns an error: a failed job is recorded and the scheduler goes on.
func (s *Scheduler) Fire(ctx context.Context, j Job, slot time.Time) {
	if !s.claim(j.Name) {
		s.Log.Info("still running: this slot is skipped", "job", j.Name, "slot", slot)
		return
	}
	defer s.release(j.Name)
	if j.Idle != nil && j.Idle() {
		return
	}
	if j.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, j.Timeout)
		defer cancel()
	}
	started := s.now()
	wh, err := s.open(ctx)
	if err != nil {
		s.Log.Error("job not run: warehouse unavailable", "job", j.Name, "slot", slot, "error", err)
		return
	}
	defer wh.Close()
	done, err := slotDone(ctx, wh, s.Org, j.Name, slot)
	if err != nil {
		s.Log.Error("job not run: reading its history", "job", j.Name, "error", err)
		return
	}
	if done {
		s.Log.Info("slot already done", "job", j.Name, "slot", slot)
		return
	}
	msg, runErr := s.runRecovered(ctx, j, wh, slot)
	outcome := "ok"
	switch {
	case errors.Is(runErr, errPanic):
		outcome = "panic"
	case runErr != nil:
		outcome = "failed"
	}
	if runErr != nil {
		msg = runErr.Error()
		s.Log.Error("job failed", "job", j.Name, "slot", slot, "error", runErr)
	} else {
		s.Log.Info("job done", "job", j.Name, "slot", slot, "result", msg)
	}
	if err := recordRun(context.WithoutCancel(ctx), wh, s.Org, j.Name, slot, started, s.now(), outcome, msg); err != nil {
		s.Log.Error("recording the run", "job", j.Name, "error", err)
	}
}

var errPanic = errors.New("job panicked")

func (s *Scheduler) runRecovered(ctx context.Context, j Job, wh warehouse.Engine, slot time.Time) (msg string, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.Log.Error("job panicked", "job", j.Name, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	return j.Run(ctx, wh, slot)
}

func (s *Scheduler) claim(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running == nil {
		s.running = map[string]bool{}
	}
	if s.running[name] {
		return false
	}
	s.running[name] = true
	return true
}

func (s *Scheduler) release(name string) {
	s.mu.Lock()
	delete(s.running, name)
	s.mu.Unlock()
}

// open opens the warehouse, retrying with exponential backoff while it is down or held by
// another command, up to s.Retry.
func (s *Scheduler) open(ctx context.Context) (warehouse.Engine, error) {
	wait := time.Second
	deadline := s.now().Add(s.Retry)
	for attempt := 1; ; attempt++ {
		wh, err := s.Open(ctx)
		if err == nil {
			return wh, nil
		}
		if errors.Is(err, warehouse.ErrBadDSN) || errors.Is(err, warehouse.ErrEngineMissing) || !s.now().Add(wait).Before(deadline) {
			return nil, err
		}
		s.Log.Warn("warehouse unavailable; retrying", "attempt", attempt, "in", wait, "error", err)
		sleep := s.Sleep
		if sleep == nil {
			sleep = sleepCtx
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
		if wait < time.Minute {
			wait *= 2
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// LastRun is a job's history in brief.
type LastRun struct {
	Job         string
	LastStarted time.Time
	LastOutcome string
	LastMessage string
	LastOKSlot  time.Time
	Runs        uint64
}

// LastRuns reads every job's last run for an organisation.
func LastRuns(ctx context.Context, wh warehouse.Engine, org string) (map[string]LastRun, error) {
	q, err := sqlfiles.Statement("pipeline/job_runs_last.sql")
	if err != nil {
		return nil, err
	}
	res, err := wh.Query(ctx, q, warehouse.Params{"org": org})
	if err != nil {
		return nil, fmt.Errorf("job history: %w", err)
	}
	out := map[string]LastRun{}
	for _, r := range res.Rows {
		lr := LastRun{Job: r[0].(string), LastStarted: r[1].(time.Time), LastOutcome: r[2].(string), LastMessage: r[3].(string), LastOKSlot: r[4].(time.Time), Runs: r[5].(uint64)}
		if lr.LastOKSlot.Unix() <= 0 {
			lr.LastOKSlot = time.Time{}
		}
		out[lr.Job] = lr
	}
	return out, nil
}

func slotDone(ctx context.Context, wh warehouse.Engine, org, job string, slot time.Time) (bool, error) {
	q, err := sqlfiles.Statement("pipeline/job_slot_done.sql")
	if err != nil {
		return false, err
	}
	res, err := wh.Query(ctx, q, warehouse.Params{"org": org, "job": job, "slot": slot.UTC().Truncate(time.Second)})
	if err != nil {
		return false, fmt.Errorf("job history: %w", err)
	}
	return res.Rows[0][0].(uint64) > 0, nil
}

func recordRun(ctx context.Context, wh warehouse.Engine, org, job string, slot, started, finished time.Time, outcome, msg string) error {
	row := []any{job, org, slot.UTC().Truncate(time.Second), started.UTC().Truncate(time.Second), finished.UTC().Truncate(time.Second), outcome, msg}
	return wh.Insert(ctx, "job_runs", []string{"job", "org", "slot", "started_at", "finished_at", "outcome", "message"}, [][]any{row})
}
