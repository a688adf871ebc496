package pipedrive

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// leadKeys are the documented LeadResponse keys in leadKey order.
var leadKeys = [21]string{
	"id", "title", "owner_id", "creator_id", "label_ids", "person_id", "organization_id",
	"source_name", "origin", "origin_id", "channel", "channel_id", "is_archived", "was_seen",
	"value", "expected_close_date", "next_activity_id", "add_time", "update_time", "visible_to",
	"cc_email",
}

// timeLayout is how Pipedrive writes add_time and update_time.
const timeLayout = "2006-01-02T15:04:05.000Z"

// ToLead translates a lead as Pipedrive returns it. Every field of in ends
// up in the Lead: in a canonical field, or in Vendor["pipedrive"] (unknown
// keys and companion keys in Fields, absent keys in Absent, null keys in
// Null, spellings the canonical form would not reproduce in AsWritten), so
// LeadObject gives back the same JSON value. The Report says what could
// not be translated (a visible_to code whose meaning depends on an unknown
// plan). A non-nil error is a lead.ErrorList whose paths use Pipedrive's
// names ("value.currency", "label_ids[1]", "<40-hex key>").
func (t Translator) ToLead(in Lead) (lead.Lead, lead.Report, error) {
	var (
		out  lead.Lead
		rep  lead.Report
		errs lead.ErrorList
		vd   lead.VendorData
	)
	aw := func(k string, raw []byte) {
		if vd.AsWritten == nil {
			vd.AsWritten = make(map[string]json.RawMessage, 2)
		}
		vd.AsWritten[k] = raw
	}
	states := [21]uint8{
		in.ID.state, in.Title.state, in.OwnerID.state, in.CreatorID.state, in.LabelIDs.state,
		in.PersonID.state, in.OrganizationID.state, in.SourceName.state, in.Origin.state,
		in.OriginID.state, in.Channel.state, in.ChannelID.state, in.IsArchived.state,
		in.WasSeen.state, in.Value.state, in.ExpectedCloseDate.state, in.NextActivityID.state,
		in.AddTime.state, in.UpdateTime.state, in.VisibleTo.state, in.CCEmail.state,
	}
	for i, s := range states {
		switch s {
		case 0:
			vd.Absent = append(vd.Absent, leadKeys[i])
		case 1:
			vd.Null = append(vd.Null, leadKeys[i])
		}
	}
	// Empty strings and an empty label list have no canonical form of their
	// own: keep their spelling so LeadObject writes them back.
	for _, s := range []struct {
		key string
		p   Patch[string]
	}{
		{"title", in.Title}, {"source_name", in.SourceName}, {"origin", in.Origin},
		{"origin_id", in.OriginID}, {"channel_id", in.ChannelID}, {"cc_email", in.CCEmail},
	} {
		if v, ok := s.p.Get(); ok && v == "" {
			aw(s.key, []byte(`""`))
		}
	}

	// id: the lead's UUID.
	if id, ok := in.ID.Get(); ok {
		if !isUUID(id) {
			errs.Add("id", "uuid", lead.ErrInvalid)
		} else {
			out.IDs = []lead.Ref{{System: System, ID: id}}
		}
	}
	out.Title, _ = in.Title.Get()
	out.Owner = ref(&errs, "owner_id", in.OwnerID)
	out.Creator = ref(&errs, "creator_id", in.CreatorID)
	out.Person = ref(&errs, "person_id", in.PersonID)
	out.Organization = ref(&errs, "organization_id", in.OrganizationID)
	out.NextActivity = ref(&errs, "next_activity_id", in.NextActivityID)

	// label_ids: lead label UUIDs; names and colors from the label list.
	if ids, ok := in.LabelIDs.Get(); ok {
		if len(ids) == 0 {
			aw("label_ids", []byte(`[]`))
		} else {
			out.Labels = make([]lead.Label, 0, len(ids))
		}
		for i, id := range ids {
			if !isUUID(id) {
				errs.Add("label_ids"+lead.IndexPath(i), "uuid", lead.ErrInvalid)
				continue
			}
			lb := lead.Label{Ref: &lead.Ref{System: System, ID: id}}
			if known, ok := t.Labels[id]; ok {
				lb.Name, lb.Color = known.Name, known.Color
			}
			out.Labels = append(out.Labels, lb)
		}
	}

	// source_name, origin, origin_id, channel, channel_id: where the lead came from.
	src := lead.Source{Channel: ref(&errs, "channel", in.Channel)}
	src.Name, _ = in.SourceName.Get()
	src.Origin, _ = in.Origin.Get()
	src.OriginID, _ = in.OriginID.Get()
	src.ChannelID, _ = in.ChannelID.Get()
	if src != (lead.Source{}) {
		out.Source = &src
	}

	if v, ok := in.IsArchived.Get(); ok {
		out.Archived = lead.Some(v)
	}
	if v, ok := in.WasSeen.Get(); ok {
		out.Seen = lead.Some(v)
	}

	// value: both amount and currency are required; the amount keeps its scale.
	if v, ok := in.Value.Get(); ok {
		var m lead.Money
		if v.Amount == "" {
			errs.Add("value.amount", "required", lead.ErrRequired)
		} else if d, err := lead.ParseDecimal(string(v.Amount)); err != nil {
			errs.Append("value.amount", err)
		} else {
			m.Amount = d
			if lead.FormatDecimal(d) != string(v.Amount) {
				aw("value.amount", []byte(v.Amount))
			}
		}
		if v.Currency == "" {
			errs.Add("value.currency", "required", lead.ErrRequired)
		} else {
			m.CustomCurrency = t.customCurrency("value.currency", v.Currency, &rep)
		}
		m.Currency = v.Currency
		out.Value = &m
	}

	// expected_close_date: YYYY-MM-DD.
	if s, ok := in.ExpectedCloseDate.Get(); ok {
		d, err := lead.ParseDate(s)
		if err != nil {
			errs.Append("expected_close_date", err)
		} else {
			out.ExpectedCloseDate = &d
		}
	}

	// add_time, update_time: UTC instants with milliseconds.
	out.CreatedAt = parseTime(&errs, "add_time", in.AddTime, aw)
	out.ModifiedAt = parseTime(&errs, "update_time", in.UpdateTime, aw)

	// visible_to: the code's meaning depends on the plan.
	if code, ok := in.VisibleTo.Get(); ok {
		v, known, ambiguous := visibilityOf(t.Plan, code)
		switch {
		case !known:
			errs.Add("visible_to", visibleToRule(t.Plan), lead.ErrInvalid)
		case ambiguous:
			// Rule: never guess. The code is kept for the way back and
			// Visibility stays empty.
			aw("visible_to", jsonwire.AppendString(nil, code))
			rep.Drop("visible_to", lead.LossUnmapped, "the code means different visibilities on different Pipedrive plans and the plan is unknown: give --pipedrive-plan, or visibility.plan in the mapping", "")
		default:
			out.Visibility = v
			if t.Plan == PlanUnknown {
				aw("visible_to", jsonwire.AppendString(nil, code))
			}
		}
	}

	out.BCCEmail, _ = in.CCEmail.Get()

	// Custom fields and unknown keys.
	for _, f := range in.Extra {
		if !isCustomKey(f.Key) {
			if vd.Fields == nil {
				vd.Fields = make(map[string]json.RawMessage, 4)
			}
			vd.Fields[f.Key] = compactRaw(f.Value)
			continue
		}
		cf, err := t.customField(f.Key, f.Value, in.Extra, aw)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if cf.Money != nil && cf.Money.Currency != "" {
			cf.Money.CustomCurrency = t.customCurrency(f.Key+"_currency", cf.Money.Currency, &rep)
		}
		out.CustomFields = append(out.CustomFields, cf)
	}

	slices.Sort(vd.Absent)
	slices.Sort(vd.Null)
	if !vd.IsZero() {
		out.Vendor = map[string]lead.VendorData{System: vd}
	}
	if err := errs.Err(); err != nil {
		return lead.Lead{}, rep, err
	}
	if err := out.Validate(); err != nil {
		return lead.Lead{}, rep, toPipedrivePaths(err, out)
	}
	rep.Sort()
	return out, rep, nil
}

