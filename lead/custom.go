package lead

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/shopspring/decimal"
)

// FieldType is the type of a custom field's value.
type FieldType string

// The custom-field types. Raw is a value kept exactly as the source sent
// it, for fields whose definition is unknown or whose type has no
// canonical counterpart.
const (
	FieldText         FieldType = "text"
	FieldNumber       FieldType = "number"
	FieldMoney        FieldType = "money"
	FieldDate         FieldType = "date"
	FieldDateTime     FieldType = "datetime"
	FieldBool         FieldType = "bool"
	FieldOption       FieldType = "option"
	FieldOptions      FieldType = "options"
	FieldURL          FieldType = "url"
	FieldUser         FieldType = "user"
	FieldPerson       FieldType = "person"
	FieldOrganization FieldType = "organization"
	FieldRaw          FieldType = "raw"
)

// A CustomField is one account-defined field of a lead and its typed value.
//
// Exactly the value fields that belong to Type are set, or none when the
// field is unset in the source:
//
//	text, url               Text
//	number                  Number
//	money                   Money
//	date                    Date
//	datetime                Time
//	bool                    Bool
//	option                  Options (one)
//	options                 Options (any number)
//	user, person,
//	organization            Ref
//	raw                     Raw (exact JSON, compacted)
type CustomField struct {
	// Key is the field's stable canonical key: a mapping's name for it, or
	// "<system>:<field id>" ("pipedrive:9f3a…", "copper:123") by default.
	Key string `json:"key"`
	// Name is the field's human name from the source's definitions.
	Name string `json:"name,omitempty"`
	// Type is the type of the value.
	Type FieldType `json:"type"`
	// Source is the field's id in the source system.
	Source *Ref `json:"source,omitempty"`

	Text    *string          `json:"text,omitempty"`
	Number  *decimal.Decimal `json:"number,omitempty"`
	Money   *Money           `json:"money,omitempty"`
	Date    *Date            `json:"date,omitempty"`
	Time    time.Time        `json:"time,omitzero"`
	Bool    *bool            `json:"bool,omitempty"`
	Options []Option         `json:"options,omitempty"`
	Ref     *Ref             `json:"ref,omitempty"`
	Raw     json.RawMessage  `json:"raw,omitempty"`
}

// An Option is a choice of a single- or multiple-option custom field: the
// source's option id and its label.
type Option struct {
	ID    string `json:"id,omitempty"`
	Label string `json:"label,omitempty"`
}

// IsSet reports whether f holds a value.
func (f CustomField) IsSet() bool {
	return f.Text != nil || f.Number != nil || f.Money != nil || f.Date != nil ||
		!f.Time.IsZero() || f.Bool != nil || f.Options != nil || f.Ref != nil || f.Raw != nil
}

// customFieldJSON is CustomField with Number as a JSON number.
type customFieldJSON struct {
	Key     string          `json:"key"`
	Name    string          `json:"name,omitempty"`
	Type    FieldType       `json:"type"`
	Source  *Ref            `json:"source,omitempty"`
	Text    *string         `json:"text,omitempty"`
	Number  json.RawMessage `json:"number,omitempty"`
	Money   *Money          `json:"money,omitempty"`
	Date    *Date           `json:"date,omitempty"`
	Time    time.Time       `json:"time,omitzero"`
	Bool    *bool           `json:"bool,omitempty"`
	Options []Option        `json:"options,omitempty"`
	Ref     *Ref            `json:"ref,omitempty"`
	Raw     json.RawMessage `json:"raw,omitempty"`
}

// MarshalJSON writes Number as a JSON number that keeps its scale.
func (f CustomField) MarshalJSON() ([]byte, error) {
	w := customFieldJSON{Key: f.Key, Name: f.Name, Type: f.Type, Source: f.Source, Text: f.Text,
		Money: f.Money, Date: f.Date, Time: f.Time, Bool: f.Bool, Options: f.Options, Ref: f.Ref, Raw: f.Raw}
	if f.Number != nil {
		w.Number = json.RawMessage(FormatDecimal(*f.Number))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(w); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON reads Number from a JSON number, exactly.
func (f *CustomField) UnmarshalJSON(b []byte) error {
	var w customFieldJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*f = CustomField{Key: w.Key, Name: w.Name, Type: w.Type, Source: w.Source, Text: w.Text,
		Money: w.Money, Date: w.Date, Time: w.Time, Bool: w.Bool, Options: w.Options, Ref: w.Ref, Raw: w.Raw}
	if w.Number != nil && string(w.Number) != "null" {
		d, err := ParseDecimal(string(w.Number))
		if err != nil {
			return &FieldError{Path: "number", Rule: err.(*FieldError).Rule, Err: err.(*FieldError).Err}
		}
		f.Number = &d
	}
	if f.Raw != nil {
		// Compacted, not HTML-escaped: the raw value reads back as the
		// adapter kept it, so a route through the canonical JSON writes
		// the vendor's bytes ("&", not "\u0026").
		var buf bytes.Buffer
		if json.Compact(&buf, f.Raw) == nil {
			f.Raw = buf.Bytes()
		}
	}
	return nil
}
