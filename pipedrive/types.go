package pipedrive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// Lead is a lead as Pipedrive returns it (Pipedrive API reference, LeadResponse; the data
// of GET/POST/PATCH /v1/leads). Each of the 21 documented fields is a
// [Patch]: absent, null or a value, exactly as the response wrote it.
// Custom fields (40-hex keys), their companion keys and any other key the
// documentation does not name are kept in Extra with their exact JSON, in
// input order. Keys are matched exactly: "TITLE" is an unknown key.
type Lead struct {
	ID                Patch[string]   `json:"id,omitzero"`
	Title             Patch[string]   `json:"title,omitzero"`
	OwnerID           Patch[int64]    `json:"owner_id,omitzero"`
	CreatorID         Patch[int64]    `json:"creator_id,omitzero"`
	LabelIDs          Patch[[]string] `json:"label_ids,omitzero"`
	PersonID          Patch[int64]    `json:"person_id,omitzero"`
	OrganizationID    Patch[int64]    `json:"organization_id,omitzero"`
	SourceName        Patch[string]   `json:"source_name,omitzero"`
	Origin            Patch[string]   `json:"origin,omitzero"`
	OriginID          Patch[string]   `json:"origin_id,omitzero"`
	Channel           Patch[int64]    `json:"channel,omitzero"`
	ChannelID         Patch[string]   `json:"channel_id,omitzero"`
	IsArchived        Patch[bool]     `json:"is_archived,omitzero"`
	WasSeen           Patch[bool]     `json:"was_seen,omitzero"`
	Value             Patch[Value]    `json:"value,omitzero"`
	ExpectedCloseDate Patch[string]   `json:"expected_close_date,omitzero"`
	NextActivityID    Patch[int64]    `json:"next_activity_id,omitzero"`
	AddTime           Patch[string]   `json:"add_time,omitzero"`
	UpdateTime        Patch[string]   `json:"update_time,omitzero"`
	VisibleTo         Patch[string]   `json:"visible_to,omitzero"`
	CCEmail           Patch[string]   `json:"cc_email,omitzero"`

	// Extra holds every other key with its exact JSON value, in input order.
	Extra []RawField `json:"-"`
}

// RawField is one key of a Pipedrive object that has no Go field of its
// own (a custom field "<40 hex>", a companion "<40 hex>_currency", an
// undocumented key), with its exact JSON value.
type RawField struct {
	Key   string
	Value json.RawMessage
}

// Value is a lead's potential value, {"amount": 200, "currency": "EUR"}
// (Pipedrive API reference, LeadValue). Amount is the exact text of the JSON number; it is
// never a float64. Both are required by Pipedrive; an empty Amount or
// Currency means the response left it out.
type Value struct {
	Amount   json.Number `json:"amount"`
	Currency string      `json:"currency"`

	sent uint8 // keys the response wrote even when empty: 1 amount, 2 currency
}

// DecodeLead decodes one LeadResponse object strictly, in one pass: the
// lead itself, as the data of a response holds it. Syntax errors
// (truncated input, invalid UTF-8, lone surrogates, duplicate keys) stop
// decoding; wrong types ("value.amount: want number, got string") are
// collected and decoding goes on. A non-nil error is a lead.ErrorList of
// *lead.FieldError sorted by path, and the Lead is then the zero Lead:
// DecodeLead returns a lead whole or not at all.
//
// A whole response is not a lead: given {"success": ..., "data": ...},
// DecodeLead returns an error wrapping [ErrNotLead] that says what the
// input is, in the API's terms (decode one lead's response with
// [DecodeEnvelope], a list with [DecodeListEnvelope]; a search response
// holds search results, not leads); given an error body ({"success":
// false, "error": ...}) the error wraps ErrNotLead and the *[APIError] the
// body holds.
func DecodeLead(data []byte) (Lead, error) {
	var l Lead
	d := newDecoder(bytes.Clone(data))
	defer d.release()
	if d.lead(&l) != nil || d.end() != nil {
		d.errs = append(d.errs, d.hard)
		return Lead{}, d.errs.Err()
	}
	if err := notALead(l, data); err != nil {
		return Lead{}, lead.ErrorList{err}
	}
	if err := d.errs.Err(); err != nil {
		return Lead{}, err
	}
	return l, nil
}

