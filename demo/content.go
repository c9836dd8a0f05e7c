package demo

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// What Riverside Food Bank talks about. Captions carry what real ones carry
// and parsers must survive: line breaks, emoji, curly and straight quotes,
// commas, "&", hashtags, @mentions and the odd caption that starts with "+"
// or "@" (formula-injection bait for the workbook).

const (
	orgName   = "Riverside Food Bank"
	orgDomain = "riversidefoodbank.org"
)

// theme is one recurring subject. text is the long caption (Facebook,
// Instagram), short the version for X; {url} is where the link goes.
type theme struct {
	months []time.Month         // empty: any month
	when   func(time.Time) bool // nil: any day of those months
	weight float64
	text   string
	short  string
	path   string
}

func (t theme) fits(d time.Time) bool {
	if t.when != nil && !t.when(d) {
		return false
	}
	return len(t.months) == 0 || slices.Contains(t.months, d.Month())
}

func themes() []theme {
	return []theme{
		{weight: 3, path: "volunteer",
			text:  "Thank you to the {vol} volunteers who sorted {lbs} lbs of fresh produce this {weekday}! 🍎🥕\n\nEvery shift makes a difference. Want to join us? Sign up at {url}\n\n#RiversideFoodBank #Volunteer #EndHunger",
			short: "Thank you to the {vol} volunteers who sorted {lbs} lbs of produce this {weekday}! 🍎 Join a shift: {url} #Volunteer #EndHunger"},
		{weight: 2.5, path: "find-food",
			text:  "This week's mobile pantry stops 🚚\n\n• Tuesday 10am – Eastside Community Center\n• Thursday 3pm – {site}\n\nNo ID or paperwork needed. Everyone is welcome.\nFull schedule: {url}\n\n#FoodAccess #Riverside",
			short: "Mobile pantry this week: Tue 10am Eastside Community Center & Thu 3pm {site}. No ID needed, everyone welcome. {url}"},
		{weight: 2, path: "impact",
			text:  "In {prevmonth} we shared {lbs} pounds of food with neighbors across Riverside County, including fresh produce, dairy and protein. That's {meals} meals! 💚\n\nThank you for making it possible.\n\n#CommunityImpact",
			short: "In {prevmonth} we shared {lbs} lbs of food with our neighbors: {meals} meals. Thank you, Riverside! 💚 {url}"},
		{weight: 1.5, path: "stories",
			text:  "“I never thought I'd need a food bank,” says Maria, a mother of three who visits our {site} pantry. “Now I tell everyone: there's no shame in asking for help.”\n\nRead her story: {url}\n\n#NeighborsHelpingNeighbors",
			short: "\"There's no shame in asking for help.\" Meet Maria, a mom of three who shops at our {site} pantry: {url}"},
		{weight: 2, path: "food-drive",
			text:  "Big thanks to our friends at {partner} for a food drive that collected {lbs} lbs of food! 🙌\n\nWant to run a drive at your workplace, school or place of worship? Get the toolkit: {url}\n\n#FoodDrive #Community",
			short: "Big thanks to {partner} for collecting {lbs} lbs of food! 🙌 Run your own drive: {url} #FoodDrive"},
		{weight: 1, path: "calfresh",
			text:  "Need help applying for CalFresh? Our benefits team can help you apply in about 20 minutes, by phone or in person. Call (951) 555-0142, Monday–Friday 9am–4pm.\n\nMore info: {url}",
			short: "Need help applying for CalFresh? Our team can help in ~20 min, by phone or in person: (951) 555-0142 {url}"},
		{weight: 0.6, path: "jobs",
			text:  "We're hiring! Join our team as a Warehouse Coordinator (full-time, $24–$27/hour, with benefits). Apply by {monthname} 30: {url}",
			short: "We're hiring a Warehouse Coordinator, full-time w/ benefits. Apply by {monthname} 30: {url}"},
		{weight: 0.8, path: "locations",
			text:  "Heads up: our {site} pantry will be closed on Monday for staff training. Regular hours resume Tuesday at 9am. Sorry for the inconvenience!",
			short: "Heads up: our {site} pantry is closed Monday for staff training. Back Tuesday at 9am. {url}"},
		{weight: 1, path: "volunteer",
			text:  "+{vol} new volunteers joined us in {monthname}. Welcome to the team! 🧡\n\nOrientation runs every first Saturday: {url}",
			short: "+{vol} new volunteers joined us in {monthname}. Welcome to the team! 🧡 {url}"},
		{months: []time.Month{time.June, time.July, time.August}, weight: 5, path: "summer",
			text:  "School's out, but hunger doesn't take a summer break. ☀️\n\nOur Summer Meals program serves free lunches for kids 18 and under, Monday–Friday at {n} sites across Riverside. No sign-up needed.\n\nFind a site: {url}\n\n#SummerMeals #NoKidHungry",
			short: "School's out, but hunger doesn't take a summer break ☀️ Free lunches for kids 18 & under at {n} sites. {url} #SummerMeals"},
		{months: []time.Month{time.August, time.September}, weight: 4, path: "backpack",
			text:  "The Backpack Program is back! 🎒 Every Friday during the school year, students at {n} schools take home a backpack of kid-friendly food for the weekend.\n\n$150 feeds one child every weekend for a whole year: {url}\n\n#BackToSchool #EndChildHunger",
			short: "Backpack Program is back 🎒 $150 feeds a child every weekend for a school year: {url} #EndChildHunger"},
		{months: []time.Month{time.September}, weight: 5, path: "hunger-action",
			text:  "September is Hunger Action Month 🧡 1 in 8 people in Riverside County faces hunger. Wear orange, share this post, and take action with us: {url}\n\n#HungerActionMonth",
			short: "September is #HungerActionMonth 🧡 1 in 8 people in Riverside County faces hunger. Take action: {url}"},
		{months: []time.Month{time.October}, weight: 4, path: "gleaning",
			text:  "Harvest season at the farm! 🍂 Our gleaning volunteers rescued {lbs} lbs of apples and squash that would have gone to waste.\n\nJoin a gleaning crew: {url}\n\n#FoodRescue #Gleaning",
			short: "Harvest season! 🍂 Gleaning volunteers rescued {lbs} lbs of apples & squash. Join a crew: {url} #FoodRescue"},
		{months: []time.Month{time.November}, when: beforeThanksgiving, weight: 6, path: "turkey",
			text:  "Our Thanksgiving Turkey Drive is ON! 🦃\n\nDrop off frozen turkeys at our warehouse (1450 Mission Blvd), Monday–Saturday, 9am–5pm, or give $25 to provide a holiday meal for a family of four.\n\n{url}\n\n#ThanksgivingDrive #GiveBack",
			short: "Our Thanksgiving Turkey Drive is ON 🦃 Drop off frozen turkeys Mon–Sat 9–5, or give $25 for a family's holiday meal: {url}"},
		{when: nearGivingTuesday, weight: 40, path: "givingtuesday",
			text:  "It's #GivingTuesday! 💚 Every $1 you give helps provide 3 meals to neighbors in need, and today a local donor will MATCH every gift up to $10,000.\n\nDouble your impact: {url}",
			short: "It's #GivingTuesday! Every $1 = 3 meals, and today gifts are MATCHED up to $10,000. Double your impact: {url}"},
		{months: []time.Month{time.December}, when: func(d time.Time) bool { return d.Day() <= 22 }, weight: 6, path: "holiday",
			text:  "{vol} volunteers packed {boxes} holiday meal boxes this weekend 🎁 Thank you for spreading the joy!\n\nThere's still time to help: shifts are open through December 23. {url}\n\n#HolidaySeason #Volunteer",
			short: "{vol} volunteers packed {boxes} holiday meal boxes this weekend 🎁 Shifts open through Dec 23: {url}"},
		{months: []time.Month{time.December}, when: func(d time.Time) bool { return d.Day() >= 20 }, weight: 8, path: "give",
			text:  "Only a few days left to make your {year} tax-deductible gift! Gifts made before midnight on December 31 keep our shelves stocked through the winter months. ❄️\n\n{url}",
			short: "Only a few days left for your {year} tax-deductible gift ❄️ Keep our shelves stocked this winter: {url}"},
		{months: []time.Month{time.January}, when: func(d time.Time) bool { return d.Day() <= 10 }, weight: 5, path: "impact",
			text:  "Happy New Year from all of us at Riverside Food Bank! 🎉 Together we provided {meals} meals last year. Here's to an even bigger {year}!",
			short: "Happy New Year! 🎉 Together we provided {meals} meals last year. Here's to {year}! {url}"},
		{months: []time.Month{time.January, time.February}, weight: 4, path: "food-drive",
			text:  "Cold weather drive: we need canned soups, chili and hearty stews. Drop off at any Riverside library branch through {monthname} 28.\n\n#WinterDrive #FoodDrive",
			short: "Cold weather drive: canned soups, chili & stews wanted! Drop off at any Riverside library through {monthname} 28. {url}"},
		{months: []time.Month{time.March, time.April}, weight: 4, path: "food-drive",
			text:  "The Spring Into Action food drive starts Monday! 🌷 Most-needed items: peanut butter, canned tuna, whole-grain cereal and rice.\n\nDetails: {url}",
			short: "Spring Into Action food drive starts Monday 🌷 Most needed: peanut butter, tuna, cereal & rice. {url}"},
		{months: []time.Month{time.April}, weight: 4, path: "volunteer",
			text:  "It's National Volunteer Week! 🙌 Last year volunteers gave {n},000 hours at Riverside Food Bank. THANK YOU, every single one of you.",
			short: "It's National Volunteer Week 🙌 Last year volunteers gave {n},000 hours. THANK YOU! {url} #NVW"},
		{months: []time.Month{time.April, time.May}, weight: 2, path: "food-rescue",
			text:  "Did you know? 40% of food in the US is never eaten. Our grocery rescue program picked up {lbs} lbs from local stores last month, food that went to families instead of landfill. 🌍\n\n{url}",
			short: "40% of US food is never eaten. Our grocery rescue program saved {lbs} lbs last month 🌍 {url}"},
	}
}

