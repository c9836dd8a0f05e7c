package demo

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Stripe: Dashboard → Payments → Export, "unified_payments.csv" [export-formats.md §8A;
// no real file is stored because every one holds donors' data]. UTF-8 without BOM, LF,
// encoding/csv's minimal quoting, "Created (UTC)" as 2006-01-02 15:04:05 in UTC, lower-case
// currency, newest charge first, and the account's metadata keys appended as
// "<key> (metadata)" columns: the donation form stores the campaign and the UTM
// parameters of the link the donor came from, which is how gifts are attributed to social
// posts and newsletters.

func stripeHeader() []string {
	return []string{"id", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Captured", "Converted Amount",
		"Converted Amount Refunded", "Converted Currency", "Decline Reason", "Description", "Fee",
		"Refunded date (UTC)", "Statement Descriptor", "Status", "Seller Message", "Taxes On Fee", "Card ID",
		"Card Name", "Card Address Line1", "Card Address City", "Card Address State", "Card Address Zip",
		"Card Address Country", "Invoice ID", "Customer ID", "Customer Email", "campaign (metadata)",
		"utm_source (metadata)", "utm_medium (metadata)", "utm_campaign (metadata)"}
}

type charge struct {
	id                          string
	at                          time.Time // local
	amount                      float64   // dollars
	refunded                    float64
	status                      string // Paid, Refunded, Failed
	donor                       person
	invoice                     string
	campaign                    string
	source, medium, utmCampaign string
}

type stripe struct {
	p       period
	charges []charge
}

// stripeCampaign names the appeal running on day d, as the donation form records it.
func stripeCampaign(d time.Time) (name, slug string) {
	switch {
	case d.Equal(givingTuesday(d.Year())):
		return fmt.Sprintf("Giving Tuesday %d", d.Year()), fmt.Sprintf("givingtuesday%d", d.Year()%100)
	case d.Month() == time.December:
		return fmt.Sprintf("Year-End Appeal %d", d.Year()), fmt.Sprintf("yearend%d", d.Year()%100)
	}
	title, _ := monthlyAppeal(d.Month())
	return title, strings.ReplaceAll(strings.ToLower(title), " ", "-")
}

// attribution is where a one-off donor came from: social posts and newsletters carry UTM
// links; search ads and typed addresses do not say much.
func attribution(r *rand.Rand, d time.Time, slug string) (source, medium, campaign string) {
	x := r.Float64()
	switch {
	case x < 0.17:
		return "facebook", "social", slug
	case x < 0.26:
		return "instagram", "social", slug
	case x < 0.29:
		return "x", "social", slug
	case x < 0.42:
		return "newsletter", "email", slug
	case x < 0.48:
		return "google", "cpc", "grants-" + d.Format("2006")
	}
	return "", "", ""
}

func newStripe(p period) *stripe {
	r := newRand(10)
	st := &stripe{p: p}
	// Monthly donors, each charged on the day of the month they started.
	type monthly struct {
		donor  person
		day    int
		amount float64
		from   time.Time
	}
	var subs []monthly
	for i := 0; i < 48; i++ {
		subs = append(subs, monthly{someone(r), 1 + r.IntN(28), []float64{10, 15, 20, 25, 50}[r.IntN(5)],
			p.all.first.AddDate(0, 0, r.IntN(len(p.all.days())))})
		if i < 30 {
			subs[i].from = p.all.first // most were giving before the period
		}
	}
	for _, d := range p.all.days() {
		for _, s := range subs {
			if d.Day() == s.day && !d.Before(s.from) {
				c := newCharge(r, localTime(r, d, 3, 6), s.amount, s.donor)
				c.invoice, c.campaign = "in_"+token(r, 24), "Monthly Giving"
				st.charges = append(st.charges, c)
			}
		}
		// One-off gifts follow the season: the holiday appeals, Giving Tuesday and the
		// last days of the tax year bring most of the year's money.
		for range poisson(r, 2.2*math.Pow(season(d), 2)*p.trend(d)) {
			amount := []float64{10, 20, 25, 25, 35, 50, 50, 75, 100, 100, 150, 250, 500, 1000}[r.IntN(14)]
			if r.Float64() < 0.2 {
				amount = math.Round(between(r, 5, 300))
			}
			c := newCharge(r, localTime(r, d, 7, 23), amount, someone(r))
			var slug string
			c.campaign, slug = stripeCampaign(d)
			c.source, c.medium, c.utmCampaign = attribution(r, d, slug)
			st.charges = append(st.charges, c)
		}
	}
	slices.SortStableFunc(st.charges, func(a, b charge) int { return b.at.Compare(a.at) })
	return st
}

func newCharge(r *rand.Rand, at time.Time, amount float64, donor person) charge {
	c := charge{id: "ch_3" + token(r, 23), at: at, amount: amount, status: "Paid", donor: donor}
	switch x := r.Float64(); {
	case x < 0.015:
		c.status, c.refunded = "Refunded", amount
	case x < 0.035:
		c.status = "Failed"
	}
	return c
}

func (st *stripe) files() ([]file, error) {
	rows := [][]string{stripeHeader()}
	for _, c := range st.charges {
		created := pacificToUTC(c.at)
		money := func(x float64) string { return fmt.Sprintf("%.2f", x) }
		fee, captured, decline, message, refundedAt := money(0.022*c.amount+0.3), "true", "", "Payment complete.", ""
		switch c.status {
		case "Failed":
			fee, captured, decline, message = "0.00", "false", "insufficient_funds", "The bank returned the decline code `insufficient_funds`."
		case "Refunded":
			refundedAt = created.Add(26 * time.Hour).Format(time.DateTime)
		}
		description := "Donation to " + orgName
		if c.invoice != "" {
			description = "Subscription update"
		}
		rows = append(rows, []string{c.id, created.Format(time.DateTime), money(c.amount), money(c.refunded), "usd", captured,
			money(c.amount), money(c.refunded), "usd", decline, description, fee, refundedAt, "RIVERSIDE FOOD BANK", c.status,
			message, "0.00", "card_1" + c.id[4:18], c.donor.name(), c.donor.street(), "Riverside", "CA", "92501", "US",
			c.invoice, fmt.Sprintf("cus_%012d", c.donor.n), c.donor.email(), c.campaign, c.source, c.medium, c.utmCampaign})
	}
	data, err := minimalCSV(rows, false)
	if err != nil {
		return nil, fmt.Errorf("write stripe/unified_payments.csv: %w", err)
	}
	return []file{{name: "stripe/unified_payments.csv", data: bytes.Clone(data)}}, nil
}
