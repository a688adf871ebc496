package pipedrive

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/leadbridge/leadbridge/internal/exportjson"
	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// AddLeadRequest is the body of POST /v1/leads (Pipedrive API reference, addLead): only the keys
// that endpoint accepts. Empty fields are left out of the JSON; Pipedrive
// does not accept null for person_id and organization_id on create.
type AddLeadRequest struct {
	Title             string               // required
	OwnerID           lead.Optional[int64] // defaults to the requesting user
	LabelIDs          []string             // lead label UUIDs; nil leaves it out
	PersonID          lead.Optional[int64] // person_id or organization_id is required
	OrganizationID    lead.Optional[int64] //
	Value             *Value               // both amount and currency
	ExpectedCloseDate string               // YYYY-MM-DD
	VisibleTo         string               // "1", "3", "5" or "7" depending on the plan
	WasSeen           lead.Optional[bool]  //
	OriginID          string               // can be set only on create
	Channel           lead.Optional[int64] // marketing channel option id
	ChannelID         string               //
	CustomFields      []RawField           // 40-hex keys and their companions
}

// AppendJSON appends r as the JSON body of POST /v1/leads.
func (r AddLeadRequest) AppendJSON(dst []byte) []byte {
	w := objWriter{b: append(dst, '{')}
	w.key("title")
	w.b = jsonwire.AppendString(w.b, r.Title)
	w.opt("owner_id", r.OwnerID)
	if r.LabelIDs != nil {
		w.key("label_ids")
		w.b = appendStrings(w.b, r.LabelIDs)
	}
	w.opt("person_id", r.PersonID)
	w.opt("organization_id", r.OrganizationID)
	if r.Value != nil {
		w.key("value")
		w.b = r.Value.appendJSON(w.b)
	}
	w.nonEmpty("expected_close_date", r.ExpectedCloseDate)
	w.nonEmpty("visible_to", r.VisibleTo)
	if v, ok := r.WasSeen.Get(); ok {
		w.bool("was_seen", Set(v))
	}
	w.nonEmpty("origin_id", r.OriginID)
	w.opt("channel", r.Channel)
	w.nonEmpty("channel_id", r.ChannelID)
	w.raw(r.CustomFields)
	return append(w.b, '}')
}

// MarshalJSON encodes r with AppendJSON.
func (r AddLeadRequest) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, 512)), nil
}

