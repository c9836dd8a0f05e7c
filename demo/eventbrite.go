package demo

import (
	"bytes"
	"fmt"
	"slices"
	"time"
)

// Eventbrite: the attendee summary report of the organiser's events, one row per ticket
// [export-formats.md §8F; column order of rherardi/eb2ez's README]. "Order Date" is
// "10/05/24 20:02" (month/day, two-digit year, event-local time), the organiser's custom
// question comes after the home address columns, and the report across events carries
// the event's name. The file name is a guess; detection never relies on it.

func eventbriteHeader() []string {
	return []string{"Event Name", "Event ID", "Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity",
		"Price Tier", "Ticket Type", "Attendee #", "Group", "Order Type", "Currency", "Total Paid", "Fees Paid",
		"Eventbrite Fees", "Eventbrite Payment Processing", "Attendee Status", "Home Address 1", "Home Address 2",
		"Home City", "Home State", "Home Zip", "Home Country", "How did you hear about this event?", "Job Title", "Company"}
}

// eventTemplate is one of the food bank's yearly events.
type eventTemplate struct {
	name   string
	month  time.Month
	day    int
	ticket string
	price  float64
	size   float64 // expected attendees
}

func eventTemplates() []eventTemplate {
	return []eventTemplate{
		{"Spring Garden Volunteer Day", time.April, 12, "Volunteer", 0, 45},
		{"Harvest Gleaning Day", time.October, 11, "General Admission", 0, 60},
		{"Empty Bowls Dinner", time.November, 15, "Dinner Ticket", 45, 110},
		{"Holiday Sorting Marathon", time.December, 13, "Volunteer Shift", 0, 80},
	}
}

type ticket struct {
	event           eventTemplate
	eventID         string
	order, attendee int
	ordered         time.Time // local
	buyer, holder   person
	quantity        int
	status, heard   string
}

type eventbrite struct {
	p       period
	tickets []ticket
}

func newEventbrite(p period) *eventbrite {
	r := newRand(11)
	eb := &eventbrite{p: p}
	order, attendee := 1000000000+r.IntN(1000000), 2000000000+r.IntN(1000000)
	for _, t := range eventTemplates() {
		// The latest edition whose registrations had opened by the download day.
		on := day(p.today.Year(), t.month, t.day)
		if on.AddDate(0, 0, -28).After(p.all.last) {
			on = on.AddDate(-1, 0, 0)
		}
		if on.AddDate(0, 0, -28).Before(p.all.first) {
			continue
		}
		eventID := digits(r, 12)
		for d := on.AddDate(0, 0, -28); d.Before(on) && !d.After(p.all.last); d = d.AddDate(0, 0, 1) {
			// Registrations pick up as the event nears.
			left := float64(on.Sub(d).Hours() / 24)
			for range poisson(r, t.size/28*(1.6-left/28)) {
				order++
				buyer, heard := someone(r), heardAbout(r)
				qty := 1
				if r.Float64() < 0.25 {
					qty = 2 + r.IntN(3)
				}
				at := localTime(r, d, 7, 23)
				for k := range qty {
					attendee++
					holder := buyer
					if k > 0 {
						holder = someone(r)
					}
					status := "Attending"
					switch x := r.Float64(); {
					case x < 0.04:
						status = "Not Attending"
					case x < 0.06 && t.price > 0:
						status = "Refunded"
					case on.Before(p.today) && x < 0.8:
						status = "Checked In"
					}
					eb.tickets = append(eb.tickets, ticket{t, eventID, order, attendee, at, buyer, holder, qty, status, heard})
				}
			}
		}
	}
	slices.SortStableFunc(eb.tickets, func(a, b ticket) int { return a.ordered.Compare(b.ordered) })
	return eb
}

func (eb *eventbrite) files() ([]file, error) {
	rows := [][]string{eventbriteHeader()}
	for _, t := range eb.tickets {
		orderType, paid, fees, ebFee, proc := "Free Order", "0.00", "0.00", "0.00", "0.00"
		if t.event.price > 0 {
			orderType = "Eventbrite Completed"
			paid = fmt.Sprintf("%.2f", t.event.price+3.98)
			fees, ebFee, proc = "3.98", "2.50", "1.48"
		}
		// Eventbrite asks the custom question once per order; every ticket repeats it.
		rows = append(rows, []string{t.event.name, t.eventID, itoa(t.order), t.ordered.Format("1/2/06 15:04"),
			t.holder.first(), t.holder.last(), t.holder.email(), itoa(t.quantity), "", t.event.ticket, itoa(t.attendee), "",
			orderType, "USD", paid, fees, ebFee, proc, t.status, t.holder.street(), "", "Riverside", "CA", "92501", "US",
			t.heard, "", ""})
	}
	data, err := minimalCSV(rows, false)
	if err != nil {
		return nil, fmt.Errorf("write eventbrite attendee report: %w", err)
	}
	return []file{{name: "eventbrite/attendee_summary_report.csv", data: bytes.Clone(data)}}, nil
}
