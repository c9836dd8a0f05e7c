package demo

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Mailchimp: Reports → Export as CSV, one row per sent campaign. No real
// export is stored in the corpus (export-formats.md §7B). The layout follows
// the closest documented copy, an importer's test fixture in a public
// repository [C code search id 30889443024]: 40 columns, header names quoted
// only when they contain a space (Pages/Visit and Visits are not), string
// values quoted only when they contain a space, rates written "27.78%",
// "Send Date" as "Jun 09, 2018 09:30 pm" in the account's zone, and "n/a" in
// the e-commerce / Google Analytics columns of a non-shop account. The file
// name is not documented; mailchimp/campaigns.csv is a guess.

func mailchimpHeader() []string {
	return []string{"Title", "Subject", "List", "Send Date", "Send Weekday", "Total Recipients",
		"Successful Deliveries", "Soft Bounces", "Hard Bounces", "Total Bounces", "Times Forwarded",
		"Forwarded Opens", "Unique Opens", "Open Rate", "Total Opens", "Unique Clicks", "Click Rate",
		"Total Clicks", "Unsubscribes", "Abuse Complaints", "Times Liked on Facebook", "Folder Id", "Unique Id",
		"Total Orders", "Total Gross Sales", "Total Revenue", "Analytics ROI", "Campaign Cost", "Revenue Created",
		"Visits", "New Visits", "Pages/Visit", "Bounce Rate", "Time on Site", "Goal Conversion Rate",
		"Per Visit Goal Value", "Transactions", "Ecommerce Conversion Rate", "Per Visit Value", "Average Value"}
}

const mailchimpList = "Riverside Food Bank Supporters"

type campaign struct {
	title, subject string
	sent           time.Time // local
	id             string
	recipients, soft, hard, forwarded, forwardedOpens, uniqueOpens, totalOpens,
	uniqueClicks, totalClicks, unsubscribes, abuse int
}

type mailchimp struct {
	p         period
	campaigns []campaign
}

// monthlyAppeal is the second send of each month, after the newsletter.
func monthlyAppeal(m time.Month) (title, subject string) {
	switch m {
	case time.January:
		return "Winter Drive", "Cold weather drive: soups & stews needed"
	case time.February:
		return "Volunteer Call February", "Saturday shifts are open, bring a friend!"
	case time.March:
		return "Spring Into Action", "Spring Into Action starts Monday 🌷"
	case time.April:
		return "Volunteer Week Thank You", "THANK YOU, volunteers 🙌"
	case time.May:
		return "Spring Appeal", "Help us stock up for summer"
	case time.June:
		return "Summer Meals Launch", "Free summer meals for kids start Monday ☀️"
	case time.July:
		return "Volunteer Call July", "Beat the heat: morning shifts, cold water, good company"
	case time.August:
		return "Backpack Program", "$150 feeds a child every weekend 🎒"
	case time.September:
		return "Hunger Action Month", "Wear orange, take action 🧡"
	case time.October:
		return "Harvest Gleaning", "Join a gleaning crew this fall 🍂"
	case time.November:
		return "Turkey Drive", "Our Thanksgiving Turkey Drive is ON 🦃"
	default:
		return "Holiday Volunteer Shifts", "Holiday shifts are filling fast 🎁"
	}
}

