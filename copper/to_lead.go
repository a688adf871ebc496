package copper

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// ToLead translates a lead as Copper returns it (GET /leads/{id}).
//
// Each key of in ends up in the Lead or in its Vendor["copper"] data: keys
// absent from in are listed in Absent, null where the Lead would write an
// empty list in Null, unknown and undocumented keys (converted_value, ...)
// in Fields, and values whose spelling the Lead cannot hold (1e3, a null
// category, an unknown key inside an address) in AsWritten, so LeadObject
// gives back the same JSON value. The Report lists what was defaulted or
// kept only as vendor data. A non-nil error is a lead.ErrorList whose paths
// use Copper's names ("custom_fields[3].value").
func (t Translator) ToLead(in Lead) (lead.Lead, lead.Report, error) {
	var rep lead.Report
	var errs lead.ErrorList
	var cfIndex []int
	l := t.toLead(in, &rep, &errs, &cfIndex)
	if len(errs) == 0 {
		t.keepVendor(in, &l)
	}
	// Rule: one error never hides another. The rules of lead.Validate are
	// checked on what could be translated, even when some keys could not.
	if err := l.Validate(); err != nil {
		for _, fe := range err.(lead.ErrorList) {
			if fe.Path == "" && errors.Is(fe.Err, lead.ErrRequired) {
				// Nothing to call the lead by, in Copper's keys.
				errs.Add("name", "required: a lead needs a name, a company_name, an email or phone_numbers", fe.Err)
				continue
			}
			errs.Add(copperPath(fe.Path, cfIndex), fe.Rule, fe.Err)
		}
	}
	if len(errs) > 0 {
		return lead.Lead{}, nil, errs.Err()
	}
	rep.Sort()
	return l, rep, nil
}

// toLead is the translation without vendor data. When cfIndex is not nil
// it receives, for each custom field of the Lead, the index of the
// custom_fields entry it came from: entries with errors are left out.
func (t Translator) toLead(in Lead, rep *lead.Report, errs *lead.ErrorList, cfIndex *[]int) lead.Lead {
	var l lead.Lead
	if in.ID.State == Present {
		l.IDs = []lead.Ref{{System: System, ID: itoa(in.ID.Value)}}
	}
	// Name parts are kept as Copper gives them, never split or joined here.
	l.Name = lead.Name{Full: in.Name.Value, Prefix: in.Prefix.Value, First: in.FirstName.Value,
		Middle: in.MiddleName.Value, Last: in.LastName.Value, Suffix: in.Suffix.Value}
	// Copper title is the person's job title; a Copper lead has no subject.
	l.JobTitle = in.Title.Value
	if in.Email.State == Present && in.Email.Value.Email.Value != "" {
		e := in.Email.Value
		l.Emails = []lead.Email{{Address: e.Email.Value, Category: lead.Category(e.Category.Value)}}
	}
	for _, p := range in.PhoneNumbers.Value {
		l.Phones = append(l.Phones, lead.Phone{Number: p.Number.Value, Category: lead.Category(p.Category.Value)})
	}
	for _, p := range in.Socials.Value {
		l.Socials = append(l.Socials, lead.Social{URL: p.URL.Value, Category: lead.Category(p.Category.Value)})
	}
	for _, p := range in.Websites.Value {
		l.Websites = append(l.Websites, lead.Website{URL: p.URL.Value, Category: lead.Category(p.Category.Value)})
	}
	if in.Address.State == Present {
		a := in.Address.Value
		l.Address = &lead.Address{Street: a.Street.Value, City: a.City.Value, State: a.State.Value,
			PostalCode: a.PostalCode.Value, Country: a.Country.Value}
	}
	l.CompanyName = in.CompanyName.Value
	if in.AssigneeID.State == Present {
		l.Owner = &lead.Ref{System: System, ID: itoa(in.AssigneeID.Value)}
	}
	if in.CustomerSourceID.State == Present {
		l.Source = &lead.Source{CustomerSource: &lead.Ref{System: System, ID: itoa(in.CustomerSourceID.Value)}}
	}
	l.Description = in.Details.Value

	if in.MonetaryValue.State == Present {
		amount, err := lead.ParseDecimal(string(in.MonetaryValue.Value))
		switch {
		case err != nil:
			errs.Append("monetary_value", err)
		case in.MonetaryUnit.Value != "":
			l.Value = &lead.Money{Amount: amount, Currency: in.MonetaryUnit.Value}
		case t.DefaultCurrency != "":
			// Rule: no monetary_unit, a configured default currency.
			l.Value = &lead.Money{Amount: amount, Currency: t.DefaultCurrency}
			report(rep, "monetary_unit", lead.Defaulted, "no monetary_unit: the translator's default currency was used")
		default:
			// Rule: never invent a currency; the amount stays in vendor data.
			drop(rep, "monetary_value", lead.LossUnmapped, "no monetary_unit and no default currency: the amount is kept only in vendor data")
		}
	}

	if in.Status.Value != "" {
		found := false
		for _, s := range statusNames {
			if s.copper == in.Status.Value {
				l.Status, found = s.status, true
				break
			}
		}
		// Rule: statuses are configured per account (GET /lead_statuses).
		// A name outside the documented four is checked against the
		// account's list when it is known, and carried unverified when not.
		if !found {
			switch {
			case len(t.Statuses) == 0:
				l.StatusName = in.Status.Value
				report(rep, "status", lead.Unverified, "not one of the documented statuses and no account lead_statuses were given: kept as written")
			case t.knownStatus(in.Status.Value):
				l.StatusName = in.Status.Value
			default:
				errs.Add("status", "oneof=New Unqualified Contacted Qualified or a status in the account's lead_statuses.json", lead.ErrInvalid)
			}
		}
	}
	if in.StatusID.State == Present {
		l.StatusRef = &lead.Ref{System: System, ID: itoa(in.StatusID.Value)}
	}
	for _, tag := range in.Tags.Value {
		l.Labels = append(l.Labels, lead.Label{Name: tag})
	}
	l.CreatedAt = unixTime(in.DateCreated, "date_created", errs)
	l.ModifiedAt = unixTime(in.DateModified, "date_modified", errs)
	l.LastContactedAt = unixTime(in.DateLastContacted, "date_last_contacted", errs)
	if in.InteractionCount.State == Present {
		l.InteractionCount = lead.Some(in.InteractionCount.Value)
	}
	if n := len(in.CustomFields.Value); n > 0 {
		l.CustomFields = make([]lead.CustomField, 0, n)
	}
	for i, c := range in.CustomFields.Value {
		if f, ok := t.customToLead(c, i, rep, errs); ok {
			l.CustomFields = append(l.CustomFields, f)
			if cfIndex != nil {
				*cfIndex = append(*cfIndex, i)
			}
		}
	}
	return l
}

