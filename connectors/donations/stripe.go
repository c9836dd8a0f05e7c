package donations

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/people"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Stripe reads the Stripe Dashboard payments export (unified_payments.csv): one row per
// charge, with the account's metadata keys appended as "<key> (metadata)" columns.
type Stripe struct{}

var stripeSignature = []string{"id", "Created (UTC)", "Amount", "Amount Refunded", "Currency", "Status"}

// Spec implements connectors.Connector.
func (Stripe) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "stripe-payments", Platform: "stripe",
		Description: "Stripe payments export: one row per charge; paid charges become donations",
		HowToExport: "Stripe Dashboard → Payments → Export → choose the date range and \"All columns\" → Export (unified_payments.csv)",
		Columns: append(append([]string{}, stripeSignature...), "Captured", "Description", "Invoice ID",
			"Customer Email", "Card Name", "campaign (metadata)", "utm_source (metadata)", "utm_medium (metadata)", "utm_campaign (metadata)"),
		Signature: stripeSignature,
		Personal:  true,
	}
}

// Detect implements connectors.Connector.
func (Stripe) Detect(f *connectors.File) bool {
	h := csvio.NewHeader(f.Header())
	return len(f.Header()) > 0 && csvio.Normalize(f.Header()[0]) == "id" && h.Has(stripeSignature...)
}

// Parse implements connectors.Connector.
func (Stripe) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	if err := sheet.RequireSalt(f, opts); err != nil {
		return err
	}
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(stripeSignature...); err != nil {
		return err
	}
	var (
		idCol, createdCol, amountCol = s.Col("id"), s.Col("Created (UTC)"), s.Col("Amount")
		refundedCol, currencyCol     = s.Col("Amount Refunded"), s.Col("Currency")
		statusCol, capturedCol       = s.Col("Status"), s.Col("Captured")
		descCol, invoiceCol          = s.Col("Description"), s.Col("Invoice ID")
		campaignCol                  = s.Col("campaign (metadata)", "donorbox_campaign (metadata)", "Campaign")
		srcCol, medCol, campCol      = utm(s, "source"), utm(s, "medium"), utm(s, "campaign")
		who                          = people.Find(s.H, "Customer Email", "Email")
	)
	if who.Name < 0 {
		who.Name = s.Col("Card Name", "Customer Name")
	}
	if err := s.DetectDecimal(ctx, amountCol, refundedCol); err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		status := strings.ToLower(s.Text(r, statusCol))
		switch {
		case status == "refunded":
			sink.Skip(r.Line(), "refunded charge")
			return nil
		case status != "paid" && status != "succeeded":
			sink.Skip(r.Line(), fmt.Sprintf("charge not paid (status %q)", s.Text(r, statusCol)))
			return nil
		case capturedCol >= 0 && strings.EqualFold(s.Text(r, capturedCol), "false"):
			sink.Skip(r.Line(), "charge authorised but never captured")
			return nil
		}
		id := s.Text(r, idCol)
		if err := checkID(s, r, idCol, id, "Stripe's charge id (ch_… or py_…)"); err != nil {
			return err
		}
		at, err := s.Time(r, createdCol, csvio.MonthFirst, time.UTC, "YYYY-MM-DD HH:MM:SS (UTC)")
		if err != nil {
			return err
		}
		gross, err := amount(s, r, amountCol)
		if err != nil {
			return err
		}
		refunded := 0.0
		if refundedCol >= 0 && !csvio.IsMissing(r.Field(refundedCol)) {
			if refunded, err = amount(s, r, refundedCol); err != nil {
				return err
			}
		}
		net := gross - refunded
		if net <= 0 {
			sink.Skip(r.Line(), "fully refunded charge")
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
		recurring := s.Text(r, invoiceCol) != "" || strings.HasPrefix(strings.ToLower(s.Text(r, descCol)), "subscription")
		if err := sink.Donation(connectors.Donation{
			Platform: "stripe", DonationID: id, At: at.UTC(), Amount: net, Currency: cur, Recurring: recurring,
			Campaign:  text(s, r, campaignCol),
			UTMSource: lower(s.Text(r, srcCol)), UTMMedium: lower(s.Text(r, medCol)), UTMCampaign: lower(s.Text(r, campCol)),
			DonorHash: hash,
		}); err != nil {
			return err
		}
		return nil
	})
}
