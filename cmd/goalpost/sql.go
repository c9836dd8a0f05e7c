package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/goalpost/goalpost/analyst"
	"github.com/goalpost/goalpost/warehouse"
)

// sqlFlags are the options of goalpost sql.
type sqlFlags struct {
	format, file, out string
	params            []string
	write             bool
	maxTime           time.Duration
	maxRows           int
	maxMemory         string
}

// querier is where analyst statements run: a sandbox process for the embedded engine, a
// restricted session for a server.
type querier interface {
	warehouse.Querier
	Close() error
}

func (a *app) sqlCommand() *cobra.Command {
	f := sqlFlags{maxTime: analyst.DefaultLimits.MaxTime, maxRows: analyst.DefaultLimits.MaxRows, maxMemory: analyst.FormatBytes(analyst.DefaultLimits.MaxMemory)}
	cmd := &cobra.Command{
		Use:   "sql [flags] [QUERY]",
		Short: "Query the warehouse with SQL (read-only unless --write)",
		Long: `Run SQL against the warehouse and print the results: one statement given as an argument,
the statements of a file (-f FILE.sql) or of standard input, or, with no query on a
terminal, an interactive prompt (statements end with ;, \q quits).

The analyst tables are metrics_daily, posts, post_metrics, donations, signups,
ingested_files and job_runs (goalpost schema describes every column); they already hold
one value per key, so plain sum() is right.

Statements run read-only, enforced by the engine: anything that would write, change the
schema or settings, or read files or the network (file(), url(), s3()...) is refused unless
--write is given. Each statement is limited in time, result rows and memory. On the
embedded engine the statements run in a separate process that opens the warehouse
directory (waiting for, or naming, a command that holds it).

Values go in as parameters, bound by the engine, never pasted into the text:
{name:Type} in the query, --param name=value on the command line.

Formats: table (aligned, the default on a terminal), tsv (the default otherwise), csv,
json, markdown, and xlsx (with --out FILE.xlsx, one sheet per statement).`,
		Example: `  goalpost sql "SELECT platform, sum(value) AS reach FROM metrics_daily WHERE metric = 'reach' AND dimension = '' GROUP BY platform"
  goalpost sql --param org=riverside "SELECT count() FROM posts WHERE org = {org:String}"
  goalpost sql -f monthly.sql --format xlsx --out monthly.xlsx
  goalpost sql            # interactive prompt`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runSQL(cmd.Context(), f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "", "output format: table, csv, tsv, json, markdown or xlsx (default table on a terminal, tsv otherwise)")
	fl.StringVarP(&f.file, "file", "f", "", "read the statements from a .sql file")
	fl.StringVarP(&f.out, "out", "o", "", "write the output to this file instead of standard output (required for xlsx)")
	fl.StringArrayVarP(&f.params, "param", "p", nil, "a value for a {name:Type} placeholder, as name=value (repeatable)")
	fl.BoolVar(&f.write, "write", false, "allow statements that write or change the schema (they are refused otherwise)")
	fl.DurationVar(&f.maxTime, "max-time", f.maxTime, "stop a statement that runs longer than this (0: no limit)")
	fl.IntVar(&f.maxRows, "max-rows", f.maxRows, "refuse a result with more rows than this (0: no limit)")
	fl.StringVar(&f.maxMemory, "max-memory", f.maxMemory, "memory one statement may use on the engine, e.g. 2GB, 512MB (0: no limit)")
	return cmd
}

func (a *app) runSQL(ctx context.Context, f sqlFlags, args []string) error {
	params, err := parseParams(f.params)
	if err != nil {
		return err
	}
	mem, err := analyst.ParseBytes(f.maxMemory)
	if err != nil {
		return fmt.Errorf("--max-memory: %w", err)
	}
	if f.maxTime < 0 || f.maxRows < 0 {
		return errors.New("--max-time and --max-rows cannot be negative")
	}
	limits := warehouse.Limits{MaxTime: f.maxTime, MaxRows: f.maxRows, MaxMemory: mem}
	hints := analyst.Hints{Flags: true, Limits: limits}

	var (
		stmts       []analyst.Statement
		source      string
		interactive bool
	)
	switch {
	case f.file != "" && len(args) == 1:
		return errors.New("give a query or -f FILE, not both")
	case f.file != "":
		b, err := os.ReadFile(f.file)
		if err != nil {
			return err
		}
		stmts, source = analyst.SplitAll(strings.TrimPrefix(string(b), "\uFEFF")), f.file
	case len(args) == 1:
		stmts = analyst.SplitAll(args[0])
	case term.IsTerminal(int(os.Stdin.Fd())):
		interactive = true
	default:
		b, err := io.ReadAll(os.Stdin)
		if err != nil {
			return err
		}
		stmts, source = analyst.SplitAll(string(b)), "stdin"
	}
	if !interactive && len(stmts) == 0 {
		return errors.New("no query: give one as an argument, with -f FILE, on standard input, or run goalpost sql on a terminal for a prompt")
	}

	format := f.format
	if format == "" {
		format = "tsv"
		if isTerminal(a.stdout) && f.out == "" {
			format = "table"
		}
	}
	if !contains(analyst.Formats, format) {
		return fmt.Errorf("--format %q: want one of %s", format, strings.Join(analyst.Formats, ", "))
	}
	if format == "xlsx" && f.out == "" {
		return errors.New("--format xlsx writes a file: give --out FILE.xlsx")
	}
	if format == "xlsx" && interactive {
		return errors.New("--format xlsx needs the statements as an argument or with -f FILE")
	}

	q, err := a.openAnalyst(ctx, warehouse.Session{Write: f.write, Limits: limits})
	if err != nil {
		return err
	}
	defer q.Close()

	if interactive {
		return analyst.Prompt(ctx, analyst.NewTerminalReader(os.Stdin, a.stdout), a.stdout, func(ctx context.Context, st analyst.Statement) {
			res, err := q.Query(ctx, st.SQL, params)
			if err != nil {
				fmt.Fprintln(a.stdout, analyst.Explain(err, "", st, hints))
				return
			}
			if err := analyst.Write(a.stdout, format, res); err != nil {
				fmt.Fprintln(a.stdout, err)
			}
		})
	}

	var results []analyst.Sheet
	for i, st := range stmts {
		res, err := q.Query(ctx, st.SQL, params)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return &exitError{code: 1, err: errors.New(analyst.Explain(err, source, st, hints))}
		}
		name := "Result"
		if len(stmts) > 1 {
			name = fmt.Sprintf("Statement %d", i+1)
		}
		results = append(results, analyst.Sheet{Name: name, Result: res})
	}
	return a.writeResults(ctx, format, f.out, results)
}