func unixTime(f Field[int64], path string, errs *lead.ErrorList) time.Time {
	if f.State != Present {
		return time.Time{}
	}
	if f.Value < minUnix || f.Value > maxUnix {
		errs.Add(path, "Unix seconds in years 1 to 9999", lead.ErrInvalid)
		return time.Time{}
	}
	return time.Unix(f.Value, 0).UTC()
}

// customToLead types one custom field value by its definition's data_type.
func (t Translator) customToLead(c CustomFieldValue, i int, rep *lead.Report, errs *lead.ErrorList) (lead.CustomField, bool) {
	// Paths are built only for errors and reports.
	path := func() string { return "custom_fields" + lead.IndexPath(i) }
	vpath := func() string { return path() + ".value" }
	if c.DefinitionID.State != Present {
		errs.Add(path()+".custom_field_definition_id", "required", lead.ErrRequired)
		return lead.CustomField{}, false
	}
	id := itoa(c.DefinitionID.Value)
	f := lead.CustomField{Key: System + ":" + id, Type: lead.FieldRaw, Source: &lead.Ref{System: System, ID: id}}
	raw := c.Value.Value
	set := c.Value.State == Present
	def := t.definition(c.DefinitionID.Value)
	if def == nil {
		// Without a definition the value is kept exactly as raw JSON.
		if set {
			f.Raw = compactRaw(raw)
		}
		return f, true
	}
	f.Name = def.Name
	var d jsonwire.Decoder
	d.Reset(raw)
	kind := d.Peek().String()
	bad := func(want string) (lead.CustomField, bool) {
		errs.Add(vpath(), "want "+want+", got "+kind, lead.ErrType)
		return lead.CustomField{}, false
	}
	switch def.DataType {
	case "String", "Text", "URL":
		f.Type = lead.FieldText
		if def.DataType == "URL" {
			f.Type = lead.FieldURL
		}
		if set {
			if kind != "string" {
				return bad("string")
			}
			b, _ := d.StringBytes()
			v := string(b)
			f.Text = &v
		}
	case "Dropdown":
		f.Type = lead.FieldOption
		if set {
			oid, ok := intValue(raw)
			if !ok {
				return bad("option id")
			}
			o, ok := optionByID(def, oid)
			if !ok {
				errs.Add(vpath(), "option id of definition "+id, lead.ErrInvalid)
				return lead.CustomField{}, false
			}
			f.Options = []lead.Option{o}
		}
	case "MultiSelect":
		f.Type = lead.FieldOptions
		if set {
			if kind != "array" {
				return bad("array of option ids")
			}
			var opts []lead.Option
			failed := false
			_ = d.Array(func(j int) error {
				t, err := d.Raw()
				if err != nil {
					return err
				}
				oid, ok := intValue(t)
				if !ok {
					errs.Add(vpath()+lead.IndexPath(j), "want option id", lead.ErrType)
					failed = true
					return nil
				}
				o, ok := optionByID(def, oid)
				if !ok {
					errs.Add(vpath()+lead.IndexPath(j), "option id of definition "+id, lead.ErrInvalid)
					failed = true
					return nil
				}
				opts = append(opts, o)
				return nil
			})
			if failed {
				return lead.CustomField{}, false
			}
			f.Options = opts // [] is Copper's unset value: nil here
		}
	case "Date":
		// A Date field holds a calendar day: Unix seconds at midnight in
		// the account's time zone, or "mm/dd/yyyy" (Copper Developer API,
		// "Best practices": Date formats). Both are read.
		f.Type = lead.FieldDate
		if set {
			var date lead.Date
			switch kind {
			case "number":
				v, ok := intValue(raw)
				if !ok {
					return bad("Unix seconds or mm/dd/yyyy")
				}
				if v < minUnix || v > maxUnix {
					errs.Add(vpath(), "Unix seconds in years 1 to 9999", lead.ErrInvalid)
					return lead.CustomField{}, false
				}
				at := time.Unix(v, 0).In(t.location())
				date = lead.DateOf(at)
				if t.Location == nil {
					report(rep, vpath(), lead.Defaulted, "no account time zone: the calendar day is taken in UTC")
				}
				if h, m, sec := at.Clock(); h != 0 || m != 0 || sec != 0 {
					report(rep, vpath(), lead.Changed, "not midnight in the account's time zone: the time of day was dropped")
				}
			case "string":
				b, _ := d.StringBytes()
				var ok bool
				if date, ok = parseMDY(b); !ok {
					errs.Add(vpath(), "a date mm/dd/yyyy that exists", lead.ErrInvalid)
					return lead.CustomField{}, false
				}
			default:
				return bad("Unix seconds or mm/dd/yyyy")
			}
			f.Date = &date
		}
	case "Checkbox":
		f.Type = lead.FieldBool
		if set {
			if kind != "bool" {
				return bad("bool")
			}
			v := raw[0] == 't'
			f.Bool = &v
		}
	case "Float", "Percentage", "Currency":
		f.Type = lead.FieldNumber
		var dec decimal.Decimal
		if set {
			if kind != "number" {
				return bad("number")
			}
			var err error
			if dec, err = lead.ParseDecimal(string(raw)); err != nil {
				errs.Append(vpath(), err)
				return lead.CustomField{}, false
			}
			f.Number = &dec
		}
		if def.DataType == "Currency" {
			cur := def.Currency
			if cur == "" && t.DefaultCurrency != "" {
				cur = t.DefaultCurrency
				if set {
					report(rep, vpath(), lead.Defaulted, "the definition names no currency: the translator's default currency was used")
				}
			}
			if cur != "" {
				f.Type, f.Number = lead.FieldMoney, nil
				if set {
					f.Money = &lead.Money{Amount: dec, Currency: cur}
				}
			} else if set {
				report(rep, vpath(), lead.Changed, "the definition names no currency: kept as a number")
			}
		}
	default: // Connect and any other data_type: exact JSON.
		if set {
			f.Raw = compactRaw(raw)
		}
	}
	return f, true
}