// videoThemes are the reel and video captions: short and visual.
func videoThemes() []string {
	return []string{
		"Ever wondered what happens to a donated can? 🥫 Follow it from the bin to a family's table.\n\n#BehindTheScenes #RiversideFoodBank",
		"60 seconds in our warehouse on a Saturday morning ⏱️📦",
		"Meet Jorge, who has volunteered every Tuesday since 2019 💚 “It's the best part of my week.”",
		"POV: you just packed your 100th box of the day 💪 #Volunteer",
		"How we turn {lbs} lbs of rescued produce into {meals} meals, in under a minute 🥕",
		"A day on the mobile pantry route with driver Dee 🚚 {n} stops, hundreds of neighbors, one big smile.",
	}
}

// sites and partners are fictional.
func sites() []string {
	return []string{"Lincoln Elementary", "Westside Library", "Casa Blanca Park", "Arlington Church of Hope", "La Sierra Senior Center"}
}

func partners() []string {
	return []string{"Hillside Grocers", "St. Mark's Church", "the Riverside Rotary Club", "Lincoln Elementary PTA", "Mission Credit Union"}
}

// nearGivingTuesday is the day before, of and after Giving Tuesday.
func nearGivingTuesday(d time.Time) bool {
	gt := givingTuesday(d.Year())
	return !d.Before(gt.AddDate(0, 0, -1)) && !d.After(gt.AddDate(0, 0, 1))
}

