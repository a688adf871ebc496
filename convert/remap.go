package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadbridge/leadbridge/lead"
	"github.com/leadbridge/leadbridge/pipedrive"
)

// The system names of lead.Ref.System and lead.Lead.Vendor.
const (
	systemPipedrive = "pipedrive"
	systemCopper    = "copper"
)

// remapper rewrites a canonical lead from one system's id spaces into the
// other's. It works on lead.Lead only; reports use the source document's
// names.
type remapper struct {
	m   Mapping
	dir Directory
	rep lead.Report
	// errs are the target's rules the remap finds broken, in the source
	// document's names.
	errs lead.ErrorList
	// fieldPaths and labelPaths give, for each custom field and label of
	// the remapped lead, its path in the source document.
	fieldPaths []string
	labelPaths []string
	// copperCurrency returns the currency of a Copper Currency field's
	// definition, or "" when unknown.
	copperCurrency func(id int64) string
}

// drop reports a dropped field with its loss kind: the code that drops a
// field knows why, so each call names the kind.
func (r *remapper) drop(path string, loss lead.LossKind, reason, detail string) {
	r.rep.Drop(path, loss, reason, detail)
}

func (r *remapper) note(path string, kind lead.ChangeKind, reason, detail string) {
	r.rep.AddDetail(path, kind, reason, detail)
}

