package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/goalpost/goalpost/warehouse"
)

// app is what every command shares: the streams, the global flags and the clock.
type app struct {
	stdout, stderr io.Writer
	warehouse      string // --warehouse: a directory or clickhouse:// DSN
	config         string // --config: goalpost.yaml (see config.go)
	now            func() time.Time
	log            *slog.Logger
}

// exitError carries a specific exit code, e.g. 1 when some files were rejected.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

// run is the whole CLI, so that tests can drive it in-process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr, now: time.Now}
	a.log = newLogger(stderr, slog.LevelWarn)
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintf(stderr, "goalpost: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "goalpost: %v\n", err)
	if strings.Contains(err.Error(), "unknown command") || strings.Contains(err.Error(), "flag") || strings.Contains(err.Error(), "arg(s)") {
		return 2
	}
	return 1
}

// newLogger writes text on a terminal and JSON otherwise (for log collectors). Commands log
// warnings only; serve logs every run.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "goalpost",
		Short: "Measure a nonprofit's social media against its goals",
		Long: `Goalpost imports the CSV exports that social platforms and analytics tools offer
(Meta Business Suite, X, YouTube Studio, Google Analytics 4, Mailchimp, ...) into a
ClickHouse warehouse, and writes the monthly goal report as an Excel workbook and an
offline HTML dashboard. Analysts can query the same warehouse with SQL.

The warehouse is a directory for the embedded engine (default ./goalpost-data), or a
ClickHouse server: --warehouse clickhouse://user:password@host:9000/database.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&a.warehouse, "warehouse", "", "warehouse directory or clickhouse://user:pass@host:9000/db (default $GOALPOST_WAREHOUSE, goalpost.yaml's, or ./goalpost-data)")
	root.PersistentFlags().StringVar(&a.config, "config", "", "settings file (default ./goalpost.yaml when it exists)")
	root.AddCommand(
		a.demoCommand(),
		a.ingestCommand(),
		a.reportCommand(),
		a.sqlCommand(),
		a.schemaCommand(),
		a.sandboxCommand(),
		a.statusCommand(),
		a.connectorsCommand(),
		a.initCommand(),
		a.serveCommand(),
	)
	return root
}

// lockWait is how long a command waits for an embedded warehouse held by another process
// (a running serve holds it only while a job runs) before it gives up and names the holder.
const lockWait = 10 * time.Second

// openWarehouse opens the warehouse the flags name, for the command that needs it.
func (a *app) openWarehouse(ctx context.Context, command string) (warehouse.Engine, error) {
	loc, err := a.warehouseLocation() // --warehouse, $GOALPOST_WAREHOUSE, goalpost.yaml (config.go)
	if err != nil {
		return nil, err
	}
	opts := warehouse.Options{Holder: "goalpost " + command, Notice: func(msg string) { fmt.Fprintln(a.stderr, msg) }}
	// Commands that read start no merge they could not finish (warehouse.Options.NoMerges).
	opts.NoMerges = command == "report" || command == "sql" || command == "status"
	if env := os.Getenv("GOALPOST_STAGE_MEMORY_MB"); env != "" {
		mb, err := strconv.Atoi(env)
		if err != nil || mb < 0 {
			return nil, fmt.Errorf("GOALPOST_STAGE_MEMORY_MB=%q: want a number of MiB (0: stage on disk only)", env)
		}
		opts.StageMemoryMB = mb
		if mb == 0 {
			opts.StageMemoryMB = -1
		}
	}
	deadline := time.Now().Add(lockWait)
	for {
		wh, err := warehouse.Open(ctx, loc, opts)
		if err == nil || !errors.Is(err, warehouse.ErrLocked) || time.Now().After(deadline) {
			return wh, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// isTerminal reports whether w is an interactive terminal (for progress and table output).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
