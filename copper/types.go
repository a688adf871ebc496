package copper

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// maxDepth bounds the nesting of arrays and objects DecodeLead accepts.
const maxDepth = 64

// State says whether a key of a Copper document was absent, null or set.
type State uint8

// The states of a Field. The zero Field is Absent.
const (
	Absent State = iota
	Null
	Present
)

// A Field is one member of a Copper document: absent, null, or a value.
// Lists use it too, so null and [] stay apart.
type Field[T any] struct {
	State State
	Value T
}

// Set returns a present Field holding v.
func Set[T any](v T) Field[T] { return Field[T]{State: Present, Value: v} }

// NullField returns a Field that is null.
func NullField[T any]() Field[T] { return Field[T]{State: Null} }

// IsZero reports whether f is absent.
func (f Field[T]) IsZero() bool { return f.State == Absent }

// Number is the exact text of a JSON number ("1500.50", "1e3"); it never
// passes through float64.
type Number string

// A Member is a key of a Copper object that this package does not name,
// with its exact JSON value.
type Member struct {
	Key   string
	Value json.RawMessage
}

// Lead is a Copper lead as GET /leads/{id} returns it (Copper Developer API,
// "Leads": Lead Properties), with the response-only keys the field table
// omits: the name parts, monetary_unit, status_id, interaction_count,
// date_last_contacted. Every key remembers whether it was absent, null or
// set. Extra keeps every other key with its exact JSON, whatever its type:
// unknown keys and the undocumented ones seen in responses
// (converted_unit, converted_value, converted_at, ...), which are carried,
// never checked.
type Lead struct {
	ID                Field[int64]
	Name              Field[string]
	Prefix            Field[string]
	FirstName         Field[string]
	MiddleName        Field[string]
	LastName          Field[string]
	Suffix            Field[string]
	Address           Field[Address]
	AssigneeID        Field[int64]
	CompanyName       Field[string]
	CustomerSourceID  Field[int64]
	Details           Field[string]
	Email             Field[Email]
	MonetaryValue     Field[Number]
	MonetaryUnit      Field[string]
	PhoneNumbers      Field[[]Phone]
	Socials           Field[[]Social]
	Status            Field[string]
	StatusID          Field[int64]
	Tags              Field[[]string]
	Title             Field[string] // the person's professional title
	Websites          Field[[]Website]
	CustomFields      Field[[]CustomFieldValue]
	DateCreated       Field[int64] // Unix seconds
	DateModified      Field[int64] // Unix seconds
	DateLastContacted Field[int64] // Unix seconds
	InteractionCount  Field[int64]
	Extra             []Member
}

// Address is a Copper address: {street, city, state, postal_code, country}.
type Address struct {
	Street     Field[string]
	City       Field[string]
	State      Field[string]
	PostalCode Field[string]
	Country    Field[string]
	Extra      []Member
}

// Email is Copper's single email object: {email, category}.
type Email struct {
	Email    Field[string]
	Category Field[string]
	Extra    []Member
}

// Phone is an element of phone_numbers: {number, category}.
type Phone struct {
	Number   Field[string]
	Category Field[string]
	Extra    []Member
}

// Social is an element of socials: {url, category}.
type Social struct {
	URL      Field[string]
	Category Field[string]
	Extra    []Member
}

// Website is an element of websites: {url, category}.
type Website struct {
	URL      Field[string]
	Category Field[string]
	Extra    []Member
}

// CustomFieldValue is an element of custom_fields:
// {custom_field_definition_id, value}. Value is the exact JSON of the
// value (a number, string, option id, list of option ids, Unix timestamp
// or boolean, by the definition's data_type).
type CustomFieldValue struct {
	DefinitionID Field[int64]
	Value        Field[json.RawMessage]
	Extra        []Member
}

// CustomFieldDefinition is an element of GET /custom_field_definitions
// (Copper Developer API, "List Custom Field Definitions").
type CustomFieldDefinition struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// CanonicalName is the definition's "Field Key"; null is "".
	CanonicalName string   `json:"canonical_name,omitempty"`
	DataType      string   `json:"data_type"`
	AvailableOn   []string `json:"available_on,omitempty"`
	Options       []Option `json:"options,omitempty"`
	// Currency is the ISO 4217 code of a Currency field.
	Currency string `json:"currency,omitempty"`
}

