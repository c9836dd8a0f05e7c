package dashboard

import (
	"fmt"

	"github.com/goalpost/goalpost/reports"
)

// words are the dashboard's sentences; single words shared with the workbook live in
// reports.Labels.
type words struct {
	GapsIntro string // why the warnings matter
	DataTable string // summary of a chart's data table
	NoText    string // a post without text
	Footer    string

	Contents string // the table of contents' label

	// Header.
	Measures      string // printf: number of KPIs judged
	RunningPeriod string // printf: last day with figures
	NotStarted    string

	// Scorecard and goals.
	Scorecard      string
	ScorecardIntro string
	GoalsDetail    string
	GoalsIntro     string
	OfTarget       string // printf: percentage
	PaceIs         string // printf: percentage
	OnTrackOf      string // printf: on track, judged
	TargetWord     string // "Target"
	ThisPeriod     string // printf: the target for the report's period
	ChangePrev     string
	ChangeYear     string
	ThisYear       string // series names
	Target         string
	LastYear       string
	NoGoals        string
	LegendBullet   string // how to read a bullet bar

	// Milestones.
	Milestones     string
	MilestonesNone string
	ReachedOn      string // printf: date
	ReachedBefore  string
	NotYet         string // printf: latest value, date
	NoData         string
	Celebrate      string

	// Platforms.
	Platforms      string
	PlatformsIntro string

	// Content.
	Content        string
	TypesTitle     string
	TypesIntro     string
	AvgEngagements string
	AvgReach       string
	Posts          string
	Rate           string
	VsAccount      string
	TimesTitle     string
	TimesIntro     string
	TimesNote      string // printf: from, to, zone
	BestTime       string // printf: weekday, hour, index, posts
	BestTimes      string
	MoreEngaging   string
	LessEngaging   string
	Hour           string
	Day            string

	// Sources.
	Sources        string
	DonationsTitle string // printf: currency
	Source         string
	Medium         string
	Gifts          string
	Amount         string
	SignupsTitle   string
	Channel        string
	NoSources      string

	// Definitions.
	Definitions string
	Benchmark   string // printf: value, platform, year, source

	Weekdays      [7]string
	WeekdaysShort [7]string

	postTypes   map[string]string
	sourceNames map[string]string
	kinds       map[string]string
	unknown     string
}

