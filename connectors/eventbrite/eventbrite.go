// Package eventbrite reads Eventbrite's attendee report: one row per ticket, with the
// buyer's answers to the organiser's questions. Each attending ticket becomes an "event"
// sign-up; the attendee is only a salted hash.
package eventbrite

import (
	"context"
	"fmt"
	"strings"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/people"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Attendees reads the attendee report (Reports → Attendee summary / Orders → Export).
type Attendees struct{}

var signature = []string{"Order #", "Order Date", "Attendee #", "Ticket Type"}

// attending are the statuses of a ticket that counts; Eventbrite also writes "Not
// Attending", "Refunded", "Cancelled", "Deleted", "Transferred".
var attending = map[string]bool{"": true, "attending": true, "checked in": true}

// Spec implements connectors.Connector.
func (Attendees) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "eventbrite-attendees", Platform: "eventbrite",
		Description: "Eventbrite attendee report: one row per ticket; attending tickets become event sign-ups",
		HowToExport: "Eventbrite → Manage events → (the event, or all events) → Reports → Attendee summary → Export → CSV",
		Columns: append(append([]string{}, signature...), "Event Name", "Email", "First Name", "Last Name",
			"Attendee Status", "How did you hear about this event?"),
		Signature: signature,
		Personal:  true,
	}
}

// Detect implements connectors.Connector.
func (Attendees) Detect(f *connectors.File) bool {
	return csvio.NewHeader(f.Header()).Has(signature...)
}

// Parse implements connectors.Connector.
func (Attendees) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	if err := sheet.RequireSalt(f, opts); err != nil {
		return err
	}
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(signature...); err != nil {
		return err
	}
	var (
		dateCol, statusCol = s.Col("Order Date"), s.Col("Attendee Status")
		eventCol           = s.Col("Event Name", "Event Title", "Event")
		heardCol           = people.HowHeard(s.H)
		who                = people.Find(s.H, "Email", "Attendee Email", "Buyer Email")
		loc                = sheet.Location(opts)
	)
	// Eventbrite writes 11/29/24 22:28 in US accounts; a re-saved or European file can be
	// day-first, decided from all the dates.
	order, err := s.Decide(ctx, nil, dateCol, csvio.MonthFirst)
	if err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		if st := strings.ToLower(s.Text(r, statusCol)); !attending[st] {
			sink.Skip(r.Line(), fmt.Sprintf("ticket not attending (status %q)", s.Text(r, statusCol)))
			return nil
		}
		at, err := s.Time(r, dateCol, order, loc, `"11/29/24 22:28" (month/day/year, the event's time zone)`)
		if err != nil {
			return err
		}
		hash, err := who.Hash(opts.Salt, r.Field)
		if err != nil {
			return err
		}
		campaign := people.Scrub(s.Text(r, eventCol))
		if campaign == "" {
			campaign = opts.Account
		}
		if err := sink.Signup(connectors.Signup{
			Platform: "eventbrite", At: at.UTC(), Kind: "event", Channel: people.Channel(r.Field(heardCol)),
			Campaign: campaign, PersonHash: hash,
		}); err != nil {
			return err
		}
		return nil
	})
}
