package leadgen

import (
	"io"
	"strconv"
	"time"
)

// Copper writes n Copper leads to w, one JSON object per line, each shaped
// as GET /leads/{id} returns it (Copper Developer API v1, Leads), including
// the fields responses carry beyond the documented table (status_id,
// interaction_count, monetary_unit, date_last_contacted and the converted_*
// fields, which are null on leads that were not converted).
func Copper(w io.Writer, n int, opt Options) error {
	g := newGen(w, opt.Seed, copperStream)
	return g.run(n, g.copperLead)
}

var (
	cpPrefixes  = []string{"Dr.", "Mr.", "Ms.", "Mrs.", "Prof."}
	cpMiddles   = []string{"J.", "M.", "A.", "Q.", "R."}
	cpSuffixes  = []string{"Jr.", "Sr.", "III", "PhD"}
	cpEmailCats = []string{"work", "personal", "other"}
	cpPhoneCats = []string{"mobile", "work", "home", "other"}
	cpWebCats   = []string{"work", "personal", "other"}
	cpSocials   = []struct{ category, prefix string }{
		{"linkedin", "https://www.linkedin.com/in/"},
		{"twitter", "https://twitter.com/"},
		{"googleplus", "https://plus.google.com/+"},
		{"facebook", "https://www.facebook.com/"},
		{"youtube", "https://www.youtube.com/@"},
		{"quora", "https://www.quora.com/profile/"},
		{"foursquare", "https://foursquare.com/"},
		{"klout", "http://klout.com/"},
		{"gravatar", "https://gravatar.com/"},
		{"other", "https://mastodon.social/@"},
	}
	cpSocialWeights = []int{40, 20, 2, 12, 6, 3, 2, 2, 3, 10}
)

