package copper

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// LeadObject builds the Copper lead object that l describes, in the shape
// GET /leads/{id} returns: the identity direction. For a Lead made by
// ToLead, LeadObject(...).AppendJSON gives the same JSON value as the
// input: keys, nulls and unknown keys included, absent keys left out.
// Vendor data is used only while it still denotes what l holds, so an
// edited Lead is never overwritten by stale spellings.
//
// Canonical data Copper has no place for (Title, Person, Organization,
// Creator, Visibility, ExpectedCloseDate, Archived, Seen, the source's
// name, origin and channel, NextActivity, BCCEmail, label ids and colors,
// emails after the first, other systems' ids and vendor data) is listed in
// the Report as dropped; sub-second timestamps as changed.
func (t Translator) LeadObject(l lead.Lead) (Lead, lead.Report, error) {
	var rep lead.Report
	var errs lead.ErrorList
	w := t.leadObject(l, &rep, &errs)
	if len(errs) > 0 {
		return Lead{}, nil, errs.Err()
	}
	t.restoreVendor(l, &w)
	rep = keepRestored(l, &w, rep)
	rep.Sort()
	return w, rep, nil
}

// leadObject is LeadObject without vendor data. rep and errs may be nil.
func (t Translator) leadObject(l lead.Lead, rep *lead.Report, errs *lead.ErrorList) Lead {
	if errs == nil {
		errs = new(lead.ErrorList)
	}
	var w Lead
	w.ID = NullField[int64]()
	for i, id := range l.IDs {
		p := "ids" + lead.IndexPath(i)
		if id.System != System {
			drop(rep, p, lead.LossTargetSets, "Copper assigns lead ids; another system's id has no place in a Copper lead")
			continue
		}
		v, err := strconv.ParseInt(id.ID, 10, 64)
		if err != nil {
			errs.Add(p+".id", "want a Copper integer id", lead.ErrInvalid)
			continue
		}
		w.ID = Set(v)
	}
	if l.Title != "" {
		drop(rep, "title", lead.LossNoPlace, "a Copper lead has no subject; Copper title is the person's job title")
	}
	w.Name = str(l.Name.Full)
	w.Prefix = str(l.Name.Prefix)
	w.FirstName = str(l.Name.First)
	w.MiddleName = str(l.Name.Middle)
	w.LastName = str(l.Name.Last)
	w.Suffix = str(l.Name.Suffix)
	w.Title = str(l.JobTitle)
	w.Email = NullField[Email]()
	for i, e := range l.Emails {
		if i > 0 {
			drop(rep, "emails"+lead.IndexPath(i), lead.LossNoPlace, "a Copper lead has one email address")
			continue
		}
		w.Email = Set(Email{Email: Set(e.Address), Category: translateCategory(kindEmail, i, e.Category, rep)})
	}
	phones := make([]Phone, 0, len(l.Phones))
	for i, p := range l.Phones {
		phones = append(phones, Phone{Number: Set(p.Number), Category: translateCategory(kindPhone, i, p.Category, rep)})
	}
	w.PhoneNumbers = Set(phones)
	socials := make([]Social, 0, len(l.Socials))
	for i, p := range l.Socials {
		socials = append(socials, Social{URL: Set(p.URL), Category: translateCategory(kindSocial, i, p.Category, rep)})
	}
	w.Socials = Set(socials)
	websites := make([]Website, 0, len(l.Websites))
	for i, p := range l.Websites {
		websites = append(websites, Website{URL: Set(p.URL), Category: translateCategory(kindWebsite, i, p.Category, rep)})
	}
	w.Websites = Set(websites)
	w.Address = NullField[Address]()
	if a := l.Address; a != nil {
		w.Address = Set(Address{Street: str(a.Street), City: str(a.City), State: str(a.State),
			PostalCode: str(a.PostalCode), Country: str(a.Country)})
	}
	w.CompanyName = str(l.CompanyName)
	if l.Person != nil {
		drop(rep, "person", lead.LossNoPlace, "a Copper lead links no person record")
	}
	if l.Organization != nil {
		drop(rep, "organization", lead.LossNoPlace, "a Copper lead links no organization record")
	}
	w.AssigneeID = t.ref(l.Owner, "owner", rep, errs)
	if l.Creator != nil {
		drop(rep, "creator", lead.LossTargetSets, "Copper takes no creator: the user the request authenticates as creates the lead")
	}
	w.MonetaryValue, w.MonetaryUnit = NullField[Number](), NullField[string]()
	switch {
	case l.Value != nil && l.Value.CustomCurrency:
		// Rule: monetary_unit is an ISO 4217 code. An amount without its
		// unit would read as the account's default currency, so neither
		// is written.
		drop(rep, "value", lead.LossNoPlace, "a custom currency of the source account has no Copper counterpart: monetary_unit takes ISO 4217 codes")
	case l.Value != nil:
		w.MonetaryValue = Set(Number(lead.FormatDecimal(l.Value.Amount)))
		w.MonetaryUnit = Set(l.Value.Currency)
	}
	if l.ExpectedCloseDate != nil {
		drop(rep, "expected_close_date", lead.LossNoPlace, "a Copper lead has no expected close date")
	}
	w.Status = NullField[string]()
	switch {
	case l.Status != "":
		for _, s := range statusNames {
			if s.status == l.Status {
				w.Status = Set(s.copper)
			}
		}
		if l.StatusName != "" {
			drop(rep, "status_name", lead.LossNoPlace, "superseded by status: a Copper lead has one status, and the canonical status takes precedence")
		}
	case l.StatusName != "":
		w.Status = Set(l.StatusName)
	}
	w.StatusID = t.ref(l.StatusRef, "status_ref", rep, errs)
	if l.Archived.Set {
		drop(rep, "archived", lead.LossNoPlace, "a Copper lead has no archived flag")
	}
	if l.Seen.Set {
		drop(rep, "seen", lead.LossNoPlace, "a Copper lead has no seen flag")
	}
	tags := make([]string, 0, len(l.Labels))
	for i, lb := range l.Labels {
		p := "labels" + lead.IndexPath(i)
		if lb.Ref != nil {
			drop(rep, p+".ref", lead.LossNoPlace, "Copper tags are plain strings without ids")
		}
		if lb.Color != "" {
			drop(rep, p+".color", lead.LossNoPlace, "Copper tags have no color")
		}
		if lb.Name != "" {
			tags = append(tags, lb.Name)
		}
	}
	w.Tags = Set(tags)
	w.CustomerSourceID = NullField[int64]()
	if s := l.Source; s != nil {
		w.CustomerSourceID = t.ref(s.CustomerSource, "source.customer_source", rep, errs)
		for _, x := range []struct{ path, v string }{
			{"source.name", s.Name}, {"source.origin", s.Origin}, {"source.origin_id", s.OriginID},
			{"source.channel_id", s.ChannelID},
		} {
			if x.v != "" {
				drop(rep, x.path, lead.LossNoPlace, "a Copper lead has only a customer source")
			}
		}
		if s.Channel != nil {
			drop(rep, "source.channel", lead.LossNoPlace, "a Copper lead has only a customer source")
		}
	}
	if l.Visibility != "" {
		drop(rep, "visibility", lead.LossNoPlace, "a Copper lead has no visibility setting")
	}
	w.Details = str(l.Description)
	w.DateCreated = unixSeconds(l.CreatedAt, "created_at", rep)
	w.DateModified = unixSeconds(l.ModifiedAt, "modified_at", rep)
	w.DateLastContacted = unixSeconds(l.LastContactedAt, "last_contacted_at", rep)
	if l.NextActivity != nil {
		drop(rep, "next_activity", lead.LossNoPlace, "a Copper lead has no next activity")
	}
	w.InteractionCount = NullField[int64]()
	if n, ok := l.InteractionCount.Get(); ok {
		w.InteractionCount = Set(n)
	}
	if l.BCCEmail != "" {
		drop(rep, "bcc_email", lead.LossNoPlace, "a Copper lead has no BCC address")
	}
	cfs := make([]CustomFieldValue, 0, len(l.CustomFields))
	for i, f := range l.CustomFields {
		if c, ok := t.customFromLead(f, i, rep, errs); ok {
			cfs = append(cfs, c)
		}
	}
	w.CustomFields = Set(cfs)
	for _, sys := range sortedKeys(l.Vendor) {
		if sys != System {
			drop(rep, "vendor."+sys, lead.LossNoPlace, "vendor data of another system")
		}
	}
	return w
}

