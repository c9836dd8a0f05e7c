package demo

import (
	"bytes"
	"fmt"
	"slices"
	"time"
)

// Mailchimp audience export: Audience → All contacts → Export Audience, a zip holding
// members_export_<hex>/subscribed_members_export_<hex>.csv and its unsubscribed sibling
// [export-formats.md §7A; no real file is stored: they hold subscribers' data]. The
// audience's merge fields come first (name, a "How did you hear about us?" field on the
// sign-up form), then Mailchimp's system columns; header names are quoted only when they
// hold a space, times are UTC "2006-01-02 15:04:05", and every row ends with the empty
// NOTES and TAGS columns.

func audienceHeader(unsubscribed bool) []string {
	h := []string{"Email Address", "First Name", "Last Name", "How did you hear about us?", "MEMBER_RATING", "OPTIN_TIME",
		"OPTIN_IP", "CONFIRM_TIME", "CONFIRM_IP", "LATITUDE", "LONGITUDE", "GMTOFF", "DSTOFF", "TIMEZONE", "CC", "REGION"}
	if unsubscribed {
		h = append(h, "UNSUB_TIME", "UNSUB_CAMPAIGN_TITLE", "UNSUB_CAMPAIGN_ID", "UNSUB_REASON", "UNSUB_REASON_OTHER")
	} else {
		h = append(h, "LAST_CHANGED")
	}
	return append(h, "LEID", "EUID", "NOTES", "TAGS")
}

type member struct {
	who     person
	optin   time.Time // UTC; zero for contacts imported from a spreadsheet
	confirm time.Time
	heard   string
	rating  int
	unsub   time.Time
	leid    int
	euid    string
}

type audience struct {
	p       period
	hex     string
	members []member
}

func newAudience(p period, mc *mailchimp) *audience {
	r := newRand(13)
	au := &audience{p: p, hex: fmt.Sprintf("%010x", r.Uint64()>>24)}
	leid := 100000000 + r.IntN(1000000)
	add := func(d time.Time, imported bool) {
		leid++
		m := member{who: someone(r), heard: heardAbout(r), rating: 1 + r.IntN(5), leid: leid, euid: fmt.Sprintf("%010x", r.Uint64()>>24)}
		if !imported {
			m.optin = pacificToUTC(localTime(r, d, 6, 23))
			if r.Float64() < 0.85 { // double opt-in: most confirm within minutes
				m.confirm = m.optin.Add(time.Duration(30+r.IntN(1800)) * time.Second)
			}
		}
		au.members = append(au.members, m)
	}
	// The list before the period: contacts imported from the old spreadsheet, then years
	// of sign-ups.
	for range 300 {
		add(time.Time{}, true)
	}
	start := p.all.first.AddDate(-3, 0, 0)
	for d := start; d.Before(p.all.first); d = d.AddDate(0, 0, 1) {
		for range poisson(r, 1.4) {
			add(d, false)
		}
	}
	// During the period sign-ups follow the season and jump on the days an appeal goes out.
	sends := map[time.Time]bool{}
	for _, c := range mc.campaigns {
		sends[civil(c.sent)] = true
	}
	for _, d := range p.all.days() {
		lambda := 2.2 * season(d) * p.trend(d)
		if sends[d] {
			lambda *= 1.8
		}
		for range poisson(r, lambda) {
			add(d, false)
		}
	}
	// A few unsubscribe each month, some time after joining.
	for i := range au.members {
		m := &au.members[i]
		joined := m.optin
		if joined.IsZero() {
			joined = pacificToUTC(start)
		}
		if r.Float64() < 0.06 {
			u := joined.AddDate(0, 0, 20+r.IntN(700))
			if u.Before(pacificToUTC(p.all.last)) {
				m.unsub = u
			}
		}
	}
	slices.SortStableFunc(au.members, func(a, b member) int { return a.optin.Compare(b.optin) })
	return au
}

func (au *audience) files() ([]file, error) {
	var sub, unsub bytes.Buffer
	metaLine(&sub, audienceHeader(false)...)
	metaLine(&unsub, audienceHeader(true)...)
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateTime)
	}
	r := newRand(14)
	for _, m := range au.members {
		ip := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return fmt.Sprintf("203.0.113.%d", 1+m.who.n%254)
		}
		lat, long := fmt.Sprintf("%.4f", 33.95+0.1*r.Float64()), fmt.Sprintf("%.4f", -117.4+0.1*r.Float64())
		row := []string{m.who.email(), m.who.first(), m.who.last(), m.heard, itoa(m.rating), ts(m.optin), ip(m.optin),
			ts(m.confirm), ip(m.confirm), lat, long, "-8", "-7", "America/Los_Angeles", "US", "CA"}
		if m.unsub.IsZero() {
			row = append(row, ts(latest(m.optin, m.confirm)), itoa(m.leid), m.euid, "", "")
			metaLine(&sub, row...)
			continue
		}
		reason := []string{"I no longer want to receive these emails", "The emails are too frequent", "I never signed up for this mailing list"}[m.who.n%3]
		row = append(row, ts(m.unsub), "Monthly Newsletter", fmt.Sprintf("%010x", m.leid), reason, "", itoa(m.leid), m.euid, "", "")
		metaLine(&unsub, row...)
	}
	dir := "mailchimp/members_export_" + au.hex + "/"
	return []file{
		{name: dir + "subscribed_members_export_" + au.hex + ".csv", data: sub.Bytes()},
		{name: dir + "unsubscribed_members_export_" + au.hex + ".csv", data: unsub.Bytes()},
	}, nil
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
