package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/analyst"
	"github.com/goalpost/goalpost/pipeline"
	sqlfiles "github.com/goalpost/goalpost/sql"
	"github.com/goalpost/goalpost/warehouse"
)

func (a *app) statusCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show what is in the warehouse, the jobs' last and next runs, and the quarantine",
		Long: `Status shows, per organisation and source, the last date with data and the files
ingested; the last and next run of each scheduled job (next runs use the same schedule
flags as serve); and any file waiting in the inbox's quarantine.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			if err := f.fromConfig(cmd, cfg); err != nil {
				return err
			}
			s, err := a.scheduler(&f)
			if err != nil {
				return err
			}
			wh, err := a.openWarehouse(ctx, "status")
			if err != nil {
				return err
			}
			defer wh.Close()
			fmt.Fprintf(a.stdout, "warehouse: %s\n", wh.Describe())
			for _, section := range []struct{ title, file, empty string }{
				{"Sources", "queries/status_sources.sql", "No daily data yet. Try `goalpost demo`, or `goalpost ingest FOLDER`."},
				{"Files", "queries/status_files.sql", "No files ingested yet."},
			} {
				if err := a.printQuery(ctx, wh, section.title, section.file, section.empty); err != nil {
					return err
				}
			}
			runs, err := pipeline.LastRuns(ctx, wh, f.org)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "\nJobs (%s)\n", f.org)
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "JOB\tSCHEDULE\tLAST RUN\tOUTCOME\tNEXT RUN\tMESSAGE")
			for _, j := range s.Jobs {
				last, outcome := "never", ""
				msg := ""
				if r, ok := runs[j.Name]; ok {
					last, outcome, msg = r.LastStarted.In(j.Schedule.Location()).Format("2006-01-02 15:04"), r.LastOutcome, r.LastMessage
				}
				next := j.Schedule.Next(a.now()).In(j.Schedule.Location()).Format("2006-01-02 15:04 MST")
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", j.Name, j.Schedule, last, outcome, next, oneLine(msg, 70))
			}
			tw.Flush()
			inbox := &pipeline.Inbox{Dir: f.inbox}
			q, err := inbox.Quarantined()
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "\nQuarantine (%s/quarantine): ", f.inbox)
			if len(q) == 0 {
				fmt.Fprintln(a.stdout, "empty")
			} else {
				fmt.Fprintf(a.stdout, "%d file(s); each has a .error.txt beside it saying what to fix\n", len(q))
				for _, name := range q {
					fmt.Fprintf(a.stdout, "  %s\n", name)
				}
			}
			return nil
		},
	}
	f.register(cmd)
	return cmd
}

func (a *app) printQuery(ctx context.Context, wh warehouse.Engine, title, file, empty string) error {
	q, err := sqlfiles.Statement(file)
	if err != nil {
		return err
	}
	res, err := wh.Query(ctx, q, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\n%s\n", title)
	if len(res.Rows) == 0 {
		fmt.Fprintln(a.stdout, empty)
		return nil
	}
	return printTable(a.stdout, res)
}

func printTable(w io.Writer, res *warehouse.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, c := range res.Columns {
		if i > 0 {
			fmt.Fprint(tw, "\t")
		}
		fmt.Fprint(tw, c.Name)
	}
	fmt.Fprintln(tw)
	for _, r := range res.Rows {
		for i, v := range r {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, analyst.Text(res.Columns[i].Type, v))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func oneLine(s string, n int) string {
	r := []rune(s)
	for i, c := range r {
		if c == '\n' || c == '\r' {
			r[i] = ' '
		}
	}
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return string(r)
}