func (g *gen) copperLead(i int) {
	g.esc = g.chance(11)

	g.raw(`{"id":`)
	g.buf = strconv.AppendInt(g.buf, 13100000+int64(i)*8+int64(g.n(8)), 10) // increasing, unique

	nm := &names[g.n(len(names))]
	prefix, middle, suffix := "", "", ""
	if !nm.unsplit {
		if g.chance(8) {
			prefix = cpPrefixes[g.n(len(cpPrefixes))]
		}
		if g.chance(10) {
			middle = cpMiddles[g.n(len(cpMiddles))]
		}
		if g.chance(4) {
			suffix = cpSuffixes[g.n(len(cpSuffixes))]
		}
	}
	g.raw(`,"name":"`)
	if prefix != "" {
		g.raw(prefix)
		g.buf = append(g.buf, ' ')
	}
	if middle == "" {
		g.text(&nm.full)
	} else {
		g.text(&nm.first)
		g.buf = append(g.buf, ' ')
		g.raw(middle)
		g.buf = append(g.buf, ' ')
		g.text(&nm.last)
	}
	if suffix != "" {
		g.raw(", ")
		g.raw(suffix)
	}
	g.raw(`","prefix":`)
	g.asciiOrNull(prefix)
	g.raw(`,"first_name":`)
	g.str(&nm.first)
	g.raw(`,"last_name":`)
	if nm.unsplit {
		g.null()
	} else {
		g.str(&nm.last)
	}
	g.raw(`,"middle_name":`)
	g.asciiOrNull(middle)
	g.raw(`,"suffix":`)
	g.asciiOrNull(suffix)

	g.raw(`,"address":`)
	if g.chance(40) {
		g.null()
	} else {
		a := &addresses[g.n(len(addresses))]
		g.raw(`{"street":`)
		g.str(&a.street)
		g.raw(`,"city":`)
		g.str(&a.city)
		g.raw(`,"state":`)
		switch {
		case a.hasState:
			g.str(&a.state)
		case g.chance(50):
			g.raw(`""`)
		default:
			g.null()
		}
		g.raw(`,"postal_code":`)
		g.ascii(a.postal)
		g.raw(`,"country":`)
		switch g.pick([]int{85, 10, 5}) {
		case 0:
			g.ascii(a.country)
		case 1:
			g.null()
		default:
			g.raw(`""`)
		}
		g.buf = append(g.buf, '}')
	}

	g.raw(`,"assignee_id":`)
	if g.chance(20) {
		g.null()
	} else {
		g.int(cpUserIDs[g.n(len(cpUserIDs))])
	}

	var comp *company
	g.raw(`,"company_name":`)
	if g.chance(25) {
		g.null()
	} else {
		comp = &companies[g.n(len(companies))]
		g.str(&comp.name)
	}
	g.raw(`,"customer_source_id":`)
	if g.chance(30) {
		g.null()
	} else {
		g.int(cpSourceIDs[g.n(len(cpSourceIDs))])
	}
	g.raw(`,"details":`)
	if g.chance(45) {
		g.null()
	} else {
		g.str(&notes[g.n(len(notes))])
	}

	g.raw(`,"email":`)
	if g.chance(15) {
		g.null()
	} else {
		g.raw(`{"email":"`)
		g.raw(nm.handle)
		g.buf = append(g.buf, '@')
		if comp != nil && g.chance(70) {
			g.raw(comp.domain)
		} else {
			g.raw(freeMail[g.n(len(freeMail))])
		}
		g.raw(`","category":"`)
		g.raw(cpEmailCats[g.pick([]int{70, 20, 10})])
		g.raw(`"}`)
	}

	g.raw(`,"interaction_count":`)
	if g.chance(35) {
		g.int(0)
	} else {
		g.int(g.between(1, 40))
	}

	// monetary_unit comes before monetary_value in responses.
	g.raw(`,"monetary_unit":`)
	hasValue := !g.chance(30)
	c := currencies[g.pick(currencyWeights)]
	if hasValue && g.chance(90) {
		g.ascii(c.code)
	} else {
		g.null()
	}
	g.raw(`,"monetary_value":`)
	if hasValue {
		if c.zero {
			g.money(10000, 9000000, true)
		} else {
			g.money(100, 250000, false)
		}
	} else {
		g.null()
	}
	g.raw(`,"converted_unit":null,"converted_value":null`)

	g.raw(`,"socials":[`)
	for j := range g.pick([]int{55, 30, 15}) {
		if j > 0 {
			g.buf = append(g.buf, ',')
		}
		s := cpSocials[g.pick(cpSocialWeights)]
		g.raw(`{"url":"`)
		g.raw(s.prefix)
		g.raw(nm.handle)
		g.raw(`","category":"`)
		g.raw(s.category)
		g.raw(`"}`)
	}
	st := cpStatuses[g.pick([]int{40, 15, 25, 20})]
	g.raw(`],"status":"`)
	g.raw(st.name)
	g.raw(`","status_id":`)
	g.int(st.id)

	g.raw(`,"tags":[`)
	k := g.pick([]int{45, 30, 17, 8})
	first := g.n(len(tags))
	for j := range k {
		if j > 0 {
			g.buf = append(g.buf, ',')
		}
		g.str(&tags[(first+j*5)%len(tags)])
	}
	g.raw(`],"title":`)
	if g.chance(35) {
		g.null()
	} else {
		g.str(&jobTitles[g.n(len(jobTitles))])
	}

	g.raw(`,"websites":[`)
	for j := range g.pick([]int{50, 35, 15}) {
		if j > 0 {
			g.buf = append(g.buf, ',')
		}
		cat := cpWebCats[g.pick([]int{70, 20, 10})]
		g.raw(`{"url":"`)
		switch {
		case cat == "work" && comp != nil:
			g.raw("https://www.")
			g.raw(comp.domain)
		case cat == "personal":
			g.raw("https://")
			g.raw(nm.handle)
			g.raw(".blog")
		default:
			g.raw("https://github.com/")
			g.raw(nm.handle)
		}
		g.raw(`","category":"`)
		g.raw(cat)
		g.raw(`"}`)
	}

	g.raw(`],"phone_numbers":[`)
	for j := range g.pick([]int{25, 45, 22, 8}) {
		if j > 0 {
			g.buf = append(g.buf, ',')
		}
		g.raw(`{"number":"`)
		g.pattern(phoneFormats[g.n(len(phoneFormats))])
		g.raw(`","category":"`)
		g.raw(cpPhoneCats[g.pick([]int{40, 40, 10, 10})])
		g.raw(`"}`)
	}

	createdDay := g.between(day2020, day2027-90)
	created := createdDay*86400 + g.n(86400)
	modified := created
	if g.chance(50) {
		modified += g.n(90 * 86400)
	}

	g.raw(`],"custom_fields":[`)
	for j := range cpDefs {
		if j > 0 {
			g.buf = append(g.buf, ',')
		}
		g.cpCustomField(&cpDefs[j], nm, createdDay)
	}
	g.raw(`],"date_created":`)
	g.int(created)
	g.raw(`,"date_modified":`)
	g.int(modified)
	g.raw(`,"date_last_contacted":`)
	if g.chance(50) {
		g.null()
	} else {
		g.int(created + g.n(modified-created+1))
	}
	g.raw(`,"converted_opportunity_id":null,"converted_at":null}`)
}