func str(s string) Field[string] {
	if s == "" {
		return NullField[string]()
	}
	return Set(s)
}

func category(c lead.Category) Field[string] {
	if c == "" {
		return Field[string]{}
	}
	return Set(string(c))
}

// ref turns a reference into a Copper id; another system's id is dropped.
func (t Translator) ref(r *lead.Ref, path string, rep *lead.Report, errs *lead.ErrorList) Field[int64] {
	if r == nil {
		return NullField[int64]()
	}
	if r.System != System {
		drop(rep, path, lead.LossUnmapped, "an id of another system needs a mapping to a Copper id")
		return NullField[int64]()
	}
	v, err := strconv.ParseInt(r.ID, 10, 64)
	if err != nil {
		errs.Add(path+".id", "want a Copper integer id", lead.ErrInvalid)
		return NullField[int64]()
	}
	return Set(v)
}

// unixSeconds turns an instant into Copper's Unix seconds; sub-second
// digits are cut, and reported.
func unixSeconds(t time.Time, path string, rep *lead.Report) Field[int64] {
	if t.IsZero() {
		return NullField[int64]()
	}
	if t.Nanosecond() != 0 {
		report(rep, path, lead.Changed, "Copper keeps whole seconds: the sub-second digits were cut")
	}
	return Set(t.Unix())
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// customFromLead writes one canonical custom field as a Copper value.
func (t Translator) customFromLead(f lead.CustomField, i int, rep *lead.Report, errs *lead.ErrorList) (CustomFieldValue, bool) {
	// The path is built only for errors and reports.
	path := func() string { return "custom_fields" + lead.IndexPath(i) }
	idText, ok := customIDText(f)
	if !ok {
		if f.IsSet() && string(f.Raw) != "null" { // an unset field carries nothing
			drop(rep, path(), lead.LossUnmapped, "the field has no Copper custom field definition id")
		}
		return CustomFieldValue{}, false
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		errs.Add(path()+".source.id", "want a Copper integer id", lead.ErrInvalid)
		return CustomFieldValue{}, false
	}
	def := t.definition(id)
	c := CustomFieldValue{DefinitionID: Set(id), Value: NullField[json.RawMessage]()}
	set := func(b []byte) { c.Value = Set(json.RawMessage(b)) }
	switch f.Type {
	case lead.FieldText, lead.FieldURL:
		if f.Text != nil {
			set(jsonwire.AppendString(nil, *f.Text))
		}
	case lead.FieldNumber:
		if f.Number != nil {
			set([]byte(lead.FormatDecimal(*f.Number)))
		}
	case lead.FieldMoney:
		if f.Money != nil {
			cur := ""
			if def != nil {
				cur = def.Currency
				if cur == "" {
					cur = t.DefaultCurrency
				}
			}
			// Rule: a Currency field's currency is on its definition; an
			// amount in another currency cannot be written.
			if cur != "" && f.Money.Currency != cur {
				errs.Add(path()+".money.currency", "the definition's currency", lead.ErrUnsupported)
				return CustomFieldValue{}, false
			}
			if cur == "" {
				drop(rep, path()+".money.currency", lead.LossNoPlace, "a Copper custom value holds no currency")
			}
			set([]byte(lead.FormatDecimal(f.Money.Amount)))
		}
	case lead.FieldDateTime:
		if !f.Time.IsZero() {
			if f.Time.Nanosecond() != 0 {
				report(rep, path()+".time", lead.Changed, "Copper keeps whole seconds: the sub-second digits were cut")
			}
			set(strconv.AppendInt(nil, f.Time.Unix(), 10))
		}
	case lead.FieldDate:
		if f.Date != nil {
			// Rule: Copper keeps a date as Unix seconds at midnight in the
			// account's time zone.
			if t.Location == nil {
				report(rep, path()+".date", lead.Defaulted, "no account time zone: the date was written as midnight UTC")
			}
			set(strconv.AppendInt(nil, f.Date.In(t.location()).Unix(), 10))
		}
	case lead.FieldBool:
		if f.Bool != nil {
			set(strconv.AppendBool(nil, *f.Bool))
		}
	case lead.FieldOption, lead.FieldOptions:
		b := []byte{'['}
		for j, o := range f.Options {
			oid, ok := t.optionID(def, o, path()+".options"+lead.IndexPath(j), rep, errs)
			if !ok {
				return CustomFieldValue{}, false
			}
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, oid, 10)
		}
		b = append(b, ']')
		switch {
		case f.Type == lead.FieldOptions:
			set(b) // [] is Copper's unset MultiSelect
		case len(f.Options) == 1:
			set(b[1 : len(b)-1])
		}
	case lead.FieldRaw:
		if f.Raw != nil {
			set(f.Raw)
		}
	default:
		if f.IsSet() {
			drop(rep, path(), lead.LossNoPlace, "a Copper custom value cannot hold a "+string(f.Type))
			return CustomFieldValue{}, false
		}
	}
	return c, true
}

