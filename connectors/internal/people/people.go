// Package people finds the personal columns of donor, attendee, subscriber and form
// exports and turns them into what may be stored: a salted hash of the person and a
// channel from a fixed list. Nothing a person typed ever leaves this package in clear.
package people

import (
	"regexp"
	"strings"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/internal/csvio"
)

// Columns locates the columns that identify a person in a header.
type Columns struct {
	Email, Name, First, Last, Phone int
}

// Find locates the identifying columns by normalised name; prefer lists the exact names a
// platform uses for its e-mail column (e.g. "Donor Email") before the generic search.
func Find(h csvio.Header, prefer ...string) Columns {
	c := Columns{Email: -1, Name: -1, First: -1, Last: -1, Phone: -1}
	if len(prefer) > 0 {
		c.Email = h.Index(prefer...)
	}
	for i := range h.Raw {
		n := h.Norm(i)
		words := strings.Fields(n)
		has := func(w ...string) bool {
			for _, x := range words {
				for _, y := range w {
					if x == y {
						return true
					}
				}
			}
			return false
		}
		switch {
		case c.Email < 0 && (has("email", "courriel") || strings.Contains(n, "e mail")):
			c.Email = i
		case c.Phone < 0 && has("phone", "telephone", "mobile", "cell", "tel"):
			c.Phone = i
		case c.First < 0 && (n == "first name" || n == "donor s first name" || n == "prenom" || n == "given name"):
			c.First = i
		case c.Last < 0 && (n == "last name" || n == "surname" || n == "donor s last name" || n == "nom de famille" || n == "family name"):
			c.Last = i
		case c.Name < 0 && (n == "name" || n == "full name" || n == "your name" || n == "nom" || n == "nom complet" || n == "donor name"):
			c.Name = i
		}
	}
	return c
}

// Personal reports whether column i identifies a person (and so must never be echoed).
func (c Columns) Personal(i int) bool {
	return i >= 0 && (i == c.Email || i == c.Name || i == c.First || i == c.Last || i == c.Phone)
}

// Hash returns the salted pseudonym of the person on a row, from the e-mail address, else
// the name and phone number; "" when the row names nobody. field returns a row's cell.
func (c Columns) Hash(salt string, field func(col int) string) (string, error) {
	get := func(i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(field(i))
	}
	name := get(c.Name)
	if name == "" {
		name = strings.TrimSpace(get(c.First) + " " + get(c.Last))
	}
	return connectors.PersonHashFallback(salt, get(c.Email), name, get(c.Phone))
}

// HowHeard returns the column asking how the person heard about the organisation (a
// custom question of Eventbrite, Google Forms or Mailchimp), or -1.
func HowHeard(h csvio.Header) int {
	for i := range h.Raw {
		n := h.Norm(i)
		for _, k := range []string{"how did you hear", "hear about us", "how did you find", "where did you hear",
			"how did you learn", "referred by", "comment avez vous connu", "comment avez vous entendu",
			"comment nous avez vous connu", "ou avez vous entendu", "como se entero"} {
			if strings.Contains(n, k) {
				return i
			}
		}
		if n == "source" || n == "referral source" || n == "lead source" {
			return i
		}
	}
	return -1
}

// channels maps words of an answer to a channel. A checkbox answer with several choices
// ("Facebook, A friend") counts for the channel named first in the answer.
var channels = []struct {
	channel string
	words   []string
}{
	{"facebook", []string{"facebook", "fb", "meta"}},
	{"instagram", []string{"instagram", "insta", "ig"}},
	{"x", []string{"twitter", "tweet", "x"}},
	{"linkedin", []string{"linkedin"}},
	{"tiktok", []string{"tiktok", "tik tok"}},
	{"youtube", []string{"youtube"}},
	{"social", []string{"social media", "social", "reseaux sociaux", "redes sociales"}},
	{"email", []string{"email", "e mail", "newsletter", "mailing", "courriel", "infolettre", "mailchimp"}},
	{"search", []string{"google", "search", "bing", "recherche", "search engine"}},
	{"web", []string{"website", "web site", "site web", "site internet", "web", "online", "internet"}},
	{"word_of_mouth", []string{"friend", "friends", "family", "colleague", "coworker", "neighbor", "neighbour", "word of mouth", "bouche a oreille", "ami", "amie", "amis", "famille", "church", "school"}},
	{"event", []string{"event", "fair", "market", "festival", "evenement", "salon", "booth"}},
	{"print", []string{"flyer", "leaflet", "poster", "newspaper", "radio", "tv", "television", "press", "affiche", "journal", "article", "magazine"}},
}

// Channel turns an answer to "how did you hear about us?" into a channel from a fixed list
// (facebook, instagram, x, linkedin, tiktok, youtube, social, email, search, web,
// word_of_mouth, event, print, other): answers are free text that can name people, so
// only the category is kept. An empty answer gives "".
func Channel(answer string) string {
	n := csvio.Normalize(answer)
	if n == "" {
		return ""
	}
	padded := " " + n + " "
	best, at := "other", len(padded)
	for _, c := range channels {
		for _, w := range c.words {
			if i := strings.Index(padded, " "+w+" "); i >= 0 && i < at {
				best, at = c.channel, i
			}
		}
	}
	return best
}

// emailText and phoneText match an e-mail address and a phone-like run inside free text.
var (
	emailText = regexp.MustCompile(`[^\s@]+@[^\s@]+`)
	phoneText = regexp.MustCompile(`\+?\d[\d ().-]{7,}\d`)
)

// personal reports whether v holds an e-mail address or a run of at least nine digits
// written like a phone number ("2024-2025" in a campaign name is not one).
func personal(v string) bool {
	if emailText.MatchString(v) {
		return true
	}
	for _, m := range phoneText.FindAllString(v, -1) {
		n := 0
		for _, c := range m {
			if c >= '0' && c <= '9' {
				n++
			}
		}
		if n >= 9 {
			return true
		}
	}
	return false
}

// Scrub returns a text field that is stored in clear (a campaign name, a UTM parameter)
// unless it holds what looks like an e-mail address or a phone number: UTM parameters come
// from links anyone can edit, and a donor who typed an address there must not be stored in
// clear. Such a value becomes "(removed: personal data)".
func Scrub(v string) string {
	if personal(v) {
		return "(removed: personal data)"
	}
	return v
}