func (g *gen) asciiOrNull(s string) {
	if s == "" {
		g.null()
	} else {
		g.ascii(s)
	}
}

// cpCustomField appends one {custom_field_definition_id, value} entry; about
// a third of the fields are set. Connect fields stay null: the shape of a
// set Connect value is not documented.
func (g *gen) cpCustomField(d *cpDef, nm *name, createdDay int) {
	g.raw(`{"custom_field_definition_id":`)
	g.int(d.id)
	g.raw(`,"value":`)
	set := d.typ != "Connect" && g.chance(35)
	switch {
	case !set && d.typ == "Checkbox":
		g.raw("false")
	case !set && d.typ == "MultiSelect":
		g.raw("[]")
	case !set:
		g.null()
	case d.typ == "String":
		g.str(&campaignCodes[g.n(len(campaignCodes))])
	case d.typ == "Text":
		g.str(&notes[g.n(len(notes))])
	case d.typ == "Dropdown":
		g.int(d.options[g.n(len(d.options))])
	case d.typ == "MultiSelect":
		g.buf = append(g.buf, '[')
		first := g.n(len(d.options))
		for j := range 1 + g.n(3) {
			if j > 0 {
				g.buf = append(g.buf, ',')
			}
			g.int(d.options[(first+j)%len(d.options)])
		}
		g.buf = append(g.buf, ']')
	case d.typ == "Date":
		// Copper stores a date as midnight in the account's time zone:
		// the sample account's is America/Los_Angeles.
		g.int(losAngelesMidnight(createdDay + g.between(1, 90)))
	case d.typ == "Checkbox":
		g.bool(g.chance(70))
	case d.typ == "Float":
		// Copper writes floats with a fraction: 42.0, 87.5.
		g.decimal(int64(g.n(1000)), 1)
	case d.typ == "Percentage":
		g.int(g.n(101))
	case d.typ == "Currency":
		if g.chance(50) {
			g.decimal(int64(g.between(5, 5000))*100, 1) // 1000.0
		} else {
			g.decimal(int64(g.between(500, 500000)), 2)
		}
	case d.typ == "URL":
		g.raw(`"https://www.linkedin.com/posts/`)
		g.raw(nm.handle)
		g.raw(`_activity-`)
		g.digits(19)
		g.buf = append(g.buf, '"')
	default:
		g.null()
	}
	g.buf = append(g.buf, '}')
}

// losAngelesMidnight returns the Unix seconds of midnight in
// America/Los_Angeles on the day that starts day*86400 seconds after the
// epoch in UTC, by the United States' daylight-saving rule since 2007
// (from 02:00 on March's second Sunday to 02:00 on November's first
// Sunday): 07:00Z in daylight-saving time, 08:00Z otherwise. It needs no
// time zone database.
func losAngelesMidnight(day int) int {
	t := time.Unix(int64(day)*86400, 0).UTC()
	y := t.Year()
	// nthSunday returns the day of the month of the nth Sunday of m.
	nthSunday := func(m time.Month, n int) int {
		first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
		return 1 + (7-int(first))%7 + 7*(n-1)
	}
	start := time.Date(y, time.March, nthSunday(time.March, 2), 0, 0, 0, 0, time.UTC)
	end := time.Date(y, time.November, nthSunday(time.November, 1), 0, 0, 0, 0, time.UTC)
	if t.After(start) && !t.After(end) {
		return day*86400 + 7*3600
	}
	return day*86400 + 8*3600
}
