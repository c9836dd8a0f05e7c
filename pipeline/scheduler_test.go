package pipeline_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/warehouse"
	"github.com/goalpost/goalpost/warehouse/warehousetest"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestDailyJobRunsOnceEachLocalDayAcrossDaylightSaving(t *testing.T) {
	tests := []struct {
		zone       string
		from, to   string // local dates around a change
		changeDate string
	}{
		{"Europe/Paris", "2026-03-27", "2026-04-01", "2026-03-29"},
		{"Europe/Paris", "2026-10-23", "2026-10-28", "2026-10-25"},
		{"America/Toronto", "2026-03-06", "2026-03-11", "2026-03-08"},
		{"America/Toronto", "2026-10-30", "2026-11-04", "2026-11-01"},
	}
	for _, tt := range tests {
		for _, spec := range []string{"30 2 * * *", "0 2 * * *", "59 1 * * *", "0 7 * * *"} {
			t.Run(tt.zone+" "+tt.changeDate+" "+spec, func(t *testing.T) {
				loc := mustZone(t, tt.zone)
				s, err := pipeline.ParseSchedule(spec, loc)
				if err != nil {
					t.Fatal(err)
				}
				from, _ := time.ParseInLocation("2006-01-02", tt.from, loc)
				to, _ := time.ParseInLocation("2006-01-02", tt.to, loc)
				perDay := map[string]int{}
				for x := s.Next(from); x.Before(to); x = s.Next(x) {
					perDay[x.In(loc).Format("2006-01-02")]++
				}
				for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
					if n := perDay[d.Format("2006-01-02")]; n != 1 {
						t.Errorf("%s: %d runs, want 1", d.Format("2006-01-02"), n)
					}
				}
			})
		}
	}
}

func TestHourlyJobRunsEachWallClockHourOnceOnTheAutumnNight(t *testing.T) {
	loc := mustZone(t, "Europe/Paris")
	s, err := pipeline.ParseSchedule("0 * * * *", loc)
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 10, 25, 0, 30, 0, 0, loc)
	seen := map[string]int{}
	n := 0
	for x := s.Next(from); x.Before(from.Add(6 * time.Hour)); x = s.Next(x) {
		seen[x.In(loc).Format("15:04")]++
		n++
	}
	for wall, c := range seen {
		if c != 1 {
			t.Errorf("%s ran %d times", wall, c)
		}
	}
	if n != 5 { // 01:00 .. 05:00 wall clock, 02:00 once although the hour happens twice
		t.Errorf("%d runs in six real hours, want 5 (one per wall-clock hour)", n)
	}
}

func TestBadSchedulesAreRejectedWithoutPanicking(t *testing.T) {
	for _, spec := range []string{"TZ=0", "CRON_TZ=", "CRON_TZ=UTC 0 7 * * *", "0 0 30 2 *", "@every 0s", "@every -1s", "@every 500ms", "every day", "61 * * * *", ""} {
		if _, err := pipeline.ParseSchedule(spec, time.UTC); err == nil {
			t.Errorf("ParseSchedule(%q) accepted", spec)
		}
	}
	for _, spec := range []string{"0 7 1 * *", "*/15 * * * *", "@every 10s", "@daily", "0 30 6 * * *"} {
		if _, err := pipeline.ParseSchedule(spec, time.UTC); err != nil {
			t.Errorf("ParseSchedule(%q): %v", spec, err)
		}
	}
}

// eachWarehouse runs f on both engines with a location the scheduler opens and closes per job.
func eachWarehouse(t *testing.T, f func(t *testing.T, loc string)) {
	for _, name := range warehousetest.Engines() {
		t.Run(name, func(t *testing.T) { f(t, warehousetest.NewTarget(t, name).Location) })
	}
}

func opener(loc string) func(ctx context.Context) (warehouse.Engine, error) {
	return func(ctx context.Context) (warehouse.Engine, error) {
		return warehouse.Open(ctx, loc, warehouse.Options{Holder: "scheduler test"})
	}
}

