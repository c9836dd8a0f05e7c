package goals

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
	"text/template"
	"time"
)

// StarterOptions fill the starter goals.yaml that `goalpost init` writes (and that the demo
// writes for its fictional food bank).
type StarterOptions struct {
	Lang            string // en or fr: the file's comments and the reports' language
	OrgName         string
	TimeZone        string
	Currency        string
	FiscalYearStart time.Month
	// Now places the level targets on the fiscal year that contains it.
	Now time.Time
	// Baselines are the audience counts to write; none writes a commented example.
	Baselines []Baseline
	// Benchmarks is the benchmarks file to reference ("" for none).
	Benchmarks string
	Targets    StarterTargets
}

// StarterTargets are the example targets of the starter file.
type StarterTargets struct {
	PostsPerMonth          int
	VisualShare            float64 // 0.7 = 70 %
	FollowersByYearEnd     int
	ReachPerMonth          int
	ViewsPerMonth          int
	SharesPerQuarter       int
	EngagementRateReach    float64
	NewsletterOpenRate     float64
	SocialSessionsPerMonth int
	LinkClicksPerMonth     int
	EngagementsPerMonth    int
	EmailSignupsPerMonth   int
	NewsletterClickRate    float64
	EventsPerQuarter       int
	DonationsPerYear       int
	SocialDonationsPerQtr  int
	GiftsPerMonth          int
	VolunteersPerQuarter   int
	FollowerMilestones     []int
	DonationMilestones     []int
	SignupMilestones       []int
}

// DefaultTargets suit a small nonprofit starting out; staff replace them with their own.
var DefaultTargets = StarterTargets{
	PostsPerMonth: 20, VisualShare: 0.7, FollowersByYearEnd: 1500, ReachPerMonth: 5000, ViewsPerMonth: 10000,
	SharesPerQuarter: 60, EngagementRateReach: 0.04, NewsletterOpenRate: 0.35, SocialSessionsPerMonth: 150,
	LinkClicksPerMonth: 60, EngagementsPerMonth: 300, EmailSignupsPerMonth: 20, NewsletterClickRate: 0.03,
	EventsPerQuarter: 50, DonationsPerYear: 50000, SocialDonationsPerQtr: 2500, GiftsPerMonth: 40,
	VolunteersPerQuarter: 30, FollowerMilestones: []int{500, 1000, 2500}, DonationMilestones: []int{10000, 25000, 50000},
	SignupMilestones: []int{100, 250},
}

// FiscalYear returns the first and last day of the fiscal year that contains t.
func FiscalYear(t time.Time, start time.Month) (time.Time, time.Time) {
	if start < time.January || start > time.December {
		start = time.January
	}
	y := t.Year()
	if t.Month() < start {
		y--
	}
	first := time.Date(y, start, 1, 0, 0, 0, 0, time.UTC)
	return first, first.AddDate(1, 0, -1)
}

