package donations

import (
	"context"
	"fmt"
	"strings"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/people"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Donorbox reads Donorbox's donation export (Donations → Export): one row per gift with the
// donor's details, the campaign and, for tracked links, the UTM parameters.
type Donorbox struct{}

var donorboxSignature = []string{"Donor Email", "Campaign", "Amount", "Currency", "Donated At"}

// Spec implements connectors.Connector.
func (Donorbox) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "donorbox-donations", Platform: "donorbox",
		Description: "Donorbox donation export: one row per gift with campaign and UTM source",
		HowToExport: "Donorbox → Donations → filter the dates (and campaign) → Export → CSV",
		Columns: append(append([]string{}, donorboxSignature...), "Name", "Phone", "Receipt Id",
			"Stripe Charge Id", "Pay Pal Transaction Id", "Recurring Donation", "Donation Interval", "Status",
			"UTM Source", "UTM Medium", "UTM Campaign"),
		Signature: donorboxSignature,
		Personal:  true,
	}
}

// Detect implements connectors.Connector.
func (Donorbox) Detect(f *connectors.File) bool {
	return csvio.NewHeader(f.Header()).Has(donorboxSignature...)
}

// Parse implements connectors.Connector.
func (Donorbox) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	if err := sheet.RequireSalt(f, opts); err != nil {
		return err
	}
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(donorboxSignature...); err != nil {
		return err
	}
	var (
		amountCol, currencyCol, atCol = s.Col("Amount"), s.Col("Currency"), s.Col("Donated At")
		campaignCol, statusCol        = s.Col("Campaign"), s.Col("Status")
		idCols                        = []int{s.Col("Receipt Id"), s.Col("Stripe Charge Id"), s.Col("Pay Pal Transaction Id", "PayPal Transaction Id")}
		recurringCol, intervalCol     = s.Col("Recurring Donation", "Recurring"), s.Col("Donation Interval", "Interval")
		srcCol, medCol, campCol       = utm(s, "source"), utm(s, "medium"), utm(s, "campaign")
		who                           = people.Find(s.H, "Donor Email")
		loc                           = sheet.Location(opts)
	)
	if who.First < 0 {
		who.First, who.Last = s.Col("Donor's First Name"), s.Col("Donor's Last Name")
	}
	order, err := s.Decide(ctx, []int{amountCol}, atCol, csvio.MonthFirst)
	if err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		if st := strings.ToLower(s.Text(r, statusCol)); st != "" && st != "paid" && st != "succeeded" && st != "completed" {
			sink.Skip(r.Line(), fmt.Sprintf("donation not paid (status %q)", s.Text(r, statusCol)))
			return nil
		}
		id := ""
		for _, c := range idCols {
			if id = s.Text(r, c); id != "" {
				break
			}
		}
		if err := checkID(s, r, idCols[0], id, "one of Receipt Id, Stripe Charge Id, Pay Pal Transaction Id"); err != nil {
			return err
		}
		// Donorbox writes "2024-11-29 14:03:12 -0800" (with the offset) or a local time.
		at, err := s.Time(r, atCol, order, loc, `a date and time such as "2024-11-29 14:03:12 -0800"`)
		if err != nil {
			return err
		}
		amt, err := amount(s, r, amountCol)
		if err != nil {
			return err
		}
		if amt <= 0 {
			sink.Skip(r.Line(), "zero or negative amount (refund)")
			return nil
		}
		cur, err := currencyCode(s, r, currencyCol)
		if err != nil {
			return err
		}
		hash, err := donor(r, who, opts)
		if err != nil {
			return err
		}
		interval := strings.ToLower(s.Text(r, intervalCol))
		recurring := yes(s.Text(r, recurringCol)) ||
			(interval != "" && interval != "one time" && interval != "one-time" && interval != "once" && interval != "onetime")
		if err := sink.Donation(connectors.Donation{
			Platform: "donorbox", DonationID: id, At: at.UTC(), Amount: amt, Currency: cur, Recurring: recurring,
			Campaign:  text(s, r, campaignCol),
			UTMSource: lower(s.Text(r, srcCol)), UTMMedium: lower(s.Text(r, medCol)), UTMCampaign: lower(s.Text(r, campCol)),
			DonorHash: hash,
		}); err != nil {
			return err
		}
		return nil
	})
}