// Option is a choice of a Dropdown or MultiSelect definition.
type Option struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Rank int    `json:"rank"`
}

// LeadStatus is an element of GET /lead_statuses (Copper Developer API,
// "List Lead Statuses").
type LeadStatus struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Order     int    `json:"order"`
	IsDefault bool   `json:"is_default"`
}

// DecodeLead decodes one Copper lead object, as GET /leads/{id} returns
// it, in a single pass. Keys are matched exactly (case-sensitive); unknown
// keys are kept in Extra. A non-nil error is a lead.ErrorList of
// *lead.FieldError naming the path in Copper's names, and the Lead is
// then the zero Lead, never a partial one:
//
//   - "phone_numbers[2].number: want string, got number" (lead.ErrType):
//     every such error of the document is listed;
//   - a syntax error (lead.ErrMalformed), which stops decoding;
//   - a document that is not a lead object (ErrNotLead): a list of leads,
//     as POST /leads/search returns (decode it with DecodeLeadList), a
//     response envelope {"success", "data"}, or an error response
//     {"success": false, "status", "message"}, whose *APIError errors.As
//     finds.
func DecodeLead(data []byte) (Lead, error) {
	d := jsonwire.NewDecoder(data)
	d.SetMaxDepth(maxDepth)
	if d.Peek() == jsonwire.Array {
		// Rule: a list of leads is not a lead.
		if err := d.Skip(); err != nil {
			var list lead.ErrorList
			list.Append("", err)
			return Lead{}, list.Err()
		}
		return Lead{}, notLead("want a lead object, got a list of leads: decode a POST /leads/search response with DecodeLeadList", kindCause{lead.ErrType})
	}
	var l Lead
	err := d.Object(func(k []byte) error { return leadKey(d, &l, k) })
	if err == nil || !jsonwire.IsHard(err) {
		if end := d.End(); end != nil {
			err = end
		} else if w := wrapperErr(&l, data); w != nil {
			// Rule: a response around a lead, or an error response, is
			// not a lead.
			return Lead{}, w
		}
	}
	if err == nil {
		return l, nil
	}
	var list lead.ErrorList
	list.Append("", err)
	return Lead{}, list.Err()
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
func (l Lead) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil), nil }

func leadKey(d *jsonwire.Decoder, l *Lead, k []byte) error {
	switch string(k) {
	case "id":
		return readInt(d, &l.ID)
	case "name":
		return readString(d, &l.Name)
	case "prefix":
		return readString(d, &l.Prefix)
	case "first_name":
		return readString(d, &l.FirstName)
	case "middle_name":
		return readString(d, &l.MiddleName)
	case "last_name":
		return readString(d, &l.LastName)
	case "suffix":
		return readString(d, &l.Suffix)
	case "address":
		return readObject(d, &l.Address, addressKey)
	case "assignee_id":
		return readInt(d, &l.AssigneeID)
	case "company_name":
		return readString(d, &l.CompanyName)
	case "customer_source_id":
		return readInt(d, &l.CustomerSourceID)
	case "details":
		return readString(d, &l.Details)
	case "email":
		return readObject(d, &l.Email, emailKey)
	case "monetary_value":
		return readNumber(d, &l.MonetaryValue)
	case "monetary_unit":
		return readString(d, &l.MonetaryUnit)
	case "phone_numbers":
		return readList(d, &l.PhoneNumbers, func(d *jsonwire.Decoder, p *Phone) error {
			return d.Object(func(k []byte) error { return phoneKey(d, p, k) })
		})
	case "socials":
		return readList(d, &l.Socials, func(d *jsonwire.Decoder, p *Social) error {
			return d.Object(func(k []byte) error { return socialKey(d, p, k) })
		})
	case "status":
		return readString(d, &l.Status)
	case "status_id":
		return readInt(d, &l.StatusID)
	case "tags":
		return readList(d, &l.Tags, func(d *jsonwire.Decoder, t *string) error {
			v, err := d.String()
			*t = v
			return err
		})
	case "title":
		return readString(d, &l.Title)
	case "websites":
		return readList(d, &l.Websites, func(d *jsonwire.Decoder, p *Website) error {
			return d.Object(func(k []byte) error { return websiteKey(d, p, k) })
		})
	case "custom_fields":
		return readList(d, &l.CustomFields, func(d *jsonwire.Decoder, p *CustomFieldValue) error {
			return d.Object(func(k []byte) error { return customKey(d, p, k) })
		})
	case "date_created":
		return readInt(d, &l.DateCreated)
	case "date_modified":
		return readInt(d, &l.DateModified)
	case "date_last_contacted":
		return readInt(d, &l.DateLastContacted)
	case "interaction_count":
		return readInt(d, &l.InteractionCount)
	}
	return extra(d, &l.Extra, k)
}

