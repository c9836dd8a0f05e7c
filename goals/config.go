package goals

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is goalpost.yaml: the installation's settings for one organisation. Paths in it
// are relative to the file's folder; Load resolves them.
type Config struct {
	Path string
	// Org is the organisation id every row in the warehouse carries.
	Org string
	// Warehouse is a directory (embedded engine) or a clickhouse:// DSN.
	Warehouse string
	// Inbox is the folder exports are dropped into (with archive/ and quarantine/ inside).
	Inbox string
	// Reports is the folder reports are written into.
	Reports string
	// Goals is the goals file (default goals.yaml next to goalpost.yaml).
	Goals string
	// Salt is mixed into every hash of personal data; keep it secret and never change it,
	// or the same person will count twice.
	Salt string
	// Mappings describe exports of tools Goalpost has no connector for: which column holds
	// what, for the generic connector.
	Mappings []Mapping
	// Schedules are goalpost serve's jobs; empty fields keep serve's defaults.
	Schedules Schedules
	// Mail sends each finished report to the board; off without a host.
	Mail MailConfig
}

// Schedules are cron specs in the organisation's time zone ("0 7 1 * *", "@every 15m").
type Schedules struct {
	Ingest, Report, Quarterly, Yearly string
	// CatchUpGrace is how old a missed report slot may be and still run on start.
	CatchUpGrace time.Duration
}

// MailConfig is the SMTP delivery of reports. The password is never in the file: serve
// reads it from $GOALPOST_SMTP_PASSWORD.
type MailConfig struct {
	Host     string
	Port     int
	Username string
	From     string
	To       []string
}

// Mapping names the columns of one tool's export for the generic connector.
type Mapping struct {
	Name     string            // the mapping's name, e.g. "our-donation-form"
	Platform string            // the platform its records belong to
	Records  string            // what a row is: metrics, posts, donations or signups
	Columns  map[string]string // canonical field -> the export's column header
	Line     int
}

// The fields a mapping may map, by record kind.
var mappingFields = map[string][]string{
	"metrics":   {"date", "account", "metric", "dimension", "value"},
	"posts":     {"post_id", "published_at", "type", "title", "permalink", "account"},
	"donations": {"donation_id", "at", "amount", "currency", "recurring", "campaign", "utm_source", "utm_medium", "utm_campaign", "donor"},
	"signups":   {"at", "kind", "campaign", "channel", "person"},
}

var orgIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// LoadConfig reads and validates goalpost.yaml.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	w := &walker{file: path}
	c := &Config{Path: path}
	root := w.parse(data)
	if root == nil {
		return nil, w.errs
	}
	w.mapping(root, "", fields{
		"org": func(_, v *yaml.Node, fld string) {
			c.Org = w.str(v, fld)
			if c.Org != "" && !orgIDRE.MatchString(c.Org) {
				w.errorf(v, fld, "want lower-case letters, digits, - and _ (it is stored on every row), got %q", c.Org)
			}
		},
		"warehouse": func(_, v *yaml.Node, fld string) { c.Warehouse = w.str(v, fld) },
		"inbox":     func(_, v *yaml.Node, fld string) { c.Inbox = w.str(v, fld) },
		"reports":   func(_, v *yaml.Node, fld string) { c.Reports = w.str(v, fld) },
		"goals":     func(_, v *yaml.Node, fld string) { c.Goals = w.str(v, fld) },
		"salt": func(_, v *yaml.Node, fld string) {
			c.Salt = w.str(v, fld)
			if len(c.Salt) < 16 {
				w.errorf(v, fld, "too short: use at least 16 random characters (goalpost init writes 43)")
			}
		},
		"mappings": func(_, v *yaml.Node, fld string) {
			w.list(v, fld, func(_ int, n *yaml.Node, fld string) { c.mapping(w, n, fld) })
		},
		"schedules": func(_, v *yaml.Node, fld string) {
			sc := &c.Schedules
			w.mapping(v, fld, fields{
				"ingest":    func(_, v *yaml.Node, fld string) { sc.Ingest = w.str(v, fld) },
				"report":    func(_, v *yaml.Node, fld string) { sc.Report = w.str(v, fld) },
				"quarterly": func(_, v *yaml.Node, fld string) { sc.Quarterly = w.str(v, fld) },
				"yearly":    func(_, v *yaml.Node, fld string) { sc.Yearly = w.str(v, fld) },
				"catch_up_grace": func(_, v *yaml.Node, fld string) {
					d, err := time.ParseDuration(w.str(v, fld))
					if err != nil || d < 0 {
						w.errorf(v, fld, "want a duration such as 72h, got %q", v.Value)
						return
					}
					sc.CatchUpGrace = d
				},
			})
		},
		"mail": func(_, v *yaml.Node, fld string) {
			m := &c.Mail
			w.mapping(v, fld, fields{
				"smtp_host": func(_, v *yaml.Node, fld string) { m.Host = w.str(v, fld) },
				"smtp_port": func(_, v *yaml.Node, fld string) { m.Port, _ = w.integer(v, fld, 1, 65535) },
				"username":  func(_, v *yaml.Node, fld string) { m.Username = w.str(v, fld) },
				"password": func(_, v *yaml.Node, fld string) {
					w.errorf(v, fld, "never store the SMTP password in this file: set $GOALPOST_SMTP_PASSWORD where serve runs")
				},
				"from": func(_, v *yaml.Node, fld string) { m.From = w.str(v, fld) },
				"to":   func(_, v *yaml.Node, fld string) { m.To = w.strs(v, fld) },
			})
		},
	}, "org", "salt")
	if len(w.errs) > 0 {
		return nil, w.errs.sorted()
	}
	dir := filepath.Dir(path)
	resolve := func(p, def string) string {
		if p == "" {
			p = def
		}
		if p == "" || filepath.IsAbs(p) || isDSN(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	c.Warehouse = resolve(c.Warehouse, "")
	c.Inbox = resolve(c.Inbox, "inbox")
	c.Reports = resolve(c.Reports, "reports")
	c.Goals = resolve(c.Goals, "goals.yaml")
	return c, nil
}

func isDSN(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i:i+3] == "://" {
			return true
		}
	}
	return false
}

func (c *Config) mapping(w *walker, n *yaml.Node, field string) {
	m := Mapping{Line: n.Line, Columns: map[string]string{}}
	var columnsNode *yaml.Node
	var columnsField string
	w.mapping(n, field, fields{
		"name":     func(_, v *yaml.Node, fld string) { m.Name = w.str(v, fld) },
		"platform": func(_, v *yaml.Node, fld string) { m.Platform = w.str(v, fld) },
		"records": func(_, v *yaml.Node, fld string) {
			m.Records = w.str(v, fld)
			if _, ok := mappingFields[m.Records]; !ok && m.Records != "" {
				w.errorf(v, fld, "want metrics, posts, donations or signups, got %q%s", m.Records, suggestion(m.Records, []string{"metrics", "posts", "donations", "signups"}))
			}
		},
		"columns": func(_, v *yaml.Node, fld string) { columnsNode, columnsField = v, fld },
	}, "name", "platform", "records", "columns")
	if columnsNode != nil {
		known, ok := mappingFields[m.Records]
		fs := fields{}
		for _, k := range known {
			k := k
			fs[k] = func(_, v *yaml.Node, fld string) { m.Columns[k] = w.str(v, fld) }
		}
		if ok {
			w.mapping(columnsNode, columnsField, fs)
		}
	}
	c.Mappings = append(c.Mappings, m)
}
