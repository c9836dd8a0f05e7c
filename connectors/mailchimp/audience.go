package mailchimp

import (
	"context"
	"time"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/people"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// Audience reads a Mailchimp audience export (subscribed_members_export_….csv and its
// unsubscribed and cleaned siblings): the audience's merge fields, then Mailchimp's system
// columns. Every member with an opt-in or confirmation time becomes one "newsletter"
// sign-up at that time; the member is only a salted hash of the e-mail address. Members of
// the unsubscribed and cleaned files did sign up too, so they count the same way: the
// files never overlap.
type Audience struct{}

var audienceSignature = []string{"Email Address", "MEMBER_RATING", "OPTIN_TIME", "CONFIRM_TIME", "LEID"}

// Spec implements connectors.Connector.
func (Audience) Spec() connectors.Spec {
	return connectors.Spec{
		Name: "mailchimp-audience", Platform: "mailchimp",
		Description: "Mailchimp audience export: one row per member; each becomes a newsletter sign-up at its confirmation (else opt-in) time",
		HowToExport: "Mailchimp → Audience → All contacts → Export Audience (a zip of subscribed, unsubscribed and cleaned CSV files: import each)",
		Columns:     append(append([]string{}, audienceSignature...), "How did you hear about us? (merge field)"),
		Signature:   audienceSignature,
		Personal:    true,
	}
}

// Detect implements connectors.Connector.
func (Audience) Detect(f *connectors.File) bool {
	return csvio.NewHeader(f.Header()).Has(audienceSignature...)
}

// Parse implements connectors.Connector.
func (Audience) Parse(ctx context.Context, f *connectors.File, opts connectors.Options, sink connectors.Sink) error {
	if err := sheet.RequireSalt(f, opts); err != nil {
		return err
	}
	s, err := sheet.Read(ctx, f)
	if err != nil {
		return err
	}
	if err := s.Require(audienceSignature...); err != nil {
		return err
	}
	var (
		optinCol, confirmCol = s.Col("OPTIN_TIME"), s.Col("CONFIRM_TIME")
		heardCol             = people.HowHeard(s.H)
		who                  = people.Find(s.H, "Email Address")
	)
	return s.Each(ctx, func(r csvio.Record) error {
		// Double opt-in members count from the confirmation; single opt-in and imported
		// members have only one of the two times.
		col := confirmCol
		if csvio.IsMissing(r.Field(col)) {
			col = optinCol
		}
		if csvio.IsMissing(r.Field(col)) {
			sink.Skip(r.Line(), "member without opt-in or confirmation time (imported contact)")
			return nil
		}
		at, err := s.Time(r, col, csvio.MonthFirst, time.UTC, `"2025-03-16 14:40:47" (UTC)`)
		if err != nil {
			return err
		}
		hash, err := who.Hash(opts.Salt, r.Field)
		if err != nil {
			return err
		}
		if hash == "" {
			return s.ErrMsg(r, who.Email, "member without an e-mail address", "every member of an audience export to have one")
		}
		if err := sink.Signup(connectors.Signup{
			Platform: "mailchimp", At: at.UTC(), Kind: "newsletter", Channel: people.Channel(r.Field(heardCol)),
			Campaign: opts.Account, PersonHash: hash,
		}); err != nil {
			return err
		}
		return nil
	})
}