// customIDText returns the Copper definition id of f, as written in its
// Source or its "copper:<id>" key.
func customIDText(f lead.CustomField) (string, bool) {
	switch {
	case f.Source != nil && f.Source.System == System:
		return f.Source.ID, true
	case strings.HasPrefix(f.Key, System+":"):
		return f.Key[len(System)+1:], true
	}
	return "", false
}

// optionID finds the Copper option id of o: its id, or, with the
// definition known, the option of that name (reported as derived).
func (t Translator) optionID(def *CustomFieldDefinition, o lead.Option, path string, rep *lead.Report, errs *lead.ErrorList) (int64, bool) {
	if o.ID != "" {
		v, err := strconv.ParseInt(o.ID, 10, 64)
		if err == nil && (def == nil || slices.ContainsFunc(def.Options, func(x Option) bool { return x.ID == v })) {
			return v, true
		}
		errs.Add(path+".id", "option id of the definition", lead.ErrInvalid)
		return 0, false
	}
	if def != nil {
		for _, x := range def.Options {
			if x.Name == o.Label {
				report(rep, path+".id", lead.Derived, "the option id was found by the option's name")
				return x.ID, true
			}
		}
	}
	errs.Add(path+".id", "required: an option without id matches no option name", lead.ErrUnsupported)
	return 0, false
}

