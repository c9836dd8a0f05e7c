package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/pipeline"
)

// orgFlags are the organisation settings an ingest needs; goalpost.yaml and goals.yaml
// provide them, and the flags override.
type orgFlags struct {
	org      string
	timezone string
	platform string
	salt     string
}

func (o *orgFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.org, "org", "", "organisation the data belongs to (default: goalpost.yaml's org, else \"default\")")
	cmd.Flags().StringVar(&o.timezone, "timezone", "", "organisation's time zone (IANA name, e.g. America/Toronto), for post times (default: goals.yaml's, else UTC)")
	cmd.Flags().StringVar(&o.platform, "platform", "", "platform of files that do not say which (Meta's \"Views\" series are the same for facebook and instagram)")
}

// resolve fills what the flags left empty from goalpost.yaml and goals.yaml, and returns the
// goals file (nil without one).
func (o *orgFlags) resolve(cfg *goals.Config) (*goals.File, error) {
	o.org = orgOf(o.org, cfg)
	if cfg != nil && o.salt == "" {
		o.salt = cfg.Salt
	}
	g, err := loadGoals(cfg, o.org)
	if err != nil {
		return nil, err
	}
	if o.timezone == "" && g != nil {
		o.timezone = g.Organisation.TimeZone
	}
	if o.timezone == "" {
		o.timezone = "UTC"
	}
	return g, nil
}

func (o *orgFlags) options() (connectors.Options, error) {
	loc, err := time.LoadLocation(o.timezone)
	if err != nil {
		return connectors.Options{}, fmt.Errorf("--timezone %q: not a known time zone (want an IANA name such as Europe/Paris)", o.timezone)
	}
	if o.org == "" {
		return connectors.Options{}, fmt.Errorf("--org must not be empty")
	}
	return connectors.Options{Org: o.org, Location: loc, Platform: o.platform, Salt: o.salt}, nil
}

// ingestMemoryLimit is the soft limit of the Go runtime's memory during an ingest: 120 MiB
// with the default batches of 8 MiB, and 7 MiB more for each MiB more per batch. At 96 MiB
// the collector ran so often that the ingest took a quarter more CPU; at 120 MiB its CPU
// stayed within the noise on a quiet machine, and the peak at 138 MB on a busy one. It does
// not cover the embedded engine's memory, which is not Go's.
func ingestMemoryLimit(batchMB int) int64 {
	return (64 + 7*int64(max(batchMB, 1))) << 20
}

