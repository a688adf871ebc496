package leadgen

import "io"

// Pipedrive writes n Pipedrive leads to w, one JSON object per line, each
// the "data" object of GET /v1/leads/{id} (Pipedrive API v1, LeadResponse)
// with the custom fields of the sample account as extra top-level keys.
func Pipedrive(w io.Writer, n int, opt Options) error {
	g := newGen(w, opt.Seed, pipedriveStream)
	return g.run(n, g.pipedriveLead)
}

func (g *gen) pipedriveLead(int) {
	g.esc = g.chance(11)

	g.raw(`{"id":`)
	g.uuidV1()

	g.raw(`,"title":"`)
	g.pdTitle()
	g.raw(`","owner_id":`)
	owner := pdUserIDs[g.n(len(pdUserIDs))]
	g.int(owner)
	g.raw(`,"creator_id":`)
	if g.chance(70) {
		g.int(owner)
	} else {
		g.int(pdUserIDs[g.n(len(pdUserIDs))])
	}

	g.raw(`,"label_ids":[`)
	g.pdLabels()
	g.raw(`]`)

	// A lead is linked to a person, an organization or both (POST
	// /v1/leads). Most ids are in the sample exports, some are not.
	person, org := 0, 0
	switch g.pick([]int{45, 35, 20}) {
	case 0: // both, usually the person's own organization
		person, org = g.pdPerson()
		if org == 0 || g.chance(20) {
			org = g.pdOrg()
		}
	case 1: // person only
		person, _ = g.pdPerson()
	default: // organization only
		org = g.pdOrg()
	}
	g.raw(`,"person_id":`)
	g.intOrNull(person)
	g.raw(`,"organization_id":`)
	g.intOrNull(org)

	o := origins[g.pick(originWeights)]
	g.raw(`,"source_name":`)
	g.ascii(o.source)
	g.raw(`,"origin":`)
	g.ascii(o.origin)
	g.raw(`,"origin_id":`)
	if g.chance(55) {
		g.null()
	} else {
		g.buf = append(g.buf, '"')
		g.raw(originIDs[g.n(len(originIDs))])
		g.int(g.between(100, 99999))
		g.buf = append(g.buf, '"')
	}
	g.raw(`,"channel":`)
	if g.chance(35) {
		g.null()
	} else {
		g.int(pdChannelIDs[g.n(len(pdChannelIDs))])
	}
	g.raw(`,"channel_id":`)
	if g.chance(55) {
		g.null()
	} else {
		g.str(&channelIDs[g.n(len(channelIDs))])
	}
	g.raw(`,"is_archived":`)
	g.bool(g.chance(8))
	g.raw(`,"was_seen":`)
	g.bool(g.chance(60))

	g.raw(`,"value":`)
	if g.chance(24) {
		g.null()
	} else {
		c := currencies[g.pick(currencyWeights)]
		g.raw(`{"amount":`)
		if c.zero {
			g.money(10000, 9000000, true)
		} else {
			g.money(100, 250000, false)
		}
		g.raw(`,"currency":"`)
		g.raw(c.code)
		g.raw(`"}`)
	}

	// update_time equals add_time until the lead is edited, on a later day.
	addDay, addSec, addMs := g.between(day2020, day2027-120), g.n(86400), g.n(1000)
	updDay, updSec, updMs := addDay, addSec, addMs
	if g.chance(60) {
		updDay += g.between(1, 90)
		updSec, updMs = g.n(86400), g.n(1000)
	}

	g.raw(`,"expected_close_date":`)
	if g.chance(35) {
		g.null()
	} else {
		g.date(addDay + g.between(7, 120))
	}
	g.raw(`,"next_activity_id":`)
	if g.chance(40) {
		g.null()
	} else {
		g.int(g.between(90000, 999999))
	}
	g.raw(`,"add_time":`)
	g.timestamp(addDay, addSec, addMs)
	g.raw(`,"update_time":`)
	g.timestamp(updDay, updSec, updMs)
	g.raw(`,"visible_to":"`)
	g.raw([]string{"3", "1", "5", "7"}[g.pick([]int{70, 15, 8, 7})])
	g.raw(`","cc_email":"`)
	g.raw(pdCCPrefix)
	g.token(22)
	g.raw(pdCCDomain)
	g.buf = append(g.buf, '"')

	g.pdCustomFields(addDay)
	g.buf = append(g.buf, '}')
}

func (g *gen) intOrNull(v int) {
	if v == 0 {
		g.null()
	} else {
		g.int(v)
	}
}

// pdPerson returns a person id and its organization (0: none or unknown).
func (g *gen) pdPerson() (id, org int) {
	if g.chance(85) {
		p := pdPersons[g.n(len(pdPersons))]
		return p.id, p.org
	}
	return g.between(2111, pdPersonLimit), 0
}

// pdOrg returns an organization id, usually one of the export.
func (g *gen) pdOrg() int {
	if g.chance(85) {
		return pdOrgIDs[g.n(len(pdOrgIDs))]
	}
	return g.between(511, pdOrgLimit)
}

