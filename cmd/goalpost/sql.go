package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/analyst"
)

func (a *app) sqlCommand() *cobra.Command {
	var (
		format string
		file   string
	)
	cmd := &cobra.Command{
		Use:   "sql [flags] QUERY",
		Short: "Run SQL against the warehouse",
		Long: `Run one SQL statement against the warehouse and print the result. The analyst
tables are metrics_daily, posts, post_metrics, donations, signups, ingested_files and
job_runs; they already hold one value per key, so plain SUM() is right.

Formats: table (aligned, for people), csv and tsv (with a header line, for programs).`,
		Example: `  goalpost sql "SELECT platform, sum(value) FROM metrics_daily WHERE metric = 'reach' GROUP BY platform"
  goalpost sql --format csv -f monthly.sql > monthly.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var query string
			switch {
			case file != "" && len(args) == 1:
				return fmt.Errorf("give a query or -f FILE, not both")
			case file != "":
				b, err := os.ReadFile(file)
				if err != nil {
					return err
				}
				query = string(b)
			case len(args) == 1:
				query = args[0]
			default:
				return fmt.Errorf("no query: give one as an argument or with -f FILE")
			}
			query = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(query), ";"))
			if format == "" {
				format = "tsv"
				if isTerminal(a.stdout) {
					format = "table"
				}
			}
			if !contains(analyst.Formats, format) {
				return fmt.Errorf("--format %q: want one of %s", format, strings.Join(analyst.Formats, ", "))
			}
			ctx := cmd.Context()
			wh, err := a.openWarehouse(ctx, "sql")
			if err != nil {
				return err
			}
			defer wh.Close()
			res, err := wh.Query(ctx, query, nil)
			if err != nil {
				return err
			}
			return analyst.Write(a.stdout, format, res)
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: table, csv or tsv (default table on a terminal, tsv otherwise)")
	cmd.Flags().StringVarP(&file, "file", "f", "", "read the query from a .sql file")
	return cmd
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
