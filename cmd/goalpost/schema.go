package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/analyst"
)

func (a *app) schemaCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Describe the tables and views analysts query",
		Long: `Schema prints every analyst-facing table and view of the warehouse with its columns,
their types and what each holds. It reads the documentation built into goalpost (the
comments of sql/schema), so it needs no warehouse; docs/schema.md holds the same text.`,
		Example: `  goalpost schema
  goalpost schema --format markdown > schema.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			objs, err := analyst.Schema()
			if err != nil {
				return err
			}
			switch format {
			case "text":
				return analyst.WriteSchemaText(a.stdout, objs)
			case "markdown":
				return analyst.WriteSchemaMarkdown(a.stdout, objs)
			}
			return fmt.Errorf("--format %q: want text or markdown", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or markdown")
	return cmd
}