// parseMDY reads Copper's "mm/dd/yyyy" (one or two digits for month and
// day, four for the year) as a date that exists.
func parseMDY(b []byte) (lead.Date, bool) {
	var n [3]int
	part, digits := 0, 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9' && digits < 4:
			n[part] = n[part]*10 + int(c-'0')
			digits++
		case c == '/' && part < 2 && digits > 0 && digits <= 2:
			part++
			digits = 0
		default:
			return lead.Date{}, false
		}
	}
	d := lead.Date{Year: n[2], Month: time.Month(n[0]), Day: n[1]}
	return d, part == 2 && digits == 4 && d.Valid()
}

func optionByID(def *CustomFieldDefinition, id int64) (lead.Option, bool) {
	for _, o := range def.Options {
		if o.ID == id {
			return lead.Option{ID: itoa(o.ID), Label: o.Name}, true
		}
	}
	return lead.Option{}, false
}

// intValue parses raw as a JSON integer.
func intValue(raw []byte) (int64, bool) {
	v, err := strconv.ParseInt(string(raw), 10, 64)
	return v, err == nil
}

// compactRaw returns a copy of raw, which is valid JSON in the form
// normalRaw returns.
func compactRaw(raw []byte) json.RawMessage {
	return append(json.RawMessage(nil), raw...)
}