// refID returns the numeric id of ref when it belongs to system.
func refID(ref *lead.Ref, system string) (int64, bool) {
	if ref == nil || ref.System != system {
		return 0, false
	}
	n, err := strconv.ParseInt(ref.ID, 10, 64)
	return n, err == nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func ref(system string, id int64) *lead.Ref { return &lead.Ref{System: system, ID: itoa(id)} }

// contactPlan is what a Copper → Pipedrive conversion found about the
// contact: an existing person or organization, or records to create.
type contactPlan struct {
	person       *Person       // an existing Pipedrive person
	organization *Organization // an existing Pipedrive organization
	newPerson    *PersonCreate
	newOrg       *OrganizationCreate
	archive      bool
}

// toCopper rewrites a lead read from Pipedrive for Copper's FromLead.
func (r *remapper) toCopper(l lead.Lead) lead.Lead {
	r.contactFromPipedrive(&l)

	// Owner and creator: Pipedrive user ids → Copper user ids.
	if l.Owner != nil {
		if id, ok := refID(l.Owner, systemPipedrive); ok {
			if cp, ok := r.m.copperUser(id); ok {
				l.Owner = ref(systemCopper, cp)
			} else {
				r.drop("owner_id", lead.LossUnmapped, "the owner has no Copper user in the mapping's users", "pipedrive user "+l.Owner.ID)
				l.Owner = nil
			}
		}
	}
	if l.Creator != nil {
		r.drop("creator_id", lead.LossTargetSets, "Copper takes no creator: the user the request authenticates as creates the lead", l.Creator.System+" user "+l.Creator.ID)
		l.Creator = nil
	}

	// Status: is_archived and was_seen → a Copper status by the mapping.
	r.statusToCopper(&l)

	// Labels → tags by the mapping.
	var tags []lead.Label
	for i, lb := range l.Labels {
		var (
			lm LabelMapping
			ok bool
		)
		if lb.Ref != nil && lb.Ref.System == systemPipedrive {
			lm, ok = r.m.labelByPipedrive(lb.Ref.ID)
		} else if lb.Name != "" {
			lm, ok = r.m.labelByName(lb.Name)
		}
		if !ok {
			id := lb.Name
			if lb.Ref != nil {
				id = lb.Ref.ID
			}
			r.drop("label_ids"+lead.IndexPath(i), lead.LossUnmapped, "the label has no Copper tag in the mapping's labels", "pipedrive label "+id)
			continue
		}
		tags = append(tags, lead.Label{Name: lm.Tag()})
		r.labelPaths = append(r.labelPaths, "label_ids["+strconv.Itoa(i)+"]")
	}
	l.Labels = tags

	// Source: source_name/origin/channel → customer_source_id.
	if s := l.Source; s != nil {
		var channel int64
		if id, ok := refID(s.Channel, systemPipedrive); ok {
			channel = id
		}
		sm, ok := r.m.copperSource(s.Name, s.Origin, channel)
		used := map[string]bool{}
		if ok {
			used["source_name"] = sm.Pipedrive.SourceName != ""
			used["origin"] = sm.Pipedrive.Origin != ""
			used["channel"] = sm.Pipedrive.Channel != 0
			r.note(firstUsed(used), lead.Derived, "the customer source comes from the mapping's sources",
				"copper customer source "+itoa(sm.Copper))
		}
		by := firstUsed(used)
		for _, f := range []struct {
			path, v  string
			matching bool // a field the mapping's sources match on
		}{
			{"source_name", s.Name, true}, {"origin", s.Origin, true}, {"origin_id", s.OriginID, false},
			{"channel", refString(s.Channel), true}, {"channel_id", s.ChannelID, false},
		} {
			switch {
			case f.v == "" || used[f.path]:
			case !f.matching:
				r.drop(f.path, lead.LossNoPlace, "Copper leads have only a customer source, which the mapping's sources give by source_name, origin and channel", f.v)
			case !ok:
				r.drop(f.path, lead.LossUnmapped, "no entry of the mapping's sources matches", f.v)
			case r.m.describesSource(f.path, f.v):
				r.drop(f.path, lead.LossNoPlace, "superseded by "+by+": the mapping's sources map it too, but a Copper lead has one customer source and the entry matching "+by+" comes first", f.v)
			default:
				r.drop(f.path, lead.LossNoPlace, "Copper leads have only a customer source, given here by "+by, f.v)
			}
		}
		l.Source = nil
		if ok {
			l.Source = &lead.Source{CustomerSource: ref(systemCopper, sm.Copper)}
		}
	}

	if l.Visibility != "" {
		r.drop("visible_to", lead.LossNoPlace, "Copper leads have no visibility", string(l.Visibility))
		l.Visibility = ""
	} else if raw, ok := l.Vendor[systemPipedrive].AsWritten["visible_to"]; ok && !isNullJSON(raw) {
		// A code the plan does not explain is kept as written; Copper has
		// no place for it either way.
		var code string
		_ = json.Unmarshal(raw, &code)
		r.drop("visible_to", lead.LossNoPlace, "Copper leads have no visibility", code)
	}

	r.dropVendor(&l, systemPipedrive)
	l.CustomFields = r.fieldsToCopper(l.CustomFields)
	return l
}

func firstUsed(used map[string]bool) string {
	for _, k := range []string{"source_name", "origin", "channel"} {
		if used[k] {
			return k
		}
	}
	return "source_name"
}

func refString(r *lead.Ref) string {
	if r == nil {
		return ""
	}
	return r.ID
}

// contactFromPipedrive fills the contact fields Copper keeps on the lead
// from the linked Pipedrive person and organization.
func (r *remapper) contactFromPipedrive(l *lead.Lead) {
	var person *Person
	if l.Person != nil {
		id, ok := refID(l.Person, systemPipedrive)
		if ok && r.dir != nil {
			if p, found := r.dir.PipedrivePerson(id); found {
				person = &p
			}
		}
		if person == nil {
			r.drop("person_id", lead.LossUnmapped, "the linked person is not in the directory; Copper leads carry contact data, not links",
				"pipedrive person "+l.Person.ID)
		} else {
			from := "from pipedrive person " + itoa(person.ID)
			r.note("person_id", lead.Derived, "the linked person's contact data is copied; Copper leads carry no links", from)
			if person.Name != "" && l.Name.IsZero() {
				l.Name = lead.Name{Full: person.Name}
				r.note("name", lead.Derived, "the contact name comes from the linked person", from)
			}
			if len(person.Emails) > 0 && len(l.Emails) == 0 {
				l.Emails = slices.Clone(person.Emails)
				r.note("email", lead.Derived, "the email comes from the linked person", from)
			}
			if len(person.Phones) > 0 && len(l.Phones) == 0 {
				l.Phones = slices.Clone(person.Phones)
				r.note("phone_numbers", lead.Derived, "the phone numbers come from the linked person", from)
			}
			if person.JobTitle != "" && l.JobTitle == "" {
				l.JobTitle = person.JobTitle
				r.note("title", lead.Derived, "the job title comes from the linked person", from)
			}
		}
		l.Person = nil
	}
	var org *Organization
	if l.Organization != nil {
		id, ok := refID(l.Organization, systemPipedrive)
		if ok && r.dir != nil {
			if o, found := r.dir.PipedriveOrganization(id); found {
				org = &o
			}
		}
		if org == nil {
			r.drop("organization_id", lead.LossUnmapped, "the linked organization is not in the directory; Copper leads carry a company name, not links",
				"pipedrive organization "+l.Organization.ID)
		} else {
			r.note("organization_id", lead.Derived, "the linked organization's name is copied; Copper leads carry no links",
				"from pipedrive organization "+itoa(org.ID))
		}
		l.Organization = nil
	}
	if l.CompanyName == "" {
		switch {
		case org != nil && org.Name != "":
			l.CompanyName = org.Name
			r.note("company_name", lead.Derived, "the company name comes from the linked organization", "from pipedrive organization "+itoa(org.ID))
		case person != nil && person.OrganizationName != "":
			l.CompanyName = person.OrganizationName
			r.note("company_name", lead.Derived, "the company name comes from the linked person's organization",
				"from pipedrive person "+itoa(person.ID))
		}
	}
	// The title is the lead's subject: never a person's name or job title.
	// Copper requires a name, so without a person the title stands in.
	if l.Title != "" {
		if l.Name.IsZero() {
			l.Name = lead.Name{Full: l.Title}
			r.note("title", lead.Derived, "no person record; the lead title stands in for the contact name", l.Title)
		} else {
			r.drop("title", lead.LossNoPlace, "Copper leads have no subject; the title is neither the contact's name nor a job title", l.Title)
		}
		l.Title = ""
	}
}

// statusToCopper sets the Copper status from is_archived and was_seen.
func (r *remapper) statusToCopper(l *lead.Lead) {
	archived, hasA := l.Archived.Get()
	seen, hasS := l.Seen.Get()
	l.Archived, l.Seen = lead.Optional[bool]{}, lead.Optional[bool]{}
	if !hasA && !hasS {
		return
	}
	to := r.m.Status.ToCopper
	var name string
	switch {
	case archived:
		name = to.Archived
	case seen:
		name = to.Seen
	default:
		name = to.Other
	}
	detail := fmt.Sprintf("is_archived %t, was_seen %t", archived, seen)
	if name == "" {
		if hasA {
			r.drop("is_archived", lead.LossUnmapped, "the mapping's status.to_copper names no Copper status for these flags", detail)
		}
		if hasS {
			r.drop("was_seen", lead.LossUnmapped, "the mapping's status.to_copper names no Copper status for these flags", detail)
		}
		return
	}
	setCopperStatus(l, name)
	if hasA {
		r.note("is_archived", lead.Derived, "the Copper status comes from is_archived and was_seen by the mapping", detail+" became "+name)
	}
	if hasS {
		r.note("was_seen", lead.Derived, "the Copper status comes from is_archived and was_seen by the mapping", detail+" became "+name)
	}
}

// setCopperStatus sets a Copper status by its name: a canonical status for
// the four documented names, StatusName for an account's own.
func setCopperStatus(l *lead.Lead, name string) {
	l.Status, l.StatusName, l.StatusRef = "", "", nil
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "new":
		l.Status = lead.StatusNew
	case "unqualified":
		l.Status = lead.StatusUnqualified
	case "contacted":
		l.Status = lead.StatusContacted
	case "qualified":
		l.Status = lead.StatusQualified
	default:
		l.StatusName = name
	}
}