// ErrNotLead is the cause of DecodeLead's error for a well-formed object
// that is a response rather than a lead: an envelope, a list, a search
// result or an error body. It wraps lead.ErrInvalid.
var ErrNotLead error = &causeError{"not a lead object", lead.ErrInvalid}

// causeError is a sentinel cause that wraps one of package lead's.
type causeError struct {
	msg   string
	cause error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.cause }

// notALead recognises a response given where a lead object belongs, from
// the keys a lead does not have: "success" (a boolean) in every response,
// "data" holding the payload, and "items", the list a search response's
// data holds, in an object without any documented lead key. It returns the
// error naming the decoder to call, or nil for a lead.
func notALead(l Lead, data []byte) *lead.FieldError {
	var success, payload, items []byte
	for _, f := range l.Extra {
		switch f.Key {
		case "success":
			success = f.Value
		case "data":
			payload = f.Value
		case "items":
			items = f.Value
		}
	}
	if string(success) != "true" && string(success) != "false" {
		if len(items) > 0 && items[0] == '[' && !l.hasDocumentedKey() {
			return &lead.FieldError{Err: ErrNotLead,
				Rule: "want a lead object, got the data of a search response (GET /v1/leads/search): its items are search results, not leads; export the leads with GET /v1/leads"}
		}
		return nil
	}
	fe := &lead.FieldError{Err: ErrNotLead}
	switch {
	case string(success) == "false":
		fe.Rule = "want a lead object, got an error response (success false)"
		var apiErr APIError
		if json.Unmarshal(data, &apiErr) == nil {
			fe.Err = fmt.Errorf("%w: %w", ErrNotLead, &apiErr)
		}
	case len(payload) > 0 && payload[0] == '[':
		fe.Rule = "want a lead object, got a list response (GET /v1/leads): the leads are its data"
	case len(payload) > 0 && payload[0] == '{' && hasKey(payload, "items"):
		fe.Rule = "want a lead object, got a search response (GET /v1/leads/search): its items are search results, not leads; export the leads with GET /v1/leads"
	default:
		fe.Rule = "want a lead object, got a response envelope (GET /v1/leads/{id}): the lead is its data"
	}
	return fe
}

// hasDocumentedKey reports whether l holds any of the 21 documented keys.
func (l Lead) hasDocumentedKey() bool {
	var none Lead
	none.Extra = l.Extra
	return !reflect.DeepEqual(l, none)
}

// hasKey reports whether the JSON object obj has the key k at its top level.
func hasKey(obj []byte, k string) bool {
	found := false
	d := jsonwire.NewDecoder(obj)
	_ = d.Object(func(key []byte) error {
		found = found || string(key) == k
		return d.Skip()
	})
	return found
}

