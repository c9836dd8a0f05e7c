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

	// Workbook are the words of the workbook's sheets.
	Workbook WorkbookLabels
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
		Workbook: englishWorkbook(),
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
		Workbook: frenchWorkbook(),
	}
}

// WorkbookLabels are the words of the workbook's sheets in one language.
type WorkbookLabels struct {
	// Sheet names.
	ContentTypes, Milestones, Definitions, Data string

	// Summary.
	Goal, KPI, Target, Attained, Pace, VsPrevious, VsLastYear, TargetSet string
	WhatWorked, BestPost, NothingStoodOut, NoGaps, AtAGlance             string
	StatusNote, PartialPeriod, NoGoals                                   string

	// Goal and platform sheets.
	Month, ActualOf, TargetOf, AttainedOf, Targets, ThisPeriod string
	Followers, EngagementRate, Posts, PlatformNote             string

	// Top posts and content types.
	ByRate, ByReach, Account, AvgReach, AvgEngagements, AccountAvgEngagements string
	AccountEngagementRate, VsAccount, ContentNote                             string

	// Milestones.
	Milestone, Platforms, AllPlatforms, Threshold, ReachedOn, Celebrate, Latest, LatestDate string

	// Data coverage.
	Sources, SourceKind, DailySeries, Exports, DaysExpected, MissingDates, Files     string
	FileID, FileName, Connector, FileStatus, Rows, Skipped, FirstDay, LastDay, Error string
	Ingested, GapNote                                                                string

	// Definitions.
	Code, Kind, Unit, Definition, Origin, Benchmark, BenchmarkYear, BenchmarkSource string
	BenchmarkDefinition, ReportMeasures                                             string
	// Measures are the workbook's own measures, each with its definition.
	Measures [][2]string
	Kinds    map[string]string // flow, stock, ratio
	Units    map[string]string // count, percent, currency, hours

	// Data.
	Date, MetricCode, Breakdown, Value string

	// whatWorked says which content type did best: platform, type, number of posts.
	whatWorked func(platform, typ string, posts int) string
}

// WhatWorkedLine says in words which content type did best, for the Summary's "what worked".
func (w WorkbookLabels) WhatWorkedLine(platform, typ string, posts int) string {
	return w.whatWorked(platform, typ, posts)
}

