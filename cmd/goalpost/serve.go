package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/goals"
	"github.com/goalpost/goalpost/pipeline"
	"github.com/goalpost/goalpost/reports"
	"github.com/goalpost/goalpost/warehouse"
)

// serveFlags are the settings of the long-running mode.
type serveFlags struct {
	org, name, lang, tz string
	inbox, out          string
	ingestSchedule      string
	reportSchedule      string
	quarterlySchedule   string
	yearlySchedule      string
	settle, grace       time.Duration
	retry               time.Duration
	mail                pipeline.Mail
	mailTo              []string

	salt    string      // from goalpost.yaml: hashes people in the sign-up and donation exports
	goals   *goals.File // from goals.yaml: the report measures them
	queries string      // the saved queries folder beside goalpost.yaml
}

// fromConfig fills every setting the command line did not give from goalpost.yaml and
// goals.yaml: flags override the config, the config overrides the defaults.
func (f *serveFlags) fromConfig(cmd *cobra.Command, cfg *goals.Config) error {
	if cfg == nil {
		return nil
	}
	set := func(flag string, dst *string, v string) {
		if !cmd.Flags().Changed(flag) && v != "" {
			*dst = v
		}
	}
	set("org", &f.org, cfg.Org)
	set("inbox", &f.inbox, cfg.Inbox)
	set("out", &f.out, cfg.Reports)
	set("ingest-schedule", &f.ingestSchedule, cfg.Schedules.Ingest)
	set("report-schedule", &f.reportSchedule, cfg.Schedules.Report)
	set("quarterly-schedule", &f.quarterlySchedule, cfg.Schedules.Quarterly)
	set("yearly-schedule", &f.yearlySchedule, cfg.Schedules.Yearly)
	if !cmd.Flags().Changed("catch-up-grace") && cfg.Schedules.CatchUpGrace > 0 {
		f.grace = cfg.Schedules.CatchUpGrace
	}
	m := cfg.Mail
	set("smtp-host", &f.mail.Host, m.Host)
	set("smtp-user", &f.mail.Username, m.Username)
	set("mail-from", &f.mail.From, m.From)
	if !cmd.Flags().Changed("smtp-port") && m.Port != 0 {
		f.mail.Port = m.Port
	}
	if !cmd.Flags().Changed("mail-to") && len(m.To) > 0 {
		f.mailTo = m.To
	}
	f.salt = cfg.Salt
	f.queries = queriesDir(cfg)
	g, err := loadGoals(cfg, f.org)
	if err != nil {
		return err
	}
	if g != nil {
		f.goals = g
		o := g.Organisation
		set("name", &f.name, o.Name)
		set("lang", &f.lang, o.Language)
		set("timezone", &f.tz, o.TimeZone)
	}
	return nil
}

func (f *serveFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.org, "org", "default", "organisation the inbox belongs to")
	fl.StringVar(&f.name, "name", "", "organisation's display name (default: the --org value)")
	fl.StringVar(&f.lang, "lang", "en", "report language: en or fr")
	fl.StringVar(&f.tz, "timezone", "UTC", "organisation's time zone (IANA name); schedules run in it")
	fl.StringVar(&f.inbox, "inbox", "inbox", "folder staff drop exports into (archive/ and quarantine/ are made inside it)")
	fl.StringVar(&f.out, "out", "reports", "folder the reports are written to (with an index.html)")
	fl.StringVar(&f.ingestSchedule, "ingest-schedule", "*/15 * * * *", "when to scan the inbox (cron spec, or @every 30s)")
	fl.StringVar(&f.reportSchedule, "report-schedule", "0 7 1 * *", "when to write the monthly report, for the month just ended")
	fl.StringVar(&f.quarterlySchedule, "quarterly-schedule", "", "when to write the quarterly report, for the quarter just ended (e.g. \"0 7 2 1,4,7,10 *\"; off by default)")
	fl.StringVar(&f.yearlySchedule, "yearly-schedule", "", "when to write the yearly report, for the year just ended (e.g. \"0 7 3 1 *\"; off by default)")
	fl.DurationVar(&f.settle, "settle", 10*time.Second, "how long a file must stay unchanged before it is taken from the inbox")
	fl.DurationVar(&f.grace, "catch-up-grace", 72*time.Hour, "on start, a report slot missed within this window runs once")
	fl.DurationVar(&f.retry, "retry", 5*time.Minute, "how long a job retries a warehouse that is down or busy before giving up for its slot")
	fl.StringVar(&f.mail.Host, "smtp-host", "", "SMTP server to mail each report through (off when empty)")
	fl.IntVar(&f.mail.Port, "smtp-port", 587, "SMTP port")
	fl.StringVar(&f.mail.Username, "smtp-user", "", "SMTP user (the password is read from $GOALPOST_SMTP_PASSWORD)")
	fl.StringVar(&f.mail.From, "mail-from", "", "sender address of report mails")
	fl.StringSliceVar(&f.mailTo, "mail-to", nil, "recipients of report mails (repeat or comma-separate)")
}

