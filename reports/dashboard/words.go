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
}

func wordsFor(lang string) words {
	if lang == "fr" {
		return words{
			GapsIntro: "Certaines sources sont incomplètes pour la période\u00a0: un creux peut venir de données manquantes, pas d’une baisse.",
			DataTable: "Tableau des données",
			NoText:    "(sans texte)",
			Footer:    "Produit par Goalpost. Graphiques\u00a0: Apache ECharts " + echartsVersion + " (licence Apache 2.0).",
		}
	}
	return words{
		GapsIntro: "Some sources are incomplete for the period: a dip may be missing data, not a drop.",
		DataTable: "Data table",
		NoText:    "(no text)",
		Footer:    "Made by Goalpost. Charts: Apache ECharts " + echartsVersion + " (Apache License 2.0).",
	}
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