func englishWorkbook() WorkbookLabels {
	return WorkbookLabels{
		ContentTypes: "Content types", Milestones: "Milestones", Definitions: "Definitions", Data: "Data",

		Goal: "Goal", KPI: "Indicator", Target: "Target", Attained: "% attained", Pace: "Pace",
		VsPrevious: "vs previous period", VsLastYear: "vs last year", TargetSet: "Target set",
		WhatWorked: "What worked", BestPost: "Best post", NothingStoodOut: "No type of post beat its account's average this period.",
		NoGaps: "None: every source has data for every day of the period.", AtAGlance: "Platforms at a glance",
		StatusNote: "Status compares each figure with what its target planned by now (pace): the word, not only the colour, says it. " +
			"Changes are in % for counts and amounts, in percentage points (pt) for rates. An empty cell means no data, never zero.",
		PartialPeriod: "The period is not over: figures up to %s.",
		NoGoals:       "No goals file: add goals to goalpost.yaml to measure goals and milestones.",

		Month: "Month", ActualOf: "%s: actual", TargetOf: "%s: target", AttainedOf: "%s: %% of target",
		Targets: "Targets", ThisPeriod: "This period",
		Followers: "Followers (month end)", EngagementRate: "Engagement rate", Posts: "Posts",
		PlatformNote: "Month by month. Followers: on the month's last day with data. Engagement rate: engagements ÷ reach on the days reporting both.",

		ByRate: "Best posts by engagement rate (posts that reached at least %s people)", ByReach: "Best posts by reach",
		Account: "Account", AvgReach: "Reach per post", AvgEngagements: "Engagements per post",
		AccountAvgEngagements: "Account: engagements per post", AccountEngagementRate: "Account: engagement rate",
		VsAccount:   "vs account average",
		ContentNote: "The period's posts by type. \"vs account average\" is the type's engagements per post over the account's: 1.50× means half as many again.",

		Milestone: "Milestone", Platforms: "Platforms", AllPlatforms: "All", Threshold: "Threshold", ReachedOn: "Reached on",
		Celebrate: "Celebrate!", Latest: "Latest value", LatestDate: "As of",

		Sources: "Sources", SourceKind: "Kind", DailySeries: "Daily series", Exports: "Exports", DaysExpected: "Days expected",
		MissingDates: "Missing dates", Files: "Files behind the period", FileID: "File ID", FileName: "File",
		Connector: "Connector", FileStatus: "State", Rows: "Rows", Skipped: "Rows skipped", FirstDay: "First day",
		LastDay: "Last day", Error: "Error", Ingested: "Ingested",
		GapNote: "A day without data is missing, not zero: a source with missing days shows less than really happened, which is not a drop.",

		Code: "Code", Kind: "Kind", Unit: "Unit", Definition: "Definition (formula and denominator)", Origin: "Origin",
		Benchmark: "Benchmark", BenchmarkYear: "Year", BenchmarkSource: "Benchmark source",
		BenchmarkDefinition: "Benchmark definition", ReportMeasures: "The report's own measures",
		Measures: [][2]string{
			{"% attained", "The figure divided by the period's target (for a level to reach by a date: by that level)."},
			{"Pace", "The figure divided by what the target planned by now: the rate target over the days elapsed, or the straight line from the baseline to a level. The status comes from it."},
			{"Target (goal sheets)", "What each month should have reached: the month's share of a rate target, a rate's target value, or the straight line to a level at the month's end."},
			{"Change", "Against the previous period of the same length and the same period a year earlier: relative (%) for counts and amounts, in percentage points (pt) for rates."},
			{"Post engagements", "The platform's own engagements figure for the post, else its reactions, comments, shares and saves added up (Instagram). Lifetime figures as of the newest export."},
			{"Post engagement rate", "A post's engagements divided by its reach; posts that reached fewer than the stated number of people are not ranked by it."},
			{"vs account average", "A type's engagements per post divided by the engagements per post of all the account's posts in the period."},
		},
		Kinds: map[string]string{"flow": "Flow (added up)", "stock": "Level (last value)", "ratio": "Rate (numerator ÷ denominator)"},
		Units: map[string]string{"count": "Count", "percent": "Percentage", "currency": "Amount", "hours": "Hours"},

		Date: "Date", MetricCode: "Metric code", Breakdown: "Breakdown (empty: account total)", Value: "Value",

		whatWorked: func(platform, typ string, posts int) string {
			return fmt.Sprintf("%s: %s posts, engagements per post against the account's average (%d posts)", platform, typ, posts)
		},
	}
}