// customField translates one custom field. Without a definition its value
// stays raw JSON; with one it is typed by field_type, named, and checked.
// The spelling is kept in AsWritten when the default encoding differs.
func (t Translator) customField(key string, raw []byte, extra []RawField, aw func(string, []byte)) (lead.CustomField, *lead.FieldError) {
	def, ok := t.Fields[key]
	if !ok {
		return lead.CustomField{
			Key: "pipedrive:" + key, Type: lead.FieldRaw,
			Source: &lead.Ref{System: System, ID: key}, Raw: compactRaw(raw),
		}, nil
	}
	ft := fieldTypeOf(def.FieldType)
	var cur []byte
	if ft == lead.FieldMoney {
		for _, e := range extra {
			if len(e.Key) == 49 && strings.HasPrefix(e.Key, key) && e.Key[40:] == "_currency" {
				cur = e.Value
			}
		}
	}
	cf, fe := decodeCustom(ft, raw, &def, cur)
	if fe != nil {
		fe.Path = key + fe.Path
		return cf, fe
	}
	cf.Key, cf.Name, cf.Source = "pipedrive:"+key, def.Name, &lead.Ref{System: System, ID: key}
	if cf.Type != lead.FieldRaw {
		enc, _ := encodeCustom(make([]byte, 0, 32), cf)
		if !bytes.Equal(enc, raw) {
			if c := compactRaw(raw); !bytes.Equal(enc, c) {
				aw(key, c)
			}
		}
	}
	return cf, nil
}