// normalRaw reads any value and returns a copy of it in this package's
// normal form: compact, with every string written by jsonwire.AppendString.
func normalRaw(d *jsonwire.Decoder) (json.RawMessage, error) {
	raw, err := d.Raw()
	if err != nil {
		return nil, err
	}
	return appendNormal(make(json.RawMessage, 0, len(raw)), raw), nil
}

// appendNormal appends raw, one value that jsonwire has checked, in normal
// form. A checked string without escapes is its own normal form unless it
// holds U+2028 or U+2029, which jsonwire.AppendString escapes; raw without
// any of those needs only the whitespace removed.
func appendNormal(dst, raw []byte) []byte {
	if bytes.IndexByte(raw, '\\') < 0 && !bytes.Contains(raw, []byte("\u2028")) && !bytes.Contains(raw, []byte("\u2029")) {
		return jsonwire.Compact(dst, raw)
	}
	d := jsonwire.NewDecoder(raw)
	dst, _ = appendNormalValue(dst, d)
	return dst
}

// appendNormalValue re-reads the next value of d in normal form. Object
// and Array bound the recursion by d's depth limit.
func appendNormalValue(dst []byte, d *jsonwire.Decoder) ([]byte, error) {
	var err error
	switch d.Peek() {
	case jsonwire.String:
		var s []byte
		if s, err = d.StringBytes(); err == nil {
			dst = jsonwire.AppendStringBytes(dst, s)
		}
	case jsonwire.Object:
		dst = append(dst, '{')
		first := true
		err = d.Object(func(k []byte) error {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = append(jsonwire.AppendStringBytes(dst, k), ':')
			var err error
			dst, err = appendNormalValue(dst, d)
			return err
		})
		dst = append(dst, '}')
	case jsonwire.Array:
		dst = append(dst, '[')
		err = d.Array(func(i int) error {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			dst, err = appendNormalValue(dst, d)
			return err
		})
		dst = append(dst, ']')
	default:
		var v []byte
		if v, err = d.Raw(); err == nil {
			dst = append(dst, v...)
		}
	}
	return dst, err
}

func extra(d *jsonwire.Decoder, dst *[]Member, k []byte) error {
	key := string(k)
	raw, err := normalRaw(d)
	if err != nil {
		return err
	}
	*dst = append(*dst, Member{Key: key, Value: raw})
	return nil
}

func readString(d *jsonwire.Decoder, f *Field[string]) error {
	if d.Null() {
		*f = Field[string]{State: Null}
		return nil
	}
	v, err := d.String()
	if err != nil {
		return err
	}
	*f = Set(v)
	return nil
}

func readInt(d *jsonwire.Decoder, f *Field[int64]) error {
	if d.Null() {
		*f = Field[int64]{State: Null}
		return nil
	}
	v, err := d.Int64()
	if err != nil {
		return err
	}
	*f = Set(v)
	return nil
}

func readNumber(d *jsonwire.Decoder, f *Field[Number]) error {
	if d.Null() {
		*f = Field[Number]{State: Null}
		return nil
	}
	v, err := d.Number()
	if err != nil {
		return err
	}
	*f = Set(Number(v))
	return nil
}

