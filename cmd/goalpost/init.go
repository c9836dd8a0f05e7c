package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// initCommand is not built yet; it says so plainly instead of pretending.
func (a *app) initCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a starter goalpost.yaml and goals.yaml (not available yet)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: 2, err: fmt.Errorf("init is not available yet: the goals file arrives with the goals and KPIs work; meanwhile use the --org, --timezone and --lang flags")}
		},
	}
}