func newMailchimp(p period) *mailchimp {
	r := newRand(9)
	mc := &mailchimp{p: p}
	for _, m := range p.months {
		y, mon := m.first.Year(), m.first.Month()
		type send struct {
			day                  time.Time
			title, subject, kind string
			fixed                bool // dated campaigns go out on their day
		}
		appealTitle, appealSubject := monthlyAppeal(mon)
		sends := []send{
			{m.first.AddDate(0, 0, 2+r.IntN(6)), fmt.Sprintf("%s %d Newsletter", mon, y),
				fmt.Sprintf("What your support did in %s", m.first.AddDate(0, -1, 0).Month()), "newsletter", false},
			{m.first.AddDate(0, 0, 14+r.IntN(8)), appealTitle, appealSubject, "appeal", false},
		}
		if gt := givingTuesday(y); m.contains(gt) {
			sends = append(sends, send{gt, fmt.Sprintf("Giving Tuesday %d", y), "Today only: your gift is DOUBLED 💚", "appeal", true})
		}
		if mon == time.December {
			sends = append(sends, send{day(y, time.December, 29), fmt.Sprintf("Year-End Appeal %d", y),
				fmt.Sprintf("Last chance for your %d tax-deductible gift", y), "appeal", true})
		}
		for _, s := range sends {
			for !s.fixed && (s.day.Weekday() < time.Tuesday || s.day.Weekday() > time.Thursday) {
				s.day = s.day.AddDate(0, 0, 1) // staff send mid-week
			}
			if !m.contains(s.day) {
				continue // not sent yet this month
			}
			sent := s.day.Add(time.Duration(9*60+r.IntN(4)*15) * time.Minute)
			mc.campaigns = append(mc.campaigns, newCampaign(r, p, sent, s.title, s.subject, s.kind))
		}
	}
	slices.SortFunc(mc.campaigns, func(a, b campaign) int { return a.sent.Compare(b.sent) })
	return mc
}

func newCampaign(r *rand.Rand, p period, sent time.Time, title, subject, kind string) campaign {
	c := campaign{title: title, subject: subject, sent: sent, id: strings.ToLower(fmt.Sprintf("%010x", r.Uint64()>>24))}
	c.recipients = round(2350 * p.trend(civil(sent)) * between(r, 0.99, 1.01))
	c.soft = poisson(r, float64(c.recipients)*0.004)
	c.hard = poisson(r, float64(c.recipients)*0.0015)
	delivered := float64(c.delivered())
	openRate, clickRate := between(r, 0.38, 0.46), between(r, 0.028, 0.048)
	if kind == "appeal" {
		openRate, clickRate = between(r, 0.33, 0.41), between(r, 0.018, 0.035)
	}
	c.uniqueOpens = round(delivered * openRate)
	c.totalOpens = round(float64(c.uniqueOpens) * between(r, 1.6, 2.3))
	c.uniqueClicks = round(delivered * clickRate * season(civil(sent)))
	c.totalClicks = round(float64(c.uniqueClicks) * between(r, 1.3, 1.8))
	c.unsubscribes = poisson(r, delivered*0.0018)
	c.abuse = poisson(r, delivered*0.0001)
	c.forwarded = poisson(r, 2)
	c.forwardedOpens = poisson(r, float64(c.forwarded)*1.5)
	return c
}

func (c campaign) delivered() int { return c.recipients - c.soft - c.hard }

// clicksByDay is when newsletter readers arrive on the website: mostly the
// day a campaign is sent, some over the next two days.
func (mc *mailchimp) clicksByDay(p period) []float64 {
	out := make([]float64, len(p.all.days()))
	for _, c := range mc.campaigns {
		i := p.index(civil(c.sent))
		for k, w := range []float64{0.75, 0.2, 0.05} {
			if i+k < len(out) {
				out[i+k] += w * float64(c.uniqueClicks)
			}
		}
	}
	return out
}

func (mc *mailchimp) files() ([]file, error) {
	var b bytes.Buffer
	metaLine(&b, mailchimpHeader()...)
	for _, c := range mc.campaigns {
		delivered := c.delivered()
		rate := func(n int) string { return fmt.Sprintf("%.2f%%", 100*float64(n)/float64(delivered)) }
		row := []string{c.title, c.subject, mailchimpList,
			strings.NewReplacer("AM", "am", "PM", "pm").Replace(c.sent.Format("Jan 02, 2006 03:04 PM")),
			c.sent.Weekday().String(), itoa(c.recipients), itoa(delivered), itoa(c.soft), itoa(c.hard),
			itoa(c.soft + c.hard), itoa(c.forwarded), itoa(c.forwardedOpens), itoa(c.uniqueOpens), rate(c.uniqueOpens),
			itoa(c.totalOpens), itoa(c.uniqueClicks), rate(c.uniqueClicks), itoa(c.totalClicks), itoa(c.unsubscribes),
			itoa(c.abuse), "0", "0", c.id, "0", "0", "0"}
		for len(row) < len(mailchimpHeader()) {
			row = append(row, "n/a")
		}
		metaLine(&b, row...)
	}
	return []file{{name: "mailchimp/campaigns.csv", data: b.Bytes()}}, nil
}
