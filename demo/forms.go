package demo

import (
	"bytes"
	"fmt"
	"time"
)

// Google Forms: the volunteer sign-up form's responses, downloaded from its Sheet as
// "<Spreadsheet> - Form Responses 1.csv" [export-formats.md §8G]. Timestamp first in the
// sheet's US locale ("9/6/2024 0:06:16", no zero padding, local time), then one column per
// question with the question's full text as header, trailing space included, checkbox
// answers joined with ", ".

func formsHeader() []string {
	return []string{"Timestamp", "Email Address", "Full name", "Phone number", "Which shifts can you do?",
		"How did you hear about us? ", "Anything else we should know?"}
}

type formResponse struct {
	at            time.Time // local
	who           person
	shifts, heard string
	note          string
}

type forms struct {
	p         period
	responses []formResponse
}

func newForms(p period) *forms {
	r := newRand(12)
	fo := &forms{p: p}
	shifts := []string{"Weekday mornings", "Weekday evenings", "Saturday morning", "Saturday afternoon", "Sunday afternoon", "Mobile pantry (driver)"}
	for _, d := range p.all.days() {
		// Volunteering peaks with the holidays and with the February and July calls.
		boost := 1.0
		if m := d.Month(); m == time.February || m == time.July {
			boost = 1.5
		}
		for range poisson(r, 0.9*season(d)*boost*p.trend(d)*weekday(d)) {
			resp := formResponse{at: localTime(r, d, 6, 24), who: someone(r), heard: heardAbout(r)}
			a, b := r.IntN(len(shifts)), r.IntN(len(shifts))
			resp.shifts = shifts[a]
			if b > a {
				resp.shifts += ", " + shifts[b]
			}
			if r.Float64() < 0.08 {
				resp.note = "I can bring " + []string{"my teenage kids", "a coworker", "my truck"}[r.IntN(3)]
			}
			fo.responses = append(fo.responses, resp)
		}
	}
	return fo
}

func (fo *forms) files() ([]file, error) {
	rows := [][]string{formsHeader()}
	for _, x := range fo.responses {
		email, phone := x.who.email(), ""
		if x.who.n%7 == 0 {
			email = "" // older responses, before the form collected e-mail addresses
			phone = x.who.phone()
		}
		// Sheets writes the hour without padding: 9/6/2024 0:06:16.
		stamp := fmt.Sprintf("%d/%d/%d %d:%02d:%02d", x.at.Month(), x.at.Day(), x.at.Year(), x.at.Hour(), x.at.Minute(), x.at.Second())
		rows = append(rows, []string{stamp, email, x.who.name(), phone, x.shifts, x.heard, x.note})
	}
	data, err := minimalCSV(rows, false)
	if err != nil {
		return nil, fmt.Errorf("write google forms responses: %w", err)
	}
	return []file{{name: "forms/Volunteer Sign-up (Responses) - Form Responses 1.csv", data: bytes.Clone(data)}}, nil
}
