// Package demo writes the exports that a fictional nonprofit, Riverside Food
// Bank (org id "riverside"), would have downloaded from its platforms over
// the last 13 months, so that Goalpost can be tried, demonstrated and tested
// end to end without anyone's private data.
//
// Every file imitates a real export stored in the shared corpus
// (shared/corpus/exports, described in shared/corpus/export-formats.md) byte
// for byte: file names, encodings, BOMs, "sep=," lines, preambles, header
// wording and order, date and number formats, quoting. Each platform's
// knowledge lives in its own file (facebook.go, instagram.go, meta.go,
// xcom.go, ga4.go, youtube.go, mailchimp.go) and names the real file it
// copies. The fundraising and volunteering side (stripe.go, eventbrite.go,
// forms.go, audience.go) follows the documented layouts of exports that are
// never stored because they hold real people's data; its people are
// fictional ("Person 0042", person0042@example.org; see people.go).
//
// The numbers are invented but coherent: seasonal (a December giving peak, a
// summer dip), growing, with engagements below reach and the daily series
// consistent with the posts; donations, sign-ups and event registrations
// peak with the giving season (Giving Tuesday, year-end appeals) and part of
// the gifts carry UTM tags of social posts and newsletters. Follower counts grow past 1,000 on Facebook and
// Instagram during the period: the exports carry daily new follows, not
// totals, so a report adds them to the starting audience given by
// FacebookFollowersAtStart and InstagramFollowersAtStart.
package demo

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// OrgID is the organisation id the demo data belongs to.
const OrgID = "riverside"

// FacebookFollowersAtStart and InstagramFollowersAtStart are the audiences
// on the day before the first exported day. With the daily follows in the
// exports they cross 1,000 during the period.
const (
	FacebookFollowersAtStart  = 846
	InstagramFollowersAtStart = 702
)

// seed fixes every random stream, so the same now gives the same bytes.
const seed = 0x5249564552 // "RIVER"

// file is one export as it would sit on the staff's disk, relative to the
// demo directory.
type file struct {
	name string
	data []byte
}

// WriteExports writes Riverside Food Bank's exports into dir (created if
// needed) and returns the paths written, sorted. The files cover the 13 full
// months before now and the current month up to yesterday, as downloaded on
// now's date; the same now always gives byte-identical files.
func WriteExports(dir string, now time.Time) ([]string, error) {
	p := newPeriod(now)

	fb := newFacebook(p)
	ig := newInstagram(p)
	x := newXcom(p)
	mc := newMailchimp(p)
	yt := newYouTube(p)
	ga := newGA4(p, socialClicks(p, fb, ig, x), mc.clicksByDay(p))
	st := newStripe(p)
	eb := newEventbrite(p)
	fo := newForms(p)
	au := newAudience(p, mc)

	var files []file
	for _, gen := range []func() ([]file, error){fb.files, ig.files, x.files, ga.files, yt.files, mc.files,
		st.files, eb.files, fo.files, au.files} {
		fs, err := gen()
		if err != nil {
			return nil, err
		}
		files = append(files, fs...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })

	paths := make([]string, 0, len(files))
	for i, f := range files {
		if i > 0 && files[i-1].name == f.name {
			return nil, fmt.Errorf("write %s: generated twice", f.name)
		}
		path := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("write %s: %w", f.name, err)
		}
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			return nil, fmt.Errorf("write %s: %w", f.name, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// socialClicks is the daily number of clicks from social posts to the
// website, which GA4 then sees as "Organic Social" sessions.
func socialClicks(p period, fb *facebook, ig *instagram, x *xcom) []float64 {
	out := make([]float64, len(p.all.days()))
	for i := range out {
		out[i] = float64(fb.series.linkClicks[i]) + 0.12*float64(ig.series.visits[i]) + float64(x.urlClicks[i])
	}
	return out
}