// readObject reads an object or null into f.
func readObject[T any](d *jsonwire.Decoder, f *Field[T], key func(*jsonwire.Decoder, *T, []byte) error) error {
	if d.Null() {
		*f = Field[T]{State: Null}
		return nil
	}
	isObject := d.Peek() == jsonwire.Object
	var v T
	err := d.Object(func(k []byte) error { return key(d, &v, k) })
	if isObject && (err == nil || !jsonwire.IsHard(err)) {
		*f = Set(v)
	}
	return err
}

// readList reads an array or null into f.
func readList[T any](d *jsonwire.Decoder, f *Field[[]T], elem func(*jsonwire.Decoder, *T) error) error {
	if d.Null() {
		*f = Field[[]T]{State: Null}
		return nil
	}
	isArray := d.Peek() == jsonwire.Array
	// The elements are collected in a buffer on the stack and copied once
	// to a slice of the right length.
	var buf [16]T
	list := buf[:0]
	err := d.Array(func(int) error {
		var v T
		err := elem(d, &v)
		list = append(list, v)
		return err
	})
	if isArray && (err == nil || !jsonwire.IsHard(err)) {
		out := make([]T, len(list))
		copy(out, list)
		*f = Set(out)
	}
	return err
}

func addressKey(d *jsonwire.Decoder, a *Address, k []byte) error {
	switch string(k) {
	case "street":
		return readString(d, &a.Street)
	case "city":
		return readString(d, &a.City)
	case "state":
		return readString(d, &a.State)
	case "postal_code":
		return readString(d, &a.PostalCode)
	case "country":
		return readString(d, &a.Country)
	}
	return extra(d, &a.Extra, k)
}

func emailKey(d *jsonwire.Decoder, e *Email, k []byte) error {
	switch string(k) {
	case "email":
		return readString(d, &e.Email)
	case "category":
		return readString(d, &e.Category)
	}
	return extra(d, &e.Extra, k)
}

func phoneKey(d *jsonwire.Decoder, p *Phone, k []byte) error {
	switch string(k) {
	case "number":
		return readString(d, &p.Number)
	case "category":
		return readString(d, &p.Category)
	}
	return extra(d, &p.Extra, k)
}

func socialKey(d *jsonwire.Decoder, p *Social, k []byte) error {
	switch string(k) {
	case "url":
		return readString(d, &p.URL)
	case "category":
		return readString(d, &p.Category)
	}
	return extra(d, &p.Extra, k)
}

func websiteKey(d *jsonwire.Decoder, p *Website, k []byte) error {
	switch string(k) {
	case "url":
		return readString(d, &p.URL)
	case "category":
		return readString(d, &p.Category)
	}
	return extra(d, &p.Extra, k)
}

func customKey(d *jsonwire.Decoder, c *CustomFieldValue, k []byte) error {
	switch string(k) {
	case "custom_field_definition_id":
		return readInt(d, &c.DefinitionID)
	case "value":
		if d.Null() {
			c.Value = Field[json.RawMessage]{State: Null}
			return nil
		}
		raw, err := normalRaw(d)
		if err != nil {
			return err
		}
		c.Value = Set(raw)
		return nil
	}
	return extra(d, &c.Extra, k)
}

