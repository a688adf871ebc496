package pipedrive

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// fieldTypeOf maps a deal field_type to the canonical type. Types the
// model has no shape for (daterange, timerange, time, address, ...) stay
// raw, with their companion keys kept in the vendor data.
func fieldTypeOf(ft string) lead.FieldType {
	switch ft {
	case "varchar", "varchar_auto", "text", "phone":
		return lead.FieldText
	case "double":
		return lead.FieldNumber
	case "monetary":
		return lead.FieldMoney
	case "date":
		return lead.FieldDate
	case "enum":
		return lead.FieldOption
	case "set":
		return lead.FieldOptions
	case "user":
		return lead.FieldUser
	case "org":
		return lead.FieldOrganization
	case "people":
		return lead.FieldPerson
	}
	return lead.FieldRaw
}

// compactRaw returns raw without insignificant white space; raw must be
// valid JSON. It returns raw itself when there is nothing to remove.
func compactRaw(raw []byte) []byte {
	if bytes.IndexAny(raw, " \t\r\n") < 0 {
		return raw
	}
	return jsonwire.Compact(make([]byte, 0, len(raw)), raw)
}

// unquote returns the value of a JSON string without escapes, or decodes
// it; ok is false if raw is not a string.
func unquote(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", false
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), true
	}
	var d jsonwire.Decoder
	d.Reset(raw)
	s, err := d.String()
	if err != nil || d.End() != nil {
		return "", false
	}
	return s, true
}

func isNumberStart(raw []byte) bool {
	return len(raw) > 0 && (raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9'))
}

// decodeCustom types one custom-field value. def supplies the option
// labels and checks option ids when non-nil; currency is the value of the
// <key>_currency companion for monetary fields (nil when absent). A
// failure is a FieldError without a path.
func decodeCustom(t lead.FieldType, raw []byte, def *DealField, currency []byte) (lead.CustomField, *lead.FieldError) {
	cf := lead.CustomField{Type: t}
	if string(raw) == "null" {
		return cf, nil
	}
	want := func(what string) *lead.FieldError {
		rule := "want " + what + ", got " + jsonKind(raw[0])
		return &lead.FieldError{Rule: rule, Err: &typeError{rule}}
	}
	switch t {
	case lead.FieldText, lead.FieldURL:
		s, ok := unquote(raw)
		if !ok {
			return cf, want("string")
		}
		cf.Text = &s
	case lead.FieldNumber, lead.FieldMoney:
		text := string(raw)
		if s, ok := unquote(raw); ok {
			text = s
		} else if !isNumberStart(raw) {
			return cf, want("number")
		}
		d, err := lead.ParseDecimal(text)
		if err != nil {
			return cf, err.(*lead.FieldError)
		}
		if t == lead.FieldNumber {
			cf.Number = &d
			break
		}
		cur, ok := unquote(currency)
		if !ok || cur == "" {
			return cf, &lead.FieldError{Path: "_currency", Rule: "required", Err: lead.ErrRequired}
		}
		cf.Money = &lead.Money{Amount: d, Currency: cur}
	case lead.FieldDate:
		s, ok := unquote(raw)
		if !ok {
			return cf, want("string")
		}
		d, err := lead.ParseDate(s)
		if err != nil {
			return cf, err.(*lead.FieldError)
		}
		cf.Date = &d
	case lead.FieldDateTime:
		s, ok := unquote(raw)
		if !ok {
			return cf, want("string")
		}
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return cf, &lead.FieldError{Rule: "want an RFC 3339 date-time", Err: lead.ErrInvalid}
		}
		cf.Time = tm.UTC()
	case lead.FieldBool:
		switch string(raw) {
		case "true", "false":
			b := string(raw) == "true"
			cf.Bool = &b
		default:
			return cf, want("boolean")
		}
	case lead.FieldOption, lead.FieldOptions:
		var ids []string
		if s, ok := unquote(raw); ok {
			if s != "" {
				ids = strings.Split(s, ",")
			}
		} else if isNumberStart(raw) {
			ids = []string{string(raw)}
		} else {
			return cf, want("option id")
		}
		if t == lead.FieldOption && len(ids) > 1 {
			return cf, &lead.FieldError{Rule: "one option id", Err: lead.ErrInvalid}
		}
		cf.Options = make([]lead.Option, 0, len(ids))
		for _, id := range ids {
			if id == "" {
				return cf, &lead.FieldError{Rule: "want option ids separated by commas", Err: lead.ErrInvalid}
			}
			o := lead.Option{ID: id}
			if def != nil {
				found := false
				for _, opt := range def.Options {
					if string(opt.ID) == id {
						o.Label, found = opt.Label, true
						break
					}
				}
				if !found {
					return cf, &lead.FieldError{Rule: "option id not in the field definition", Err: lead.ErrInvalid}
				}
			}
			cf.Options = append(cf.Options, o)
		}
	case lead.FieldUser, lead.FieldPerson, lead.FieldOrganization:
		id, ok := refID(raw)
		if !ok {
			return cf, want("integer id or object with value")
		}
		cf.Ref = &lead.Ref{System: System, ID: id}
	default:
		cf.Raw = json.RawMessage(compactRaw(raw))
	}
	return cf, nil
}

