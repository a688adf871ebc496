package copper

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/leadbridge/leadbridge/lead"
)

// CreateLeadRequest is the body of POST /leads (Copper Developer API,
// "Create a New Lead"): the writable keys of a lead. Absent keys are left
// out of the JSON; null keys are written as null.
type CreateLeadRequest struct {
	Name             Field[string]
	Prefix           Field[string]
	FirstName        Field[string]
	MiddleName       Field[string]
	LastName         Field[string]
	Suffix           Field[string]
	Address          Field[Address]
	AssigneeID       Field[int64]
	CompanyName      Field[string]
	CustomerSourceID Field[int64]
	Details          Field[string]
	Email            Field[Email]
	MonetaryValue    Field[Number]
	MonetaryUnit     Field[string]
	PhoneNumbers     Field[[]Phone]
	Socials          Field[[]Social]
	Status           Field[string]
	Tags             Field[[]string]
	Title            Field[string]
	Websites         Field[[]Website]
	CustomFields     Field[[]CustomFieldValue]
}

// UpdateLeadRequest is the body of PUT /leads/{id} (Copper Developer API,
// "Update a Lead"): only the keys to change; null clears a key; in
// custom_fields only the entries to change.
type UpdateLeadRequest CreateLeadRequest

// writableKeys are the keys a request body may carry.
var writableKeys = []string{"name", "prefix", "first_name", "middle_name", "last_name", "suffix",
	"address", "assignee_id", "company_name", "customer_source_id", "details", "email",
	"monetary_value", "monetary_unit", "phone_numbers", "socials", "status", "tags", "title",
	"websites", "custom_fields"}

func (r CreateLeadRequest) lead() Lead {
	return Lead{Name: r.Name, Prefix: r.Prefix, FirstName: r.FirstName, MiddleName: r.MiddleName,
		LastName: r.LastName, Suffix: r.Suffix, Address: r.Address, AssigneeID: r.AssigneeID,
		CompanyName: r.CompanyName, CustomerSourceID: r.CustomerSourceID, Details: r.Details,
		Email: r.Email, MonetaryValue: r.MonetaryValue, MonetaryUnit: r.MonetaryUnit,
		PhoneNumbers: r.PhoneNumbers, Socials: r.Socials, Status: r.Status, Tags: r.Tags,
		Title: r.Title, Websites: r.Websites, CustomFields: r.CustomFields}
}

func requestOf(w Lead) CreateLeadRequest {
	return CreateLeadRequest{Name: w.Name, Prefix: w.Prefix, FirstName: w.FirstName, MiddleName: w.MiddleName,
		LastName: w.LastName, Suffix: w.Suffix, Address: w.Address, AssigneeID: w.AssigneeID,
		CompanyName: w.CompanyName, CustomerSourceID: w.CustomerSourceID, Details: w.Details,
		Email: w.Email, MonetaryValue: w.MonetaryValue, MonetaryUnit: w.MonetaryUnit,
		PhoneNumbers: w.PhoneNumbers, Socials: w.Socials, Status: w.Status, Tags: w.Tags,
		Title: w.Title, Websites: w.Websites, CustomFields: w.CustomFields}
}

// AppendJSON appends the body as compact JSON.
func (r CreateLeadRequest) AppendJSON(dst []byte) []byte { return r.lead().AppendJSON(dst) }

// MarshalJSON encodes the body with AppendJSON.
func (r CreateLeadRequest) MarshalJSON() ([]byte, error) { return r.AppendJSON(nil), nil }

// AppendJSON appends the body as compact JSON.
func (r UpdateLeadRequest) AppendJSON(dst []byte) []byte {
	return CreateLeadRequest(r).lead().AppendJSON(dst)
}

// MarshalJSON encodes the body with AppendJSON.
func (r UpdateLeadRequest) MarshalJSON() ([]byte, error) { return r.AppendJSON(nil), nil }

