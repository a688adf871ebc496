package pipedrive

import (
	"bytes"
	"slices"

	"github.com/leadbridge/leadbridge/lead"
)

// UpdateRequest builds the body of PATCH /v1/leads/{id} that turns before
// into after (Pipedrive API reference, updateLead): unchanged fields are absent, cleared fields are
// null where Pipedrive can unset them (value, person_id, organization_id,
// expected_close_date, channel, channel_id, custom fields) and reported
// where it cannot (owner, visibility, archived, seen). Rules: the lead
// must keep a person or an organization; the title cannot be cleared;
// origin_id is set only on create and read-only fields never change:
// both are reported as dropped.
func (t Translator) UpdateRequest(before, after lead.Lead) (UpdateLeadRequest, lead.Report, error) {
	var (
		req  UpdateLeadRequest
		errs lead.ErrorList
	)
	b, _, berr := t.build(before, modeObject)
	a, rep, aerr := t.build(after, modeObject)
	if berr != nil || aerr != nil {
		var list lead.ErrorList
		if asErrorList(aerr, &list) {
			errs = append(errs, list...)
		}
		if asErrorList(berr, &list) {
			for _, e := range list {
				errs = append(errs, &lead.FieldError{Path: "before." + e.Path, Rule: e.Rule, Err: e.Err})
			}
		}
		return UpdateLeadRequest{}, rep, errs.Err()
	}
	eqStr := func(x, y Patch[string]) bool { xv, _ := x.Get(); yv, _ := y.Get(); return xv == yv }
	eqInt := func(x, y Patch[int64]) bool { return x.IsSet() == y.IsSet() && x.v == y.v }
	eqBool := func(x, y Patch[bool]) bool { return x.IsSet() == y.IsSet() && x.v == y.v }
	// nullable fields: a value, or null when after cleared it.
	setInt := func(dst *Patch[int64], x, y Patch[int64]) {
		if !eqInt(x, y) {
			if v, ok := y.Get(); ok {
				*dst = Set(v)
			} else {
				*dst = Null[int64]()
			}
		}
	}
	setStr := func(dst *Patch[string], x, y Patch[string]) {
		if !eqStr(x, y) {
			if v, ok := y.Get(); ok && v != "" {
				*dst = Set(v)
			} else {
				*dst = Null[string]()
			}
		}
	}

	// title: may change, never be cleared.
	if !eqStr(b.Title, a.Title) {
		if v, _ := a.Title.Get(); v == "" {
			errs.Add("title", "required", lead.ErrRequired)
		} else {
			req.Title = lead.Some(v)
		}
	}
	// owner_id: may change, never be unset.
	if !eqInt(b.OwnerID, a.OwnerID) {
		if v, ok := a.OwnerID.Get(); ok {
			req.OwnerID = lead.Some(v)
		} else {
			rep.Drop("owner", lead.LossNoPlace, "Pipedrive cannot unset a lead's owner", "")
		}
	}
	bl, _ := b.LabelIDs.Get()
	al, _ := a.LabelIDs.Get()
	if !slices.Equal(bl, al) {
		if al == nil {
			al = []string{}
		}
		req.LabelIDs = lead.Some(al)
	}
	setInt(&req.PersonID, b.PersonID, a.PersonID)
	setInt(&req.OrganizationID, b.OrganizationID, a.OrganizationID)
	// Rule: a lead always has to be linked to a person or an organization.
	if !a.PersonID.IsSet() && !a.OrganizationID.IsSet() {
		errs.Add("person_id", "person_id or organization_id required", lead.ErrRequired)
	}
	if !eqBool(b.IsArchived, a.IsArchived) {
		if v, ok := a.IsArchived.Get(); ok {
			req.IsArchived = lead.Some(v)
		} else {
			rep.Drop("archived", lead.LossNoPlace, "Pipedrive cannot unset is_archived", "")
		}
	}
	if !eqBool(b.WasSeen, a.WasSeen) {
		if v, ok := a.WasSeen.Get(); ok {
			req.WasSeen = lead.Some(v)
		} else {
			rep.Drop("seen", lead.LossNoPlace, "Pipedrive cannot unset was_seen", "")
		}
	}
	bv, bok := b.Value.Get()
	av, aok := a.Value.Get()
	if bok != aok || bv.Amount != av.Amount || bv.Currency != av.Currency {
		if aok {
			req.Value = Set(av)
			if bv.Currency != av.Currency {
				t.checkCustomCurrency("value.currency", after.Value, &rep)
			}
		} else {
			req.Value = Null[Value]()
		}
	}
	setStr(&req.ExpectedCloseDate, b.ExpectedCloseDate, a.ExpectedCloseDate)
	if !eqStr(b.VisibleTo, a.VisibleTo) {
		if v, _ := a.VisibleTo.Get(); v != "" {
			req.VisibleTo = lead.Some(v)
		} else if after.Visibility != "" {
			errs.Add("visible_to", "visibility "+string(after.Visibility)+" not expressible on the "+t.Plan.String()+" plan", lead.ErrUnsupported)
		} else {
			rep.Drop("visibility", lead.LossNoPlace, "Pipedrive cannot unset visible_to", "")
		}
	}
	setInt(&req.Channel, b.Channel, a.Channel)
	setStr(&req.ChannelID, b.ChannelID, a.ChannelID)

	// Set only on create, or by Pipedrive.
	for _, ro := range []struct {
		path    string
		changed bool
		reason  string
	}{
		{"source.origin_id", !eqStr(b.OriginID, a.OriginID), "origin_id can be set only on create"},
		{"ids", !eqStr(b.ID, a.ID), "set by Pipedrive"},
		{"creator", !eqInt(b.CreatorID, a.CreatorID), "set by Pipedrive"},
		{"next_activity", !eqInt(b.NextActivityID, a.NextActivityID), "set by Pipedrive"},
		{"source.name", !eqStr(b.SourceName, a.SourceName), "set by Pipedrive"},
		{"source.origin", !eqStr(b.Origin, a.Origin), "set by Pipedrive"},
		{"created_at", !eqStr(b.AddTime, a.AddTime), "set by Pipedrive"},
		{"modified_at", !eqStr(b.UpdateTime, a.UpdateTime), "set by Pipedrive"},
		{"bcc_email", !eqStr(b.CCEmail, a.CCEmail), "set by Pipedrive"},
	} {
		if ro.changed {
			loss := lead.LossTargetSets
			if ro.path == "source.origin_id" {
				loss = lead.LossNoPlace // the user's, but only on create
			}
			rep.Drop(ro.path, loss, ro.reason, "")
		}
	}

	// Custom fields and their _currency/_until companions: changed ones
	// with their new value, removed ones as null.
	custom := func(k string) bool {
		if isCustomKey(k) {
			return true
		}
		_, suffix, ok := companionOf(k)
		return ok && (suffix == "currency" || suffix == "until")
	}
	find := func(fs []RawField, k string) ([]byte, bool) {
		for _, f := range fs {
			if f.Key == k {
				return f.Value, true
			}
		}
		return nil, false
	}
	for _, f := range a.Extra {
		if !custom(f.Key) {
			continue
		}
		if old, ok := find(b.Extra, f.Key); !ok || !bytes.Equal(compactRaw(old), compactRaw(f.Value)) {
			req.CustomFields = append(req.CustomFields, f)
		}
	}
	for _, f := range b.Extra {
		if !custom(f.Key) {
			continue
		}
		if _, ok := find(a.Extra, f.Key); !ok {
			req.CustomFields = append(req.CustomFields, RawField{Key: f.Key, Value: []byte("null")})
		}
	}
	rep.Sort()
	if err := errs.Err(); err != nil {
		return UpdateLeadRequest{}, rep, err
	}
	return req, rep, nil
}