func jobRuns(t *testing.T, loc, job string) [][]any {
	t.Helper()
	e, err := warehouse.Open(context.Background(), loc, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	res, err := e.Query(context.Background(), "SELECT slot, outcome, message FROM job_runs WHERE job = {j:String} ORDER BY started_at, slot", warehouse.Params{"j": job})
	if err != nil {
		t.Fatal(err)
	}
	return res.Rows
}

func TestMissedReportSlotRunsOnceOnStartWithinGrace(t *testing.T) {
	eachWarehouse(t, func(t *testing.T, loc string) {
		zone := mustZone(t, "America/Toronto")
		sched, err := pipeline.ParseSchedule("0 7 1 * *", zone)
		if err != nil {
			t.Fatal(err)
		}
		clock := &fakeClock{}
		var ran []time.Time
		job := pipeline.Job{Name: "report-monthly", Schedule: sched, CatchUp: true, Grace: 72 * time.Hour,
			Run: func(ctx context.Context, wh warehouse.Engine, slot time.Time) (string, error) {
				ran = append(ran, slot)
				return "ok", nil
			}}
		s := &pipeline.Scheduler{Org: "org1", Jobs: []pipeline.Job{job}, Open: opener(loc), Clock: clock, Log: quietLog()}
		ctx := context.Background()

		// Never run before: nothing was missed.
		clock.Set(time.Date(2026, 10, 2, 12, 0, 0, 0, zone))
		if err := s.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		if len(ran) != 0 {
			t.Fatalf("a job that never ran was caught up: %v", ran)
		}
		// It ran for October; the process was down on 1 November and starts on the 3rd.
		oct := time.Date(2026, 10, 1, 7, 0, 0, 0, zone)
		s.Fire(ctx, job, oct)
		clock.Set(time.Date(2026, 11, 3, 9, 0, 0, 0, zone))
		for i := 0; i < 2; i++ { // starting twice runs the missed slot once
			if err := s.CatchUp(ctx); err != nil {
				t.Fatal(err)
			}
		}
		nov := time.Date(2026, 11, 1, 7, 0, 0, 0, zone)
		if len(ran) != 2 || !ran[1].Equal(nov) {
			t.Fatalf("runs = %v, want October then 1 November 07:00 once", ran)
		}
		// Down for longer than the grace window: the December slot is not caught up.
		clock.Set(time.Date(2026, 12, 9, 9, 0, 0, 0, zone))
		if err := s.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		if len(ran) != 2 {
			t.Errorf("a slot older than the grace window ran: %v", ran)
		}
		if rows := jobRuns(t, loc, "report-monthly"); len(rows) != 2 {
			t.Errorf("job_runs holds %d runs, want 2: %v", len(rows), rows)
		}
	})
}

func TestRunsNeverOverlapAndPanicsAreRecorded(t *testing.T) {
	eachWarehouse(t, func(t *testing.T, loc string) {
		sched, _ := pipeline.ParseSchedule("@every 1s", time.UTC)
		clock := &fakeClock{t: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}
		release := make(chan struct{})
		started := make(chan struct{}, 4)
		var runs atomic.Int32
		slow := pipeline.Job{Name: "slow", Schedule: sched, Run: func(ctx context.Context, wh warehouse.Engine, slot time.Time) (string, error) {
			runs.Add(1)
			started <- struct{}{}
			<-release
			return "done", nil
		}}
		boom := pipeline.Job{Name: "boom", Schedule: sched, Run: func(ctx context.Context, wh warehouse.Engine, slot time.Time) (string, error) {
			if slot.Second() == 1 {
				panic("bad data")
			}
			return "fine", nil
		}}
		s := &pipeline.Scheduler{Org: "org1", Jobs: []pipeline.Job{slow, boom}, Open: opener(loc), Clock: clock, Log: quietLog()}
		ctx := context.Background()
		// The embedded engine serves one holder at a time, so the overlap check uses a job
		// that does not need the warehouse while it waits: Fire returns at once when it
		// finds the job running.
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done(); s.Fire(ctx, slow, clock.Now()) }()
		<-started
		done := make(chan struct{})
		go func() { s.Fire(ctx, slow, clock.Now().Add(time.Second)); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("a second run waited for the first instead of being skipped")
		}
		close(release)
		wg.Wait()
		if n := runs.Load(); n != 1 {
			t.Errorf("slow job ran %d times while running, want 1", n)
		}
		base := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
		s.Fire(ctx, boom, base.Add(time.Second)) // panics
		s.Fire(ctx, boom, base.Add(2*time.Second))
		rows := jobRuns(t, loc, "boom")
		if len(rows) != 2 || rows[0][1] != "panic" || rows[1][1] != "ok" {
			t.Errorf("boom runs = %v, want a recorded panic and then an ok run", rows)
		}
	})
}