// copperStatusName returns the Copper name of a lead's status.
func copperStatusName(l lead.Lead) string {
	if l.StatusName != "" {
		return l.StatusName
	}
	switch l.Status {
	case lead.StatusNew:
		return "New"
	case lead.StatusUnqualified:
		return "Unqualified"
	case lead.StatusContacted:
		return "Contacted"
	case lead.StatusQualified:
		return "Qualified"
	}
	return ""
}

// fieldsToCopper maps Pipedrive custom fields onto Copper definitions.
func (r *remapper) fieldsToCopper(in []lead.CustomField) []lead.CustomField {
	var out []lead.CustomField
	for i, f := range in {
		key := sourceKey(f, systemPipedrive)
		path := key
		if !carries(f) {
			continue // an unset field carries nothing
		}
		if isFieldOf(f, systemCopper) {
			// Already a Copper field (a canonical lead naming both systems).
			out = append(out, f)
			r.fieldPaths = append(r.fieldPaths, "custom_fields["+strconv.Itoa(i)+"]")
			continue
		}
		fm, ok := r.m.fieldByPipedrive(key)
		if !ok {
			fm, ok = r.m.fieldByKey(f.Key)
		}
		if !ok {
			r.drop(path, lead.LossUnmapped, "the custom field has no Copper definition in the mapping's custom_fields", fieldDetail("pipedrive", key, f.Name))
			continue
		}
		if fm.Copper == 0 {
			r.drop(path, lead.LossNoPlace, "the mapping's custom_fields lists the field for Pipedrive only: Copper has no counterpart", fieldDetail("pipedrive", key, f.Name))
			continue
		}
		g, ok := r.convertType(f, fm, path)
		if !ok {
			continue
		}
		// A Copper Currency field's currency is on its definition; amounts
		// are never converted between currencies.
		if g.Money != nil && r.copperCurrency != nil {
			if cur := r.copperCurrency(fm.Copper); cur != "" && cur != g.Money.Currency {
				r.drop(path, lead.LossNoPlace, "the Copper field holds amounts in another currency; amounts are never converted",
					g.Money.Currency+" to "+cur)
				continue
			}
		}
		if g.Type == lead.FieldOption || g.Type == lead.FieldOptions {
			g.Options = r.mapOptions(g.Options, path, func(id int64) (int64, bool) { return fm.copperOption(id) })
			if len(g.Options) == 0 {
				continue
			}
		}
		g.Key = fm.Key
		g.Source = ref(systemCopper, fm.Copper)
		out = append(out, g)
		r.fieldPaths = append(r.fieldPaths, path)
	}
	return out
}

// fieldsToPipedrive maps Copper custom fields onto Pipedrive deal fields.
func (r *remapper) fieldsToPipedrive(in []lead.CustomField) []lead.CustomField {
	var out []lead.CustomField
	for i, f := range in {
		if !carries(f) || copperUnset(f) {
			continue // an unset field carries nothing
		}
		key := sourceKey(f, systemCopper)
		path := "custom_fields[" + strconv.Itoa(i) + "]"
		if isFieldOf(f, systemPipedrive) {
			// Already a Pipedrive field (a canonical lead naming both systems).
			out = append(out, f)
			r.fieldPaths = append(r.fieldPaths, path)
			continue
		}
		id, _ := strconv.ParseInt(key, 10, 64)
		fm, ok := r.m.fieldByCopper(id)
		if !ok {
			fm, ok = r.m.fieldByKey(f.Key)
		}
		if !ok {
			r.drop(path, lead.LossUnmapped, "the custom field has no Pipedrive field in the mapping's custom_fields", fieldDetail("copper", key, f.Name))
			continue
		}
		if fm.Pipedrive == "" {
			r.drop(path, lead.LossNoPlace, "the mapping's custom_fields lists the field for Copper only: Pipedrive has no counterpart", fieldDetail("copper", key, f.Name))
			continue
		}
		g, ok := r.convertType(f, fm, path)
		if !ok {
			continue
		}
		if g.Type == lead.FieldOption || g.Type == lead.FieldOptions {
			g.Options = r.mapOptions(g.Options, path, func(id int64) (int64, bool) { return fm.pipedriveOption(id) })
			if len(g.Options) == 0 {
				continue
			}
		}
		g.Key = fm.Key
		g.Source = &lead.Ref{System: systemPipedrive, ID: fm.Pipedrive}
		out = append(out, g)
		r.fieldPaths = append(r.fieldPaths, path)
	}
	return out
}