// UnmarshalJSON decodes a POST /v1/leads body strictly: keys the endpoint
// does not accept, other than custom-field keys, are errors, and so is
// null.
func (r *AddLeadRequest) UnmarshalJSON(data []byte) error {
	l, err := DecodeLead(data)
	if err != nil {
		return err
	}
	var errs lead.ErrorList
	out := AddLeadRequest{CustomFields: l.Extra}
	for _, f := range l.Extra {
		if !isCustomOrCompanion(f.Key) {
			errs.Add(f.Key, "not accepted by POST /v1/leads", lead.ErrUnsupported)
		}
	}
	str := func(path string, p Patch[string], dst *string) {
		if p.IsNull() {
			errs.Add(path, "not null", lead.ErrInvalid)
		}
		*dst, _ = p.Get()
	}
	num := func(path string, p Patch[int64], dst *lead.Optional[int64]) {
		if p.IsNull() {
			errs.Add(path, "not null", lead.ErrInvalid)
		}
		if v, ok := p.Get(); ok {
			*dst = lead.Some(v)
		}
	}
	str("title", l.Title, &out.Title)
	num("owner_id", l.OwnerID, &out.OwnerID)
	if l.LabelIDs.IsNull() {
		errs.Add("label_ids", "not null", lead.ErrInvalid)
	}
	out.LabelIDs, _ = l.LabelIDs.Get()
	num("person_id", l.PersonID, &out.PersonID)
	num("organization_id", l.OrganizationID, &out.OrganizationID)
	if v, ok := l.Value.Get(); ok {
		out.Value = &v
	}
	str("expected_close_date", l.ExpectedCloseDate, &out.ExpectedCloseDate)
	str("visible_to", l.VisibleTo, &out.VisibleTo)
	if v, ok := l.WasSeen.Get(); ok {
		out.WasSeen = lead.Some(v)
	}
	str("origin_id", l.OriginID, &out.OriginID)
	num("channel", l.Channel, &out.Channel)
	str("channel_id", l.ChannelID, &out.ChannelID)
	for _, ro := range []struct {
		path string
		zero bool
	}{
		{"id", l.ID.IsZero()}, {"creator_id", l.CreatorID.IsZero()}, {"source_name", l.SourceName.IsZero()},
		{"origin", l.Origin.IsZero()}, {"is_archived", l.IsArchived.IsZero()},
		{"next_activity_id", l.NextActivityID.IsZero()}, {"add_time", l.AddTime.IsZero()},
		{"update_time", l.UpdateTime.IsZero()}, {"cc_email", l.CCEmail.IsZero()},
	} {
		if !ro.zero {
			errs.Add(ro.path, "not accepted by POST /v1/leads", lead.ErrUnsupported)
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	*r = out
	return nil
}

// UpdateLeadRequest is the body of PATCH /v1/leads/{id} (Pipedrive API reference, updateLead): only
// the keys to change. Nullable fields are a [Patch] (absent, null to
// unset, or a value); fields Pipedrive never unsets are a lead.Optional,
// so the type forbids null where the API does.
type UpdateLeadRequest struct {
	Title             lead.Optional[string]   `json:"title,omitzero"`
	OwnerID           lead.Optional[int64]    `json:"owner_id,omitzero"`
	LabelIDs          lead.Optional[[]string] `json:"label_ids,omitzero"` // [] removes every label
	PersonID          Patch[int64]            `json:"person_id,omitzero"`
	OrganizationID    Patch[int64]            `json:"organization_id,omitzero"`
	IsArchived        lead.Optional[bool]     `json:"is_archived,omitzero"`
	Value             Patch[Value]            `json:"value,omitzero"`
	ExpectedCloseDate Patch[string]           `json:"expected_close_date,omitzero"`
	VisibleTo         lead.Optional[string]   `json:"visible_to,omitzero"`
	WasSeen           lead.Optional[bool]     `json:"was_seen,omitzero"`
	Channel           Patch[int64]            `json:"channel,omitzero"`
	ChannelID         Patch[string]           `json:"channel_id,omitzero"`
	// CustomFields are the custom-field keys to change; a null value
	// unsets the field.
	CustomFields []RawField `json:"-"`
}

// IsEmpty reports whether r changes nothing.
func (r UpdateLeadRequest) IsEmpty() bool {
	return len(r.AppendJSON(nil)) == 2
}

// AppendJSON appends r as the JSON body of PATCH /v1/leads/{id}.
func (r UpdateLeadRequest) AppendJSON(dst []byte) []byte {
	w := objWriter{b: append(dst, '{')}
	if v, ok := r.Title.Get(); ok {
		w.str("title", Set(v))
	}
	w.opt("owner_id", r.OwnerID)
	if v, ok := r.LabelIDs.Get(); ok {
		w.key("label_ids")
		w.b = appendStrings(w.b, v)
	}
	w.int("person_id", r.PersonID)
	w.int("organization_id", r.OrganizationID)
	if v, ok := r.IsArchived.Get(); ok {
		w.bool("is_archived", Set(v))
	}
	member(&w, "value", r.Value, appendValue)
	w.str("expected_close_date", r.ExpectedCloseDate)
	if v, ok := r.VisibleTo.Get(); ok {
		w.str("visible_to", Set(v))
	}
	if v, ok := r.WasSeen.Get(); ok {
		w.bool("was_seen", Set(v))
	}
	w.int("channel", r.Channel)
	w.str("channel_id", r.ChannelID)
	w.raw(r.CustomFields)
	return append(w.b, '}')
}

// MarshalJSON encodes r with AppendJSON.
func (r UpdateLeadRequest) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, 256)), nil
}

