package copper

import (
	"encoding/json"
	"time"

	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// Account is the response of GET /account (Copper Developer API, "Account
// and Users": Account Properties). Only PrimaryTimezone is used: custom
// Date values are midnight in that zone.
type Account struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// PrimaryTimezone is the IANA name of the account's time zone
	// ("America/Los_Angeles").
	PrimaryTimezone string `json:"primary_timezone"`
	// Settings is the settings object as Copper sent it.
	Settings json.RawMessage `json:"settings,omitempty"`
}

// Location loads the account's time zone, for Translator.Location. An
// account without primary_timezone gives nil (UTC is then assumed). A name
// the time zone database does not know, or "Local", is an error at
// "primary_timezone" (lead.ErrInvalid).
func (a Account) Location() (*time.Location, error) {
	if a.PrimaryTimezone == "" {
		return nil, nil
	}
	// Rule: an IANA zone name; "Local" would depend on the machine.
	loc, err := time.LoadLocation(a.PrimaryTimezone)
	if err != nil || a.PrimaryTimezone == "Local" {
		var list lead.ErrorList
		list.Add("primary_timezone", "an IANA time zone name", lead.ErrInvalid)
		return nil, list.Err()
	}
	return loc, nil
}

// DecodeAccount decodes the response of GET /account strictly: id, name
// and primary_timezone must have their documented types; other keys are
// skipped. Errors are as for DecodeCustomFieldDefinitions.
func DecodeAccount(data []byte) (Account, error) {
	var a Account
	d := jsonwire.NewDecoder(data)
	d.SetMaxDepth(maxDepth)
	if err := rootKind(d, data, jsonwire.Object, "the account (GET /account)"); err != nil {
		return Account{}, err
	}
	err := d.Object(func(k []byte) error {
		switch string(k) {
		case "id":
			return optInt(d, &a.ID)
		case "name":
			return optString(d, &a.Name)
		case "primary_timezone":
			return optString(d, &a.PrimaryTimezone)
		case "settings":
			raw, err := normalRaw(d)
			if err == nil && string(raw) != "null" {
				a.Settings = raw
			}
			return err
		}
		return nil
	})
	if err := finish(d, err); err != nil {
		return Account{}, err
	}
	return a, nil
}

// DecodeCustomFieldDefinitions decodes the response of
// GET /custom_field_definitions (Copper Developer API, "List Custom Field
// Definitions"): a JSON array of definitions. It is strict: keys match
// exactly, id, name and data_type are required, and every documented key
// must have its documented type (canonical_name and currency may be null);
// keys it does not use (is_filterable, ...) are skipped.
//
// A non-nil error is a lead.ErrorList of *lead.FieldError whose paths start
// with the definition's index ("[3].options[1].id: want number, got
// string"), and no definition is returned. An error response from Copper
// gives an error wrapping *APIError.
func DecodeCustomFieldDefinitions(data []byte) ([]CustomFieldDefinition, error) {
	d := jsonwire.NewDecoder(data)
	d.SetMaxDepth(maxDepth)
	if err := rootKind(d, data, jsonwire.Array, "custom field definitions (GET /custom_field_definitions)"); err != nil {
		return nil, err
	}
	defs := []CustomFieldDefinition{}
	err := d.Array(func(int) error {
		var def CustomFieldDefinition
		var seen [3]bool
		err := d.Object(func(k []byte) error {
			switch string(k) {
			case "id":
				seen[0] = true
				return reqInt(d, &def.ID)
			case "name":
				seen[1] = true
				return reqString(d, &def.Name)
			case "data_type":
				seen[2] = true
				return reqString(d, &def.DataType)
			case "canonical_name":
				return optString(d, &def.CanonicalName)
			case "currency":
				return optString(d, &def.Currency)
			case "available_on":
				if d.Null() {
					return nil
				}
				def.AvailableOn = []string{}
				return d.Array(func(int) error {
					s, err := d.String()
					def.AvailableOn = append(def.AvailableOn, s)
					return err
				})
			case "options":
				if d.Null() {
					return nil
				}
				def.Options = []Option{}
				return d.Array(func(int) error {
					var o Option
					err := decodeOption(d, &o)
					def.Options = append(def.Options, o)
					return err
				})
			}
			return nil
		})
		defs = append(defs, def)
		return required(err, seen[:], "id", "name", "data_type")
	})
	if err := finish(d, err); err != nil {
		return nil, err
	}
	return defs, nil
}