// FromLead builds the body of POST /leads for l. Only writable keys are
// sent; empty keys are left out; id, dates, interaction_count and status_id
// are reported as dropped when l holds them. Copper requires name: when
// l.Name.Full is empty but name parts are set, name is joined from the parts
// (reported as derived); with no name at all the error names "name"
// (lead.ErrRequired): no other field is used in its place.
func (t Translator) FromLead(l lead.Lead) (CreateLeadRequest, lead.Report, error) {
	var rep lead.Report
	var errs lead.ErrorList
	w := t.leadObject(l, &rep, &errs)
	t.nameRule(l, &w, &rep, &errs)
	if len(errs) > 0 {
		return CreateLeadRequest{}, nil, errs.Err()
	}
	readOnly(l, &rep)
	if vd, ok := l.Vendor[System]; ok {
		for _, k := range sortedKeys(vd.Fields) {
			if string(vd.Fields[k]) == "null" {
				continue // an unset value carries nothing
			}
			drop(&rep, "vendor."+System+".fields."+k, lead.LossTargetSets, "a key of Copper's responses that its create body (POST /leads) does not take")
		}
	}
	// Empty keys are left out of a create body.
	for _, name := range writableKeys {
		k := keyByName(name)
		if *k.state(&w) == Null || emptyList(&w, k) {
			*k.state(&w) = Absent
		}
	}
	r := requestOf(w)
	rep.Sort()
	return r, rep, nil
}

// emptyList reports whether key k of l is a list that is set and empty.
func emptyList(l *Lead, k keyDef) bool {
	switch k.name {
	case "phone_numbers":
		return l.PhoneNumbers.State == Present && len(l.PhoneNumbers.Value) == 0
	case "socials":
		return l.Socials.State == Present && len(l.Socials.Value) == 0
	case "tags":
		return l.Tags.State == Present && len(l.Tags.Value) == 0
	case "websites":
		return l.Websites.State == Present && len(l.Websites.Value) == 0
	case "custom_fields":
		return l.CustomFields.State == Present && len(l.CustomFields.Value) == 0
	}
	return false
}

// nameRule enforces Copper's required name.
func (t Translator) nameRule(l lead.Lead, w *Lead, rep *lead.Report, errs *lead.ErrorList) {
	if l.Name.Full != "" {
		return
	}
	n := l.Name
	var parts []string
	for _, p := range []string{n.Prefix, n.First, n.Middle, n.Last, n.Suffix} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		errs.Add("name", "required", lead.ErrRequired)
		return
	}
	w.Name = Set(strings.Join(parts, " "))
	report(rep, "name.full", lead.Derived, "Copper requires name: joined from the name parts")
}

// readOnly reports canonical data that only Copper itself sets.
func readOnly(l lead.Lead, rep *lead.Report) {
	for i, id := range l.IDs {
		if id.System == System {
			drop(rep, "ids"+lead.IndexPath(i), lead.LossTargetSets, "read-only: Copper assigns lead ids")
		}
	}
	if !l.CreatedAt.IsZero() {
		drop(rep, "created_at", lead.LossTargetSets, "read-only: set by Copper")
	}
	if !l.ModifiedAt.IsZero() {
		drop(rep, "modified_at", lead.LossTargetSets, "read-only: set by Copper")
	}
	if !l.LastContactedAt.IsZero() {
		drop(rep, "last_contacted_at", lead.LossTargetSets, "read-only: set by Copper")
	}
	if l.InteractionCount.Set {
		drop(rep, "interaction_count", lead.LossTargetSets, "read-only: set by Copper")
	}
	if l.StatusRef != nil && l.StatusRef.System == System {
		drop(rep, "status_ref", lead.LossTargetSets, "status_id is not part of the request body; status is sent by name")
	}
}