// pdTitle appends the body of a lead title.
func (g *gen) pdTitle() {
	if g.chance(3) {
		g.text(&tQuoted[g.n(len(tQuoted))])
	}
	c := &companies[g.n(len(companies))]
	switch g.pick([]int{35, 20, 10, 20, 15}) {
	case 0: // "Brandt & Söhne GmbH – Analytics Cloud rollout"
		g.text(&c.name)
		g.text(&tDash)
		g.text(&products[g.n(len(products))])
		g.text(&tSpace)
		g.text(&dealNouns[g.n(len(dealNouns))])
	case 1: // Pipedrive's default title: "<person> lead"
		g.text(&names[g.n(len(names))].full)
		g.text(&tLead)
	case 2:
		g.text(&c.name)
		g.text(&tDeal)
	case 3: // "Embedded BI for Café Lumière SARL (40 seats)"
		g.text(&products[g.n(len(products))])
		g.text(&tFor)
		g.text(&c.name)
		g.text(&tOpenParen)
		g.int(5 * g.between(1, 100))
		g.text(&tSeats)
	default: // "Müller & Co. KG: renewal 2026"
		g.text(&c.name)
		g.text(&tColon)
		g.text(&dealNouns[g.n(len(dealNouns))])
		g.text(&tSpace)
		g.int(g.between(2020, 2027))
	}
	if g.chance(6) {
		g.text(&emoji[g.n(len(emoji))])
	}
}

// pdLabels appends 0–3 distinct label ids.
func (g *gen) pdLabels() {
	k := g.pick([]int{45, 35, 15, 5})
	var used uint8
	for i := 0; i < k; i++ {
		j := g.n(len(pdLabelIDs))
		for used&(1<<j) != 0 {
			j = (j + 1) % len(pdLabelIDs)
		}
		used |= 1 << j
		if i > 0 {
			g.buf = append(g.buf, ',')
		}
		g.ascii(pdLabelIDs[j])
	}
}

// pdCustomFields appends 0–5 distinct custom fields in dealFields order.
func (g *gen) pdCustomFields(addDay int) {
	k := g.pick([]int{32, 27, 19, 11, 7, 4})
	var used uint32
	for range k {
		j := g.n(len(pdCustomFields))
		if pdCustomFields[j].typ == "address" && g.chance(50) {
			j = 0 // address values are long: keep them rarer
		}
		for used&(1<<j) != 0 {
			j = (j + 1) % len(pdCustomFields)
		}
		used |= 1 << j
	}
	for j := range pdCustomFields {
		if used&(1<<j) != 0 {
			g.pdCustomField(&pdCustomFields[j], addDay)
		}
	}
}

func (g *gen) pdCustomField(f *pdField, addDay int) {
	g.raw(`,"`)
	g.raw(f.key)
	g.raw(`":`)
	switch f.typ {
	case "varchar":
		g.str(&campaignCodes[g.n(len(campaignCodes))])
	case "varchar_auto":
		g.str(&competitors[g.n(len(competitors))])
	case "text":
		g.str(&notes[g.n(len(notes))])
	case "double":
		g.money(0, 100, false)
	case "monetary":
		c := currencies[g.pick(currencyWeights)]
		if c.zero {
			g.money(10000, 9000000, true)
		} else {
			g.money(100, 250000, false)
		}
		g.companion(f.key, "_currency")
		g.ascii(c.code)
	case "date":
		g.date(addDay + g.between(1, 60))
	case "daterange":
		start := addDay + g.between(1, 60)
		g.date(start)
		g.companion(f.key, "_until")
		g.date(start + g.between(1, 120))
	case "time":
		g.buf = append(g.buf, '"')
		g.clock(g.between(7*4, 19*4) * 900)
		g.buf = append(g.buf, '"')
	case "timerange":
		start := g.between(7*4, 12*4) * 900
		g.buf = append(g.buf, '"')
		g.clock(start)
		g.buf = append(g.buf, '"')
		g.companion(f.key, "_until")
		g.buf = append(g.buf, '"')
		g.clock(start + g.between(1, 9*4)*900)
		g.buf = append(g.buf, '"')
	case "enum":
		g.buf = append(g.buf, '"')
		g.int(f.options[g.n(len(f.options))])
		g.buf = append(g.buf, '"')
	case "set":
		g.buf = append(g.buf, '"')
		first := g.n(len(f.options))
		k := 1 + g.n(3)
		for i := range k {
			if i > 0 {
				g.buf = append(g.buf, ',')
			}
			g.int(f.options[(first+i)%len(f.options)])
		}
		g.buf = append(g.buf, '"')
	case "user":
		g.int(pdUserIDs[g.n(len(pdUserIDs))])
	case "org":
		g.int(g.pdOrg())
	case "people":
		g.int(pdPersons[g.n(len(pdPersons))].id)
	case "phone":
		g.buf = append(g.buf, '"')
		g.pattern(phoneFormats[g.n(len(phoneFormats))])
		g.buf = append(g.buf, '"')
	case "address":
		a := &addresses[g.n(len(addresses))]
		g.buf = append(g.buf, '"')
		g.addressLine(a)
		g.buf = append(g.buf, '"')
		g.companion(f.key, "_locality")
		g.str(&a.city)
		g.companion(f.key, "_country")
		g.str(&a.countryName)
		g.companion(f.key, "_postal_code")
		g.ascii(a.postal)
		g.companion(f.key, "_formatted_address")
		g.buf = append(g.buf, '"')
		g.addressLine(a)
		g.text(&tComma)
		g.text(&a.countryName)
		g.buf = append(g.buf, '"')
	}
}

// companion starts the companion key of a custom field: ,"<key><suffix>":
func (g *gen) companion(key, suffix string) {
	g.raw(`,"`)
	g.raw(key)
	g.raw(suffix)
	g.raw(`":`)
}

// addressLine appends "street, postal city".
func (g *gen) addressLine(a *address) {
	g.text(&a.street)
	g.text(&tComma)
	g.raw(a.postal)
	g.text(&tSpace)
	g.text(&a.city)
}
