// Package googleforms reads the responses of a Google Form downloaded from its Sheet
// ("<Form> - Form Responses 1.csv"): a Timestamp column, then one column per question.
// Nonprofits use such forms for volunteer sign-ups; each response becomes a "volunteer"
// sign-up, the respondent a salted hash, and the "how did you hear about us?" answer a
// channel from a fixed list. No answer is stored in clear.
package googleforms

import (
	"context"
	"regexp"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/people"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Responses reads a form's responses sheet.
type Responses struct{}

// Spec implements connectors.Connector.
func (Responses) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "google-forms-volunteers", Platform: "google-forms",
		Description: "Google Forms responses (volunteer sign-up form): one row per response; becomes a volunteer sign-up",
		HowToExport: "Google Forms → Responses → View in Sheets → File → Download → Comma-separated values (.csv) (or Responses → ⋮ → Download responses (.csv))",
		Columns:     []string{"Timestamp", "Email Address", "(name question)", "(phone question)", "How did you hear about us?"},
		Signature:   []string{"Timestamp"},
		Personal:    true,
	}
}

// Detect implements connectors.Connector: Google's responses sheet always starts with
// Timestamp, followed by the questions (the form's own wording, any language).
func (Responses) Detect(f *connectors.File) bool {
	h := f.Header()
	return len(h) >= 2 && csvio.Normalize(h[0]) == "timestamp" && !csvio.NewHeader(h).Has("Order #")
}

// jsDate is what an Apps Script writes into the sheet: JavaScript's Date.toString().
var jsDate = regexp.MustCompile(`^([A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2}) GMT([+-]\d{4})(?: \(.*\))?$`)

// Parse implements connectors.Connector.
func (Responses) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	if err := sheet.RequireSalt(f, opts); err != nil {
		return err
	}
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require("Timestamp"); err != nil {
		return err
	}
	var (
		tsCol    = s.Col("Timestamp")
		heardCol = people.HowHeard(s.H)
		who      = people.Find(s.H, "Email Address", "Email")
		loc      = sheet.Location(opts)
	)
	// The Timestamp follows the spreadsheet's locale: 9/6/2018 0:06:16 in the US,
	// 06/09/2018 00:06:16 in the UK; decided from all responses.
	order, err := s.Decide(ctx, nil, tsCol, csvio.MonthFirst)
	if err != nil {
		return err
	}
	return s.Each(ctx, func(r csvio.Record) error {
		raw := s.Text(r, tsCol)
		var at time.Time
		if m := jsDate.FindStringSubmatch(raw); m != nil {
			at, err = time.Parse("Mon Jan 02 2006 15:04:05 -0700", m[1]+" "+m[2])
		} else {
			at, err = csvio.ParseTime(raw, order, loc)
		}
		if err != nil {
			return s.Err(r, tsCol, "timestamp", `the sheet's date and time, such as "9/6/2018 0:06:16"`, err)
		}
		hash, err := who.Hash(opts.Salt, r.Field)
		if err != nil {
			return err
		}
		if err := sink.Signup(connectors.Signup{
			Platform: "google-forms", At: at.UTC(), Kind: "volunteer", Channel: people.Channel(r.Field(heardCol)),
			Campaign: opts.Account, PersonHash: hash,
		}); err != nil {
			return err
		}
		return nil
	})
}