// Starter writes a commented goals.yaml with the common nonprofit goals.
func Starter(o StarterOptions) ([]byte, error) {
	if o.Lang == "" {
		o.Lang = "en"
	}
	if o.Lang != "en" && o.Lang != "fr" {
		return nil, fmt.Errorf("starter: language %q (want en or fr)", o.Lang)
	}
	if o.FiscalYearStart == 0 {
		o.FiscalYearStart = time.January
	}
	if o.Targets.PostsPerMonth == 0 {
		o.Targets = DefaultTargets
	}
	fyStart, fyEnd := FiscalYear(o.Now, o.FiscalYearStart)
	data := map[string]any{
		"O": o, "T": o.Targets, "FYStart": fyStart.Format("2006-01-02"), "FYEnd": fyEnd.Format("2006-01-02"),
		"FYMonth": int(o.FiscalYearStart),
	}
	text := starterEN
	if o.Lang == "fr" {
		text = starterFR
	}
	t, err := template.New("goals.yaml").Funcs(template.FuncMap{
		"pct": func(f float64) string {
			return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.2f", f*100), "0"), ".0") + "%"
		},
		"ints": func(xs []int) string { return strings.Trim(strings.Join(strings.Fields(fmt.Sprint(xs)), ", "), "[]") },
		"date": func(t time.Time) string { return t.Format("2006-01-02") },
		"q":    func(s string) string { return fmt.Sprintf("%q", s) },
	}).Parse(text)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ConfigOptions fill the starter goalpost.yaml.
type ConfigOptions struct {
	Lang      string
	Org       string
	Warehouse string // "" for the default ./goalpost-data
	Salt      string // "" for a fresh one
}

// NewSalt returns 32 random bytes from crypto/rand, base64url-encoded (43 characters).
func NewSalt() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generating a salt: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// StarterConfig writes a commented goalpost.yaml.
func StarterConfig(o ConfigOptions) ([]byte, error) {
	if o.Salt == "" {
		s, err := NewSalt()
		if err != nil {
			return nil, err
		}
		o.Salt = s
	}
	if o.Warehouse == "" {
		o.Warehouse = "goalpost-data"
	}
	text := configEN
	if o.Lang == "fr" {
		text = configFR
	}
	t, err := template.New("goalpost.yaml").Funcs(template.FuncMap{"q": func(s string) string { return fmt.Sprintf("%q", s) }}).Parse(text)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

const configEN = `# goalpost.yaml: this installation's settings. Paths are relative to this file.
# The goals themselves (what to measure, the targets) are in goals.yaml.

# The organisation's id: stored on every row of the warehouse. Lower-case, no spaces.
org: {{q .Org}}

# Where the data lives: a folder for the built-in engine, or a ClickHouse server, e.g.
# clickhouse://user:password@host:9000/goalpost
warehouse: {{q .Warehouse}}

# Drop exports here; loaded files move to inbox/archive, refused ones to inbox/quarantine
# with the reason beside them.
inbox: inbox

# Where reports (Excel workbook and HTML dashboard) are written.
reports: reports

# The goals file.
goals: goals.yaml

# Mixed into every hash of personal data (donors' and subscribers' emails), so people can be
# counted without being stored. Generated for you: keep it secret, back it up, never change
# it (the same person would then count twice).
salt: {{q .Salt}}

# Exports of tools Goalpost has no connector for: say which column holds what.
# mappings:
#   - name: our-donation-form
#     platform: donorbox
#     records: donations        # metrics, posts, donations or signups
#     columns:
#       donation_id: "Donation ID"
#       at: "Donation Date"
#       amount: "Amount"
#       currency: "Currency"
#       donor: "Donor Email"    # hashed with the salt, never stored in clear
`

const configFR = `# goalpost.yaml : les réglages de cette installation. Les chemins partent de ce fichier.
# Les objectifs eux-mêmes (ce qu'on mesure, les cibles) sont dans goals.yaml.

# L'identifiant de l'organisme, inscrit sur chaque ligne de l'entrepôt. Minuscules, sans espace.
org: {{q .Org}}

# Où vivent les données : un dossier pour le moteur intégré, ou un serveur ClickHouse, p. ex.
# clickhouse://utilisateur:motdepasse@hote:9000/goalpost
warehouse: {{q .Warehouse}}

# Déposez les exports ici ; les fichiers chargés vont dans inbox/archive, les fichiers refusés
# dans inbox/quarantine, avec la raison à côté.
inbox: inbox

# Où sont écrits les rapports (classeur Excel et tableau de bord HTML).
reports: reports

# Le fichier des objectifs.
goals: goals.yaml

# Mêlé à chaque empreinte de données personnelles (courriels des donateurs et abonnés), pour
# compter les personnes sans les conserver. Généré pour vous : gardez-le secret, sauvegardez-le,
# ne le changez jamais (une même personne compterait alors deux fois).
salt: {{q .Salt}}

# Exports d'outils que Goalpost ne connaît pas : indiquez quelle colonne contient quoi.
# mappings:
#   - name: notre-formulaire-de-dons
#     platform: donorbox
#     records: donations        # metrics, posts, donations ou signups
#     columns:
#       donation_id: "Donation ID"
#       at: "Donation Date"
#       amount: "Amount"
#       currency: "Currency"
#       donor: "Donor Email"    # haché avec le sel, jamais conservé en clair
`
