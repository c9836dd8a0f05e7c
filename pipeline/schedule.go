package pipeline

// This is the one file that imports robfig/cron. Cron parses the schedules and runs the jobs
// (with the organisation's time zone, SkipIfStillRunning outside Recover, and a logger);
// what cron does not do — run each wall-clock slot exactly once across daylight-saving
// changes, catch up slots missed while the process was down, name the slot a run is for —
// is done here and in scheduler.go.

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

var specParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Schedule says when a job runs, in an organisation's time zone.
type Schedule struct {
	spec  string
	loc   *time.Location
	wall  *cron.SpecSchedule          // a calendar spec, evaluated on wall-clock time
	every *cron.ConstantDelaySchedule // or "@every 10s", evaluated on real time
}

// ParseSchedule reads a cron spec ("0 7 1 * *", "*/15 * * * *", six fields with seconds,
// "@daily", "@every 10s") for the given zone. Specs that would panic the parser, never fire,
// fire more than once a second, or carry their own TZ= are rejected with a reason.
func ParseSchedule(spec string, loc *time.Location) (s Schedule, err error) {
	spec = strings.TrimSpace(spec)
	if loc == nil {
		loc = time.UTC
	}
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		return Schedule{}, fmt.Errorf("schedule %q: remove the TZ= prefix: schedules run in the organisation's time zone (%s)", spec, loc)
	}
	defer func() {
		if r := recover(); r != nil { // robfig/cron panics on some malformed specs
			err = fmt.Errorf("schedule %q: not a valid cron spec", spec)
		}
	}()
	parsed, err := specParser.Parse(spec)
	if err != nil {
		return Schedule{}, fmt.Errorf("schedule %q: %v (want e.g. \"0 7 1 * *\" or \"@every 15m\")", spec, err)
	}
	s = Schedule{spec: spec, loc: loc}
	switch p := parsed.(type) {
	case cron.ConstantDelaySchedule:
		if strings.HasPrefix(spec, "@every") {
			d, derr := time.ParseDuration(strings.TrimSpace(strings.TrimPrefix(spec, "@every")))
			if derr != nil || d < time.Second {
				return Schedule{}, fmt.Errorf("schedule %q: the interval must be at least 1s", spec)
			}
		}
		s.every = &p
	case *cron.SpecSchedule:
		wall := *p
		wall.Location = time.UTC // wall-clock space; see Next
		s.wall = &wall
	default:
		return Schedule{}, fmt.Errorf("schedule %q: unsupported kind of schedule", spec)
	}
	probe := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	if next := s.Next(probe); next.IsZero() || next.Sub(probe) > 5*366*24*time.Hour {
		return Schedule{}, fmt.Errorf("schedule %q never fires", spec)
	}
	return s, nil
}

// Location is the zone the schedule runs in.
func (s Schedule) Location() *time.Location { return s.loc }

// String returns the spec as written.
func (s Schedule) String() string { return s.spec }

// Next returns the first slot strictly after t. Calendar specs are evaluated on the
// organisation's wall clock and then placed in time: a slot that falls in the hour skipped
// in spring runs at the same wall time shifted forward (02:30 becomes 03:30), and a slot in
// the hour repeated in autumn runs once, at its first occurrence. So each wall-clock slot runs
// exactly once, where cron alone skips a day in spring and runs twice in autumn.
func (s Schedule) Next(t time.Time) time.Time {
	if s.every != nil {
		return s.every.Next(t)
	}
	local := t.In(s.loc)
	w := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), local.Nanosecond(), time.UTC)
	for i := 0; i < 100000; i++ {
		w = s.wall.Next(w)
		if w.IsZero() {
			return time.Time{}
		}
		real := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, s.loc)
		if real.After(t) {
			return real
		}
	}
	return time.Time{}
}

// Prev returns the latest slot at or before t, or the zero time when there is none within
// about a year and a half.
func (s Schedule) Prev(t time.Time) time.Time {
	if s.every != nil {
		return t.Truncate(time.Second)
	}
	for back := time.Minute; back < 550*24*time.Hour; back *= 2 {
		x := s.Next(t.Add(-back))
		if x.IsZero() || x.After(t) {
			continue
		}
		for {
			n := s.Next(x)
			if n.IsZero() || n.After(t) {
				return x
			}
			x = n
		}
	}
	return time.Time{}
}

// cronRunner runs jobs on real time with robfig/cron.
type cronRunner struct{ c *cron.Cron }

// newCronRunner sets cron up with explicit options: the zone, a logger, and the wrappers in
// the order that keeps a panicking job runnable: SkipIfStillRunning outside Recover (the other
// way round, a panic leaves the skip lock held and the job never runs again).
func newCronRunner(loc *time.Location, log *slog.Logger) *cronRunner {
	l := cronLogger{log}
	return &cronRunner{c: cron.New(
		cron.WithLocation(loc),
		cron.WithLogger(l),
		cron.WithChain(cron.SkipIfStillRunning(l), cron.Recover(l)),
	)}
}

func (r *cronRunner) add(s Schedule, run func()) {
	r.c.Schedule(s, cron.FuncJob(run))
}

func (r *cronRunner) start() { r.c.Start() }

// stop stops firing jobs and returns once the running ones have finished.
func (r *cronRunner) stop() { <-r.c.Stop().Done() }

// guard wraps a function the way the runner wraps jobs, for tests of the wrapper order.
func guard(log *slog.Logger, run func()) func() {
	l := cronLogger{log}
	j := cron.NewChain(cron.SkipIfStillRunning(l), cron.Recover(l)).Then(cron.FuncJob(run))
	return j.Run
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "error", err)...)
}