// beforeThanksgiving is November up to Thanksgiving Day.
func beforeThanksgiving(d time.Time) bool {
	return d.Month() == time.November && !d.After(givingTuesday(d.Year()).AddDate(0, 0, -5))
}

// pickTheme draws a theme that fits the month of d, seasonal ones weighted up.
func pickTheme(r *rand.Rand, d time.Time) theme {
	var fit []theme
	total := 0.0
	for _, t := range themes() {
		if t.fits(d) {
			fit = append(fit, t)
			total += t.weight
		}
	}
	x := r.Float64() * total
	for _, t := range fit {
		if x < t.weight {
			return t
		}
		x -= t.weight
	}
	return fit[len(fit)-1]
}

// fill replaces the placeholders of a caption with plausible values for d;
// url is how this platform shows the theme's link.
func fill(r *rand.Rand, d time.Time, s, url string) string {
	lbs := 1500 + r.IntN(12000)
	return strings.NewReplacer(
		"{vol}", itoa(12+r.IntN(45)),
		"{lbs}", thousands(lbs),
		"{meals}", thousands(lbs*5/6),
		"{n}", itoa(6+r.IntN(30)),
		"{boxes}", thousands(300+r.IntN(1200)),
		"{site}", sites()[r.IntN(len(sites()))],
		"{partner}", partners()[r.IntN(len(partners()))],
		"{weekday}", d.Weekday().String(),
		"{monthname}", d.Month().String(),
		"{prevmonth}", day(d.Year(), d.Month(), 1).AddDate(0, -1, 0).Month().String(),
		"{year}", itoa(d.Year()),
		"{url}", url,
	).Replace(s)
}

// thousands writes 12345 as "12,345", the way captions are typed.
func thousands(n int) string {
	s := itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