func TestCronWrapperOrderKeepsAPanickingJobRunnable(t *testing.T) {
	// Through the same wrappers as the cron runner, a job that panics every time still runs
	// on every trigger (Recover inside SkipIfStillRunning).
	n := 0
	run := pipeline.GuardForTest(quietLog(), func() { n++; panic("again") })
	for i := 0; i < 3; i++ {
		run()
	}
	if n != 3 {
		t.Errorf("the panicking job ran %d of 3 triggers", n)
	}
}

func TestWarehouseDownIsRetriedThenTheJobRuns(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	loc := warehousetest.NewTarget(t, "embedded").Location
	sched, _ := pipeline.ParseSchedule("@every 1s", time.UTC)
	var ran atomic.Int32
	job := pipeline.Job{Name: "j", Schedule: sched, Run: func(ctx context.Context, wh warehouse.Engine, slot time.Time) (string, error) {
		ran.Add(1)
		return "", nil
	}}
	failures := 2
	var slept []time.Duration
	clock := &fakeClock{t: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}
	s := &pipeline.Scheduler{Org: "o", Jobs: []pipeline.Job{job}, Clock: clock, Log: quietLog(), Retry: time.Minute,
		Open: func(ctx context.Context) (warehouse.Engine, error) {
			if failures > 0 {
				failures--
				return nil, errors.New("connection refused")
			}
			return opener(loc)(ctx)
		},
		Sleep: func(ctx context.Context, d time.Duration) error {
			slept = append(slept, d)
			clock.Set(clock.Now().Add(d))
			return nil
		},
	}
	s.Fire(context.Background(), job, clock.Now())
	if ran.Load() != 1 {
		t.Fatalf("job ran %d times after the warehouse came back, want 1", ran.Load())
	}
	if len(slept) != 2 || slept[1] != 2*slept[0] {
		t.Errorf("backoff = %v, want two growing waits", slept)
	}
	// Down for good: the job is given up for this slot, and nothing crashes.
	s.Open = func(ctx context.Context) (warehouse.Engine, error) { return nil, errors.New("connection refused") }
	s.Fire(context.Background(), job, clock.Now())
	if ran.Load() != 1 {
		t.Errorf("job ran without a warehouse")
	}
}

func TestShutdownLetsTheRunningJobFinish(t *testing.T) {
	warehousetest.RequireEmbedded(t)
	loc := warehousetest.NewTarget(t, "embedded").Location
	sched, _ := pipeline.ParseSchedule("@every 1s", time.UTC)
	started := make(chan struct{}, 10)
	var finished atomic.Int32
	job := pipeline.Job{Name: "long", Schedule: sched, Run: func(ctx context.Context, wh warehouse.Engine, slot time.Time) (string, error) {
		started <- struct{}{}
		time.Sleep(1500 * time.Millisecond)
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		finished.Add(1)
		return "finished", nil
	}}
	s := &pipeline.Scheduler{Org: "o", Jobs: []pipeline.Job{job}, Open: opener(loc), Log: quietLog()}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Run(ctx) }()
	select {
	case <-started:
	case <-time.After(20 * time.Second):
		t.Fatal("the job never started")
	}
	cancel() // what SIGTERM does
	select {
	case err := <-errc:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return after shutdown")
	}
	if finished.Load() != 1 {
		t.Errorf("the running job did not finish cleanly (%d finished)", finished.Load())
	}
	rows := jobRuns(t, loc, "long")
	if len(rows) != 1 || rows[0][1] != "ok" {
		t.Errorf("job_runs = %v, want one ok run", rows)
	}
}
