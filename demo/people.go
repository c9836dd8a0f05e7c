package demo

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// The people in the donor, attendee, volunteer and subscriber exports are fictional:
// "Person 0042" with the address person0042@example.org (example.org is reserved for
// documentation, RFC 2606), phone numbers in the 555-01xx range reserved for fiction,
// streets called "Example Street" and IP addresses from the documentation ranges. The same
// person can give, volunteer and subscribe, as real supporters do, so the warehouse's
// salted hashes link them.

// poolSize is how many supporters the food bank has over the years.
const poolSize = 4000

type person struct{ n int }

func (p person) first() string { return "Person" }
func (p person) last() string  { return fmt.Sprintf("%04d", p.n) }
func (p person) name() string  { return fmt.Sprintf("Person %04d", p.n) }
func (p person) email() string { return fmt.Sprintf("person%04d@example.org", p.n) }
func (p person) phone() string { return fmt.Sprintf("(951) 555-01%02d", p.n%100) }
func (p person) street() string {
	return fmt.Sprintf("%d Example Street", 1+p.n%997)
}

// someone draws a supporter; low numbers are drawn more often, so a core of loyal
// supporters appears in several exports.
func someone(r *rand.Rand) person {
	if r.Float64() < 0.35 {
		return person{1 + r.IntN(400)}
	}
	return person{1 + r.IntN(poolSize)}
}

// heardAbout is how supporters say they heard of the food bank, weighted: social media
// first, as the board's "social drives sign-ups" story needs.
func heardAbout(r *rand.Rand) string {
	answers := []struct {
		text string
		w    float64
	}{
		{"Facebook", 0.27}, {"Instagram", 0.18}, {"A friend or family member", 0.17}, {"Newsletter", 0.1},
		{"Google search", 0.09}, {"Our website", 0.06}, {"X (Twitter)", 0.03}, {"Flyer at the library", 0.04},
		{"Church or school", 0.04}, {"", 0.02},
	}
	x := r.Float64()
	for _, a := range answers {
		if x -= a.w; x < 0 {
			return a.text
		}
	}
	return ""
}

// localTime is a wall-clock time on day d between the hours from and to.
func localTime(r *rand.Rand, d time.Time, from, to int) time.Time {
	return d.Add(time.Duration(from*3600+r.IntN((to-from)*3600)) * time.Second)
}