// UnmarshalJSON decodes data with DecodeLead.
func (l *Lead) UnmarshalJSON(data []byte) error {
	v, err := DecodeLead(data)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// MarshalJSON encodes l with AppendJSON.
func (l Lead) MarshalJSON() ([]byte, error) {
	return l.AppendJSON(make([]byte, 0, 1024)), nil
}

// leadKey numbers the documented keys, for duplicate detection.
func leadKey(k []byte) int {
	switch string(k) {
	case "id":
		return 0
	case "title":
		return 1
	case "owner_id":
		return 2
	case "creator_id":
		return 3
	case "label_ids":
		return 4
	case "person_id":
		return 5
	case "organization_id":
		return 6
	case "source_name":
		return 7
	case "origin":
		return 8
	case "origin_id":
		return 9
	case "channel":
		return 10
	case "channel_id":
		return 11
	case "is_archived":
		return 12
	case "was_seen":
		return 13
	case "value":
		return 14
	case "expected_close_date":
		return 15
	case "next_activity_id":
		return 16
	case "add_time":
		return 17
	case "update_time":
		return 18
	case "visible_to":
		return 19
	case "cc_email":
		return 20
	}
	return -1
}

// lead reads a LeadResponse object. jsonwire rejects duplicate keys, so
// each member is seen once.
func (d *decoder) lead(l *Lead) error {
	if k, _ := d.start(); k != jsonwire.Object {
		return d.malformed("", "want object")
	}
	return d.object("", func(k []byte) error {
		switch leadKey(k) {
		case 0:
			return d.stringField("id", &l.ID)
		case 1:
			return d.stringField("title", &l.Title)
		case 2:
			return d.intField("owner_id", &l.OwnerID)
		case 3:
			return d.intField("creator_id", &l.CreatorID)
		case 4:
			return d.labelIDs(&l.LabelIDs)
		case 5:
			return d.intField("person_id", &l.PersonID)
		case 6:
			return d.intField("organization_id", &l.OrganizationID)
		case 7:
			return d.stringField("source_name", &l.SourceName)
		case 8:
			return d.stringField("origin", &l.Origin)
		case 9:
			return d.stringField("origin_id", &l.OriginID)
		case 10:
			return d.intField("channel", &l.Channel)
		case 11:
			return d.stringField("channel_id", &l.ChannelID)
		case 12:
			return d.boolField("is_archived", &l.IsArchived)
		case 13:
			return d.boolField("was_seen", &l.WasSeen)
		case 14:
			return d.value(&l.Value)
		case 15:
			return d.stringField("expected_close_date", &l.ExpectedCloseDate)
		case 16:
			return d.intField("next_activity_id", &l.NextActivityID)
		case 17:
			return d.stringField("add_time", &l.AddTime)
		case 18:
			return d.stringField("update_time", &l.UpdateTime)
		case 19:
			return d.stringField("visible_to", &l.VisibleTo)
		case 20:
			return d.stringField("cc_email", &l.CCEmail)
		}
		key := d.str(k)
		raw, err := d.raw(key)
		if err != nil {
			return err
		}
		if l.Extra == nil {
			l.Extra = make([]RawField, 0, 8)
		}
		l.Extra = append(l.Extra, RawField{Key: key, Value: raw})
		return nil
	})
}

func (d *decoder) labelIDs(p *Patch[[]string]) error {
	const path = "label_ids"
	if null, err := d.isNull(path); null || err != nil {
		*p = Null[[]string]()
		return err
	}
	if k, _ := d.start(); k != jsonwire.Array {
		return d.softSkip(path, "array")
	}
	ids := []string{}
	err := d.array(path, func(i int) error {
		ep := path + lead.IndexPath(i)
		if k, _ := d.start(); k != jsonwire.String {
			return d.softSkip(ep, "string")
		}
		s, err := d.stringValue(ep)
		if err != nil {
			return err
		}
		ids = append(ids, s)
		return nil
	})
	if err != nil {
		return err
	}
	*p = Set(ids)
	return nil
}

func (d *decoder) value(p *Patch[Value]) error {
	if null, err := d.isNull("value"); null || err != nil {
		*p = Null[Value]()
		return err
	}
	if k, _ := d.start(); k != jsonwire.Object {
		return d.softSkip("value", "object")
	}
	var v Value
	err := d.object("value", func(k []byte) error {
		switch string(k) {
		case "amount":
			if k, _ := d.start(); k != jsonwire.Number {
				return d.softSkip("value.amount", "number")
			}
			b, err := d.number("value.amount")
			v.Amount, v.sent = json.Number(d.str(b)), v.sent|1
			return err
		case "currency":
			if k, _ := d.start(); k != jsonwire.String {
				return d.softSkip("value.currency", "string")
			}
			s, err := d.stringValue("value.currency")
			v.Currency, v.sent = s, v.sent|2
			return err
		}
		path := "value." + string(k)
		d.invalid(path, "unknown key")
		_, err := d.raw(path)
		return err
	})
	*p = Set(v)
	return err
}

// AppendJSON appends l as a JSON object: the documented keys that are not
// absent, in the documented order, then Extra in its order.
func (l Lead) AppendJSON(dst []byte) []byte {
	w := objWriter{b: append(dst, '{')}
	w.str("id", l.ID)
	w.str("title", l.Title)
	w.int("owner_id", l.OwnerID)
	w.int("creator_id", l.CreatorID)
	member(&w, "label_ids", l.LabelIDs, appendStrings)
	w.int("person_id", l.PersonID)
	w.int("organization_id", l.OrganizationID)
	w.str("source_name", l.SourceName)
	w.str("origin", l.Origin)
	w.str("origin_id", l.OriginID)
	w.int("channel", l.Channel)
	w.str("channel_id", l.ChannelID)
	w.bool("is_archived", l.IsArchived)
	w.bool("was_seen", l.WasSeen)
	member(&w, "value", l.Value, appendValue)
	w.str("expected_close_date", l.ExpectedCloseDate)
	w.int("next_activity_id", l.NextActivityID)
	w.str("add_time", l.AddTime)
	w.str("update_time", l.UpdateTime)
	w.str("visible_to", l.VisibleTo)
	w.str("cc_email", l.CCEmail)
	w.raw(l.Extra)
	return append(w.b, '}')
}

func (v Value) appendJSON(b []byte) []byte {
	b = append(b, '{')
	if v.Amount != "" {
		b = append(b, `"amount":`...)
		b = append(b, v.Amount...)
	}
	if v.Currency != "" || v.sent&2 != 0 {
		if v.Amount != "" {
			b = append(b, ',')
		}
		b = append(b, `"currency":`...)
		b = jsonwire.AppendString(b, v.Currency)
	}
	return append(b, '}')
}

// objWriter appends the members of one JSON object.
type objWriter struct {
	b []byte
	n int
}

func (w *objWriter) key(k string) {
	if w.n > 0 {
		w.b = append(w.b, ',')
	}
	w.n++
	w.b = jsonwire.AppendString(w.b, k)
	w.b = append(w.b, ':')
}

// member writes member k of p: nothing when p is absent, null when it is
// null, else its value by enc.
func member[T any](w *objWriter, k string, p Patch[T], enc func([]byte, T) []byte) {
	if w.open(k, p.state) {
		w.b = enc(w.b, p.v)
	}
}

// str, int and bool are member for the common kinds without the call
// through enc: they run for every key of every lead, and member for all of
// them made BenchmarkAppendJSON about 9% slower.

func (w *objWriter) str(k string, p Patch[string]) {
	if w.open(k, p.state) {
		w.b = jsonwire.AppendString(w.b, p.v)
	}
}

func (w *objWriter) int(k string, p Patch[int64]) {
	if w.open(k, p.state) {
		w.b = jsonwire.AppendInt(w.b, p.v)
	}
}

func (w *objWriter) bool(k string, p Patch[bool]) {
	if w.open(k, p.state) {
		w.b = jsonwire.AppendBool(w.b, p.v)
	}
}

// open writes the key of a member that is not absent, and null for a
// null one; it reports whether the value is still to be written.
func (w *objWriter) open(k string, state uint8) bool {
	if state == 0 {
		return false
	}
	w.key(k)
	if state == 1 {
		w.b = append(w.b, "null"...)
		return false
	}
	return true
}

func appendValue(b []byte, v Value) []byte { return v.appendJSON(b) }

func (w *objWriter) raw(fields []RawField) {
	for _, f := range fields {
		w.key(f.Key)
		if len(f.Value) == 0 {
			w.b = append(w.b, "null"...)
			continue
		}
		w.b = append(w.b, f.Value...)
	}
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonwire.AppendString(b, s)
	}
	return append(b, ']')
}
