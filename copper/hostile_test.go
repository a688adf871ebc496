package copper

import (
	"errors"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// TestHostile: every input either translates and round-trips, or fails
// with a lead.ErrorList whose first error names the wanted path. Nothing
// panics.
func TestHostile(t *testing.T) {
	tests := []struct {
		name string
		in   string
		path string // "" means success; "(root)" the document
		is   error
	}{
		{"empty input", ``, "(root)", lead.ErrMalformed},
		{"not an object", `[1]`, "(root)", lead.ErrType},
		{"truncated", `{"name":"A"`, "name", lead.ErrMalformed},
		{"truncated string", `{"name":"A`, "name", lead.ErrMalformed},
		{"trailing data", `{"name":"A"} {}`, "(root)", lead.ErrMalformed},
		{"trailing comma", `{"name":"A",}`, "(root)", lead.ErrMalformed},
		{"single quotes", `{'name':"A"}`, "(root)", lead.ErrMalformed},
		{"invalid UTF-8", "{\"name\":\"A\xff\"}", "name", lead.ErrMalformed},
		{"invalid UTF-8 in key", "{\"n\xffme\":\"A\"}", "(root)", lead.ErrMalformed},
		{"lone high surrogate", `{"name":"\ud83d"}`, "name", lead.ErrMalformed},
		{"lone low surrogate", `{"name":"\ude00x"}`, "name", lead.ErrMalformed},
		{"surrogate pair", `{"name":"\ud83d\ude00"}`, "", nil},
		{"control char", "{\"name\":\"a\x01\"}", "name", lead.ErrMalformed},
		{"duplicate key", `{"name":"A","name":"B"}`, "name", lead.ErrMalformed},
		{"duplicate escaped key", `{"name":"A","n\u0061me":"B"}`, "name", lead.ErrMalformed},
		{"duplicate nested key", `{"name":"A","email":{"email":"a@b.example","email":"c@d.example"}}`, "email.email", lead.ErrMalformed},
		{"NAME is unknown", `{"NAME":"A","name":"B"}`, "", nil},
		{"too deep", `{"name":"A","x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, "x" + strings.Repeat("[0]", 63), lead.ErrMalformed},
		{"name number", `{"name":5}`, "name", lead.ErrType},
		{"id string", `{"id":"5","name":"A"}`, "id", lead.ErrType},
		{"id fractional", `{"id":5.5,"name":"A"}`, "id", lead.ErrInvalid},
		{"id huge", `{"id":99999999999999999999,"name":"A"}`, "id", lead.ErrInvalid},
		{"address array", `{"name":"A","address":[]}`, "address", lead.ErrType},
		{"address street number", `{"name":"A","address":{"street":1}}`, "address.street", lead.ErrType},
		{"email string", `{"name":"A","email":"a@b.example"}`, "email", lead.ErrType},
		{"phones object", `{"name":"A","phone_numbers":{}}`, "phone_numbers", lead.ErrType},
		{"phone number number", `{"name":"A","phone_numbers":[{"number":"1"},{"number":"2"},{"number":3}]}`, "phone_numbers[2].number", lead.ErrType},
		{"phone not object", `{"name":"A","phone_numbers":["1"]}`, "phone_numbers[0]", lead.ErrType},
		{"socials url bool", `{"name":"A","socials":[{"url":true}]}`, "socials[0].url", lead.ErrType},
		{"websites null elem", `{"name":"A","websites":[null]}`, "websites[0]", lead.ErrType},
		{"tags number", `{"name":"A","tags":["a",1]}`, "tags[1]", lead.ErrType},
		{"status number", `{"name":"A","status":1}`, "status", lead.ErrType},
		{"date string", `{"name":"A","date_created":"2020-01-01"}`, "date_created", lead.ErrType},
		{"date fractional", `{"name":"A","date_created":1.5}`, "date_created", lead.ErrInvalid},
		{"date exponent", `{"name":"A","date_created":1e9}`, "date_created", lead.ErrInvalid},
		{"date negative", `{"name":"A","date_created":-86400}`, "", nil},
		{"date huge", `{"name":"A","date_modified":253402300800}`, "date_modified", lead.ErrInvalid},
		{"date before year 1", `{"name":"A","date_modified":-62135596801}`, "date_modified", lead.ErrInvalid},
		{"money string", `{"name":"A","monetary_value":"5","monetary_unit":"EUR"}`, "monetary_value", lead.ErrType},
		{"money NaN", `{"name":"A","monetary_value":NaN}`, "monetary_value", lead.ErrMalformed},
		{"money Infinity", `{"name":"A","monetary_value":Infinity}`, "monetary_value", lead.ErrMalformed},
		{"money 1e400", `{"name":"A","monetary_value":1e400,"monetary_unit":"EUR"}`, "monetary_value", lead.ErrInvalid},
		{"money -0", `{"name":"A","monetary_value":-0,"monetary_unit":"EUR"}`, "", nil},
		{"money 30 digits", `{"name":"A","monetary_value":123456789012345678901234567890,"monetary_unit":"EUR"}`, "", nil},
		{"money 40 digits", `{"name":"A","monetary_value":1234567890123456789012345678901234567890,"monetary_unit":"EUR"}`, "monetary_value", lead.ErrInvalid},
		{"money 1e3", `{"name":"A","monetary_value":1e3,"monetary_unit":"EUR"}`, "", nil},
		{"money leading zero", `{"name":"A","monetary_value":01}`, "monetary_value", lead.ErrMalformed},
		{"money plus", `{"name":"A","monetary_value":+1}`, "monetary_value", lead.ErrMalformed},
		{"currency invalid", `{"name":"A","monetary_value":1,"monetary_unit":"EURO"}`, "monetary_unit", lead.ErrInvalid},
		{"currency lowercase", `{"name":"A","monetary_value":1,"monetary_unit":"eur"}`, "monetary_unit", lead.ErrInvalid},
		{"currency number", `{"name":"A","monetary_unit":978}`, "monetary_unit", lead.ErrType},
		{"custom value string", `{"name":"A","custom_fields":[{"custom_field_definition_id":1,"value":"x"}]}`, "", nil},
		{"custom value number", `{"name":"A","custom_fields":[{"custom_field_definition_id":1,"value":1.50}]}`, "", nil},
		{"custom value bool", `{"name":"A","custom_fields":[{"custom_field_definition_id":1,"value":true}]}`, "", nil},
		{"custom value null", `{"name":"A","custom_fields":[{"custom_field_definition_id":1,"value":null}]}`, "", nil},
		{"custom value array", `{"name":"A","custom_fields":[{"custom_field_definition_id":1,"value":[1,"a",null]}]}`, "", nil},
		{"custom value object", `{"name":"A","custom_fields":[{"custom_field_definition_id":1,"value":{"a":{"b":[]}}}]}`, "", nil},
		{"custom value absent", `{"name":"A","custom_fields":[{"custom_field_definition_id":1}]}`, "", nil},
		{"custom id string", `{"name":"A","custom_fields":[{"custom_field_definition_id":"1","value":1}]}`, "custom_fields[0].custom_field_definition_id", lead.ErrType},
		{"custom extra key", `{"name":"A","custom_fields":[{"custom_field_definition_id":1,"value":1,"x":2}]}`, "", nil},
		{"lists null", `{"name":"A","phone_numbers":null,"socials":null,"websites":null,"tags":null,"custom_fields":null}`, "", nil},
		{"lists empty", `{"name":"A","phone_numbers":[],"socials":[],"websites":[],"tags":[],"custom_fields":[]}`, "", nil},
		{"everything null", `{"id":null,"name":"A","prefix":null,"address":null,"email":null,"monetary_value":null,"status":null,"date_created":null,"interaction_count":null}`, "", nil},
		{"empty strings", `{"name":"A","details":"","title":"","company_name":""}`, "", nil},
		{"category null", `{"name":"A","phone_numbers":[{"number":"1","category":null}]}`, "", nil},
		{"address partial", `{"name":"A","address":{"city":"X","zip":"1"}}`, "", nil},
		{"email null address", `{"name":"A","email":{"email":null,"category":"work"}}`, "", nil},
		{"escapes", `{"name":"A\"\\\/\b\f\n\r\t\u0001\u00e9"}`, "", nil},
		{"unknown keys", `{"name":"A","z":{"deep":[1,{"k":"\u00e9"}]},"converted_value":1.0}`, "", nil},
		{"no name", `{"id":1}`, "name", lead.ErrRequired},
		{"whitespace", " \n\t{ \"name\" : \"A\" } \n", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tr Translator
			in, err := DecodeLead([]byte(tt.in))
			var out []byte
			if err == nil {
				out, _, err = roundTrip(tr, in)
			}
			if tt.path == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if !testkit.JSONEqual([]byte(tt.in), out) {
					t.Errorf("round trip changed the lead:\n in: %s\nout: %s", tt.in, out)
				}
				return
			}
			var list lead.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error = %v, want a lead.ErrorList", err)
			}
			p := list[0].Path
			if p == "" {
				p = "(root)"
			}
			if p != tt.path || !errors.Is(err, tt.is) {
				t.Errorf("error = %v, want path %q wrapping %v", err, tt.path, tt.is)
			}
		})
	}
}