func decodeOption(d *jsonwire.Decoder, o *Option) error {
	var seen [2]bool
	err := d.Object(func(k []byte) error {
		switch string(k) {
		case "id":
			seen[0] = true
			return reqInt(d, &o.ID)
		case "name":
			seen[1] = true
			return reqString(d, &o.Name)
		case "rank":
			var v int64
			err := optInt(d, &v)
			o.Rank = int(v)
			return err
		}
		return nil
	})
	return required(err, seen[:], "id", "name")
}

// DecodeLeadStatuses decodes the response of GET /lead_statuses (Copper
// Developer API, "List Lead Statuses"): a JSON array of {id, name, order,
// is_default}. id and name are required; errors are as for
// DecodeCustomFieldDefinitions, and no status is returned with one.
func DecodeLeadStatuses(data []byte) ([]LeadStatus, error) {
	d := jsonwire.NewDecoder(data)
	d.SetMaxDepth(maxDepth)
	if err := rootKind(d, data, jsonwire.Array, "lead statuses (GET /lead_statuses)"); err != nil {
		return nil, err
	}
	statuses := []LeadStatus{}
	err := d.Array(func(int) error {
		var s LeadStatus
		var seen [2]bool
		err := d.Object(func(k []byte) error {
			switch string(k) {
			case "id":
				seen[0] = true
				return reqInt(d, &s.ID)
			case "name":
				seen[1] = true
				return reqString(d, &s.Name)
			case "order":
				var v int64
				err := optInt(d, &v)
				s.Order = int(v)
				return err
			case "is_default":
				if d.Null() {
					return nil
				}
				v, err := d.Bool()
				s.IsDefault = v
				return err
			}
			return nil
		})
		statuses = append(statuses, s)
		return required(err, seen[:], "id", "name")
	})
	if err := finish(d, err); err != nil {
		return nil, err
	}
	return statuses, nil
}

// rootKind checks that the document is of kind want; an error response is
// returned as such.
func rootKind(d *jsonwire.Decoder, data []byte, want jsonwire.Kind, what string) error {
	k := d.Peek()
	if k == jsonwire.Object {
		if e := apiErrorOf(data); e != nil {
			var list lead.ErrorList
			list.Add("", "want "+what+", got a Copper error response", e)
			return list.Err()
		}
	}
	if k == want {
		return nil
	}
	var list lead.ErrorList
	switch {
	case k != jsonwire.Invalid:
		list.Add("", "want "+what+", got "+k.String(), lead.ErrType)
	case d.End() == nil:
		list.Add("", "want "+what+", got no JSON value", lead.ErrMalformed)
	default:
		list.Append("", d.End())
	}
	return list.Err()
}

// finish checks the end of the document and returns every error as a
// sorted lead.ErrorList.
func finish(d *jsonwire.Decoder, err error) error {
	if err == nil || !jsonwire.IsHard(err) {
		if end := d.End(); end != nil {
			err = end
		}
	}
	var list lead.ErrorList
	list.Append("", err)
	return list.Err()
}

// required adds a "required" error for each key not seen to err.
func required(err error, seen []bool, keys ...string) error {
	if jsonwire.IsHard(err) {
		return err
	}
	var list lead.ErrorList
	list.Append("", err)
	for i, k := range keys {
		if !seen[i] {
			list.Add(k, "required", lead.ErrRequired)
		}
	}
	return list.Err()
}

func reqInt(d *jsonwire.Decoder, v *int64) error {
	n, err := d.Int64()
	*v = n
	return err
}

func reqString(d *jsonwire.Decoder, v *string) error {
	s, err := d.String()
	*v = s
	return err
}

// optInt reads an integer or null.
func optInt(d *jsonwire.Decoder, v *int64) error {
	if d.Null() {
		return nil
	}
	return reqInt(d, v)
}

// optString reads a string or null.
func optString(d *jsonwire.Decoder, v *string) error {
	if d.Null() {
		return nil
	}
	return reqString(d, v)
}