// copperPaths maps canonical paths, as lead.Validate names them, to the
// Copper keys they came from.
var copperPaths = [...][2]string{
	{"ids", "id"},
	{"name.full", "name"},
	{"name.prefix", "prefix"},
	{"name.first", "first_name"},
	{"name.middle", "middle_name"},
	{"name.last", "last_name"},
	{"name.suffix", "suffix"},
	{"job_title", "title"},
	{"emails[0].address", "email.email"},
	{"emails[0].category", "email.category"},
	{"emails", "email"},
	{"value.amount", "monetary_value"},
	{"value.currency", "monetary_unit"},
	{"value", "monetary_value"},
	{"owner", "assignee_id"},
	{"source.customer_source", "customer_source_id"},
	{"status_ref", "status_id"},
	{"labels", "tags"},
	{"description", "details"},
	{"created_at", "date_created"},
	{"modified_at", "date_modified"},
	{"last_contacted_at", "date_last_contacted"},
}

// copperPath names the Copper key behind the canonical path p. cfIndex maps
// the Lead's custom fields to the custom_fields entries they came from.
func copperPath(p string, cfIndex []int) string {
	for _, m := range copperPaths {
		if rest, ok := strings.CutPrefix(p, m[0]); ok {
			switch {
			case m[0] == "labels":
				// labels[2].name -> tags[2]
				if i := strings.IndexByte(rest, ']'); i >= 0 {
					return "tags" + rest[:i+1]
				}
			case m[1] == "assignee_id" || m[1] == "customer_source_id" || m[1] == "status_id" || m[1] == "id":
				return m[1]
			}
			return m[1] + rest
		}
	}
	if rest, ok := strings.CutPrefix(p, "custom_fields["); ok {
		if i := strings.IndexByte(rest, ']'); i >= 0 {
			if j, err := strconv.Atoi(rest[:i]); err == nil && j >= 0 && j < len(cfIndex) {
				return "custom_fields" + lead.IndexPath(cfIndex[j]) + ".value"
			}
			return "custom_fields[" + rest[:i+1] + ".value"
		}
	}
	return p
}

// keepVendor fills l.Vendor["copper"] with what in holds and l does not.
func (t Translator) keepVendor(in Lead, l *lead.Lead) {
	var vd lead.VendorData
	for _, k := range leadKeys {
		if *k.state(&in) == Absent {
			vd.Absent = append(vd.Absent, k.name)
		}
	}
	for _, m := range in.Extra {
		if vd.Fields == nil {
			vd.Fields = map[string]json.RawMessage{}
		}
		vd.Fields[m.Key] = compactRaw(m.Value)
	}
	// Compare in with what LeadObject would build from l alone; keys that
	// differ keep their spelling (or their null) in vendor data.
	base := t.leadObject(*l, nil, nil)
	in2 := in
	in2.Extra = nil
	for _, k := range leadKeys {
		if *k.state(&in) == Absent {
			*k.state(&base) = Absent
		}
	}
	buf := getScratch()
	defer putScratch(buf)
	a := in2.AppendJSON((*buf)[:0])
	if b := base.AppendJSON(a[len(a):]); !bytes.Equal(a, b) {
		var x, y Lead
		for _, k := range leadKeys {
			if *k.state(&in) == Absent {
				continue
			}
			x, y = Lead{}, Lead{}
			k.copy(&x, &in)
			k.copy(&y, &base)
			xa := x.AppendJSON(b[len(b):])
			if ya := y.AppendJSON(xa[len(xa):]); bytes.Equal(xa, ya) {
				continue
			}
			if *k.state(&in) == Null {
				vd.Null = append(vd.Null, k.name)
				continue
			}
			if vd.AsWritten == nil {
				vd.AsWritten = map[string]json.RawMessage{}
			}
			vd.AsWritten[k.name] = memberValue(xa)
		}
	}
	slices.Sort(vd.Absent)
	slices.Sort(vd.Null)
	if !vd.IsZero() {
		l.Vendor = map[string]lead.VendorData{System: vd}
	}
}