// carries reports whether f holds a value: not unset, and not a raw
// JSON null (a custom key the source sent as null).
func carries(f lead.CustomField) bool {
	return f.IsSet() && !(f.Type == lead.FieldRaw && isNullJSON(f.Raw))
}

// copperUnset reports whether f holds one of Copper's unset values: a
// Checkbox false or a MultiSelect [] (Copper lists every definition on a
// lead, and these are its unset values besides null), typed by the
// definition or kept raw without one.
func copperUnset(f lead.CustomField) bool {
	switch {
	case f.Type == lead.FieldBool:
		return f.Bool != nil && !*f.Bool
	case f.Type == lead.FieldOptions:
		return len(f.Options) == 0
	case f.Type == lead.FieldRaw:
		raw := string(bytes.TrimSpace(f.Raw))
		return raw == "false" || raw == "[]"
	}
	return false
}

// isFieldOf reports whether f is a custom field of system: its source,
// or else its key, names the system.
func isFieldOf(f lead.CustomField, system string) bool {
	if f.Source != nil {
		return f.Source.System == system
	}
	return strings.HasPrefix(f.Key, system+":")
}

func fieldDetail(system, key, name string) string {
	if name != "" {
		return system + " field " + key + " (" + name + ")"
	}
	return system + " field " + key
}

// sourceKey returns the field's id in system: its Source ref, or the
// "<system>:<id>" key.
func sourceKey(f lead.CustomField, system string) string {
	if f.Source != nil && f.Source.System == system {
		return f.Source.ID
	}
	if k, ok := strings.CutPrefix(f.Key, system+":"); ok {
		return k
	}
	return f.Key
}

// mapOptions maps option ids; an option without counterpart is dropped.
func (r *remapper) mapOptions(opts []lead.Option, path string, to func(int64) (int64, bool)) []lead.Option {
	out := []lead.Option{}
	for _, o := range opts {
		id, err := strconv.ParseInt(o.ID, 10, 64)
		var target int64
		ok := err == nil
		if ok {
			target, ok = to(id)
		}
		if !ok {
			d := "option " + o.ID
			if o.Label != "" {
				d += " (" + o.Label + ")"
			}
			r.drop(path, lead.LossUnmapped, "the option has no counterpart in the mapping's options", d)
			continue
		}
		out = append(out, lead.Option{ID: itoa(target), Label: o.Label})
	}
	return out
}

// convertType converts f to the mapping's type, when it names one.
func (r *remapper) convertType(f lead.CustomField, fm FieldMapping, path string) (lead.CustomField, bool) {
	to := fm.Type
	if to == "" || to == f.Type {
		return f, true
	}
	g := lead.CustomField{Key: f.Key, Name: f.Name, Type: to, Source: f.Source}
	var text string
	switch {
	case to == lead.FieldText || to == lead.FieldURL:
		switch {
		case f.Text != nil:
			text = *f.Text
		case f.Number != nil:
			text = lead.FormatDecimal(*f.Number)
		case f.Money != nil:
			text = lead.FormatDecimal(f.Money.Amount) + " " + f.Money.Currency
		case f.Date != nil:
			text = f.Date.String()
		case !f.Time.IsZero():
			text = f.Time.Format(time.RFC3339Nano)
		case f.Bool != nil:
			text = strconv.FormatBool(*f.Bool)
		case len(f.Options) > 0 && allLabelled(f.Options):
			labels := make([]string, len(f.Options))
			for i, o := range f.Options {
				labels[i] = o.Label
			}
			text = strings.Join(labels, ", ")
		default:
			r.drop(path, lead.LossUnmapped, "the mapping's type cannot hold this value", string(f.Type)+" to "+string(to))
			return g, false
		}
		g.Text = &text
		if f.Type != lead.FieldText && f.Type != lead.FieldURL {
			r.note(path, lead.Changed, "the mapping's type turns the value into text", string(f.Type)+" became "+text)
		}
		return g, true
	case to == lead.FieldDate && !f.Time.IsZero():
		d := lead.DateOf(f.Time.UTC())
		g.Date = &d
		r.note(path, lead.Changed, "the mapping's type keeps the date and drops the time of day", f.Time.Format(time.RFC3339Nano)+" became "+d.String())
		return g, true
	case to == lead.FieldDateTime && f.Date != nil:
		g.Time = f.Date.In(time.UTC)
		r.note(path, lead.Changed, "the mapping's type turns the date into midnight UTC", f.Date.String())
		return g, true
	case to == lead.FieldNumber && f.Money != nil:
		a := f.Money.Amount
		g.Number = &a
		r.note(path, lead.Changed, "the mapping's type keeps the amount and drops the currency", f.Money.Currency)
		return g, true
	case to == lead.FieldMoney && f.Number != nil:
		if r.m.Defaults.Currency == "" {
			r.drop(path, lead.LossUnmapped, "the mapping's type needs defaults.currency", lead.FormatDecimal(*f.Number))
			return g, false
		}
		g.Money = &lead.Money{Amount: *f.Number, Currency: r.m.Defaults.Currency}
		r.note(path, lead.Defaulted, "the currency comes from the mapping's defaults.currency", r.m.Defaults.Currency)
		return g, true
	}
	r.drop(path, lead.LossUnmapped, "the mapping's type cannot hold this value", string(f.Type)+" to "+string(to))
	return g, false
}

