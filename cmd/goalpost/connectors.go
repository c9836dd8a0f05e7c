package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/connectors/catalog"
)

func (a *app) connectorsCommand() *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "connectors",
		Short: "List the export formats Goalpost reads, and how to download each",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			reg := catalog.Default()
			if !verbose {
				tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tPLATFORM\tDESCRIPTION")
				for _, c := range reg.All() {
					s := c.Spec()
					fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, s.Platform, s.Description)
				}
				tw.Flush()
				fmt.Fprintln(a.stdout, "\nRun `goalpost connectors -v` for how to download each export.")
				return nil
			}
			for _, c := range reg.All() {
				s := c.Spec()
				fmt.Fprintf(a.stdout, "%s (%s)\n  %s\n  How to export: %s\n\n", s.Name, s.Platform, s.Description, s.HowToExport)
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "show how to download each export")
	return cmd
}