// ref translates an integer id to a Pipedrive ref. Ids are positive.
func ref(errs *lead.ErrorList, path string, p Patch[int64]) *lead.Ref {
	n, ok := p.Get()
	if !ok {
		return nil
	}
	if n <= 0 {
		errs.Add(path, "min=1", lead.ErrInvalid)
		return nil
	}
	return &lead.Ref{System: System, ID: strconv.FormatInt(n, 10)}
}

// parseTime reads an ISO 8601 date-time as UTC. Pipedrive writes
// "2020-10-14T11:30:36.551Z"; other RFC 3339 spellings and the
// "2020-10-14 11:30:36" form of older endpoints are accepted and kept in
// AsWritten.
func parseTime(errs *lead.ErrorList, path string, p Patch[string], aw func(string, []byte)) time.Time {
	s, ok := p.Get()
	if !ok {
		return time.Time{}
	}
	if tm, ok := parseFast(s); ok {
		return tm
	}
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		tm, err = time.Parse(time.DateTime, s)
	}
	if err != nil || tm.UTC().Year() < 1 || tm.UTC().Year() > 9999 {
		errs.Add(path, "want an ISO 8601 date-time", lead.ErrInvalid)
		return time.Time{}
	}
	tm = tm.UTC()
	aw(path, jsonwire.AppendString(nil, s))
	return tm
}

// parseFast parses exactly "YYYY-MM-DDTHH:MM:SS.mmmZ".
func parseFast(s string) (time.Time, bool) {
	if len(s) != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return time.Time{}, false
	}
	num := func(i, n int) int {
		v := 0
		for j := i; j < i+n; j++ {
			c := s[j]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, mo, d, h, mi, se, ms := num(0, 4), num(5, 2), num(8, 2), num(11, 2), num(14, 2), num(17, 2), num(20, 3)
	if y < 1 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59 || ms < 0 {
		return time.Time{}, false
	}
	tm := time.Date(y, time.Month(mo), d, h, mi, se, ms*1e6, time.UTC)
	if tm.Day() != d {
		return time.Time{}, false
	}
	return tm, true
}

// toPipedrivePaths renames the canonical paths of lead.Validate errors to
// Pipedrive's names.
func toPipedrivePaths(err error, l lead.Lead) error {
	var in lead.ErrorList
	out := lead.ErrorList{}
	if !asErrorList(err, &in) {
		out.Add("", "invalid", err)
		return out.Err()
	}
	for _, e := range in {
		p := e.Path
		switch {
		case strings.HasPrefix(p, "bcc_email"):
			p = "cc_email" + p[len("bcc_email"):]
		case strings.HasPrefix(p, "ids"):
			p = "id"
		case strings.HasPrefix(p, "created_at"):
			p = "add_time"
		case strings.HasPrefix(p, "modified_at"):
			p = "update_time"
		case strings.HasPrefix(p, "labels["):
			p = "label_ids" + p[len("labels"):]
		case strings.HasPrefix(p, "custom_fields["):
			rest := p[len("custom_fields["):]
			if i := strings.IndexByte(rest, ']'); i > 0 {
				if n, err := strconv.Atoi(rest[:i]); err == nil && n < len(l.CustomFields) {
					p = strings.TrimPrefix(l.CustomFields[n].Key, "pipedrive:")
				}
			}
		}
		rule := e.Rule
		if p == "" && errors.Is(e.Err, lead.ErrRequired) {
			// The lead has nothing to call it by: say it in Pipedrive's
			// keys, not the canonical model's.
			p, rule = "title", "required: a lead needs a title, a person_id or an organization_id"
		}
		out = append(out, &lead.FieldError{Path: p, Rule: rule, Err: e.Err})
	}
	return out.Err()
}
