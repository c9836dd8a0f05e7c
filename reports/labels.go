package reports

import (
	"fmt"
	"time"
)

// Labels are the fixed words of both renderings in one language. They are values, built per
// call, so nothing is shared between reports.
type Labels struct {
	Lang string // "en" or "fr", also the HTML lang attribute

	ReportTitle string // "Goal report"
	PeriodWord  string // "Period"
	Generated   string // "Generated"
	NoDataYet   string // a table with no rows

	// Sheet and section names.
	Summary  string
	TopPosts string
	Coverage string
	Trends   string

	// Headline columns.
	Platform       string
	Metric         string
	Actual         string
	Previous       string
	ChangePrevious string
	LastYear       string
	ChangeLastYear string

	// Top post columns.
	Rank        string
	Published   string
	Type        string
	Text        string
	Reach       string
	Engagements string
	Link        string
	PostID      string

	// Coverage columns and statuses.
	Account      string
	DaysWithData string
	DaysInPeriod string
	MissingDays  string
	LastDate     string
	Status       string
	Complete     string
	NoData       string
	DataGaps     string // heading of the coverage warnings

	Truncated string // marker appended to text cut at a format's limit

	months      [12]string
	monthsShort [12]string
	missingDays func(n int) string
}

// LabelsFor returns the labels for lang ("en" or "fr"). Any other value is an error rather
// than a silent fallback, since the language comes from the organisation's goals file.
func LabelsFor(lang string) (Labels, error) {
	switch lang {
	case "en":
		return english(), nil
	case "fr":
		return french(), nil
	}
	return Labels{}, fmt.Errorf("unsupported report language %q (want \"en\" or \"fr\")", lang)
}

// Month is the full month name, lower-case in French as French writes it.
func (l Labels) Month(m time.Month) string { return l.months[m-1] }

// MonthShort is the abbreviated month name used on chart axes.
func (l Labels) MonthShort(m time.Month) string { return l.monthsShort[m-1] }

// CoverageStatus says in words how complete a source is, so the status reads without colour.
func (l Labels) CoverageStatus(c Coverage) string {
	switch {
	case c.DaysWithData <= 0:
		return l.NoData
	case c.MissingDays() == 0:
		return l.Complete
	}
	return l.missingDays(c.MissingDays())
}

func english() Labels {
	return Labels{
		Lang:        "en",
		ReportTitle: "Goal report",
		PeriodWord:  "Period",
		Generated:   "Generated",
		NoDataYet:   "No data for this period.",

		Summary:  "Summary",
		TopPosts: "Top posts",
		Coverage: "Data coverage",
		Trends:   "Last 13 months",

		Platform:       "Platform",
		Metric:         "Metric",
		Actual:         "Actual",
		Previous:       "Previous period",
		ChangePrevious: "Change",
		LastYear:       "Same period last year",
		ChangeLastYear: "Change vs last year",

		Rank:        "#",
		Published:   "Published",
		Type:        "Type",
		Text:        "Text",
		Reach:       "Reach",
		Engagements: "Engagements",
		Link:        "Link",
		PostID:      "Post ID",

		Account:      "Account",
		DaysWithData: "Days with data",
		DaysInPeriod: "Days in period",
		MissingDays:  "Missing days",
		LastDate:     "Last data",
		Status:       "Status",
		Complete:     "Complete",
		NoData:       "No data",
		DataGaps:     "Data gaps",

		Truncated: "…[truncated]",

		months: [12]string{"January", "February", "March", "April", "May", "June",
			"July", "August", "September", "October", "November", "December"},
		monthsShort: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
			"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		missingDays: func(n int) string {
			if n == 1 {
				return "1 day missing"
			}
			return fmt.Sprintf("%d days missing", n)
		},
	}
}

func french() Labels {
	return Labels{
		Lang:        "fr",
		ReportTitle: "Rapport d’objectifs",
		PeriodWord:  "Période",
		Generated:   "Généré le",
		NoDataYet:   "Aucune donnée pour cette période.",

		Summary:  "Synthèse",
		TopPosts: "Meilleures publications",
		Coverage: "Couverture des données",
		Trends:   "Les 13 derniers mois",

		Platform:       "Plateforme",
		Metric:         "Indicateur",
		Actual:         "Réalisé",
		Previous:       "Période précédente",
		ChangePrevious: "Évolution",
		LastYear:       "Même période l’an dernier",
		ChangeLastYear: "Évolution sur un an",

		Rank:        "N°",
		Published:   "Date de publication",
		Type:        "Type",
		Text:        "Texte",
		Reach:       "Portée",
		Engagements: "Interactions",
		Link:        "Lien",
		PostID:      "ID de la publication",

		Account:      "Compte",
		DaysWithData: "Jours avec données",
		DaysInPeriod: "Jours dans la période",
		MissingDays:  "Jours manquants",
		LastDate:     "Dernières données",
		Status:       "État",
		Complete:     "Complet",
		NoData:       "Aucune donnée",
		DataGaps:     "Données manquantes",

		Truncated: "…[tronqué]",

		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin",
			"juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		monthsShort: [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin",
			"juil.", "août", "sept.", "oct.", "nov.", "déc."},
		missingDays: func(n int) string {
			if n == 1 {
				return "1 jour manquant"
			}
			return fmt.Sprintf("%d jours manquants", n)
		},
	}
}