// AppendJSON appends l as compact JSON: set keys with their values, null
// keys as null, absent keys left out, then the unknown keys as they were.
func (l Lead) AppendJSON(dst []byte) []byte {
	w := writer{b: append(dst, '{')}
	w.int("id", l.ID)
	w.str("name", l.Name)
	w.str("prefix", l.Prefix)
	w.str("first_name", l.FirstName)
	w.str("middle_name", l.MiddleName)
	w.str("last_name", l.LastName)
	w.str("suffix", l.Suffix)
	if w.key("address", l.Address.State) {
		w.address(l.Address.Value)
	}
	w.int("assignee_id", l.AssigneeID)
	w.str("company_name", l.CompanyName)
	w.int("customer_source_id", l.CustomerSourceID)
	w.str("details", l.Details)
	if w.key("email", l.Email.State) {
		e := l.Email.Value
		w.pair('{', "email", e.Email, "category", e.Category, e.Extra)
	}
	w.num("monetary_value", l.MonetaryValue)
	w.str("monetary_unit", l.MonetaryUnit)
	if w.key("phone_numbers", l.PhoneNumbers.State) {
		w.b = append(w.b, '[')
		for i, p := range l.PhoneNumbers.Value {
			w.pair(sep(i), "number", p.Number, "category", p.Category, p.Extra)
		}
		w.b = append(w.b, ']')
	}
	if w.key("socials", l.Socials.State) {
		w.b = append(w.b, '[')
		for i, p := range l.Socials.Value {
			w.pair(sep(i), "url", p.URL, "category", p.Category, p.Extra)
		}
		w.b = append(w.b, ']')
	}
	w.str("status", l.Status)
	w.int("status_id", l.StatusID)
	if w.key("tags", l.Tags.State) {
		w.b = append(w.b, '[')
		for i, t := range l.Tags.Value {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = jsonwire.AppendString(w.b, t)
		}
		w.b = append(w.b, ']')
	}
	w.str("title", l.Title)
	if w.key("websites", l.Websites.State) {
		w.b = append(w.b, '[')
		for i, p := range l.Websites.Value {
			w.pair(sep(i), "url", p.URL, "category", p.Category, p.Extra)
		}
		w.b = append(w.b, ']')
	}
	if w.key("custom_fields", l.CustomFields.State) {
		w.b = append(w.b, '[')
		for i, c := range l.CustomFields.Value {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = append(w.b, '{')
			w.int("custom_field_definition_id", c.DefinitionID)
			if w.key("value", c.Value.State) {
				w.b = append(w.b, c.Value.Value...)
			}
			w.extra(c.Extra)
			w.b = append(w.b, '}')
		}
		w.b = append(w.b, ']')
	}
	w.int("date_created", l.DateCreated)
	w.int("date_modified", l.DateModified)
	w.int("date_last_contacted", l.DateLastContacted)
	w.int("interaction_count", l.InteractionCount)
	w.extra(l.Extra)
	return append(w.b, '}')
}

// sep opens the i-th object of a list.
func sep(i int) byte {
	if i == 0 {
		return '{'
	}
	return ','
}

// writer appends the members of one object.
type writer struct {
	b []byte
}

// key writes the key of a non-absent member, and null for a null one. It
// reports whether the caller must write a value.
func (w *writer) key(k string, st State) bool {
	if st == Absent {
		return false
	}
	if n := len(w.b); n > 0 && w.b[n-1] != '{' {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
	if st == Null {
		w.b = append(w.b, "null"...)
		return false
	}
	return true
}

func (w *writer) str(k string, f Field[string]) {
	if w.key(k, f.State) {
		w.b = jsonwire.AppendString(w.b, f.Value)
	}
}

func (w *writer) int(k string, f Field[int64]) {
	if w.key(k, f.State) {
		w.b = strconv.AppendInt(w.b, f.Value, 10)
	}
}

func (w *writer) num(k string, f Field[Number]) {
	if w.key(k, f.State) {
		w.b = append(w.b, f.Value...)
	}
}

// extra writes unknown members; their keys are escaped, as any key may
// come from the input.
func (w *writer) extra(m []Member) {
	for _, e := range m {
		if n := len(w.b); n > 0 && w.b[n-1] != '{' {
			w.b = append(w.b, ',')
		}
		w.b = append(jsonwire.AppendString(w.b, e.Key), ':')
		w.b = append(w.b, e.Value...)
	}
}

func (w *writer) address(a Address) {
	w.b = append(w.b, '{')
	w.str("street", a.Street)
	w.str("city", a.City)
	w.str("state", a.State)
	w.str("postal_code", a.PostalCode)
	w.str("country", a.Country)
	w.extra(a.Extra)
	w.b = append(w.b, '}')
}

// pair writes a two-key object opened by open ('{' or ',' then '{').
func (w *writer) pair(open byte, k1 string, v1 Field[string], k2 string, v2 Field[string], extra []Member) {
	if open == ',' {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '{')
	w.str(k1, v1)
	w.str(k2, v2)
	w.extra(extra)
	w.b = append(w.b, '}')
}