func (a *app) ingestCommand() *cobra.Command {
	var (
		org       orgFlags
		dryRun    bool
		batchRows int
		batchMB   int
	)
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH...",
		Short: "Load export files (or folders of them) into the warehouse",
		Long: `Ingest reads each file, detects its format from its content (never its name),
and loads it once: the same bytes again are reported as already ingested, and where two
exports overlap in dates the one that covers the later period wins. A file with a bad row
is rejected whole, with the line, column and value that need fixing; the other files still
load. Folders are read recursively.

Exit status: 0 when every file loaded (or was already there), 1 when any was rejected.`,
		Example: `  goalpost ingest exports/
  goalpost ingest --org riverside --timezone America/Toronto "Oct-01-2025_Oct-31-2025.csv"
  goalpost ingest --dry-run downloads/*.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			goalsFile, err := org.resolve(cfg)
			if err != nil {
				return err
			}
			opts, err := org.options()
			if err != nil {
				return err
			}
			paths, err := pipeline.ExpandPaths(args)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			// Memory follows the batch (issue 9's figure 2), but on a busy machine Go's
			// collector falls behind the parse and the heap overshoots its goal: with a
			// core taken by another program, the 1 M-post ingest on a server peaked at
			// 151 MB (docs/performance.md, step 26). A soft limit, for the command's
			// duration, makes the collector keep up; GOMEMLIMIT, when set, is the user's.
			if os.Getenv("GOMEMLIMIT") == "" {
				defer debug.SetMemoryLimit(debug.SetMemoryLimit(ingestMemoryLimit(batchMB)))
			}
			// The first file is hashed, and read up to its rows, while the engine starts.
			reg := catalog.Default()
			sums := pipeline.HashAhead(ctx, paths)
			defer sums.Stop()
			var ahead *pipeline.Ahead
			if len(paths) > 0 {
				ahead = pipeline.ReadAhead(ctx, paths[0], reg, opts)
				defer ahead.Stop()
			}
			wh, err := a.openWarehouse(ctx, "ingest")
			if err != nil {
				return err
			}
			defer wh.Close()
			in := &pipeline.Ingester{Warehouse: wh, Connectors: reg, Options: opts, DryRun: dryRun, BatchRows: batchRows, BatchMB: batchMB, Now: a.now, Log: a.log, Sums: sums, Ahead: ahead}
			results, err := in.IngestFiles(ctx, paths, func(r pipeline.FileResult) { printFileResult(a.stdout, r) })
			s := pipeline.Summarize(results)
			printSummary(a.stdout, s, dryRun)
			if err != nil {
				return err
			}
			// The goals and KPI values in the warehouse follow every load, so analysts'
			// attainment queries see the new data.
			if goalsFile != nil && !dryRun && s.New+s.Replaced > 0 {
				if _, err := goals.Sync(ctx, wh, goalsFile, a.now()); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "goals and KPIs updated from %s\n", goalsFile.Path)
			}
			if s.Rejected > 0 {
				return &exitError{code: 1, err: fmt.Errorf("%d of %d files rejected; fix them and ingest again", s.Rejected, s.Files)}
			}
			return nil
		},
	}
	org.register(cmd)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "parse and check the files, write nothing")
	cmd.Flags().IntVar(&batchRows, "batch-rows", pipeline.DefaultBatchRows, "rows per INSERT at most: memory grows with it, not with the file")
	cmd.Flags().IntVar(&batchMB, "batch-mb", pipeline.DefaultBatchBytes>>20, "MiB per INSERT at most (posts with long captions reach it before --batch-rows)")
	return cmd
}

func printFileResult(w io.Writer, r pipeline.FileResult) {
	switch r.Outcome {
	case pipeline.Rejected:
		fmt.Fprintf(w, "rejected          %s\n    %v\n", r.Path, r.Err)
		return
	case pipeline.Already:
		fmt.Fprintf(w, "already ingested  %s (%d rows)\n", r.Path, r.Rows)
		return
	}
	dates := ""
	if !r.DateMin.IsZero() {
		dates = r.DateMin.Format("2006-01-02") + ".." + r.DateMax.Format("2006-01-02")
	}
	what := string(r.Outcome)
	if r.Outcome == pipeline.Replaced {
		what = fmt.Sprintf("replaced (%d earlier file%s overlap)", r.Overlaps, plural(r.Overlaps))
	}
	fmt.Fprintf(w, "%-17s %s: %s, %d rows, %s\n", what, r.Path, r.Connector, r.Rows, dates)
	if len(r.Skipped) > 0 {
		reasons := make([]string, 0, len(r.Skipped))
		for reason, n := range r.Skipped {
			reasons = append(reasons, fmt.Sprintf("%d %s", n, reason))
		}
		sort.Strings(reasons)
		fmt.Fprintf(w, "    left out: %s\n", strings.Join(reasons, "; "))
	}
}

func printSummary(w io.Writer, s pipeline.Summary, dryRun bool) {
	if dryRun {
		fmt.Fprintf(w, "checked %d file%s: %d rows would load, %d rejected (dry run: nothing written)\n", s.Files, plural(s.Files), s.Rows, s.Rejected)
		return
	}
	fmt.Fprintf(w, "%d file%s: %d new, %d replacing earlier data, %d already ingested, %d rejected; %d rows loaded\n",
		s.Files, plural(s.Files), s.New, s.Replaced, s.Already, s.Rejected, s.Rows)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