func wordsFor(lang string) words {
	if lang == "fr" {
		return words{
			GapsIntro: "Certaines sources sont incomplètes pour la période\u00a0: un creux peut venir de données manquantes, pas d’une baisse.",
			DataTable: "Tableau des données",
			NoText:    "(sans texte)",
			Footer:    "Produit par Goalpost à partir des exports des plateformes\u00a0; chaque chiffre vient des requêtes SQL de l’entrepôt. Graphiques\u00a0: Apache ECharts " + echartsVersion + " (licence Apache 2.0).",
			Contents:  "Sommaire",

			Measures:      "%d indicateurs suivis",
			RunningPeriod: "Période en cours\u00a0: chiffres jusqu’au %s inclus.",
			NotStarted:    "La période n’a pas commencé.",

			Scorecard:      "Nos objectifs en un coup d’œil",
			ScorecardIntro: "Chaque barre montre le réalisé en part de la cible (le trait plein)\u00a0; un trait pointillé marque où nous devrions en être à ce jour.",
			GoalsDetail:    "Les objectifs mois par mois",
			GoalsIntro:     "Les 13 derniers mois de chaque indicateur, sa cible mensuelle (tirets) et les mêmes mois un an plus tôt (pointillés gris).",
			OfTarget:       "%s de la cible",
			PaceIs:         "rythme %s",
			OnTrackOf:      "%d sur %d en bonne voie",
			TargetWord:     "Cible",
			ThisPeriod:     "%s pour la période",
			ChangePrev:     "vs période précédente",
			ChangeYear:     "vs l’an dernier",
			ThisYear:       "Réalisé",
			Target:         "Cible",
			LastYear:       "Un an plus tôt",
			NoGoals:        "Aucun fichier d’objectifs pour ce rapport\u00a0: ajoutez goals.yaml pour suivre vos objectifs.",
			LegendBullet:   "Lecture\u00a0: barre = réalisé, trait plein = cible, pointillés = où nous devrions en être.",

			Milestones:     "Étapes franchies",
			MilestonesNone: "Aucune étape définie.",
			ReachedOn:      "Atteint le %s",
			ReachedBefore:  "Atteint avant le début des données",
			NotYet:         "Pas encore\u00a0: %s au %s",
			NoData:         "Aucune donnée",
			Celebrate:      "À fêter ce mois-ci",

			Platforms:      "Les plateformes comparées",
			PlatformsIntro: "Chaque plateforme mois par mois sur les 13 derniers mois.",

			Content:        "Ce qui a marché",
			TypesTitle:     "Interactions par publication selon le type",
			TypesIntro:     "Moyenne d’interactions par publication de la période\u00a0; l’étiquette compare à la publication moyenne du même compte (×1,5 = moitié plus).",
			AvgEngagements: "Interactions par publication",
			AvgReach:       "Portée par publication",
			Posts:          "Publications",
			Rate:           "Taux d’interaction",
			VsAccount:      "Par rapport à la moyenne du compte",
			TimesTitle:     "Quand publier",
			TimesIntro:     "Interactions des publications selon le jour et l’heure de publication, comparées à la publication moyenne de leur plateforme (×1 = moyenne). Les cases vides n’ont pas de publication.",
			TimesNote:      "Publications du %s au %s, heures de %s.",
			BestTime:       "%s vers %s\u00a0: %s la moyenne (%d publications)",
			BestTimes:      "Les meilleurs créneaux",
			MoreEngaging:   "Plus d’interactions",
			LessEngaging:   "Moins",
			Hour:           "Heure",
			Day:            "Jour",

			Sources:        "D’où viennent les dons et les inscriptions",
			DonationsTitle: "Dons par source (%s)",
			Source:         "Source",
			Medium:         "Support",
			Gifts:          "Dons",
			Amount:         "Montant",
			SignupsTitle:   "Inscriptions selon comment les personnes nous ont connus",
			Channel:        "Canal",
			NoSources:      "Aucun don ni inscription pour cette période.",

			Definitions: "Comment chaque indicateur est calculé",
			Benchmark:   "Repère\u00a0: %s (%s, %d), %s",

			Weekdays:      [7]string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
			WeekdaysShort: [7]string{"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."},

			postTypes: map[string]string{"photo": "photo", "video": "vidéo", "link": "lien", "text": "texte", "reel": "reel",
				"story": "story", "carousel": "carrousel", "post": "publication", "email": "courriel"},
			sourceNames: map[string]string{"facebook": "Facebook", "instagram": "Instagram", "x": "X", "linkedin": "LinkedIn",
				"youtube": "YouTube", "tiktok": "TikTok", "google": "Google", "newsletter": "infolettre", "email": "courriel",
				"social": "réseaux sociaux", "cpc": "publicité (CPC)", "word_of_mouth": "bouche-à-oreille", "print": "imprimé",
				"search": "recherche", "web": "site web", "referral": "site référent", "organic": "recherche naturelle"},
			kinds:   map[string]string{"newsletter": "Infolettre", "volunteer": "Bénévolat", "member": "Adhésion", "event": "Événement"},
			unknown: "(non renseigné)",
		}
	}
	return words{
		GapsIntro: "Some sources are incomplete for the period: a dip may be missing data, not a drop.",
		DataTable: "Data table",
		NoText:    "(no text)",
		Footer:    "Made by Goalpost from the platforms’ exports; every figure comes from the warehouse’s SQL queries. Charts: Apache ECharts " + echartsVersion + " (Apache License 2.0).",
		Contents:  "Contents",

		Measures:      "%d measures tracked",
		RunningPeriod: "The period is still running: figures up to and including %s.",
		NotStarted:    "The period has not started.",

		Scorecard:      "Our goals at a glance",
		ScorecardIntro: "Each bar shows the actual as a share of the target (the solid line); a dashed line marks where we should be by now.",
		GoalsDetail:    "Goals month by month",
		GoalsIntro:     "Each measure over the last 13 months, its monthly target (dashes) and the same months a year earlier (grey dots).",
		OfTarget:       "%s of target",
		PaceIs:         "pace %s",
		OnTrackOf:      "%d of %d on track",
		TargetWord:     "Target",
		ThisPeriod:     "%s for this period",
		ChangePrev:     "vs previous period",
		ChangeYear:     "vs last year",
		ThisYear:       "Actual",
		Target:         "Target",
		LastYear:       "A year earlier",
		NoGoals:        "No goals file for this report: add goals.yaml to track your goals.",
		LegendBullet:   "How to read: bar = actual, solid line = target, dashed line = where we should be by now.",

		Milestones:     "Milestones",
		MilestonesNone: "No milestones set.",
		ReachedOn:      "Reached on %s",
		ReachedBefore:  "Reached before the data begins",
		NotYet:         "Not yet: %s on %s",
		NoData:         "No data",
		Celebrate:      "To celebrate this month",

		Platforms:      "Platforms compared",
		PlatformsIntro: "Each platform month by month over the last 13 months.",

		Content:        "What worked",
		TypesTitle:     "Engagements per post by type",
		TypesIntro:     "Average engagements per post published in the period; the label compares with the same account’s average post (×1.5 = half as much again).",
		AvgEngagements: "Engagements per post",
		AvgReach:       "Reach per post",
		Posts:          "Posts",
		Rate:           "Engagement rate",
		VsAccount:      "Against the account’s average",
		TimesTitle:     "When to post",
		TimesIntro:     "Engagement of posts by the day and hour they went out, against their platform’s average post (×1 = average). Empty cells had no posts.",
		TimesNote:      "Posts from %s to %s, hours in %s.",
		BestTime:       "%s around %s: %s the average (%d posts)",
		BestTimes:      "Best times",
		MoreEngaging:   "More engagement",
		LessEngaging:   "Less",
		Hour:           "Hour",
		Day:            "Day",

		Sources:        "Where gifts and sign-ups come from",
		DonationsTitle: "Gifts by source (%s)",
		Source:         "Source",
		Medium:         "Medium",
		Gifts:          "Gifts",
		Amount:         "Amount",
		SignupsTitle:   "Sign-ups by how people heard of us",
		Channel:        "Channel",
		NoSources:      "No gifts or sign-ups in this period.",

		Definitions: "How each measure is defined",
		Benchmark:   "Benchmark: %s (%s, %d), %s",

		Weekdays:      [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
		WeekdaysShort: [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},

		postTypes: map[string]string{"photo": "photo", "video": "video", "link": "link", "text": "text", "reel": "reel",
			"story": "story", "carousel": "carousel", "post": "post", "email": "email"},
		sourceNames: map[string]string{"facebook": "Facebook", "instagram": "Instagram", "x": "X", "linkedin": "LinkedIn",
			"youtube": "YouTube", "tiktok": "TikTok", "google": "Google", "newsletter": "newsletter", "email": "email",
			"social": "social", "cpc": "paid search (CPC)", "word_of_mouth": "word of mouth", "print": "print",
			"search": "search", "web": "website", "referral": "referral", "organic": "organic search"},
		kinds:   map[string]string{"newsletter": "Newsletter", "volunteer": "Volunteering", "member": "Membership", "event": "Event"},
		unknown: "(not recorded)",
	}
}

// postType names a post type in the language; an unknown type keeps its name.
func (w words) postType(t string) string {
	if s, ok := w.postTypes[t]; ok {
		return s
	}
	return t
}

// sourceName names a UTM value or a sign-up channel; "" is "not recorded".
func (w words) sourceName(s string) string {
	if s == "" {
		return w.unknown
	}
	if n, ok := w.sourceNames[s]; ok {
		return n
	}
	return s
}

// source names a UTM source and medium together: "Facebook / social".
func (w words) source(src, medium string) string {
	if src == "" && medium == "" {
		return w.unknown
	}
	if medium == "" {
		return w.sourceName(src)
	}
	return w.sourceName(src) + " / " + w.sourceName(medium)
}

// signupKind names a kind of sign-up.
func (w words) signupKind(k string) string {
	if s, ok := w.kinds[k]; ok {
		return s
	}
	return k
}

// coverageWarning says in plain words what is missing from one source, or "" if nothing is.
func coverageWarning(f format, c reports.Coverage) string {
	if c.MissingDays() == 0 && c.DaysWithData > 0 {
		return ""
	}
	source := c.Platform
	if c.Account != "" {
		source += " (" + c.Account + ")"
	}
	fr := f.l.Lang == "fr"
	switch {
	case c.DaysWithData <= 0 && fr:
		return source + f.colon + ": aucune donnée pour la période."
	case c.DaysWithData <= 0:
		return source + ": no data for the period."
	}
	var last string
	if !c.LastDate.IsZero() {
		if fr {
			last = fmt.Sprintf("%s; dernières données le %s", f.colon, f.date(c.LastDate))
		} else {
			last = "; last data on " + f.date(c.LastDate)
		}
	}
	if fr {
		return fmt.Sprintf("%s%s: données pour %d jours sur %d, %s%s.",
			source, f.colon, c.DaysWithData, c.DaysInPeriod, f.l.CoverageStatus(c), last)
	}
	return fmt.Sprintf("%s: data for %d of %d days, %s%s.",
		source, c.DaysWithData, c.DaysInPeriod, f.l.CoverageStatus(c), last)
}

// sourceWarning says in plain words what one source of the goals' coverage lacks, naming
// the missing days as ranges, or "" when it is complete.
func sourceWarning(f format, w words, s reports.SourceCoverage) string {
	if len(s.MissingDays) == 0 && s.DaysWithData > 0 {
		return ""
	}
	fr := f.l.Lang == "fr"
	name := s.Source
	if s.Kind == "daily" {
		name = f.l.PlatformLabel(s.Platform)
		if s.Source != "" {
			name += " (" + s.Source + ")"
		}
	} else if fr {
		name = "Exports " + s.Source
	} else {
		name = s.Source + " exports"
	}
	if s.DaysWithData == 0 {
		if fr {
			return name + f.colon + ": aucune donnée pour la période."
		}
		return name + ": no data for the period."
	}
	days := ranges(f, s.MissingDays)
	n := len(s.MissingDays)
	if s.Kind == "files" && s.LastSeen != nil {
		if fr {
			return fmt.Sprintf("%s%s: le dernier export va jusqu’au %s\u00a0; %d jours ne sont pas encore couverts (%s).", name, f.colon, f.date(*s.LastSeen), n, days)
		}
		return fmt.Sprintf("%s: the latest export goes up to %s; %d days are not covered yet (%s).", name, f.date(*s.LastSeen), n, days)
	}
	if fr {
		return fmt.Sprintf("%s%s: données pour %d jours sur %d\u00a0; manquent\u00a0: %s.", name, f.colon, s.DaysWithData, s.DaysExpected, days)
	}
	return fmt.Sprintf("%s: data for %d of %d days; missing: %s.", name, s.DaysWithData, s.DaysExpected, days)
}