// UnmarshalJSON decodes a PATCH /v1/leads/{id} body strictly: null is an
// error on fields Pipedrive never unsets, and keys the endpoint does not
// accept, other than custom-field keys, are errors.
func (r *UpdateLeadRequest) UnmarshalJSON(data []byte) error {
	l, err := DecodeLead(data)
	if err != nil {
		return err
	}
	var errs lead.ErrorList
	out := UpdateLeadRequest{
		PersonID: l.PersonID, OrganizationID: l.OrganizationID, Value: l.Value,
		ExpectedCloseDate: l.ExpectedCloseDate, Channel: l.Channel, ChannelID: l.ChannelID,
		CustomFields: l.Extra,
	}
	for _, f := range l.Extra {
		if !isCustomOrCompanion(f.Key) {
			errs.Add(f.Key, "not accepted by PATCH /v1/leads/{id}", lead.ErrUnsupported)
		}
	}
	notNull := func(path string, null bool) {
		if null {
			errs.Add(path, "not null", lead.ErrInvalid)
		}
	}
	notNull("title", l.Title.IsNull())
	if v, ok := l.Title.Get(); ok {
		out.Title = lead.Some(v)
	}
	notNull("owner_id", l.OwnerID.IsNull())
	if v, ok := l.OwnerID.Get(); ok {
		out.OwnerID = lead.Some(v)
	}
	notNull("label_ids", l.LabelIDs.IsNull())
	if v, ok := l.LabelIDs.Get(); ok {
		out.LabelIDs = lead.Some(v)
	}
	notNull("is_archived", l.IsArchived.IsNull())
	if v, ok := l.IsArchived.Get(); ok {
		out.IsArchived = lead.Some(v)
	}
	notNull("visible_to", l.VisibleTo.IsNull())
	if v, ok := l.VisibleTo.Get(); ok {
		out.VisibleTo = lead.Some(v)
	}
	notNull("was_seen", l.WasSeen.IsNull())
	if v, ok := l.WasSeen.Get(); ok {
		out.WasSeen = lead.Some(v)
	}
	for _, ro := range []struct {
		path string
		zero bool
	}{
		{"id", l.ID.IsZero()}, {"creator_id", l.CreatorID.IsZero()}, {"source_name", l.SourceName.IsZero()},
		{"origin", l.Origin.IsZero()}, {"origin_id", l.OriginID.IsZero()},
		{"next_activity_id", l.NextActivityID.IsZero()}, {"add_time", l.AddTime.IsZero()},
		{"update_time", l.UpdateTime.IsZero()}, {"cc_email", l.CCEmail.IsZero()},
	} {
		if !ro.zero {
			errs.Add(ro.path, "not accepted by PATCH /v1/leads/{id}", lead.ErrUnsupported)
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	*r = out
	return nil
}

func (w *objWriter) opt(k string, o lead.Optional[int64]) {
	if v, ok := o.Get(); ok {
		w.int(k, Set(v))
	}
}

func (w *objWriter) nonEmpty(k, v string) {
	if v != "" {
		w.str(k, Set(v))
	}
}

// Envelope is a single-lead response, {"success": true, "data": {...}}.
type Envelope struct {
	Success        bool            `json:"success"`
	Data           Patch[Lead]     `json:"data,omitzero"`
	AdditionalData *AdditionalData `json:"additional_data,omitempty"`
}

// ListEnvelope is the response of GET /v1/leads: a list of leads and the
// pagination.
type ListEnvelope struct {
	Success        bool            `json:"success"`
	Data           []Lead          `json:"data"`
	AdditionalData *AdditionalData `json:"additional_data,omitempty"`
}

// AdditionalData is a response's pagination. GET /v1/leads writes it flat,
// {"start", "limit", "more_items_in_collection"}; other endpoints nest it
// under "pagination". Both decode; Nested records which one was read so
// MarshalJSON writes the same shape.
type AdditionalData struct {
	Start                 int64 `json:"start"`
	Limit                 int64 `json:"limit"`
	MoreItemsInCollection bool  `json:"more_items_in_collection"`
	NextStart             lead.Optional[int64]
	Nested                bool
}

type pagination struct {
	Start                 int64  `json:"start"`
	Limit                 int64  `json:"limit"`
	MoreItemsInCollection bool   `json:"more_items_in_collection"`
	NextStart             *int64 `json:"next_start,omitempty"`
}

// UnmarshalJSON accepts the flat and the nested shape.
func (a *AdditionalData) UnmarshalJSON(b []byte) error {
	var w struct {
		pagination
		Pagination *pagination `json:"pagination"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return &lead.FieldError{Path: "additional_data", Rule: "want pagination", Err: err}
	}
	p, nested := w.pagination, false
	if w.Pagination != nil {
		p, nested = *w.Pagination, true
	}
	*a = AdditionalData{Start: p.Start, Limit: p.Limit, MoreItemsInCollection: p.MoreItemsInCollection, Nested: nested}
	if p.NextStart != nil {
		a.NextStart = lead.Some(*p.NextStart)
	}
	return nil
}

// MarshalJSON writes the shape that was read.
func (a AdditionalData) MarshalJSON() ([]byte, error) {
	p := pagination{Start: a.Start, Limit: a.Limit, MoreItemsInCollection: a.MoreItemsInCollection}
	if v, ok := a.NextStart.Get(); ok {
		p.NextStart = &v
	}
	if a.Nested {
		return json.Marshal(struct {
			Pagination pagination `json:"pagination"`
		}{p})
	}
	return json.Marshal(p)
}

// APIError is a failed response, {"success": false, "error": "...",
// "error_info": "..."}. Pipedrive documents that shape for 404; 401
// bodies carry "errorCode" and no data, and 403 limit errors add "code".
// StatusCode is the HTTP status, set by the caller.
type APIError struct {
	StatusCode     int             `json:"-"`
	Success        bool            `json:"success"`
	Message        string          `json:"error"`
	ErrorInfo      string          `json:"error_info,omitempty"`
	ErrorCode      int             `json:"errorCode,omitempty"`
	Code           string          `json:"code,omitempty"`
	Data           json.RawMessage `json:"data,omitempty"`
	AdditionalData json.RawMessage `json:"additional_data,omitempty"`
}

// Error returns "pipedrive: <status>: <error> (<error_info>)".
func (e *APIError) Error() string {
	s := "pipedrive: "
	if e.StatusCode != 0 {
		s += strconv.Itoa(e.StatusCode) + ": "
	}
	s += e.Message
	if e.ErrorInfo != "" {
		s += " (" + e.ErrorInfo + ")"
	}
	return s
}

// DecodeEnvelope decodes a single-lead response. A body with "success":
// false is returned as an *APIError error with the given HTTP status.
func DecodeEnvelope(status int, data []byte) (Envelope, error) {
	var env Envelope
	err := decodeEnvelope(status, data, func(d *decoder) error {
		if null, err := d.isNull("data"); null || err != nil {
			env.Data = Null[Lead]()
			return err
		}
		var l Lead
		err := d.leadAt("data", &l)
		env.Data = Set(l)
		return err
	}, &env.Success, &env.AdditionalData)
	if err != nil {
		return Envelope{}, err
	}
	return env, nil
}

// DecodeListEnvelope decodes the response of GET /v1/leads. A body with
// "success": false is returned as an *APIError error, with an empty
// ListEnvelope.
//
// One bad lead does not hide the others: Data holds, in input order,
// every lead that decoded without error, and the error is a
// lead.ErrorList naming each bad lead by its index in the input
// ("data[3].value.amount: want number, got string"); a bad lead is left
// out of Data, never returned half decoded. A syntax error stops decoding:
// Data then holds the good leads before it.
func DecodeListEnvelope(status int, data []byte) (ListEnvelope, error) {
	var env ListEnvelope
	err := decodeEnvelope(status, data, func(d *decoder) error {
		if null, err := d.isNull("data"); null || err != nil {
			return err
		}
		if k, _ := d.start(); k != jsonwire.Array {
			return d.softSkip("data", "array")
		}
		env.Data = []Lead{}
		return d.array("data", func(i int) error {
			p := "data" + lead.IndexPath(i)
			if k, _ := d.start(); k != jsonwire.Object {
				return d.softSkip(p, "object")
			}
			var l Lead
			n := len(d.errs)
			if err := d.leadAt(p, &l); err != nil {
				return err
			}
			if len(d.errs) > n {
				return nil // bad: its errors are in d.errs
			}
			env.Data = append(env.Data, l)
			return nil
		})
	}, &env.Success, &env.AdditionalData)
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return ListEnvelope{}, err
	}
	return env, err
}

// leadAt reads a lead whose errors are named under path p.
func (d *decoder) leadAt(p string, l *Lead) error {
	n, hard := len(d.errs), d.hard
	err := d.lead(l)
	prefix(d.errs[n:], p)
	if hard == nil && d.hard != nil {
		prefix([]*lead.FieldError{d.hard}, p)
	}
	return err
}

func prefix(errs []*lead.FieldError, p string) {
	for _, e := range errs {
		if e.Path == "(root)" {
			e.Path = ""
		}
		e.Path = lead.JoinPath(p, e.Path)
	}
}

func decodeEnvelope(status int, data []byte, dataFn func(*decoder) error, success *bool, add **AdditionalData) error {
	d := newDecoder(bytes.Clone(data))
	defer d.release()
	var sawSuccess, ok bool
	var err error
	if k, _ := d.start(); k != jsonwire.Object {
		err = d.malformed("", "want object")
	} else {
		err = d.object("", func(k []byte) error {
			switch string(k) {
			case "success":
				var p Patch[bool]
				err := d.boolField("success", &p)
				ok, sawSuccess = p.v, true
				return err
			case "data":
				if sawSuccess && !ok {
					_, err := d.raw("data")
					return err
				}
				return dataFn(d)
			case "additional_data":
				raw, err := d.raw("additional_data")
				if err != nil || string(raw) == "null" {
					return err
				}
				var a AdditionalData
				if err := a.UnmarshalJSON(raw); err != nil {
					d.errs.Append("", err)
					return nil
				}
				*add = &a
				return nil
			}
			_, err := d.raw(string(k))
			return err
		})
	}
	if err == nil {
		err = d.end()
	}
	if err != nil {
		d.errs = append(d.errs, d.hard)
		return d.errs.Err()
	}
	if sawSuccess && !ok {
		e := &APIError{StatusCode: status}
		if err := json.Unmarshal(data, e); err != nil {
			return &lead.FieldError{Path: "", Rule: "want an error body", Err: err}
		}
		return e
	}
	*success = ok
	return d.errs.Err()
}

// LeadLabel is a lead label (GET /v1/leadLabels).
type LeadLabel struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Color      string `json:"color"`
	AddTime    string `json:"add_time,omitempty"`
	UpdateTime string `json:"update_time,omitempty"`
}

// DealField is a deal field definition (GET /v1/dealFields). Leads use
// the deal fields for their custom fields.
type DealField struct {
	ID        int64         `json:"id"`
	Key       string        `json:"key"`
	Name      string        `json:"name"`
	FieldType string        `json:"field_type"`
	Options   []FieldOption `json:"options,omitempty"`
}

// FieldOption is one option of an enum or set field. ID keeps the JSON
// text of the id: "61" for 61, "open" for "open".
type FieldOption struct {
	ID    OptionID `json:"id"`
	Label string   `json:"label"`
}

// OptionID is an option id, read from a JSON number or string.
type OptionID string

// UnmarshalJSON accepts a number or a string.
func (o *OptionID) UnmarshalJSON(b []byte) error {
	var s string
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*o = OptionID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*o = OptionID(n)
	return nil
}

// DecodeDealFields decodes the response of GET /v1/dealFields. Errors are
// a lead.ErrorList naming the element and key ("data[2].field_type: want
// string"); on error it returns no fields.
func DecodeDealFields(data []byte) ([]DealField, error) {
	return decodeExport[DealField](data)
}

// DecodeLeadLabels decodes the response of GET /v1/leadLabels. Errors are
// as DecodeDealFields'.
func DecodeLeadLabels(data []byte) ([]LeadLabel, error) {
	return decodeExport[LeadLabel](data)
}

// decodeExport decodes an account export, a list response, with paths in
// its errors; nothing on error.
func decodeExport[T any](data []byte) ([]T, error) {
	list, err := exportjson.PipedriveList[T](data)
	if err != nil {
		return nil, err
	}
	return list, nil
}

// isCustomOrCompanion reports whether k is a custom-field key or a
// companion key Pipedrive accepts with it (_currency, _until).
func isCustomOrCompanion(k string) bool {
	if isCustomKey(k) {
		return true
	}
	_, suffix, ok := companionOf(k)
	return ok && (suffix == "currency" || suffix == "until")
}
