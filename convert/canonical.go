package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/leadbridge/leadbridge/internal/exportjson"
	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// DecodeCanonical decodes a lead in the canonical JSON encoding, strictly:
// the input must be well-formed (no duplicate keys, valid UTF-8; see
// package jsonwire), keys match case-sensitively ("TITLE" is not
// "title"), unknown keys are errors, and the lead must pass Validate.
// encoding/json alone would accept all three. Keys are checked by their
// position in the structure, not by name: "number" is a string in
// phone_numbers[i] and a decimal in custom_fields[i]. Every wrong type,
// unknown key and unparsable amount, date or time is reported at once,
// each with its full path ("phone_numbers[0].number: want string, got
// number"). Whatever this module writes as canonical JSON reads back.
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
			return lead.Lead{}, &lead.FieldError{Path: te.Field, Rule: "want " + exportjson.KindOf(te.Type), Err: lead.ErrType}
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

// A shapeKind is what a position of the canonical JSON holds.
type shapeKind uint8

const (
	shapeObject  shapeKind = iota // a struct of package lead: known keys
	shapeArray                    // a slice: elements of one shape
	shapeMap                      // a map: any key, values of one shape
	shapeString                   // a JSON string
	shapeBool                     // true or false
	shapeInt                      // an integer in the range of int64
	shapeDecimal                  // a JSON number ParseDecimal accepts
	shapeDate                     // a string "YYYY-MM-DD"
	shapeTime                     // a string in RFC 3339
	shapeRaw                      // any JSON value, kept as it is
)

// A shape describes one position of the canonical JSON: the kind of value
// it holds and, for objects, the shape of each key. Keys are checked by
// position, never by name alone: "number" is a string in phone_numbers[i]
// and a decimal in custom_fields[i].
type shape struct {
	kind     shapeKind
	fields   map[string]*shape // shapeObject
	required []string          // shapeObject: keys that must be present and not null
	elem     *shape            // shapeArray, shapeMap
}

// canonicalShape is the shape of lead.Lead's JSON, built once by
// reflection over package lead's types and read-only afterwards.
var canonicalShape = sync.OnceValue(func() *shape {
	return shapeOf(reflect.TypeFor[lead.Lead](), map[reflect.Type]*shape{})
})

var (
	decimalType = reflect.TypeFor[decimal.Decimal]()
	dateType    = reflect.TypeFor[lead.Date]()
	timeType    = reflect.TypeFor[time.Time]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	moneyType   = reflect.TypeFor[lead.Money]()
)

// shapeOf returns the shape of values of type t in the canonical JSON.
// Types that encode themselves (Money, CustomField, Date, Optional) write
// the keys of their struct fields' JSON tags, or a single value.
func shapeOf(t reflect.Type, seen map[reflect.Type]*shape) *shape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case decimalType:
		return &shape{kind: shapeDecimal}
	case dateType:
		return &shape{kind: shapeDate}
	case timeType:
		return &shape{kind: shapeTime}
	case rawType:
		return &shape{kind: shapeRaw}
	}
	if s, ok := seen[t]; ok {
		return s
	}
	// Optional[T] is T in JSON.
	if t.Kind() == reflect.Struct && t.PkgPath() == moneyType.PkgPath() && strings.HasPrefix(t.Name(), "Optional[") {
		return shapeOf(t.Field(0).Type, seen)
	}
	switch t.Kind() {
	case reflect.String:
		return &shape{kind: shapeString}
	case reflect.Bool:
		return &shape{kind: shapeBool}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &shape{kind: shapeInt}
	case reflect.Slice, reflect.Array:
		return &shape{kind: shapeArray, elem: shapeOf(t.Elem(), seen)}
	case reflect.Map:
		return &shape{kind: shapeMap, elem: shapeOf(t.Elem(), seen)}
	case reflect.Struct:
		s := &shape{kind: shapeObject, fields: map[string]*shape{}}
		seen[t] = s
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" || !f.IsExported() {
				continue
			}
			s.fields[name] = shapeOf(f.Type, seen)
		}
		if t == moneyType {
			// Rule: Money.UnmarshalJSON requires amount and currency.
			s.required = []string{"amount", "currency"}
		}
		return s
	}
	return &shape{kind: shapeRaw}
}

// checkKeys walks the value at d against the canonical shape and reports
// every key no canonical type has at that position (with a hint when it
// differs from one only in case), every value of the wrong JSON type,
// amounts, numbers, dates and times that do not parse, and money without
// amount or currency, each with its full path. null is accepted wherever
// encoding/json accepts it, except for a required key; Validate judges
// the zero value it leaves.
func checkKeys(d *jsonwire.Decoder) error {
	return canonicalShape().check(d)
}

func (s *shape) check(d *jsonwire.Decoder) error {
	if d.Null() {
		return nil
	}
	switch s.kind {
	case shapeObject:
		var have []string
		err := d.Object(func(key []byte) error {
			f, ok := s.fields[string(key)]
			if !ok {
				return s.unknownKey(string(key))
			}
			if d.Null() {
				return nil
			}
			if slices.Contains(s.required, string(key)) {
				have = append(have, string(key))
			}
			return f.check(d)
		})
		if len(s.required) == len(have) || jsonwire.IsHard(err) {
			return err
		}
		var errs lead.ErrorList
		errs.Append("", err)
		for _, k := range s.required {
			if !slices.Contains(have, k) {
				errs.Add(k, "required", lead.ErrRequired)
			}
		}
		return errs
	case shapeArray:
		return d.Array(func(int) error { return s.elem.check(d) })
	case shapeMap:
		return d.Object(func([]byte) error { return s.elem.check(d) })
	case shapeString:
		_, err := d.StringBytes()
		return err
	case shapeBool:
		_, err := d.Bool()
		return err
	case shapeInt:
		_, err := d.Int64()
		return err
	case shapeDecimal:
		// Checked here, where the path is known: encoding/json drops the
		// path of errors from UnmarshalJSON methods.
		n, err := d.Number()
		if err != nil {
			return err
		}
		_, err = lead.ParseDecimal(string(n))
		return err
	case shapeDate:
		b, err := d.StringBytes()
		if err != nil {
			return err
		}
		_, err = lead.ParseDate(string(b))
		return err
	case shapeTime:
		b, err := d.StringBytes()
		if err != nil {
			return err
		}
		// Rule: time.Time reads RFC 3339.
		if _, err := time.Parse(time.RFC3339, string(b)); err != nil {
			return &lead.FieldError{Rule: "want an RFC 3339 date-time", Err: lead.ErrInvalid}
		}
		return nil
	default:
		return d.Skip()
	}
}

// unknownKey is the error for key k, which s does not have.
func (s *shape) unknownKey(k string) error {
	names := slices.Sorted(maps.Keys(s.fields))
	for _, name := range names {
		if strings.EqualFold(name, k) {
			return &lead.FieldError{Rule: "unknown key; keys are case-sensitive: " + name, Err: lead.ErrInvalid}
		}
	}
	return &lead.FieldError{Rule: "unknown key", Err: lead.ErrInvalid}
}