func allLabelled(opts []lead.Option) bool {
	for _, o := range opts {
		if o.Label == "" {
			return false
		}
	}
	return true
}

// dropVendor reports the source's leftovers, which the other system cannot
// take, and removes them. A null leftover carries nothing and is not
// reported.
func (r *remapper) dropVendor(l *lead.Lead, system string) {
	vd, ok := l.Vendor[system]
	if !ok {
		return
	}
	money := map[string]bool{}
	for _, f := range l.CustomFields {
		if f.Type == lead.FieldMoney && f.Source != nil {
			money[f.Source.ID] = true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(vd.Fields)) {
		if isNullJSON(vd.Fields[k]) {
			continue
		}
		// A monetary field's currency companion is part of its value.
		if base, ok := strings.CutSuffix(k, "_currency"); ok && money[base] {
			continue
		}
		loss, reason := r.vendorLoss(system, k)
		r.drop(k, loss, reason, "")
	}
	l.Vendor = maps.Clone(l.Vendor)
	delete(l.Vendor, system)
	if len(l.Vendor) == 0 {
		l.Vendor = nil
	}
}

// vendorLoss classifies the loss of the source's leftover key k.
func (r *remapper) vendorLoss(system, k string) (lead.LossKind, string) {
	if system == systemCopper {
		return lead.LossNoPlace, "Pipedrive leads have no counterpart for this Copper key"
	}
	// A Pipedrive custom field's companion key (<key>_until, <key>_country,
	// …) is part of its value.
	if len(k) > 41 && k[40] == '_' && isHex40(k[:40]) {
		if fm, ok := r.m.fieldByPipedrive(k[:40]); ok && fm.Copper != 0 {
			return lead.LossNoPlace, "a Copper custom value has one part; this part of the field has no place"
		}
		return lead.LossUnmapped, "part of a custom field that has no Copper definition in the mapping's custom_fields"
	}
	if isHex40(k) {
		return lead.LossUnmapped, "the custom field has no Copper definition in the mapping's custom_fields"
	}
	return lead.LossNoPlace, "Copper leads have no counterpart for this Pipedrive key"
}

func isHex40(s string) bool {
	if len(s) != 40 {
		return false
	}
	for i := range len(s) {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// isNullJSON reports whether raw is the JSON null.
func isNullJSON(raw []byte) bool { return string(bytes.TrimSpace(raw)) == "null" }

// toPipedrive rewrites a lead read from Copper for Pipedrive's FromLead and
// finds or plans the person and organization the lead must link to.
func (r *remapper) toPipedrive(l lead.Lead) (lead.Lead, contactPlan) {
	var plan contactPlan

	// Owner: Copper assignee → Pipedrive user.
	var owner int64
	if l.Owner != nil {
		if id, ok := refID(l.Owner, systemCopper); ok {
			if pd, ok := r.m.pipedriveUser(id); ok {
				owner = pd
				l.Owner = ref(systemPipedrive, pd)
			} else {
				r.drop("assignee_id", lead.LossUnmapped, "the assignee has no Pipedrive user in the mapping's users", "copper user "+l.Owner.ID)
				l.Owner = nil
			}
		}
	}

	// Visibility: Copper has none; the mapping's default applies.
	visibleTo := r.m.Visibility.VisibleTo
	if visibleTo != "" {
		if v, err := visibilityOf(r.m.Visibility.Plan, visibleTo); err == nil {
			l.Visibility = v
			r.note("visible_to", lead.Defaulted, "Copper leads have no visibility; the mapping's visibility applies", visibleTo)
		}
	}

	r.contactToPipedrive(&l, &plan, owner, visibleTo)

	// Status → is_archived / was_seen.
	if name := copperStatusName(l); name != "" {
		path := "status"
		if s, ok := r.m.statusToPipedrive(name); ok {
			l.Seen = lead.Some(s.Seen)
			if s.Archived {
				l.Archived = lead.Some(true)
				plan.archive = true
			}
			r.note(path, lead.Derived, "is_archived and was_seen come from the status by the mapping",
				fmt.Sprintf("%s became is_archived %t, was_seen %t", name, s.Archived, s.Seen))
		} else {
			r.drop(path, lead.LossUnmapped, "the status has no entry in the mapping's status.to_pipedrive", name)
		}
		if l.StatusRef != nil {
			r.drop("status_id", lead.LossNoPlace, "Pipedrive leads have no status; the status name stands for it", "copper status "+l.StatusRef.ID)
		}
	} else if l.StatusRef != nil {
		r.drop("status_id", lead.LossUnmapped, "the status is known only by id: the Copper account's lead_statuses would name it", "copper status "+l.StatusRef.ID)
	}
	l.Status, l.StatusName, l.StatusRef = "", "", nil

	// Tags → labels.
	var labels []lead.Label
	for i, lb := range l.Labels {
		lm, ok := r.m.labelByTag(lb.Name)
		if !ok {
			r.drop("tags"+lead.IndexPath(i), lead.LossUnmapped, "the tag has no Pipedrive label in the mapping's labels", lb.Name)
			continue
		}
		labels = append(labels, lead.Label{Name: lm.Name, Ref: &lead.Ref{System: systemPipedrive, ID: lm.Pipedrive}})
		r.labelPaths = append(r.labelPaths, "tags["+strconv.Itoa(i)+"]")
	}
	l.Labels = labels

	// Customer source → channel.
	if s := l.Source; s != nil {
		if id, ok := refID(s.CustomerSource, systemCopper); ok {
			sm, found := r.m.pipedriveSource(id)
			switch {
			case !found:
				r.drop("customer_source_id", lead.LossUnmapped, "the customer source has no entry in the mapping's sources", "copper customer source "+itoa(id))
				l.Source = nil
			case sm.Pipedrive.Channel == 0:
				r.drop("customer_source_id", lead.LossTargetSets, "Pipedrive sets source_name and origin itself; the mapping names no channel", "copper customer source "+itoa(id))
				l.Source = nil
			default:
				l.Source = &lead.Source{Channel: ref(systemPipedrive, sm.Pipedrive.Channel)}
				r.note("customer_source_id", lead.Derived, "the channel comes from the mapping's sources", "pipedrive channel "+itoa(sm.Pipedrive.Channel))
			}
		} else {
			l.Source = nil
		}
	}

	// An amount without a currency is kept as written by the Copper
	// adapter; Pipedrive needs a currency.
	if l.Value == nil {
		if raw, ok := l.Vendor[systemCopper].AsWritten["monetary_value"]; ok && !isNullJSON(raw) {
			r.drop("monetary_value", lead.LossUnmapped, "the amount came without monetary_unit and the mapping has no defaults.currency; a Pipedrive value needs a currency", string(raw))
		}
	}
	r.dropVendor(&l, systemCopper)
	l.CustomFields = r.fieldsToPipedrive(l.CustomFields)
	return l, plan
}

// contactToPipedrive moves the contact data of a Copper lead to a
// Pipedrive person and organization: existing ones found in the directory
// (by email, then by name and company), or new ones to create first.
func (r *remapper) contactToPipedrive(l *lead.Lead, plan *contactPlan, owner int64, visibleTo string) {
	name := fullName(l.Name)
	var email string
	if len(l.Emails) > 0 {
		email = l.Emails[0].Address
	}

	// The lead's title: Pipedrive requires one and Copper has none.
	if l.Title == "" {
		l.Title = titleFrom(r.m.Defaults.TitleTemplate, name, l.CompanyName, email)
		if l.Title != "" {
			r.note("name", lead.Derived, "Pipedrive requires a lead title; the title template builds it", l.Title)
		} else {
			// Copper's title is a job title, never the lead's: name the
			// field the user must supply.
			r.errs.Add("name", "required: Pipedrive requires a lead title, and every placeholder of the title template (defaults.title_template) is empty", lead.ErrRequired)
		}
	}
	r.nameParts(l.Name)

	// A canonical lead may already link a Pipedrive person: that link
	// stands, and nothing is matched or created in its place.
	if !r.linkedPerson(l, plan, name) {
		r.matchOrCreate(l, plan, name, email, owner, visibleTo)
	}

	// The job title and the address belong to the person: a new one takes
	// them, a matched one is not updated.
	if l.JobTitle != "" {
		switch {
		case plan.newPerson != nil:
			plan.newPerson.JobTitle = l.JobTitle
			r.note("title", lead.Derived, "the job title goes to the new Pipedrive person's job_title", l.JobTitle)
		case plan.person.JobTitle == "":
			r.drop("title", lead.LossNoPlace, "the matched person has no job title; persons are not updated", l.JobTitle)
		case foldName(plan.person.JobTitle) != foldName(l.JobTitle):
			r.drop("title", lead.LossNoPlace, "the matched person has another job title; persons are not updated", l.JobTitle)
		}
	}
	for i, s := range l.Socials {
		r.drop("socials"+lead.IndexPath(i), lead.LossNoPlace, "Pipedrive persons have no social profiles", s.URL)
	}
	for i, w := range l.Websites {
		r.drop("websites"+lead.IndexPath(i), lead.LossNoPlace, "Pipedrive persons have no websites", w.URL)
	}
	if l.Address != nil {
		a := formatAddress(*l.Address)
		switch {
		case a == "":
		case plan.newPerson != nil:
			plan.newPerson.PostalAddress = a
			r.note("address", lead.Changed, "the address goes to the new Pipedrive person's postal_address as one line", a)
		default:
			r.drop("address", lead.LossNoPlace, "the matched person is not updated; Pipedrive leads have no address of their own", a)
		}
	}
	l.Name, l.JobTitle, l.Emails, l.Phones, l.Socials, l.Websites, l.Address, l.CompanyName =
		lead.Name{}, "", nil, nil, nil, nil, nil, ""
}

// matchOrCreate finds the contact's Pipedrive person in the directory
// (by email, then by name and company) or plans a new person, and its
// organization.
func (r *remapper) matchOrCreate(l *lead.Lead, plan *contactPlan, name, email string, owner int64, visibleTo string) {
	if r.dir != nil {
		var how string
		var several []Person // an ambiguous match, reported when nothing decides
		matches := r.dir.FindPipedrivePersonsByEmail(email)
		how = "email"
		if len(matches) > 1 {
			// Several persons share the address: the name and company decide.
			several = matches
			var narrowed []Person
			for _, p := range matches {
				if foldName(p.Name) == foldName(name) && foldName(p.OrganizationName) == foldName(l.CompanyName) {
					narrowed = append(narrowed, p)
				}
			}
			matches, how = narrowed, "email, name and company"
		}
		if len(matches) == 0 && name != "" {
			matches, how = r.dir.FindPipedrivePersonsByName(name, l.CompanyName), "name and company"
		}
		switch {
		case len(matches) == 1:
			p := matches[0]
			plan.person = &p
		case len(matches) > 1:
			several = matches
		}
		if plan.person == nil && len(several) > 0 {
			ids := make([]string, len(several))
			for i, p := range several {
				ids[i] = itoa(p.ID)
			}
			r.note("name", lead.Derived, "several Pipedrive persons match; none is chosen and a new person is created",
				"pipedrive persons "+strings.Join(ids, ", "))
		}
		if plan.person != nil {
			p := plan.person
			r.note("name", lead.Derived, "the contact is an existing Pipedrive person, matched by "+how, "pipedrive person "+itoa(p.ID))
			if name != "" && foldName(name) != foldName(p.Name) {
				r.drop("name", lead.LossNoPlace, "the matched person has another name; persons are not updated", name)
			}
			l.Person = ref(systemPipedrive, p.ID)
			r.checkKnown(l, *p)
			if p.OrganizationID != 0 {
				l.Organization = ref(systemPipedrive, p.OrganizationID)
				if l.CompanyName != "" && foldName(l.CompanyName) != foldName(p.OrganizationName) {
					r.drop("company_name", lead.LossNoPlace, "the matched person belongs to another organization; persons are not updated", l.CompanyName)
				} else if l.CompanyName != "" {
					r.note("company_name", lead.Derived, "the organization is the matched person's", "pipedrive organization "+itoa(p.OrganizationID))
				}
			} else if l.CompanyName != "" {
				r.drop("company_name", lead.LossNoPlace, "the matched person has no organization; persons are not updated", l.CompanyName)
			}
		}
	}

	if plan.person == nil {
		pc := &PersonCreate{Name: name, OwnerID: owner, VisibleTo: visibleTo}
		// Categories become Pipedrive's labels by meaning (a Copper
		// "personal" email is a Pipedrive "home" one); pipedrive knows
		// the words.
		for i, e := range l.Emails {
			label, why := pipedrive.EmailLabel(e.Category)
			if why != "" {
				path := "email.category" // Copper's one email
				if i > 0 {
					path = "emails" + lead.IndexPath(i) + ".category"
				}
				r.note(path, lead.Changed, why, string(e.Category)+" became "+label)
			}
			pc.Email = append(pc.Email, ContactValue{Value: e.Address, Label: label, Primary: i == 0})
		}
		for i, p := range l.Phones {
			label, why := pipedrive.PhoneLabel(p.Category)
			if why != "" {
				r.note("phone_numbers"+lead.IndexPath(i)+".category", lead.Changed, why, string(p.Category)+" became "+label)
			}
			pc.Phone = append(pc.Phone, ContactValue{Value: p.Number, Label: label, Primary: i == 0})
		}
		plan.newPerson = pc
		if pc.Name == "" {
			pc.Name = l.Title
		}
		r.note("name", lead.Derived, "a new Pipedrive person is created first from the contact data", pc.Name)
		if id, ok := refID(l.Organization, systemPipedrive); ok {
			// The lead's own organization link stands.
			pc.OrgID = id
			r.note("organization", lead.Derived, "the new person belongs to the Pipedrive organization the lead links", "pipedrive organization "+itoa(id))
			if l.CompanyName != "" {
				r.drop("company_name", lead.LossNoPlace, "the lead links a Pipedrive organization; its company name is not written to it", l.CompanyName)
			}
		} else if l.CompanyName != "" {
			var orgs []Organization
			if r.dir != nil {
				orgs = r.dir.FindPipedriveOrganizationsByName(l.CompanyName)
			}
			if len(orgs) == 1 {
				plan.organization = &orgs[0]
				l.Organization = ref(systemPipedrive, orgs[0].ID)
				pc.OrgID = orgs[0].ID
				r.note("company_name", lead.Derived, "the company is an existing Pipedrive organization, matched by name",
					"pipedrive organization "+itoa(orgs[0].ID))
			} else {
				plan.newOrg = &OrganizationCreate{Name: l.CompanyName, OwnerID: owner, VisibleTo: visibleTo}
				r.note("company_name", lead.Derived, "a new Pipedrive organization is created first from the company name", l.CompanyName)
			}
		}
	}
}

// linkedPerson uses the Pipedrive person that l already links, as a
// canonical lead naming both systems can: it is the contact, and its
// organization the lead's unless the lead links another. It reports
// whether l links one.
func (r *remapper) linkedPerson(l *lead.Lead, plan *contactPlan, name string) bool {
	id, ok := refID(l.Person, systemPipedrive)
	if !ok {
		return false
	}
	p := Person{ID: id}
	known := false
	if r.dir != nil {
		p, known = r.dir.PipedrivePerson(id)
		p.ID = id
	}
	plan.person = &p
	r.note("person", lead.Derived, "the contact is the Pipedrive person the lead links", "pipedrive person "+itoa(id))
	if !known {
		// Without the person's record nothing can be compared: the
		// contact data stays with the person as it is in Pipedrive.
		if name != "" {
			r.drop("name", lead.LossUnmapped, "the linked person is not in the directory; persons are not updated", name)
		}
		for i, e := range l.Emails {
			r.drop("emails"+lead.IndexPath(i), lead.LossUnmapped, "the linked person is not in the directory; persons are not updated", e.Address)
		}
		for i, ph := range l.Phones {
			r.drop("phone_numbers"+lead.IndexPath(i), lead.LossUnmapped, "the linked person is not in the directory; persons are not updated", ph.Number)
		}
	} else {
		if name != "" && foldName(name) != foldName(p.Name) {
			r.drop("name", lead.LossNoPlace, "the linked person has another name; persons are not updated", name)
		}
		r.checkKnown(l, p)
	}
	if _, ok := refID(l.Organization, systemPipedrive); !ok && p.OrganizationID != 0 {
		l.Organization = ref(systemPipedrive, p.OrganizationID)
	}
	if l.CompanyName != "" {
		r.drop("company_name", lead.LossNoPlace, "the lead links a Pipedrive person; persons and organizations are not updated", l.CompanyName)
	}
	return true
}

// checkKnown reports the contact data of a Copper lead that the matched
// Pipedrive person does not hold: persons are not updated.
func (r *remapper) checkKnown(l *lead.Lead, p Person) {
	if len(l.Emails) > 0 && !slices.ContainsFunc(p.Emails, func(e lead.Email) bool {
		return strings.EqualFold(strings.TrimSpace(e.Address), strings.TrimSpace(l.Emails[0].Address))
	}) {
		r.drop("email", lead.LossNoPlace, "the matched person lacks this email address; persons are not updated", l.Emails[0].Address)
	}
	for i, ph := range l.Phones {
		if !slices.ContainsFunc(p.Phones, func(q lead.Phone) bool { return q.Number == ph.Number }) {
			r.drop("phone_numbers"+lead.IndexPath(i), lead.LossNoPlace, "the matched person lacks this number; persons are not updated", ph.Number)
		}
	}
}

// nameParts reports the parts of a Copper name that the name as written
// does not contain: the Pipedrive person takes the name as written.
func (r *remapper) nameParts(n lead.Name) {
	if n.Full == "" {
		return // the person's name is joined from the parts
	}
	full := strings.ToLower(n.Full)
	for _, p := range []struct{ path, v string }{
		{"prefix", n.Prefix}, {"first_name", n.First}, {"middle_name", n.Middle},
		{"last_name", n.Last}, {"suffix", n.Suffix},
	} {
		if p.v != "" && !strings.Contains(full, strings.ToLower(strings.TrimSpace(p.v))) {
			r.drop(p.path, lead.LossNoPlace, "the Pipedrive person takes name as written, which lacks this part", p.v)
		}
	}
}

func formatAddress(a lead.Address) string {
	var parts []string
	for _, s := range []string{a.Street, a.City, a.State, a.PostalCode, a.Country} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// fullName returns the name as written, or its parts joined by spaces.
func fullName(n lead.Name) string {
	if n.Full != "" {
		return n.Full
	}
	var parts []string
	for _, s := range []string{n.Prefix, n.First, n.Middle, n.Last, n.Suffix} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// titleFrom fills the template. The text before the first placeholder is
// kept; text between two placeholders is kept only when both have values;
// text after the last placeholder only when it has one.
func titleFrom(tmpl, name, company, email string) string {
	if tmpl == "" {
		tmpl = DefaultTitleTemplate
	}
	values := map[string]string{"{name}": name, "{company_name}": company, "{email}": email}
	locs := placeholder.FindAllStringIndex(tmpl, -1)
	if len(locs) == 0 {
		return strings.TrimSpace(tmpl)
	}
	var b strings.Builder
	b.WriteString(tmpl[:locs[0][0]]) // the text before the first placeholder
	wrote, last := false, ""
	prev := locs[0][0]
	for _, loc := range locs {
		lit := tmpl[prev:loc[0]]
		v := values[tmpl[loc[0]:loc[1]]]
		last, prev = v, loc[1]
		if v == "" {
			continue
		}
		if wrote {
			b.WriteString(lit)
		}
		b.WriteString(v)
		wrote = true
	}
	if !wrote {
		return ""
	}
	out := b.String()
	if last != "" {
		out += tmpl[prev:]
	}
	return strings.TrimSpace(out)
}