// writeResults prints the results, one after the other with a blank line between, or
// writes them to --out (atomically: a failed write leaves no half file).
func (a *app) writeResults(ctx context.Context, format, out string, results []analyst.Sheet) error {
	write := func(w io.Writer) error {
		if format == "xlsx" {
			return analyst.WriteXLSX(ctx, w, results)
		}
		for i, r := range results {
			if i > 0 {
				fmt.Fprintln(w)
			}
			if err := analyst.Write(w, format, r.Result); err != nil {
				return err
			}
		}
		return nil
	}
	if out == "" {
		return write(a.stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", out, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "wrote %s\n", out)
	return nil
}

// openAnalyst starts where analyst statements run. On the embedded engine that is a child
// process (the goalpost binary with a hidden command) which opens the warehouse, restricts
// its session before reading any statement, and is killed if a statement overruns. On a
// server it is a restricted session on a connection of this process.
func (a *app) openAnalyst(ctx context.Context, s warehouse.Session) (querier, error) {
	loc, err := a.warehouseLocation()
	if err != nil {
		return nil, err
	}
	if strings.Contains(loc, "://") {
		a.warehouse = loc
		wh, err := a.openWarehouse(ctx, "sql")
		if err != nil {
			return nil, err
		}
		r, err := warehouse.Restrict(ctx, wh, s)
		if err != nil {
			wh.Close()
			return nil, err
		}
		return &serverAnalyst{Restricted: r, wh: wh}, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the goalpost binary for the sandbox: %w", err)
	}
	command := func() *exec.Cmd { return exec.Command(exe, analyst.SandboxCommand) }
	return analyst.StartSandbox(ctx, command, analyst.SandboxConfig{Location: loc, Session: s}, a.stderr)
}

// serverAnalyst closes the server connection with the session.
type serverAnalyst struct {
	warehouse.Restricted
	wh warehouse.Engine
}

func (s *serverAnalyst) Close() error {
	s.Restricted.Close()
	return s.wh.Close()
}

// sandboxCommand is the child side of the embedded engine's sandbox. It answers on file
// descriptor 3, which only the parent provides; it is not for people.
func (a *app) sandboxCommand() *cobra.Command {
	return &cobra.Command{
		Use:    analyst.SandboxCommand,
		Short:  "Serve analyst statements to goalpost sql (internal)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			out := os.NewFile(3, "sandbox answers")
			if out == nil {
				return errors.New("this command is started by goalpost sql")
			}
			defer out.Close()
			err := analyst.ServeSandbox(cmd.Context(), os.Stdin, out, func(ctx context.Context, loc string) (warehouse.Engine, error) {
				a.warehouse = loc
				return a.openWarehouse(ctx, "sql")
			})
			if err != nil {
				return &exitError{code: 1, err: err}
			}
			return nil
		},
	}
}

// parseParams reads --param name=value flags. The values stay text; the engine parses them
// as the placeholder's type.
func parseParams(flags []string) (warehouse.Params, error) {
	params := warehouse.Params{}
	for _, p := range flags {
		name, value, ok := strings.Cut(p, "=")
		if !ok || !isParamName(name) {
			return nil, fmt.Errorf("--param %q: want name=value, the name made of letters, digits and _", p)
		}
		if _, dup := params[name]; dup {
			return nil, fmt.Errorf("--param %s is given twice", name)
		}
		params[name] = value
	}
	return params, nil
}

func isParamName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