// refID reads a user, org or people value: an integer id, or an object
// whose "value" (or else "id") is the integer id.
func refID(raw []byte) (string, bool) {
	if isNumberStart(raw) {
		if _, ok := parseInt(raw); ok && raw[0] != '-' && string(raw) != "0" {
			return string(raw), true
		}
		return "", false
	}
	if raw[0] != '{' {
		return "", false
	}
	// Keys match exactly, as everywhere in a lead: "VALUE" is not "value".
	var d jsonwire.Decoder
	d.Reset(raw)
	var value, id []byte
	err := d.Object(func(k []byte) error {
		v, err := d.Raw()
		switch string(k) {
		case "value":
			value = v
		case "id":
			id = v
		}
		return err
	})
	if err != nil || d.End() != nil {
		return "", false
	}
	for _, v := range [][]byte{value, id} {
		if len(v) > 0 && isNumberStart(v) {
			return refID(v)
		}
	}
	return "", false
}

// encodeCustom writes a custom field's value the way Pipedrive writes it:
// option ids as a string ("62", "71,73"), refs as integers, numbers and
// amounts as JSON numbers. An unset field is null. ok is false when the
// value cannot be written (a ref that is not a Pipedrive integer id).
func encodeCustom(b []byte, cf lead.CustomField) ([]byte, bool) {
	switch {
	case cf.Text != nil:
		return jsonwire.AppendString(b, *cf.Text), true
	case cf.Number != nil:
		return append(b, lead.FormatDecimal(*cf.Number)...), true
	case cf.Money != nil:
		return append(b, lead.FormatDecimal(cf.Money.Amount)...), true
	case cf.Date != nil:
		return jsonwire.AppendString(b, cf.Date.String()), true
	case !cf.Time.IsZero():
		return jsonwire.AppendString(b, cf.Time.UTC().Format(time.RFC3339Nano)), true
	case cf.Bool != nil:
		return strconv.AppendBool(b, *cf.Bool), true
	case cf.Options != nil:
		ids := make([]string, len(cf.Options))
		for i, o := range cf.Options {
			if o.ID == "" || strings.Contains(o.ID, ",") {
				return b, false
			}
			ids[i] = o.ID
		}
		return jsonwire.AppendString(b, strings.Join(ids, ",")), true
	case cf.Ref != nil:
		if cf.Ref.System != System {
			return b, false
		}
		if n, ok := parseInt([]byte(cf.Ref.ID)); ok && n > 0 {
			return strconv.AppendInt(b, n, 10), true
		}
		return b, false
	case cf.Raw != nil:
		return append(b, cf.Raw...), true
	}
	return append(b, "null"...), true
}
