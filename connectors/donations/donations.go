// Package donations reads the payment and donation exports a nonprofit's fundraising staff
// download: Stripe's payments export, PayPal's activity download and Donorbox's donation
// export. Each gift becomes a connectors.Donation; the donor is only ever a salted hash,
// and no name, e-mail, address or note is read into any record or error message.
package donations

import (
	"strings"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
	"github.com/goalpost/goalpost/connectors/internal/people"
	"github.com/goalpost/goalpost/connectors/internal/sheet"
)

// amount reads a money cell: a leading currency symbol ("$25.00", "€ 10,00") is dropped,
// the file's decimal separator applies, a missing value is an error (a gift has an amount).
func amount(s *sheet.Sheet, r csvio.Record, col int) (float64, error) {
	raw := strings.TrimSpace(r.Field(col))
	raw = strings.TrimLeft(raw, "$€£¥ \u00a0")
	if csvio.IsMissing(raw) {
		return 0, s.Err(r, col, "amount", "an amount such as 25.00", nil)
	}
	v, err := csvio.ParseNumber(raw, s.Decimal)
	if err != nil {
		return 0, s.Err(r, col, "amount", "an amount such as 25.00", err)
	}
	return v, nil
}

// currencyCode reads an ISO currency code ("usd" in Stripe, "USD" elsewhere).
func currencyCode(s *sheet.Sheet, r csvio.Record, col int) (string, error) {
	c := strings.ToUpper(s.Text(r, col))
	if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return "", s.Err(r, col, "currency", "a three-letter ISO code such as USD or eur", nil)
	}
	return c, nil
}

// donor hashes the person of a row. A hashing failure can only be a missing salt, which
// RequireSalt has already ruled out; it is still returned rather than ignored.
func donor(r csvio.Record, who people.Columns, opts connectors.Options) (string, error) {
	return who.Hash(opts.Salt, r.Field)
}

// yes reads the boolean spellings exports use.
func yes(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "true", "1", "y", "oui":
		return true
	}
	return false
}

// utm finds the UTM columns: Stripe metadata ("utm_source (metadata)"), Donorbox
// ("UTM Source") and hand-added columns all normalise to "utm source…".
func utm(s *sheet.Sheet, key string) int {
	return s.Col("utm_"+key, "utm_"+key+" (metadata)", "UTM "+key, "utm "+key+" metadata")
}

// lower keeps UTM values as tools compare them: trimmed, lower-case, scrubbed of anything
// that looks like an e-mail address or phone number.
func lower(v string) string { return people.Scrub(strings.ToLower(strings.TrimSpace(v))) }

// text is a free-text field stored in clear (a campaign), scrubbed of personal data.
func text(s *sheet.Sheet, r csvio.Record, col int) string { return people.Scrub(s.Text(r, col)) }

// checkID refuses a donation id that cannot be one (spaces, an "@"): it would be a shifted
// column, perhaps an e-mail address, so the message does not repeat it.
func checkID(s *sheet.Sheet, r csvio.Record, col int, id, expected string) error {
	if id == "" || strings.ContainsAny(id, "@ \t") {
		return s.ErrMsg(r, col, "missing or malformed id", expected)
	}
	return nil
}
