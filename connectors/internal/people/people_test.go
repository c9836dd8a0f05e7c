package people

import "testing"

func TestChannel(t *testing.T) {
	for in, want := range map[string]string{
		"":                                "",
		"Facebook":                        "facebook",
		"  instagram ":                    "instagram",
		"Twitter / X":                     "x",
		"Xmas market":                     "event",
		"From my church, and Instagram":   "word_of_mouth",
		"Instagram, A friend":             "instagram",
		"A friend told me (Person 0083)":  "word_of_mouth",
		"Google search":                   "search",
		"Newsletter":                      "email",
		"Par une amie":                    "word_of_mouth",
		"Réseaux sociaux":                 "social",
		"My neighbour Jane Doe, 555-0100": "word_of_mouth",
		"I saw a leaflet at the library":  "print",
		"Something else entirely":         "other",
	} {
		if got := Channel(in); got != want {
			t.Errorf("Channel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScrub(t *testing.T) {
	for in, want := range map[string]string{
		"Giving Tuesday 2024-2025": "Giving Tuesday 2024-2025",
		"facebook":                 "facebook",
		"person0001@example.org":   "(removed: personal data)",
		"call +1 (951) 555-0101":   "(removed: personal data)",
		"":                         "",
	} {
		if got := Scrub(in); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", in, got, want)
		}
	}
}
