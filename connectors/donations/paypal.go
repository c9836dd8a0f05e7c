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

// PayPal reads PayPal's activity download (Activity → Download → CSV, "Download.CSV"):
// every movement of the account, of which the completed incoming donation payments are
// gifts.
type PayPal struct{}

var paypalSignature = []string{"Date", "Time", "TimeZone", "Type", "Status", "Currency", "Gross", "Transaction ID"}

// paypalDonationTypes are the Type values that are gifts. Website, checkout and invoice
// payments can be ticket sales or shop orders, so they are skipped with their type named.
var paypalDonationTypes = map[string]bool{
	"donation payment":     true,
	"subscription payment": true, // recurring donations through a "Donate" subscription
	"recurring payment":    true,
	"mass pay payment":     true, // PayPal Giving Fund payouts
}

// zones are the abbreviations PayPal writes in TimeZone, as fixed offsets: the abbreviation
// already says whether summer time applies.
var zones = map[string]int{
	"UTC": 0, "GMT": 0, "WET": 0, "WEST": 1, "BST": 1, "IST": 1, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2,
	"EET": 2, "EEST": 3, "MSK": 3, "HST": -10, "AKST": -9, "AKDT": -8, "PST": -8, "PDT": -7,
	"MST": -7, "MDT": -6, "CST": -6, "CDT": -5, "EST": -5, "EDT": -4, "AST": -4, "ADT": -3,
	"NST": -3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "ACST": 9, "AWST": 8, "NZST": 12, "NZDT": 13,
}

// dayFirstZones are zones whose accounts write DD/MM/YYYY, the default when no date in the
// file has a day above 12.
var dayFirstZones = map[string]bool{
	"GMT": true, "BST": true, "IST": true, "WET": true, "WEST": true, "CET": true, "CEST": true,
	"MET": true, "MEST": true, "EET": true, "EEST": true, "MSK": true, "AEST": true, "AEDT": true,
	"ACST": true, "AWST": true, "NZST": true, "NZDT": true,
}

// Spec implements connectors.Connector.
func (PayPal) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "paypal-activity", Platform: "paypal",
		Description: "PayPal activity download: completed donation, subscription and Giving Fund payments become donations",
		HowToExport: "PayPal → Activity → Statements → Activity download (or Reports → Activity download) → Transaction type \"All transactions\", format CSV → Create report → Download",
		Columns:     append(append([]string{}, paypalSignature...), "Balance Impact", "From Email Address", "Name", "Item Title"),
		Signature:   paypalSignature,
		Personal:    true,
	}
}

// Detect implements connectors.Connector.
func (PayPal) Detect(f *connectors.File) bool {
	return csvio.NewHeader(f.Header()).Has(paypalSignature...)
}

// Parse implements connectors.Connector.
func (PayPal) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	if err := sheet.RequireSalt(f, opts); err != nil {
		return err
	}
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(paypalSignature...); err != nil {
		return err
	}
	var (
		dateCol, timeCol, zoneCol = s.Col("Date"), s.Col("Time"), s.Col("TimeZone")
		typeCol, statusCol        = s.Col("Type"), s.Col("Status")
		currencyCol, grossCol     = s.Col("Currency"), s.Col("Gross")
		idCol, impactCol          = s.Col("Transaction ID"), s.Col("Balance Impact")
		itemCol                   = s.Col("Item Title")
		who                       = people.Find(s.H, "From Email Address")
	)
	def := csvio.MonthFirst
	err = s.Scan(ctx, []int{zoneCol}, func(_ int, v string) {
		if dayFirstZones[strings.ToUpper(strings.TrimSpace(v))] {
			def = csvio.DayFirst
		}
	})
	if err != nil {
		return err
	}
	order, err := s.Decide(ctx, []int{grossCol, s.Col("Fee"), s.Col("Net")}, dateCol, def)
	if err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		typ := s.Text(r, typeCol)
		switch {
		case strings.EqualFold(s.Text(r, impactCol), "memo"):
			sink.Skip(r.Line(), "memo row (authorisation or hold): no money moved")
			return nil
		case !paypalDonationTypes[strings.ToLower(typ)]:
			sink.Skip(r.Line(), fmt.Sprintf("not a donation: %q", typ))
			return nil
		case !strings.EqualFold(s.Text(r, statusCol), "completed"):
			sink.Skip(r.Line(), fmt.Sprintf("payment not completed (status %q)", s.Text(r, statusCol)))
			return nil
		}
		gross, err := amount(s, r, grossCol)
		if err != nil {
			return err
		}
		if gross <= 0 {
			sink.Skip(r.Line(), "outgoing or zero payment")
			return nil
		}
		id := s.Text(r, idCol)
		if err := checkID(s, r, idCol, id, "PayPal's 17-character transaction id"); err != nil {
			return err
		}
		zone := strings.ToUpper(s.Text(r, zoneCol))
		off, ok := zones[zone]
		if !ok {
			return s.Err(r, zoneCol, "time zone", "an abbreviation PayPal writes, such as PST, PDT, CET or GMT", nil)
		}
		loc := time.FixedZone(zone, off*3600)
		day, err := s.Time(r, dateCol, order, loc, "MM/DD/YYYY (or DD/MM/YYYY outside the US)")
		if err != nil {
			return err
		}
		clock, err := time.Parse("15:04:05", s.Text(r, timeCol))
		if err != nil {
			return s.Err(r, timeCol, "time", "HH:MM:SS", err)
		}
		at := time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), clock.Second(), 0, loc)
		cur, err := currencyCode(s, r, currencyCol)
		if err != nil {
			return err
		}
		hash, err := donor(r, who, opts)
		if err != nil {
			return err
		}
		t := strings.ToLower(typ)
		if err := sink.Donation(connectors.Donation{
			Platform: "paypal", DonationID: id, At: at.UTC(), Amount: gross, Currency: cur,
			Recurring: t == "subscription payment" || t == "recurring payment",
			Campaign:  text(s, r, itemCol), DonorHash: hash,
		}); err != nil {
			return err
		}
		return nil
	})
}
