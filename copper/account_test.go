package copper

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// TestDecodeAccountSamples: the sample account's exports decode to what
// encoding/json reads from them.
func TestDecodeAccountSamples(t *testing.T) {
	b := testkit.MustRead(t, "../testdata/copper/custom_field_definitions.json")
	defs, err := DecodeCustomFieldDefinitions(b)
	if err != nil {
		t.Fatal(err)
	}
	var wantDefs []CustomFieldDefinition
	if err := json.Unmarshal(b, &wantDefs); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantDefs, defs); diff != "" || len(defs) == 0 {
		t.Errorf("DecodeCustomFieldDefinitions mismatch (-want +got):\n%s", diff)
	}
	b = testkit.MustRead(t, "../testdata/copper/lead_statuses.json")
	statuses, err := DecodeLeadStatuses(b)
	if err != nil {
		t.Fatal(err)
	}
	var wantStatuses []LeadStatus
	if err := json.Unmarshal(b, &wantStatuses); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantStatuses, statuses); diff != "" || len(statuses) == 0 {
		t.Errorf("DecodeLeadStatuses mismatch (-want +got):\n%s", diff)
	}
	// The documentation's example has is_filterable and no canonical_name.
	defs, err = DecodeCustomFieldDefinitions([]byte(`[{"id":100764,"name":"A Text Field","data_type":"String",
		"available_on":["company","opportunity","lead","person"],"is_filterable":true}]`))
	if err != nil || len(defs) != 1 || defs[0].ID != 100764 || len(defs[0].AvailableOn) != 4 {
		t.Errorf("documented example: %+v, %v", defs, err)
	}
}

func TestDecodeAccountErrors(t *testing.T) {
	tests := []struct {
		name   string
		decode func([]byte) (any, error)
		in     string
		errs   []string
		is     error
	}{
		{name: "definition types", decode: defsAny, is: lead.ErrType,
			in: `[{"id":1,"name":"a","data_type":"String"},{"id":"2","name":"b","data_type":"Dropdown","options":[{"id":1,"name":"x"},{"id":"2","name":"y","rank":"1"}]}]`,
			errs: []string{
				"[1].id: want number, got string: wrong JSON type",
				"[1].options[1].id: want number, got string: wrong JSON type",
				"[1].options[1].rank: want number, got string: wrong JSON type",
			}},
		{name: "definition required", decode: defsAny, is: lead.ErrRequired,
			in:   `[{"id":1,"name":"a","data_type":"String"},{"name":null,"data_type":"Text","options":[{"name":"x"}]}]`,
			errs: []string{"[1].id: required", "[1].name: want string, got null: wrong JSON type", "[1].options[0].id: required"}},
		{name: "definitions in an object", decode: defsAny, is: lead.ErrType, in: `{"data":[]}`,
			errs: []string{"(root): want custom field definitions (GET /custom_field_definitions), got object: wrong JSON type"}},
		{name: "definitions malformed", decode: defsAny, is: lead.ErrMalformed, in: `[{"id":1,"id":2}]`},
		{name: "status types", decode: statusesAny, is: lead.ErrType,
			in:   `[{"id":1,"name":"New","order":1,"is_default":"yes"},{"id":2,"name":3}]`,
			errs: []string{"[0].is_default: want bool, got string: wrong JSON type", "[1].name: want string, got number: wrong JSON type"}},
		{name: "status required", decode: statusesAny, is: lead.ErrRequired, in: `[{"order":1}]`,
			errs: []string{"[0].id: required", "[0].name: required"}},
		{name: "account types", decode: accountAny, is: lead.ErrType, in: `{"id":1,"name":"N","primary_timezone":5}`,
			errs: []string{"primary_timezone: want string, got number: wrong JSON type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.decode([]byte(tt.in))
			if !errors.Is(err, tt.is) {
				t.Fatalf("error = %v, want one wrapping %v", err, tt.is)
			}
			var list lead.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is not a lead.ErrorList: %v", err)
			}
			if tt.errs != nil {
				if diff := cmp.Diff(tt.errs, testkit.ErrorLines(err)); diff != "" {
					t.Errorf("errors mismatch (-want +got):\n%s", diff)
				}
			}
			if v != nil {
				t.Errorf("partial result %+v, want none", v)
			}
		})
	}
	// An error response is named, with its *APIError.
	for _, decode := range []func([]byte) (any, error){defsAny, statusesAny, accountAny} {
		_, err := decode(testkit.MustRead(t, "../testdata/copper/error_401.json"))
		var api *APIError
		if !errors.As(err, &api) || api.Status != 401 {
			t.Errorf("error response: %v", err)
		}
	}
}

func defsAny(b []byte) (any, error) {
	v, err := DecodeCustomFieldDefinitions(b)
	if v == nil {
		return nil, err
	}
	return v, err
}

func statusesAny(b []byte) (any, error) {
	v, err := DecodeLeadStatuses(b)
	if v == nil {
		return nil, err
	}
	return v, err
}

func accountAny(b []byte) (any, error) {
	v, err := DecodeAccount(b)
	if cmp.Equal(v, Account{}) {
		return nil, err
	}
	return v, err
}
