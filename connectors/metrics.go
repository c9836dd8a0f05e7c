package connectors

import "slices"

// MetricInfo documents one canonical metric name: what a value of it counts. The names are
// the vocabulary shared by the connectors (which emit them), the KPI SQL (which reads them)
// and docs/metrics.md (generated from this list and the connectors' specs).
type MetricInfo struct {
	Name    string
	Meaning string
}

// MetricColumn says which export column a connector turns into which canonical metric.
type MetricColumn struct {
	// Column is the export column as written in the platform's English export, or a
	// description in parentheses when the value does not come from one column ("(title
	// line) Facebook reach").
	Column string
	Metric string
}

// Metrics returns every canonical metric name with its meaning, sorted by name.
func Metrics() []MetricInfo {
	return []MetricInfo{
		{"abuse_complaints", "emails reported as spam by recipients"},
		{"active_users", "distinct users active on the website that day (GA4 \"Active users\", \"1 day\" in a Reports snapshot)"},
		{"ad_impressions", "times an ad was shown inside a post (Meta in-stream ads)"},
		{"bounces", "emails that could not be delivered (soft and hard bounces)"},
		{"clicks", "clicks anywhere on a post (links, photos, \"see more\", profile); LinkedIn/Meta \"Total clicks\""},
		{"clicks_total", "total clicks on links in an email, counting repeat clicks by one reader"},
		{"comments", "comments or replies"},
		{"deliveries", "emails delivered (recipients minus bounces)"},
		{"detail_expands", "times people expanded a post to see its details (X)"},
		{"engaged_sessions", "website sessions that lasted over 10 seconds, had a key event or two page views (GA4)"},
		{"engaged_users", "distinct people who clicked, reacted, commented or shared"},
		{"engagements", "interactions with content: reactions + comments + shares (+ clicks where the platform counts them)"},
		{"events", "GA4 events of any kind"},
		{"followers_lost", "followers or page likes lost that day"},
		{"followers_net", "followers gained minus followers lost that day, as the platform reports it"},
		{"followers_new", "new followers, page likes or subscribers gained (per day, or per post for the follows a post brought)"},
		{"followers_new_organic", "new followers that did not come from a sponsored post (LinkedIn)"},
		{"followers_new_paid", "new followers that came from a sponsored post (LinkedIn)"},
		{"followers_total", "the audience size at the end of the day (followers, page likes)"},
		{"forwards", "times an email was forwarded"},
		{"hashtag_clicks", "clicks on a hashtag in a post (X)"},
		{"impressions", "times content was shown on screen, counting repeat views by one person"},
		{"impressions_organic", "impressions not paid for"},
		{"impressions_paid", "impressions of sponsored or boosted content"},
		{"key_events", "GA4 key events (formerly conversions), e.g. a donation or a sign-up on the website"},
		{"leads", "lead forms submitted from the profile (TikTok \"Leads submission\")"},
		{"link_clicks", "clicks on a link that leads off the platform (to the website, a donation page)"},
		{"media_engagements", "clicks on a post's photo or video (X)"},
		{"media_views", "views of a post's photo or video (X)"},
		{"negative_feedback", "hide, unfollow and report actions on content (Meta)"},
		{"new_users", "users who visited the website for the first time"},
		{"opens", "distinct recipients who opened an email"},
		{"opens_total", "email opens, counting repeat opens"},
		{"other_clicks", "clicks on a post other than link clicks (Meta)"},
		{"page_views", "website pages viewed (GA4 \"Views\")"},
		{"permalink_clicks", "clicks on a post's permalink (X)"},
		{"phone_clicks", "taps on the profile's phone number (TikTok \"Phone number clicks\")"},
		{"photo_clicks", "clicks on a post's photo (Meta)"},
		{"posts_published", "posts published that day"},
		{"profile_visitors", "distinct people who visited the page or profile"},
		{"profile_visits", "visits to the page or profile (Facebook visits, Instagram profile visits, X profile clicks, TikTok profile views, LinkedIn page views)"},
		{"promoted_engagements", "engagements on the promoted (paid) part of a post's delivery (X)"},
		{"promoted_impressions", "impressions of a post as a paid promotion (X)"},
		{"reach", "distinct people who saw content (unique users)"},
		{"reach_organic", "distinct people who saw content without payment"},
		{"reach_paid", "distinct people who saw content through a boost or ad"},
		{"reactions", "likes and other reactions (Facebook reactions, Instagram/X/TikTok/YouTube likes, LinkedIn reactions)"},
		{"recipients", "people an email was sent to"},
		{"returning_users", "website users who had visited before"},
		{"revenue", "revenue recorded by GA4 (e-commerce or donation value), in the property's currency"},
		{"saves", "saves, bookmarks or favourites of a post"},
		{"sessions", "website sessions (visits)"},
		{"shares", "shares, reposts or retweets"},
		{"shares_other", "shares outside the platform's repost feature (X Premium \"Shares\": copy link, send by DM)"},
		{"unsubscribes", "recipients who unsubscribed from an email"},
		{"users", "distinct website users (GA4 \"Total users\"); not additive across channels or days"},
		{"video_views", "video plays counted by the platform (3-second views on Facebook, views on TikTok)"},
		{"video_views_1min", "video views of at least one minute (Meta)"},
		{"viewers", "distinct people who viewed content (Meta \"Viewers\")"},
		{"views", "times content was viewed or displayed (Meta \"Views\", YouTube views, LinkedIn post views)"},
		{"views_offsite", "views of a LinkedIn post's video embedded outside LinkedIn"},
		{"watch_time_hours", "hours of video watched"},
	}
}

// IsMetric reports whether name is a canonical metric name.
func IsMetric(name string) bool {
	return slices.ContainsFunc(Metrics(), func(m MetricInfo) bool { return m.Name == name })
}