// UpdateRequest builds the body of PUT /leads/{id} that turns before into
// after: keys whose Copper value is unchanged are absent, cleared keys are
// null, and custom_fields holds only the changed entries (a removed entry
// is sent with value null). The leads are compared as LeadObject builds
// them, vendor data included, so an amount without monetary_unit (kept
// only in vendor data) is compared too; monetary_value and monetary_unit
// are sent separately, and a value that is still set is never nulled. Changes to read-only data are reported as
// dropped. Errors are as for FromLead, with paths of after.
func (t Translator) UpdateRequest(before, after lead.Lead) (UpdateLeadRequest, lead.Report, error) {
	var rep lead.Report
	var errs, ignored lead.ErrorList
	// Both sides are compared as LeadObject builds them, vendor data
	// included: an amount kept only in vendor data (no monetary_unit) is
	// still the lead's amount, and a change to it is sent.
	wb := t.leadObject(before, nil, &ignored)
	t.restoreVendor(before, &wb)
	wa := t.leadObject(after, &rep, &errs)
	t.nameRule(after, &wa, &rep, &errs)
	if len(errs) > 0 {
		return UpdateLeadRequest{}, nil, errs.Err()
	}
	t.restoreVendor(after, &wa)
	var out Lead
	for _, name := range writableKeys {
		k := keyByName(name)
		if name == "custom_fields" {
			continue
		}
		b, a := renderKey(&wb, k), renderKey(&wa, k)
		// Rule: a key is sent only when its value changed. Absent, null,
		// "" and [] all say "empty"; a key that became absent is sent as
		// null, as a PUT body cannot say "absent".
		if bytes.Equal(b, a) || (emptyRender(b) && emptyRender(a)) {
			continue
		}
		if *k.state(&wa) == Absent {
			*k.state(&out) = Null
			continue
		}
		k.copy(&out, &wa)
	}
	var changed []CustomFieldValue
	old := map[int64]json.RawMessage{}
	for _, c := range wb.CustomFields.Value {
		old[c.DefinitionID.Value] = valueJSON(c)
	}
	seen := map[int64]bool{}
	for _, c := range wa.CustomFields.Value {
		id := c.DefinitionID.Value
		seen[id] = true
		if prev, ok := old[id]; !ok || !bytes.Equal(prev, valueJSON(c)) {
			changed = append(changed, c)
		}
	}
	for _, c := range wb.CustomFields.Value {
		if !seen[c.DefinitionID.Value] {
			changed = append(changed, CustomFieldValue{DefinitionID: c.DefinitionID, Value: NullField[json.RawMessage]()})
		}
	}
	if len(changed) > 0 {
		out.CustomFields = Set(changed)
	}
	// Notes on custom fields that are not sent say nothing about the body.
	sent := map[string]bool{}
	for _, c := range changed {
		sent[itoa(c.DefinitionID.Value)] = true
	}
	kept := rep[:0]
	for _, c := range rep {
		if j, ok := customIndex(c.Path); ok && j < len(after.CustomFields) {
			if id, ok := customIDText(after.CustomFields[j]); ok && !sent[id] {
				continue
			}
		}
		kept = append(kept, c)
	}
	rep = kept
	var ro, roBefore lead.Report
	readOnly(after, &ro)
	readOnly(before, &roBefore)
	for _, c := range ro {
		if !bytes.Equal(renderKey(&wb, keyByName(roKey(c.Path))), renderKey(&wa, keyByName(roKey(c.Path)))) {
			rep = append(rep, c)
		}
	}
	// Clearing read-only data is a change too: a value before holds and
	// after does not is reported as well.
	for _, c := range roBefore {
		k := keyByName(roKey(c.Path))
		if slices.ContainsFunc(ro, func(a lead.Change) bool { return roKey(a.Path) == k.name }) ||
			bytes.Equal(renderKey(&wb, k), renderKey(&wa, k)) {
			continue
		}
		if k.name == "id" {
			c.Path = "ids" // after holds no Copper id to point at
		}
		rep = append(rep, c)
	}
	rep.Sort()
	return UpdateLeadRequest(requestOf(out)), rep, nil
}

// emptyRender reports whether b, one key rendered by renderKey, is absent
// or holds null, "" or [].
func emptyRender(b []byte) bool {
	if string(b) == "{}" {
		return true
	}
	i := bytes.IndexByte(b, ':')
	if i < 0 {
		return false
	}
	switch string(b[i+1 : len(b)-1]) {
	case "null", `""`, "[]":
		return true
	}
	return false
}

// customIndex returns j of a path "custom_fields[j]...".
func customIndex(path string) (int, bool) {
	rest, ok := strings.CutPrefix(path, "custom_fields[")
	if !ok {
		return 0, false
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return 0, false
	}
	j, err := strconv.Atoi(rest[:end])
	return j, err == nil
}

func roKey(path string) string {
	switch {
	case strings.HasPrefix(path, "ids"):
		return "id"
	case path == "created_at":
		return "date_created"
	case path == "modified_at":
		return "date_modified"
	case path == "last_contacted_at":
		return "date_last_contacted"
	case path == "status_ref":
		return "status_id"
	}
	return path
}

func valueJSON(c CustomFieldValue) json.RawMessage {
	if c.Value.State != Present {
		return json.RawMessage("null")
	}
	return c.Value.Value
}
