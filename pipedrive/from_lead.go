package pipedrive

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

func asErrorList(err error, list *lead.ErrorList) bool { return errors.As(err, list) }

// mode selects the rules of the build: the response shape (LeadObject) or
// the POST body (FromLead), where references to another system are errors.
type mode uint8

const (
	modeObject mode = iota
	modeCreate
)

// LeadObject builds the response-shaped object for l: the inverse of
// ToLead. For a Lead that ToLead produced, LeadObject(...).AppendJSON gives
// the JSON value ToLead read, custom fields, unknown keys and nulls
// included, absent keys left absent. Canonical data Pipedrive has no place
// for (contact name, emails, phones, address, company name, description,
// status, other systems' ids and vendor data, ...) is reported as dropped,
// with its canonical path.
func (t Translator) LeadObject(l lead.Lead) (Lead, lead.Report, error) {
	return t.build(l, modeObject)
}

func (t Translator) build(l lead.Lead, m mode) (Lead, lead.Report, error) {
	var (
		out  Lead
		rep  lead.Report
		errs lead.ErrorList
	)
	vd := l.Vendor[System]
	var absent, null uint32
	for _, k := range vd.Absent {
		if n := leadKey([]byte(k)); n >= 0 {
			absent |= 1 << n
		}
	}
	for _, k := range vd.Null {
		if n := leadKey([]byte(k)); n >= 0 {
			null |= 1 << n
		}
	}
	// empty gives the state of a key whose canonical value is empty: null
	// when the source sent null, an empty string when it sent one, else absent.
	emptyStr := func(n int) Patch[string] {
		switch {
		case null&(1<<n) != 0:
			return Null[string]()
		case string(vd.AsWritten[leadKeys[n]]) == `""`:
			return Set("")
		}
		return Patch[string]{}
	}
	str := func(n int, v string) Patch[string] {
		if v != "" {
			return Set(v)
		}
		return emptyStr(n)
	}
	emptyState := func(n int) uint8 {
		if null&(1<<n) != 0 {
			return 1
		}
		return 0
	}
	refField := func(n int, path string, r *lead.Ref) Patch[int64] {
		if r == nil {
			return Patch[int64]{state: emptyState(n)}
		}
		id, ok := pipedriveID(r)
		if !ok {
			if m == modeCreate && (n == 5 || n == 6) {
				errs.Add(leadKeys[n], "want a pipedrive integer id", lead.ErrUnsupported)
			} else {
				rep.Drop(path, lead.LossUnmapped, "an id of another system needs a mapping to a Pipedrive id", "")
			}
			return Patch[int64]{state: emptyState(n)}
		}
		return Set(id)
	}

	// ids: the Pipedrive UUID; other systems' ids have no place.
	out.ID = emptyStr(0)
	for i, id := range l.IDs {
		if id.System == System && isUUID(id.ID) {
			out.ID = Set(id.ID)
			continue
		}
		rep.Drop("ids"+lead.IndexPath(i), lead.LossTargetSets, "Pipedrive assigns lead ids; another system's id has no place in a Pipedrive lead", "")
	}
	out.Title = str(1, l.Title)
	out.OwnerID = refField(2, "owner", l.Owner)
	out.CreatorID = refField(3, "creator", l.Creator)
	out.PersonID = refField(5, "person", l.Person)
	out.OrganizationID = refField(6, "organization", l.Organization)
	out.NextActivityID = refField(16, "next_activity", l.NextActivity)

	// labels: Pipedrive lead labels by UUID; a label without one is found
	// by name in the Translator's labels, or dropped.
	switch {
	case len(l.Labels) > 0:
		ids := make([]string, 0, len(l.Labels))
		for i, lb := range l.Labels {
			if lb.Ref != nil && lb.Ref.System == System && isUUID(lb.Ref.ID) {
				ids = append(ids, lb.Ref.ID)
				continue
			}
			if id := t.labelByName(lb.Name); id != "" {
				ids = append(ids, id)
				continue
			}
			rep.Drop("labels"+lead.IndexPath(i), lead.LossUnmapped, "no Pipedrive lead label id", "")
		}
		out.LabelIDs = Set(ids)
	case null&(1<<4) != 0:
		out.LabelIDs = Null[[]string]()
	case string(vd.AsWritten["label_ids"]) == "[]":
		out.LabelIDs = Set([]string{})
	}

	// source
	var src lead.Source
	if l.Source != nil {
		src = *l.Source
	}
	out.SourceName = str(7, src.Name)
	out.Origin = str(8, src.Origin)
	out.OriginID = str(9, src.OriginID)
	out.Channel = refField(10, "source.channel", src.Channel)
	out.ChannelID = str(11, src.ChannelID)
	if src.CustomerSource != nil {
		rep.Drop("source.customer_source", lead.LossNoPlace, "Pipedrive leads have no customer source", "")
	}

	if v, ok := l.Archived.Get(); ok {
		out.IsArchived = Set(v)
	} else {
		out.IsArchived.state = emptyState(12)
	}
	if v, ok := l.Seen.Get(); ok {
		out.WasSeen = Set(v)
	} else {
		out.WasSeen.state = emptyState(13)
	}

	// value
	if l.Value != nil {
		amount := lead.FormatDecimal(l.Value.Amount)
		if w, ok := vd.AsWritten["value.amount"]; ok {
			if d, err := lead.ParseDecimal(string(w)); err == nil && d.Equal(l.Value.Amount) {
				amount = string(w)
			}
		}
		if l.Value.Currency == "" {
			errs.Add("value.currency", "required", lead.ErrRequired)
		}
		if m == modeCreate {
			t.checkCustomCurrency("value.currency", l.Value, &rep)
		}
		out.Value = Set(Value{Amount: json.Number(amount), Currency: l.Value.Currency})
	} else {
		out.Value.state = emptyState(14)
	}

	if l.ExpectedCloseDate != nil {
		if !l.ExpectedCloseDate.Valid() {
			errs.Add("expected_close_date", "date", lead.ErrInvalid)
		} else {
			out.ExpectedCloseDate = Set(l.ExpectedCloseDate.String())
		}
	} else {
		out.ExpectedCloseDate = emptyStr(15)
	}

	out.AddTime = timeField(vd, 17, l.CreatedAt, emptyStr)
	out.UpdateTime = timeField(vd, 18, l.ModifiedAt, emptyStr)

	// visibility: the code for the Translator's plan. A code kept by
	// ToLead is used while it still means the Lead's visibility.
	if w, ok := vd.AsWritten["visible_to"]; ok {
		code, _ := unquote(w)
		v, known, ambiguous := visibilityOf(t.Plan, code)
		if known && (v == l.Visibility || (ambiguous && l.Visibility == "")) {
			out.VisibleTo = Set(code)
		}
	}
	if out.VisibleTo.IsZero() {
		if l.Visibility != "" {
			code := codeOf(t.Plan, l.Visibility)
			if code == "" {
				if m == modeCreate {
					errs.Add("visible_to", "visibility "+string(l.Visibility)+" not expressible on the "+t.Plan.String()+" plan", lead.ErrUnsupported)
				} else {
					rep.Drop("visibility", lead.LossNoPlace, "not expressible on the "+t.Plan.String()+" plan", "")
				}
			} else {
				out.VisibleTo = Set(code)
			}
		}
		if out.VisibleTo.IsZero() {
			out.VisibleTo = emptyStr(19)
		}
	}

	out.CCEmail = str(20, l.BCCEmail)

	// custom fields, each followed by its companion keys, then the other
	// keys kept in Fields, sorted by name.
	var written []string
	var vdKeys []string
	if len(vd.Fields) > 0 {
		vdKeys = make([]string, 0, len(vd.Fields))
		for k := range vd.Fields {
			vdKeys = append(vdKeys, k)
		}
		slices.Sort(vdKeys)
	}
	for i, cf := range l.CustomFields {
		key := customKey(cf)
		if key == "" {
			if !cf.IsSet() || string(cf.Raw) == "null" {
				continue // an unset field carries nothing
			}
			rep.Drop("custom_fields"+lead.IndexPath(i), lead.LossUnmapped, "not a Pipedrive custom field: it needs a mapping to a deal field key", "")
			continue
		}
		raw, ok := encodeCustom(make([]byte, 0, 32), cf)
		if !ok {
			rep.Drop("custom_fields"+lead.IndexPath(i), lead.LossNoPlace, "value not expressible in Pipedrive", "")
			continue
		}
		if w, ok := vd.AsWritten[key]; ok && cf.Type != lead.FieldRaw {
			var cur []byte
			if cf.Money != nil {
				cur = jsonwire.AppendString(nil, cf.Money.Currency)
			}
			if again, fe := decodeCustom(cf.Type, w, nil, cur); fe == nil {
				if enc, ok := encodeCustom(nil, again); ok && string(enc) == string(raw) {
					raw = w
				}
			}
		}
		out.Extra = append(out.Extra, RawField{Key: key, Value: raw})
		written = append(written, key)
		if cf.Money != nil {
			if m == modeCreate {
				t.checkCustomCurrency("custom_fields"+lead.IndexPath(i)+".money.currency", cf.Money, &rep)
			}
			k := key + "_currency"
			out.Extra = append(out.Extra, RawField{Key: k, Value: jsonwire.AppendString(nil, cf.Money.Currency)})
			written = append(written, k)
		}
		// The field's other companion keys (<key>_currency of a raw
		// monetary field, <key>_until, <key>_formatted_address, …) follow
		// it, as Pipedrive writes them.
		for _, k := range vdKeys {
			if base, _, ok := companionOf(k); ok && base == key && !slices.Contains(written, k) {
				out.Extra = append(out.Extra, RawField{Key: k, Value: vd.Fields[k]})
				written = append(written, k)
			}
		}
	}
	if len(vd.Fields) > 0 {
		for _, k := range vdKeys {
			if leadKey([]byte(k)) >= 0 || slices.Contains(written, k) {
				continue
			}
			out.Extra = append(out.Extra, RawField{Key: k, Value: vd.Fields[k]})
		}
	}

	// What Pipedrive has no place for.
	dropped := []struct {
		path string
		set  bool
	}{
		{"name", !l.Name.IsZero()},
		{"job_title", l.JobTitle != ""},
		{"emails", len(l.Emails) > 0},
		{"phone_numbers", len(l.Phones) > 0},
		{"socials", len(l.Socials) > 0},
		{"websites", len(l.Websites) > 0},
		{"address", l.Address != nil},
		{"company_name", l.CompanyName != ""},
		{"status", l.Status != ""},
		{"status_ref", l.StatusRef != nil},
		{"status_name", l.StatusName != ""},
		{"description", l.Description != ""},
		{"last_contacted_at", !l.LastContactedAt.IsZero()},
		{"interaction_count", l.InteractionCount.Set},
	}
	for _, d := range dropped {
		if d.set {
			rep.Drop(d.path, lead.LossNoPlace, "Pipedrive leads have no such field", "")
		}
	}
	for sys := range l.Vendor {
		if sys != System {
			rep.Drop("vendor."+sys, lead.LossNoPlace, "another system's vendor data", "")
		}
	}
	rep.Sort()
	if err := errs.Err(); err != nil {
		return Lead{}, rep, err
	}
	return out, rep, nil
}