// restoreVendor applies l.Vendor["copper"] to w where it still holds.
func (t Translator) restoreVendor(l lead.Lead, w *Lead) {
	vd, ok := l.Vendor[System]
	if !ok {
		return
	}
	base := *w
	for _, name := range vd.Absent {
		if k, ok := findKey(name); ok {
			t.tryKey(l, &base, w, k, nil, true)
		}
	}
	for _, name := range vd.Null {
		if k, ok := findKey(name); ok {
			t.tryKey(l, &base, w, k, []byte("null"), false)
		}
	}
	for _, name := range sortedKeys(vd.AsWritten) {
		if k, ok := findKey(name); ok {
			t.tryKey(l, &base, w, k, vd.AsWritten[name], false)
		}
	}
	for _, name := range sortedKeys(vd.Fields) {
		raw := vd.Fields[name]
		if k, ok := findKey(name); ok {
			if one, err := decodeKey(name, raw); err == nil {
				k.copy(w, &one)
			}
			continue
		}
		if !json.Valid(raw) {
			continue
		}
		w.Extra = append(w.Extra, Member{Key: name, Value: raw})
	}
}

func findKey(name string) (keyDef, bool) {
	for _, k := range leadKeys {
		if k.name == name {
			return k, true
		}
	}
	return keyDef{}, false
}

// decodeKey decodes {name: raw} into a Lead.
func decodeKey(name string, raw []byte) (Lead, error) {
	doc := jsonwire.AppendString([]byte{'{'}, name)
	doc = append(doc, ':')
	doc = append(doc, raw...)
	doc = append(doc, '}')
	return DecodeLead(doc)
}

// tryKey sets key k of w to raw (or leaves it absent) when that denotes
// the same canonical value as base: translating the changed object gives
// back base's value for k.
func (t Translator) tryKey(l lead.Lead, base, w *Lead, k keyDef, raw []byte, absent bool) {
	var one Lead
	if !absent {
		var err error
		if one, err = decodeKey(k.name, raw); err != nil {
			return
		}
	}
	// Absent and null denote the empty value: they hold while base's value
	// is empty too.
	if (absent || string(raw) == "null") && bytes.Equal(renderKey(base, k), renderKey(&emptyObject, k)) {
		k.copy(w, &one)
		return
	}
	cand := *base
	k.copy(&cand, &one)
	var errs lead.ErrorList
	c := t.toLead(cand, nil, &errs, nil)
	if len(errs) > 0 {
		return
	}
	again := t.leadObject(c, nil, nil)
	if !bytes.Equal(renderKey(&again, k), renderKey(base, k)) {
		return
	}
	// Copper's words for categories are fewer than the Lead's ("fax" and
	// "pager" both become other): a spelling holds only while it reads
	// back as the Lead's own entries.
	if !sameContacts(k.name, c, l) {
		return
	}
	k.copy(w, &one)
}

// sameContacts reports whether a and b hold the same entries in the list
// that Copper key name carries; other keys always compare equal.
func sameContacts(name string, a, b lead.Lead) bool {
	switch name {
	case "email":
		return slices.Equal(a.Emails, b.Emails[:min(len(b.Emails), 1)])
	case "phone_numbers":
		return slices.Equal(a.Phones, b.Phones)
	case "socials":
		return slices.Equal(a.Socials, b.Socials)
	case "websites":
		return slices.Equal(a.Websites, b.Websites)
	}
	return true
}

// emptyObject is what leadObject builds for an empty Lead. It is set once,
// at start-up, and never changed.
var emptyObject = Translator{}.leadObject(lead.Lead{}, nil, nil)

func renderKey(l *Lead, k keyDef) []byte {
	var one Lead
	k.copy(&one, l)
	return one.AppendJSON(nil)
}
