package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/goals"
)

func (a *app) initCommand() *cobra.Command {
	var (
		lang, org, name, tz, currency string
		fiscal                        int
	)
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a starter goalpost.yaml and goals.yaml, and the inbox folders",
		Long: `Init writes into DIR (default: the current folder) a commented goalpost.yaml (the
organisation id, warehouse, inbox and reports folders, and a freshly generated secret salt
for hashing personal data) and a goals.yaml with the common nonprofit goals and example
targets, in English or French (--lang fr). It creates inbox/, inbox/archive and
inbox/quarantine. It never overwrites a file: if one exists, it stops and names it.`,
		Example: `  goalpost init
  goalpost init riverside --lang fr --org riverside --name "Banque alimentaire Riverside" --timezone America/Toronto --currency CAD --fiscal-year-start 4`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			if lang != "en" && lang != "fr" {
				return fmt.Errorf("--lang %q: want en or fr", lang)
			}
			if _, err := time.LoadLocation(tz); err != nil || tz == "Local" || tz == "" {
				return fmt.Errorf("--timezone %q: not a known time zone (want an IANA name such as America/Toronto)", tz)
			}
			if fiscal < 1 || fiscal > 12 {
				return fmt.Errorf("--fiscal-year-start %d: want a month number from 1 to 12", fiscal)
			}
			if org == "" {
				org = orgFromDir(dir)
			}
			if name == "" {
				name = map[string]string{"en": "Our organisation", "fr": "Notre organisme"}[lang]
			}
			if currency == "" {
				currency = map[string]string{"en": "USD", "fr": "EUR"}[lang]
			}
			cfgText, err := goals.StarterConfig(goals.ConfigOptions{Lang: lang, Org: org})
			if err != nil {
				return err
			}
			goalsText, err := goals.Starter(goals.StarterOptions{
				Lang: lang, OrgName: name, TimeZone: tz, Currency: strings.ToUpper(currency),
				FiscalYearStart: time.Month(fiscal), Now: a.now(),
			})
			if err != nil {
				return err
			}
			// goalpost.yaml holds the salt: readable by its owner only.
			files := []struct {
				name string
				data []byte
				perm os.FileMode
			}{{"goalpost.yaml", cfgText, 0o600}, {"goals.yaml", goalsText, 0o644}}
			// Check both first, so that a refusal leaves nothing half-written.
			for _, f := range files {
				p := filepath.Join(dir, f.name)
				if _, err := os.Stat(p); err == nil {
					return fmt.Errorf("%s already exists: init never overwrites a file (move it away, or edit it)", p)
				} else if !errors.Is(err, os.ErrNotExist) {
					return err
				}
			}
			for _, d := range []string{dir, filepath.Join(dir, "inbox", "archive"), filepath.Join(dir, "inbox", "quarantine")} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					return err
				}
			}
			for _, f := range files {
				p := filepath.Join(dir, f.name)
				// O_EXCL: a file that appeared since the check is still never overwritten.
				w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.perm)
				if err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
				_, err = w.Write(f.data)
				if cerr := w.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
				fmt.Fprintf(a.stdout, "wrote %s\n", p)
			}
			fmt.Fprintf(a.stdout, "created %s (drop exports here), with archive/ and quarantine/\n", filepath.Join(dir, "inbox"))
			if lang == "fr" {
				fmt.Fprintln(a.stdout, "Ensuite : adaptez goals.yaml (cibles, nombres d'abonnés), puis `goalpost ingest inbox/` et `goalpost report`.")
			} else {
				fmt.Fprintln(a.stdout, "Next: adjust goals.yaml (targets, follower counts), then `goalpost ingest inbox/` and `goalpost report`.")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "en", "language of the files' comments and of the reports: en or fr")
	cmd.Flags().StringVar(&org, "org", "", "organisation id stored on every row (default: the folder's name)")
	cmd.Flags().StringVar(&name, "name", "", "organisation's display name")
	cmd.Flags().StringVar(&tz, "timezone", "UTC", "organisation's time zone (IANA name, e.g. America/Toronto)")
	cmd.Flags().StringVar(&currency, "currency", "", "currency of donations, ISO 4217 (default USD, EUR with --lang fr)")
	cmd.Flags().IntVar(&fiscal, "fiscal-year-start", 1, "month the fiscal year starts (1-12)")
	return cmd
}

var nonID = regexp.MustCompile(`[^a-z0-9_-]+`)

// orgFromDir makes an organisation id from a folder's name: "Riverside Food Bank" becomes
// "riverside-food-bank".
func orgFromDir(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "my-org"
	}
	id := strings.Trim(nonID.ReplaceAllString(strings.ToLower(filepath.Base(abs)), "-"), "-_")
	if id == "" {
		return "my-org"
	}
	return id
}
