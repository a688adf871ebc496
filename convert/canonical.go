package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// DecodeCanonical decodes a lead in the canonical JSON encoding, strictly:
// the input must be well-formed (no duplicate keys, valid UTF-8; see
// package jsonwire), keys match case-sensitively ("TITLE" is not
// "title"), unknown keys are errors, and the lead must pass Validate.
// encoding/json alone would accept all three.
func DecodeCanonical(rec []byte) (lead.Lead, error) {
	var errs lead.ErrorList
	d := jsonwire.NewDecoder(rec)
	if d.Peek() != jsonwire.Object {
		return lead.Lead{}, &lead.FieldError{Rule: "want object, got " + d.Peek().String(), Err: lead.ErrType}
	}
	if err := checkKeys(d); err != nil {
		errs.Append("", err)
		return lead.Lead{}, errs.Err()
	}
	if err := d.End(); err != nil {
		return lead.Lead{}, err
	}
	var l lead.Lead
	dec := json.NewDecoder(bytes.NewReader(rec))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		var te *json.UnmarshalTypeError
		var fe *lead.FieldError
		var list lead.ErrorList
		switch {
		case errors.As(err, &te):
			return lead.Lead{}, &lead.FieldError{Path: te.Field, Rule: "want " + kindOf(te.Type), Err: lead.ErrType}
		case errors.As(err, &list), errors.As(err, &fe):
			errs.Append("", err)
			return lead.Lead{}, errs.Err()
		default:
			return lead.Lead{}, &lead.FieldError{Rule: "invalid", Err: err}
		}
	}
	if err := l.Validate(); err != nil {
		return lead.Lead{}, err
	}
	return l, nil
}

// kindOf names the JSON kind a Go type decodes from.
func kindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	default:
		return "object"
	}
}

// freeKeys are the keys under which the canonical JSON holds maps or raw
// vendor JSON, whose keys are data, not names.
var freeKeys = map[string]bool{"vendor": true, "raw": true}

// checkKeys walks the value at d and reports keys that differ from a
// canonical key only in case, and keys no canonical type has.
func checkKeys(d *jsonwire.Decoder) error {
	known := canonicalKeys()
	// field is true for the elements of custom_fields, the one place where
	// "number" is a decimal; elsewhere it is a phone number, a string.
	var walk func(field bool) error
	walk = func(field bool) error {
		switch d.Peek() {
		case jsonwire.Object:
			return d.Object(func(key []byte) error {
				k := string(key)
				if freeKeys[k] {
					return d.Skip()
				}
				if !known[k] {
					for name := range known {
						if strings.EqualFold(name, k) {
							d.Skip()
							return &lead.FieldError{Rule: "unknown key; keys are case-sensitive: " + name, Err: lead.ErrInvalid}
						}
					}
					d.Skip()
					return &lead.FieldError{Rule: "unknown key", Err: lead.ErrInvalid}
				}
				switch {
				case k == "amount" || k == "number" && field:
					// Checked here, where the path is known: encoding/json
					// drops the path of errors from UnmarshalJSON methods.
					if d.Null() {
						return nil
					}
					n, err := d.Number()
					if err != nil {
						return err
					}
					_, err = lead.ParseDecimal(string(n))
					return err
				case k == "expected_close_date" || k == "date":
					if d.Null() {
						return nil
					}
					s, err := d.String()
					if err != nil {
						return err
					}
					_, err = lead.ParseDate(s)
					return err
				}
				return walk(k == "custom_fields")
			})
		case jsonwire.Array:
			return d.Array(func(int) error { return walk(field) })
		default:
			return d.Skip()
		}
	}
	return walk(false)
}

// canonicalKeys is the set of JSON names of package lead's types, built
// once and read-only afterwards.
var canonicalKeys = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || t.PkgPath() != reflect.TypeFor[lead.Lead]().PkgPath() {
			return
		}
		seen[t] = true
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name != "" && name != "-" {
				keys[name] = true
			}
			add(f.Type)
		}
	}
	add(reflect.TypeFor[lead.Lead]())
	// Money and CustomField encode themselves; their keys:
	for _, k := range []string{"amount", "currency", "key", "name", "type", "source", "text", "number",
		"money", "date", "time", "bool", "options", "ref", "id", "label"} {
		keys[k] = true
	}
	return keys
})
