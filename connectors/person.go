package connectors

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"unicode"
)

// ErrNoSalt is returned when personal data would have to be hashed without a salt. An
// unsalted hash of an e-mail address is reversible with a dictionary, so connectors that
// read donor, subscriber or attendee exports refuse to run without Options.Salt.
var ErrNoSalt = errors.New("no salt configured for hashing personal data (goalpost init writes one into the config)")

// PersonHash returns the pseudonym of the person with this e-mail address: hex
// HMAC-SHA256 keyed with salt over lower(trim(email)). The same person gets the same
// pseudonym in every export of the organisation, so unique people can be counted without
// storing anyone in clear. An empty email gives "" (nobody to count); an empty salt is
// ErrNoSalt.
func PersonHash(salt, email string) (string, error) {
	if salt == "" {
		return "", ErrNoSalt
	}
	key := strings.ToLower(strings.TrimSpace(email))
	if key == "" {
		return "", nil
	}
	return hmacHex(salt, key), nil
}

// PersonHashFallback is PersonHash for exports where the e-mail can be missing: without an
// e-mail address the pseudonym is derived from the name (case and spacing folded) and the
// phone number (digits only), prefixed so that it can never collide with an e-mail's. It
// returns "" when there is neither an e-mail nor a name nor a phone number.
func PersonHashFallback(salt, email, name, phone string) (string, error) {
	if salt == "" {
		return "", ErrNoSalt
	}
	if strings.TrimSpace(email) != "" {
		return PersonHash(salt, email)
	}
	n := strings.Join(strings.Fields(strings.ToLower(name)), " ")
	var p strings.Builder
	for _, r := range phone {
		if unicode.IsDigit(r) {
			p.WriteRune(r)
		}
	}
	if n == "" && p.Len() == 0 {
		return "", nil
	}
	return hmacHex(salt, "name:"+n+"|phone:"+p.String()), nil
}

func hmacHex(salt, msg string) string {
	m := hmac.New(sha256.New, []byte(salt))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}