// timeField writes an instant as Pipedrive does, or as the source wrote
// it while that spelling still denotes the same instant.
func timeField(vd lead.VendorData, n int, tm time.Time, empty func(int) Patch[string]) Patch[string] {
	if tm.IsZero() {
		return empty(n)
	}
	if w, ok := vd.AsWritten[leadKeys[n]]; ok {
		if s, ok := unquote(w); ok {
			var errs lead.ErrorList
			if again := parseTime(&errs, "", Set(s), func(string, []byte) {}); again.Equal(tm) {
				return Set(s)
			}
		}
	}
	return Set(tm.UTC().Format(timeLayout))
}

// pipedriveID returns the integer id of a Pipedrive ref.
func pipedriveID(r *lead.Ref) (int64, bool) {
	if r.System != System {
		return 0, false
	}
	n, err := strconv.ParseInt(r.ID, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != r.ID {
		return 0, false
	}
	return n, true
}

// customKey returns the 40-hex key of a Pipedrive custom field, or "".
func customKey(cf lead.CustomField) string {
	if cf.Source != nil {
		if cf.Source.System == System && isCustomKey(cf.Source.ID) {
			return cf.Source.ID
		}
		return ""
	}
	if k, ok := strings.CutPrefix(cf.Key, "pipedrive:"); ok && isCustomKey(k) {
		return k
	}
	return ""
}

func (t Translator) labelByName(name string) string {
	if name == "" {
		return ""
	}
	for id, lb := range t.Labels {
		if lb.Name == name {
			return id
		}
	}
	return ""
}

// FromLead builds the body of POST /v1/leads for l. Rules (Pipedrive API reference, addLead):
// title is required; person_id or organization_id is required and must
// be a Pipedrive integer id; value needs amount and currency; the
// visibility must be expressible on the Translator's plan. What POST does
// not accept (id, creator, source name and origin, archived, next
// activity, timestamps, cc_email, unknown keys) and what Pipedrive has no
// place for is reported as dropped, with its canonical path.
func (t Translator) FromLead(l lead.Lead) (AddLeadRequest, lead.Report, error) {
	obj, rep, err := t.build(l, modeCreate)
	var errs lead.ErrorList
	if err != nil {
		asErrorList(err, &errs)
	}
	// Rule: title is required.
	if l.Title == "" {
		errs.Add("title", "required", lead.ErrRequired)
	}
	// Rule: a lead is linked to a person or an organization or both.
	if l.Person == nil && l.Organization == nil {
		errs.Add("person_id", "person_id or organization_id required", lead.ErrRequired)
	}
	// Rule: both amount and currency.
	if l.Value != nil && l.Value.Currency == "" && !slices.ContainsFunc(errs, func(e *lead.FieldError) bool { return e.Path == "value.currency" }) {
		errs.Add("value.currency", "required", lead.ErrRequired)
	}
	if err := errs.Err(); err != nil {
		return AddLeadRequest{}, rep, err
	}
	req := AddLeadRequest{}
	req.Title, _ = obj.Title.Get()
	if v, ok := obj.OwnerID.Get(); ok {
		req.OwnerID = lead.Some(v)
	}
	if ids, ok := obj.LabelIDs.Get(); ok && len(ids) > 0 {
		req.LabelIDs = ids
	}
	if v, ok := obj.PersonID.Get(); ok {
		req.PersonID = lead.Some(v)
	}
	if v, ok := obj.OrganizationID.Get(); ok {
		req.OrganizationID = lead.Some(v)
	}
	if v, ok := obj.Value.Get(); ok {
		req.Value = &v
	}
	req.ExpectedCloseDate, _ = obj.ExpectedCloseDate.Get()
	req.VisibleTo, _ = obj.VisibleTo.Get()
	if v, ok := obj.WasSeen.Get(); ok {
		req.WasSeen = lead.Some(v)
	}
	req.OriginID, _ = obj.OriginID.Get()
	if v, ok := obj.Channel.Get(); ok {
		req.Channel = lead.Some(v)
	}
	req.ChannelID, _ = obj.ChannelID.Get()

	const setByPipedrive = "set by Pipedrive, not accepted on create"
	readOnly := []struct {
		path   string
		set    bool
		loss   lead.LossKind
		reason string
	}{
		{"ids", slices.ContainsFunc(l.IDs, func(r lead.Ref) bool { return r.System == System }), lead.LossTargetSets, setByPipedrive},
		{"creator", l.Creator != nil, lead.LossTargetSets, setByPipedrive},
		{"next_activity", l.NextActivity != nil, lead.LossTargetSets, setByPipedrive},
		{"source.name", l.Source != nil && l.Source.Name != "", lead.LossTargetSets, setByPipedrive},
		{"source.origin", l.Source != nil && l.Source.Origin != "", lead.LossTargetSets, setByPipedrive},
		// A new lead is not archived: only true is lost.
		{"archived", l.Archived.Set && l.Archived.Value, lead.LossNoPlace, "accepted only on update (PATCH /v1/leads/{id}), not on create"},
		{"created_at", !l.CreatedAt.IsZero(), lead.LossTargetSets, setByPipedrive},
		{"modified_at", !l.ModifiedAt.IsZero(), lead.LossTargetSets, setByPipedrive},
		{"bcc_email", l.BCCEmail != "", lead.LossTargetSets, setByPipedrive},
	}
	for _, r := range readOnly {
		if r.set {
			rep.Drop(r.path, r.loss, r.reason, "")
		}
	}
	// Custom fields and their _currency and _until companions go in; other
	// keys are Pipedrive's to compute or unknown to POST.
	for _, f := range obj.Extra {
		if isCustomKey(f.Key) {
			req.CustomFields = append(req.CustomFields, f)
			continue
		}
		if base, suffix, ok := companionOf(f.Key); ok && (suffix == "currency" || suffix == "until") &&
			slices.ContainsFunc(obj.Extra, func(e RawField) bool { return e.Key == base }) {
			req.CustomFields = append(req.CustomFields, f)
			continue
		}
		if string(f.Value) == "null" {
			continue // an unset value carries nothing
		}
		rep.Drop("vendor.pipedrive.fields."+f.Key, lead.LossTargetSets, "a key of Pipedrive's responses that POST /v1/leads does not take", "")
	}
	rep.Sort()
	return req, rep, nil
}
