package goals

import (
	"math"
	"strconv"
	"strings"
)

var categoryLabels = map[string][2]string{
	"share_news":         {"Share our news", "Partager nos nouvelles"},
	"awareness":          {"Awareness and brand recognition", "Notoriété et reconnaissance"},
	"cause_news":         {"Share news about the cause", "Faire connaître la cause"},
	"trust":              {"Build trust", "Bâtir la confiance"},
	"website_traffic":    {"Drive website traffic", "Attirer du trafic vers le site"},
	"relationships":      {"Build relationships", "Tisser des liens"},
	"donations":          {"Raise donations", "Recueillir des dons"},
	"volunteers_members": {"Recruit volunteers and members", "Recruter bénévoles et membres"},
}

// CategoryLabel names a goal category in lang.
func CategoryLabel(category, lang string) string {
	l, ok := categoryLabels[category]
	if !ok {
		return category
	}
	if lang == "fr" {
		return l[1]
	}
	return l[0]
}

var statusLabels = map[string][2]string{
	"on_track":            {"On track", "En bonne voie"},
	"at_risk":             {"At risk", "À surveiller"},
	"off_track":           {"Off track", "En retard"},
	"not_started":         {"Not started", "Pas commencé"},
	"no_target":           {"No target", "Sans cible"},
	"no_data":             {"No data", "Aucune donnée"},
	"reached":             {"Reached", "Atteint"},
	"reached_before_data": {"Reached before the data begins", "Atteint avant le début des données"},
	"not_yet":             {"Not yet", "Pas encore"},
}

// StatusLabel names a status word (of a goal KPI or a milestone) in lang, so the status
// reads without colour.
func StatusLabel(status, lang string) string {
	l, ok := statusLabels[status]
	if !ok {
		return status
	}
	if lang == "fr" {
		return l[1]
	}
	return l[0]
}

// TargetText says a target in words in lang, e.g. "9,000 per month", "1,200 by 2026-09-30",
// "4 %".
func TargetText(t *Target, unit, currency, lang string) string {
	if t == nil {
		return ""
	}
	v := FormatValue(t.Value, unit, currency, lang)
	switch t.Type {
	case TargetRate:
		per := map[string][2]string{"month": {"per month", "par mois"}, "quarter": {"per quarter", "par trimestre"}, "year": {"per year", "par an"}}[t.Per]
		if lang == "fr" {
			return v + " " + per[1]
		}
		return v + " " + per[0]
	case TargetLevel:
		if lang == "fr" {
			return v + " d’ici le " + t.By.Format("2006-01-02")
		}
		return v + " by " + t.By.Format("2006-01-02")
	}
	return v
}

// FormatValue writes a value in its unit, grouped the way lang writes numbers: 12,345 and
// 4.2% in English, 12 345 and 4,2 % in French.
func FormatValue(v float64, unit, currency, lang string) string {
	switch unit {
	case "percent":
		s := strconv.FormatFloat(math.Round(v*1000)/10, 'f', -1, 64)
		if lang == "fr" {
			return strings.Replace(s, ".", ",", 1) + "\u00a0%"
		}
		return s + "%"
	case "currency":
		s := group(math.Round(v), lang)
		if lang == "fr" {
			return s + "\u00a0" + currency
		}
		return currency + " " + s
	case "hours":
		return group(math.Round(v), lang) + " h"
	}
	return group(math.Round(v*100)/100, lang)
}

func group(v float64, lang string) string {
	neg := v < 0
	v = math.Abs(v)
	whole := math.Floor(v)
	frac := v - whole
	digits := strconv.FormatFloat(whole, 'f', 0, 64)
	sep, dec := ",", "."
	if lang == "fr" {
		sep, dec = "\u202f", ","
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac > 0.000001 {
		out += dec + strings.TrimPrefix(strconv.FormatFloat(math.Round(frac*100)/100, 'f', -1, 64), "0.")
	}
	if neg {
		out = "-" + out
	}
	return out
}
