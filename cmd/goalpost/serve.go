package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// serveCommand is not built yet; it says so plainly instead of pretending.
func (a *app) serveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run the inbox and the monthly report on a schedule (not available yet)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: 2, err: fmt.Errorf("serve is not available yet; run `goalpost ingest` and `goalpost report` from cron meanwhile")}
		},
	}
}