func frenchWorkbook() WorkbookLabels {
	return WorkbookLabels{
		ContentTypes: "Types de contenu", Milestones: "Jalons", Definitions: "Définitions", Data: "Données",

		Goal: "Objectif", KPI: "Indicateur", Target: "Cible", Attained: "% atteint", Pace: "Rythme",
		VsPrevious: "vs période précédente", VsLastYear: "vs l’an dernier", TargetSet: "Cible fixée",
		WhatWorked: "Ce qui a marché", BestPost: "Meilleure publication",
		NothingStoodOut: "Aucun type de publication n’a dépassé la moyenne de son compte sur la période.",
		NoGaps:          "Aucune : chaque source a des données pour chaque jour de la période.", AtAGlance: "Les plateformes en bref",
		StatusNote: "L’état compare chaque chiffre à ce que sa cible prévoyait à ce jour (rythme) : le mot, pas seulement la couleur, le dit. " +
			"Évolutions en % pour les nombres et montants, en points (pt) pour les taux. Une cellule vide signifie aucune donnée, jamais zéro.",
		PartialPeriod: "La période n’est pas terminée : chiffres jusqu’au %s.",
		NoGoals:       "Pas de fichier d’objectifs : ajoutez des objectifs à goalpost.yaml pour mesurer objectifs et jalons.",

		Month: "Mois", ActualOf: "%s : réalisé", TargetOf: "%s : cible", AttainedOf: "%s : %% de la cible",
		Targets: "Cibles", ThisPeriod: "Cette période",
		Followers: "Abonnés (fin de mois)", EngagementRate: "Taux d’engagement", Posts: "Publications",
		PlatformNote: "Mois par mois. Abonnés : au dernier jour du mois avec données. Taux d’engagement : interactions ÷ couverture, les jours qui donnent les deux.",

		ByRate: "Meilleures publications par taux d’engagement (publications ayant touché au moins %s personnes)", ByReach: "Meilleures publications par couverture",
		Account: "Compte", AvgReach: "Couverture par publication", AvgEngagements: "Interactions par publication",
		AccountAvgEngagements: "Compte : interactions par publication", AccountEngagementRate: "Compte : taux d’engagement",
		VsAccount:   "vs moyenne du compte",
		ContentNote: "Les publications de la période par type. « vs moyenne du compte » : interactions par publication du type sur celles du compte ; 1,50× signifie moitié plus.",

		Milestone: "Jalon", Platforms: "Plateformes", AllPlatforms: "Toutes", Threshold: "Seuil", ReachedOn: "Atteint le",
		Celebrate: "À fêter !", Latest: "Dernière valeur", LatestDate: "Au",

		Sources: "Sources", SourceKind: "Type", DailySeries: "Série quotidienne", Exports: "Exports", DaysExpected: "Jours attendus",
		MissingDates: "Dates manquantes", Files: "Fichiers de la période", FileID: "ID du fichier", FileName: "Fichier",
		Connector: "Connecteur", FileStatus: "État", Rows: "Lignes", Skipped: "Lignes ignorées", FirstDay: "Premier jour",
		LastDay: "Dernier jour", Error: "Erreur", Ingested: "Chargé le",
		GapNote: "Un jour sans données est manquant, pas nul : une source avec des jours manquants montre moins que la réalité, ce n’est pas une baisse.",

		Code: "Code", Kind: "Nature", Unit: "Unité", Definition: "Définition (formule et dénominateur)", Origin: "Origine",
		Benchmark: "Référence", BenchmarkYear: "Année", BenchmarkSource: "Source de la référence",
		BenchmarkDefinition: "Définition de la référence", ReportMeasures: "Les mesures propres au rapport",
		Measures: [][2]string{
			{"% atteint", "Le chiffre divisé par la cible de la période (pour un niveau à atteindre à une date : par ce niveau)."},
			{"Rythme", "Le chiffre divisé par ce que la cible prévoyait à ce jour : la cible de rythme sur les jours écoulés, ou la droite du point de départ au niveau visé. L’état en découle."},
			{"Cible (feuilles d’objectifs)", "Ce que chaque mois devait atteindre : sa part d’une cible de rythme, la valeur cible d’un taux, ou la droite vers un niveau à la fin du mois."},
			{"Évolution", "Par rapport à la période précédente de même durée et à la même période un an plus tôt : relative (%) pour les nombres et montants, en points (pt) pour les taux."},
			{"Interactions d’une publication", "Le chiffre d’interactions de la plateforme pour la publication, sinon ses réactions, commentaires, partages et enregistrements additionnés (Instagram). Chiffres cumulés au dernier export."},
			{"Taux d’engagement d’une publication", "Les interactions d’une publication divisées par sa couverture ; les publications ayant touché moins que le nombre indiqué de personnes ne sont pas classées ainsi."},
			{"vs moyenne du compte", "Les interactions par publication d’un type divisées par celles de toutes les publications du compte sur la période."},
		},
		Kinds: map[string]string{"flow": "Flux (additionné)", "stock": "Niveau (dernière valeur)", "ratio": "Taux (numérateur ÷ dénominateur)"},
		Units: map[string]string{"count": "Nombre", "percent": "Pourcentage", "currency": "Montant", "hours": "Heures"},

		Date: "Date", MetricCode: "Code de l’indicateur", Breakdown: "Ventilation (vide : total du compte)", Value: "Valeur",

		whatWorked: func(platform, typ string, posts int) string {
			return fmt.Sprintf("%s : publications « %s », interactions par publication comparées à la moyenne du compte (%d publications)", platform, typ, posts)
		},
	}
}