// reportKind is one of the report jobs: which period a slot reports on.
type reportKind struct {
	job    string
	spec   string
	period func(slot time.Time, loc *time.Location, lang string) (reports.Period, error)
}

func (a *app) serveCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Run the inbox and the monthly report on a schedule, unattended",
		Long: `Serve is the long-running mode for a spare machine or a server. It scans the inbox and
ingests files once they have stopped changing, moving them to inbox/archive/YYYY-MM/ (or to
inbox/quarantine/ with a .error.txt saying what to fix), and writes the monthly report for
the month just ended (optionally quarterly and yearly ones), mailing it to the board when
SMTP is set up. Every run is recorded in job_runs; a report slot missed while serve was
down runs once on start. SIGINT or SIGTERM let the running job finish, then serve exits.

With the embedded engine the data directory is held only while a job runs, so goalpost
sql and goalpost report work beside a running serve.`,
		Example: `  goalpost serve --org riverside --timezone America/Toronto
  goalpost serve --inbox /srv/goalpost/inbox --ingest-schedule "@every 1m" --smtp-host mail.example.org --mail-from reports@example.org --mail-to board@example.org`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			a.log = newLogger(a.stderr, slog.LevelInfo)
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
			if err := os.MkdirAll(f.inbox, 0o755); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "goalpost serve: inbox %s, reports to %s, warehouse %s\n", f.inbox, f.out, warehouse.Resolve(a.warehouse))
			for _, j := range s.Jobs {
				fmt.Fprintf(a.stdout, "  %-17s %-16s next %s\n", j.Name, j.Schedule, j.Schedule.Next(a.now()).Format(time.RFC3339))
			}
			return s.Run(cmd.Context())
		},
	}
	f.register(cmd)
	return cmd
}

