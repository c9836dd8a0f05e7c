package reports

// MetricLabel names a canonical metric in the report's language; an unknown metric keeps its
// canonical name, so a new connector's metric shows up rather than disappearing.
func (l Labels) MetricLabel(metric string) string {
	names, ok := metricNames[metric]
	if !ok {
		return metric
	}
	if l.Lang == "fr" {
		return names[1]
	}
	return names[0]
}

// PlatformLabel names a canonical platform for display.
func (l Labels) PlatformLabel(platform string) string {
	names, ok := platformNames[platform]
	if !ok {
		return platform
	}
	if l.Lang == "fr" {
		return names[1]
	}
	return names[0]
}

var metricNames = map[string][2]string{
	"followers_total":  {"Followers", "Abonnés"},
	"followers_new":    {"New followers", "Nouveaux abonnés"},
	"reach":            {"Reach", "Couverture"},
	"impressions":      {"Impressions", "Impressions"},
	"views":            {"Views", "Vues"},
	"engagements":      {"Engagements", "Interactions"},
	"link_clicks":      {"Link clicks", "Clics sur les liens"},
	"profile_visits":   {"Profile visits", "Visites du profil"},
	"video_views":      {"Video views", "Vues des vidéos"},
	"watch_time_hours": {"Watch time (hours)", "Durée de visionnage (heures)"},
	"sessions":         {"Website sessions", "Sessions sur le site"},
	"users":            {"Website users", "Utilisateurs du site"},
	"new_users":        {"New website users", "Nouveaux utilisateurs du site"},
	"reactions":        {"Reactions", "Réactions"},
	"comments":         {"Comments", "Commentaires"},
	"shares":           {"Shares", "Partages"},
	"saves":            {"Saves", "Enregistrements"},
}

var platformNames = map[string][2]string{
	"facebook":  {"Facebook", "Facebook"},
	"instagram": {"Instagram", "Instagram"},
	"x":         {"X", "X"},
	"linkedin":  {"LinkedIn", "LinkedIn"},
	"youtube":   {"YouTube", "YouTube"},
	"tiktok":    {"TikTok", "TikTok"},
	"web":       {"Website", "Site web"},
	"email":     {"Email", "E-mail"},
}
