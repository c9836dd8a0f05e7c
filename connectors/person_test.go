package connectors_test

import (
	"errors"
	"testing"

	"github.com/goalpost/goalpost/connectors"
)

func TestPersonHash(t *testing.T) {
	// HMAC-SHA256(key "test-salt", "person0001@example.org"), computed independently.
	const want = "cd0054e19d00039315634b88a098060d0fa047e3ad0968e840140d0af06453d7"
	for _, email := range []string{"person0001@example.org", " Person0001@Example.ORG\t"} {
		if got, err := connectors.PersonHash("test-salt", email); err != nil || got != want {
			t.Errorf("PersonHash(%q) = %s, %v; want %s", email, got, err, want)
		}
	}
	if got, _ := connectors.PersonHash("other-salt", "person0001@example.org"); got == want {
		t.Error("the salt does not change the hash")
	}
	if _, err := connectors.PersonHash("", "person0001@example.org"); !errors.Is(err, connectors.ErrNoSalt) {
		t.Errorf("PersonHash without salt: err = %v, want ErrNoSalt", err)
	}
	if got, err := connectors.PersonHash("s", "  "); got != "" || err != nil {
		t.Errorf("PersonHash(blank) = %q, %v; want \"\"", got, err)
	}
	// Without an e-mail: name and phone, folded; HMAC-SHA256(key "test-salt",
	// "name:person 0001|phone:9515550101").
	const fb = "a60e9f3509e8825401120843141c403115d84173a4b2a2b47625bab932ba970a"
	if got, err := connectors.PersonHashFallback("test-salt", "", "  Person   0001 ", "(951) 555-0101"); err != nil || got != fb {
		t.Errorf("PersonHashFallback = %s, %v; want %s", got, err, fb)
	}
	if got, _ := connectors.PersonHashFallback("test-salt", "person0001@example.org", "x", "1"); got != want {
		t.Errorf("PersonHashFallback with an e-mail = %s, want the e-mail's hash", got)
	}
	if _, err := connectors.PersonHashFallback("", "", "Person", ""); !errors.Is(err, connectors.ErrNoSalt) {
		t.Errorf("PersonHashFallback without salt: err = %v", err)
	}
}