// scheduler builds the jobs from the flags; every schedule is checked before anything runs.
func (a *app) scheduler(f *serveFlags) (*pipeline.Scheduler, error) {
	if f.lang != "en" && f.lang != "fr" {
		return nil, fmt.Errorf("--lang %q: want en or fr", f.lang)
	}
	loc, err := time.LoadLocation(f.tz)
	if err != nil {
		return nil, fmt.Errorf("--timezone %q: not a known time zone (want an IANA name such as Europe/Paris)", f.tz)
	}
	if f.name == "" {
		f.name = f.org
	}
	f.mail.To = f.mailTo
	f.mail.Password = os.Getenv("GOALPOST_SMTP_PASSWORD")
	inbox := &pipeline.Inbox{Dir: f.inbox, Settle: f.settle}
	ingester := &pipeline.Ingester{
		Connectors: catalog.Default(), Now: a.now, Log: a.log,
		Options: connectors.Options{Org: f.org, Location: loc, Salt: f.salt},
	}
	ingestSchedule, err := pipeline.ParseSchedule(f.ingestSchedule, loc)
	if err != nil {
		return nil, fmt.Errorf("--ingest-schedule: %w", err)
	}
	jobs := []pipeline.Job{{
		Name: "ingest", Schedule: ingestSchedule, Timeout: time.Hour, Idle: inbox.Idle,
		Run: func(ctx context.Context, wh warehouse.Engine, slot time.Time) (string, error) {
			sum, err := inbox.Process(ctx, ingester, wh)
			if err != nil {
				return sum.String(), err
			}
			// The goals and KPI values in the warehouse follow every load.
			if f.goals != nil && sum.New+sum.Replaced > 0 {
				if _, err := goals.Sync(ctx, wh, f.goals, a.now()); err != nil {
					return sum.String(), err
				}
			}
			return sum.String(), nil
		},
	}}
	kinds := []reportKind{
		{"report-monthly", f.reportSchedule, func(slot time.Time, loc *time.Location, lang string) (reports.Period, error) {
			return reports.LastCompleteMonth(slot, loc, lang)
		}},
		{"report-quarterly", f.quarterlySchedule, func(slot time.Time, loc *time.Location, lang string) (reports.Period, error) {
			l := slot.In(loc)
			q := (int(l.Month())-1)/3 + 1
			y := l.Year()
			if q--; q == 0 {
				q, y = 4, y-1
			}
			return reports.ParsePeriod(fmt.Sprintf("%dQ%d", y, q), lang)
		}},
		{"report-yearly", f.yearlySchedule, func(slot time.Time, loc *time.Location, lang string) (reports.Period, error) {
			return reports.ParsePeriod(fmt.Sprint(slot.In(loc).Year()-1), lang)
		}},
	}
	for _, k := range kinds {
		if strings.TrimSpace(k.spec) == "" {
			continue
		}
		sched, err := pipeline.ParseSchedule(k.spec, loc)
		if err != nil {
			return nil, fmt.Errorf("%s schedule: %w", k.job, err)
		}
		k := k
		jobs = append(jobs, pipeline.Job{
			Name: k.job, Schedule: sched, Timeout: time.Hour, CatchUp: true, Grace: f.grace,
			Run: func(ctx context.Context, wh warehouse.Engine, slot time.Time) (string, error) {
				period, err := k.period(slot, loc, f.lang)
				if err != nil {
					return "", err
				}
				req := pipeline.ReportRequest{Org: f.org, OrgName: f.name, Lang: f.lang, Location: loc, Period: period, Now: a.now(), Goals: f.goals, QueriesDir: f.queries}
				written, err := a.writeReport(ctx, wh, req, f.out, []string{"xlsx", "html"})
				if err != nil {
					return "", err
				}
				if err := pipeline.WriteIndex(f.out); err != nil {
					return "", err
				}
				msg := fmt.Sprintf("wrote %s and %s", written.Workbook, written.Dashboard)
				if f.mail.Host != "" {
					subject := fmt.Sprintf("%s: goal report for %s", f.name, period.Label)
					body := fmt.Sprintf("The %s goal report for %s is attached (workbook), with the dashboard beside it.\n\nWorkbook: %s\nDashboard: %s\n",
						f.name, period.Label, written.Workbook, written.Dashboard)
					if err := f.mail.Send(ctx, subject, body, []string{written.Workbook, written.Dashboard}, a.now()); err != nil {
						return msg, err
					}
					msg += fmt.Sprintf("; mailed to %d recipient(s)", len(f.mail.To))
				}
				return msg, nil
			},
		})
	}
	return &pipeline.Scheduler{
		Org: f.org, Jobs: jobs, Log: a.log, Retry: f.retry,
		Open: func(ctx context.Context) (warehouse.Engine, error) {
			return warehouse.Open(ctx, warehouse.Resolve(a.warehouse), warehouse.Options{Holder: "goalpost serve"})
		},
	}, nil
}