// memberValue returns the value of the single member of the object b.
func memberValue(b []byte) json.RawMessage {
	i := bytes.IndexByte(b, ':')
	return compactRaw(b[i+1 : len(b)-1])
}

// A keyDef names a key of Lead and reaches its Field. Its methods switch
// on the key's index rather than call stored functions, so the Leads they
// are given can stay on the stack.
type keyDef struct {
	name string
	i    int
}

func (k keyDef) state(l *Lead) *State {
	switch k.i {
	case 0:
		return &l.ID.State
	case 1:
		return &l.Name.State
	case 2:
		return &l.Prefix.State
	case 3:
		return &l.FirstName.State
	case 4:
		return &l.MiddleName.State
	case 5:
		return &l.LastName.State
	case 6:
		return &l.Suffix.State
	case 7:
		return &l.Address.State
	case 8:
		return &l.AssigneeID.State
	case 9:
		return &l.CompanyName.State
	case 10:
		return &l.CustomerSourceID.State
	case 11:
		return &l.Details.State
	case 12:
		return &l.Email.State
	case 13:
		return &l.MonetaryValue.State
	case 14:
		return &l.MonetaryUnit.State
	case 15:
		return &l.PhoneNumbers.State
	case 16:
		return &l.Socials.State
	case 17:
		return &l.Status.State
	case 18:
		return &l.StatusID.State
	case 19:
		return &l.Tags.State
	case 20:
		return &l.Title.State
	case 21:
		return &l.Websites.State
	case 22:
		return &l.CustomFields.State
	case 23:
		return &l.DateCreated.State
	case 24:
		return &l.DateModified.State
	case 25:
		return &l.DateLastContacted.State
	case 26:
		return &l.InteractionCount.State
	}
	panic("copper: no key " + k.name)
}

func (k keyDef) copy(dst, src *Lead) {
	switch k.i {
	case 0:
		dst.ID = src.ID
	case 1:
		dst.Name = src.Name
	case 2:
		dst.Prefix = src.Prefix
	case 3:
		dst.FirstName = src.FirstName
	case 4:
		dst.MiddleName = src.MiddleName
	case 5:
		dst.LastName = src.LastName
	case 6:
		dst.Suffix = src.Suffix
	case 7:
		dst.Address = src.Address
	case 8:
		dst.AssigneeID = src.AssigneeID
	case 9:
		dst.CompanyName = src.CompanyName
	case 10:
		dst.CustomerSourceID = src.CustomerSourceID
	case 11:
		dst.Details = src.Details
	case 12:
		dst.Email = src.Email
	case 13:
		dst.MonetaryValue = src.MonetaryValue
	case 14:
		dst.MonetaryUnit = src.MonetaryUnit
	case 15:
		dst.PhoneNumbers = src.PhoneNumbers
	case 16:
		dst.Socials = src.Socials
	case 17:
		dst.Status = src.Status
	case 18:
		dst.StatusID = src.StatusID
	case 19:
		dst.Tags = src.Tags
	case 20:
		dst.Title = src.Title
	case 21:
		dst.Websites = src.Websites
	case 22:
		dst.CustomFields = src.CustomFields
	case 23:
		dst.DateCreated = src.DateCreated
	case 24:
		dst.DateModified = src.DateModified
	case 25:
		dst.DateLastContacted = src.DateLastContacted
	case 26:
		dst.InteractionCount = src.InteractionCount
	default:
		panic("copper: no key " + k.name)
	}
}

func keyByName(name string) keyDef {
	for _, k := range leadKeys {
		if k.name == name {
			return k
		}
	}
	panic("copper: no key " + name)
}

// leadKeys are the keys Lead names, in its order.
var leadKeys = []keyDef{
	{"id", 0},
	{"name", 1},
	{"prefix", 2},
	{"first_name", 3},
	{"middle_name", 4},
	{"last_name", 5},
	{"suffix", 6},
	{"address", 7},
	{"assignee_id", 8},
	{"company_name", 9},
	{"customer_source_id", 10},
	{"details", 11},
	{"email", 12},
	{"monetary_value", 13},
	{"monetary_unit", 14},
	{"phone_numbers", 15},
	{"socials", 16},
	{"status", 17},
	{"status_id", 18},
	{"tags", 19},
	{"title", 20},
	{"websites", 21},
	{"custom_fields", 22},
	{"date_created", 23},
	{"date_modified", 24},
	{"date_last_contacted", 25},
	{"interaction_count", 26},
}
