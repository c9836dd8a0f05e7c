package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/analyst"
	sqlfiles "github.com/goalpost/goalpost/sql"
)

func (a *app) statusCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show what is in the warehouse: files ingested per organisation and source",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := sqlfiles.Statement("queries/status_files.sql")
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			wh, err := a.openWarehouse(ctx, "status")
			if err != nil {
				return err
			}
			defer wh.Close()
			fmt.Fprintf(a.stdout, "warehouse: %s\n\n", wh.Describe())
			res, err := wh.Query(ctx, q, nil)
			if err != nil {
				return err
			}
			if len(res.Rows) == 0 {
				fmt.Fprintln(a.stdout, "No files ingested yet. Try `goalpost demo`, or `goalpost ingest FOLDER`.")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ORG\tCONNECTOR\tSTATUS\tFILES\tROWS\tFIRST DATE\tLAST DATE")
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
		},
	}
}
