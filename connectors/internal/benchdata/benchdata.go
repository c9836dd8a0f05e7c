// Package benchdata writes large synthetic exports for benchmarks: the same layout and quoting
// as the platform writes, so that a benchmark measures what staff's real files cost.
package benchdata

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// MetaPostsHeader is the 2025 column set of Meta Business Suite's content export for a
// Facebook Page, in the platform's order (the same as the demo's writer).
var MetaPostsHeader = []string{"Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time",
	"Caption type", "Permalink", "Is crosspost", "Is share", "Post type", "Languages", "Custom labels",
	"Funded content status", "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares",
	"Reactions", "Comments", "Shares", "Total clicks", "Link Clicks", "Other Clicks",
	"Matched Audience Targeting Consumption (Photo Click)", "Seconds viewed", "Average Seconds viewed",
	"Estimated earnings (USD)", "Ad impressions"}

var (
	kinds   = []string{"Photos", "Photos", "Photos", "Reels", "Links", "Links", "Videos", "Text"}
	phrases = []string{
		"Thank you to every volunteer who sorted food this week",
		"Our pantry is open Saturday from 9 to 12, bring a friend",
		"Spring appeal: every €10 feeds a family for a day",
		"Rencontre avec les bénévoles du quartier — merci à tous !",
		"Meet Ana, who has driven our van since 2019 \"rain or shine\"",
		"Volunteers needed for the holiday drive, sign up below",
		"¿Necesitas ayuda? Abrimos también los martes por la tarde",
		"New fridge donated by local grocers 🙌 thank you",
	}
)

// MetaPosts writes a content export of n posts to w: a UTF-8 byte-order mark, the 2025
// header, then one row per post, newest first, quoted the way Business Suite quotes (only
// fields holding a space, comma, quote or line break). Publication times spread over two
// years, so the file proves its month-first order; about one row in a thousand is Meta's
// error row without a post id. The output depends only on n and seed.
func MetaPosts(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	r := rand.New(rand.NewPCG(seed, 0x90a1))
	bw.WriteString("\ufeff")
	line(bw, MetaPostsHeader)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	span := 2 * 365 * 24 * time.Hour
	step := span / time.Duration(max(n, 1))
	row := make([]string, len(MetaPostsHeader))
	for i := range n {
		// Newest first, as the platform writes.
		at := start.Add(span - time.Duration(i)*step).Truncate(time.Minute)
		id := strconv.FormatInt(880_000_000_000_000+int64(n-i)*1_000_003, 10)
		kind := kinds[r.IntN(len(kinds))]
		caption := phrases[r.IntN(len(phrases))] + ", post " + strconv.Itoa(i) + " — read more on our site"
		title, desc := caption, ""
		switch kind {
		case "Text":
			title, desc = "", caption
		case "Reels", "Videos":
			desc = caption + "; longer description text so the row has a realistic size"
		}
		reach := 50 + r.IntN(20000)
		views := reach + r.IntN(reach+1)
		reactions, comments, shares := r.IntN(reach/20+1), r.IntN(reach/100+1), r.IntN(reach/80+1)
		clear(row)
		row[0], row[1], row[2], row[3], row[4] = id, "100064829137562", "Riverside Food Bank", title, desc
		row[5], row[6], row[7] = "0", at.Format("01/02/2006 15:04"), "N/A"
		row[8] = "https://www.facebook.com/RiversideFoodBank/posts/" + id
		row[9], row[10], row[11], row[16] = "0", "0", kind, "Lifetime"
		row[17], row[18] = strconv.Itoa(views), strconv.Itoa(reach)
		row[19], row[20], row[21], row[22] = strconv.Itoa(reactions+comments+shares), strconv.Itoa(reactions), strconv.Itoa(comments), strconv.Itoa(shares)
		if kind == "Reels" || kind == "Videos" {
			dur := 15 + r.IntN(240)
			secs := float64(views) * float64(dur) * (0.1 + 0.25*r.Float64())
			row[5] = strconv.Itoa(dur)
			row[23] = "0"
			row[27] = strconv.FormatFloat(secs, 'f', 3, 64)
			row[28] = strconv.FormatFloat(secs/float64(views), 'f', 3, 64)
			row[29], row[30] = "0", "0"
		} else {
			link, other, photo := r.IntN(reach/50+1), r.IntN(reach/60+1), r.IntN(reach/40+1)
			row[23] = strconv.Itoa(link + other + photo)
			row[24], row[25], row[26] = blank(link), blank(other), blank(photo)
		}
		if i%1000 == 999 {
			// Meta's error row: a stray metric, no post.
			clear(row)
			row[15] = "An error occurred while computing metadata for content with ID " + id
			row[16], row[18] = "Lifetime", "0"
		}
		line(bw, row)
	}
	return bw.Flush()
}

func blank(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

func line(w *bufio.Writer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		if strings.ContainsAny(f, " ,\"\n\r") {
			w.WriteByte('"')
			w.WriteString(strings.ReplaceAll(f, `"`, `""`))
			w.WriteByte('"')
		} else {
			w.WriteString(f)
		}
	}
	w.WriteByte('\n')
}

// GA4Header is the header of a Google Analytics 4 "Reports snapshot" data export by date,
// with every count metric the ga4 connector stores and one ratio it leaves out.
var GA4Header = []string{"Date", "Sessions", "Total users", "Active users", "New users", "Returning users",
	"Engaged sessions", "Event count", "Views", "Key events", "Total revenue", "Average session duration"}

// GA4Daily writes a GA4 export by date for one property: the "# " preamble that names the
// account and the property (the connector takes the account from "Property:"), then one row
// per day from from on, in the order GA4 writes them (not sorted). The output depends only on
// its arguments.
func GA4Daily(w io.Writer, account, property string, from time.Time, days int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	r := rand.New(rand.NewPCG(seed, 0x6a4))
	to := from.AddDate(0, 0, days-1)
	bw.WriteString("# ----------------------------------------\n# Report CSV Export\n")
	bw.WriteString("# Account: " + account + "\n# Property: " + property + "\n")
	bw.WriteString("# ----------------------------------------\n# \n# All Users\n")
	bw.WriteString("# Start date: " + from.Format("20060102") + "\n# End date: " + to.Format("20060102") + "\n")
	line(bw, GA4Header)
	row := make([]string, len(GA4Header))
	base := 200 + r.IntN(3000)
	for i := range days {
		// GA4 lists the busiest days first; a stride through the period stands in for that.
		d := from.AddDate(0, 0, (i*7919)%days)
		users := base/2 + r.IntN(base)
		sessions := users + r.IntN(users/2+1)
		newUsers := r.IntN(users + 1)
		engaged := r.IntN(sessions + 1)
		row[0] = d.Format("20060102")
		row[1], row[2], row[3] = strconv.Itoa(sessions), strconv.Itoa(users), strconv.Itoa(users-r.IntN(users/10+1))
		row[4], row[5], row[6] = strconv.Itoa(newUsers), strconv.Itoa(users-newUsers), strconv.Itoa(engaged)
		row[7], row[8], row[9] = strconv.Itoa(sessions*(3+r.IntN(5))), strconv.Itoa(sessions*(1+r.IntN(3))), strconv.Itoa(r.IntN(sessions/50+1))
		row[10] = strconv.FormatFloat(float64(r.IntN(50000))/100, 'f', 2, 64)
		row[11] = strconv.FormatFloat(30+120*r.Float64(), 'f', 6, 64)
		line(bw, row)
	}
	return bw.Flush()
}
