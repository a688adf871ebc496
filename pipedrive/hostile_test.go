package pipedrive

import (
	"errors"
	"strings"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// TestHostileInput: every case either succeeds correctly or fails with
// FieldErrors naming the path; nothing panics.
func TestHostileInput(t *testing.T) {
	const hex = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name     string
		in       string
		wantPath string // path of the first error; "-" for success
		wantIs   error
	}{
		{"empty", ``, "(root)", lead.ErrMalformed},
		{"not an object", `[]`, "(root)", lead.ErrMalformed},
		{"truncated", `{"title":"x"`, "(root)", lead.ErrMalformed},
		{"truncated string", `{"title":"x`, "title", lead.ErrMalformed},
		{"trailing data", `{"title":"x"} {}`, "(root)", lead.ErrMalformed},
		{"trailing comma", `{"title":"x",}`, "(root)", lead.ErrMalformed},
		{"single quotes", `{'title':'x'}`, "(root)", lead.ErrMalformed},
		{"title number", `{"title":5}`, "title", lead.ErrType},
		{"owner_id string", `{"owner_id":"5"}`, "owner_id", lead.ErrType},
		{"owner_id fraction", `{"owner_id":5.5}`, "owner_id", lead.ErrInvalid},
		{"owner_id huge", `{"owner_id":123456789012345678901234567890}`, "owner_id", lead.ErrInvalid},
		{"label_ids object", `{"label_ids":{}}`, "label_ids", lead.ErrType},
		{"label_ids element number", `{"label_ids":["5b2e5c40-53f1-11ea-a1c4-2b9d3f1a7e01",5]}`, "label_ids[1]", lead.ErrType},
		{"is_archived string", `{"is_archived":"true"}`, "is_archived", lead.ErrType},
		{"value string", `{"value":"200 EUR"}`, "value", lead.ErrType},
		{"value.amount string", `{"value":{"amount":"200","currency":"EUR"}}`, "value.amount", lead.ErrType},
		{"value.amount NaN", `{"value":{"amount":NaN,"currency":"EUR"}}`, "value.amount", lead.ErrType},
		{"value.amount Infinity", `{"value":{"amount":Infinity,"currency":"EUR"}}`, "value.amount", lead.ErrType},
		{"value.amount leading zero", `{"value":{"amount":01,"currency":"EUR"}}`, "value", lead.ErrMalformed},
		{"value unknown key", `{"value":{"amount":1,"currency":"EUR","x":1}}`, "value.x", lead.ErrInvalid},
		{"value.currency number", `{"value":{"amount":1,"currency":978}}`, "value.currency", lead.ErrType},
		{"invalid UTF-8", "{\"title\":\"\xff\"}", "title", lead.ErrMalformed},
		{"invalid UTF-8 in custom", "{\"" + hex + "\":\"\xc3\"}", hex, lead.ErrMalformed},
		{"lone surrogate", `{"title":"\ud800"}`, "title", lead.ErrMalformed},
		{"lone low surrogate", `{"title":"\udc00x"}`, "title", lead.ErrMalformed},
		{"surrogate pair", `{"title":"\ud83d\ude00","person_id":1}`, "-", nil},
		{"bad escape", `{"title":"\x"}`, "title", lead.ErrMalformed},
		{"control char", "{\"title\":\"a\nb\"}", "title", lead.ErrMalformed},
		{"duplicate key", `{"title":"a","title":"b"}`, "title", lead.ErrMalformed},
		{"duplicate custom key", `{"` + hex + `":1,"` + hex + `":2}`, hex, lead.ErrMalformed},
		{"duplicate nested key", `{"` + hex + `":{"a":1,"a":2}}`, hex + ".a", lead.ErrMalformed},
		{"TITLE is unknown", `{"TITLE":"x","person_id":1}`, "-", nil},
		{"escaped key is title", `{"\u0074itle":"x","person_id":1}`, "-", nil},
		{"custom string", `{"` + hex + `":"x","person_id":1}`, "-", nil},
		{"custom number", `{"` + hex + `":1e400,"person_id":1}`, "-", nil},
		{"custom bool", `{"` + hex + `":true,"person_id":1}`, "-", nil},
		{"custom null", `{"` + hex + `":null,"person_id":1}`, "-", nil},
		{"custom array", `{"` + hex + `":[1,"a",null],"person_id":1}`, "-", nil},
		{"custom object", `{"` + hex + `":{"value":1},"person_id":1}`, "-", nil},
		{"deep nesting", `{"` + hex + `":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}`, hex, lead.ErrMalformed},
		{"label_ids empty", `{"label_ids":[],"person_id":1}`, "-", nil},
		{"label_ids null", `{"label_ids":null,"person_id":1}`, "-", nil},
		{"amount 30 digits", `{"value":{"amount":123456789012345678901234567890,"currency":"EUR"},"person_id":1}`, "-", nil},
		{"amount 40 digits", `{"value":{"amount":1234567890123456789012345678901234567890,"currency":"EUR"},"person_id":1}`, "value.amount", lead.ErrInvalid},
		{"amount 1e400", `{"value":{"amount":1e400,"currency":"EUR"},"person_id":1}`, "value.amount", lead.ErrInvalid},
		{"amount -0", `{"value":{"amount":-0,"currency":"EUR"},"person_id":1}`, "-", nil},
		{"amount 1E3", `{"value":{"amount":1E3,"currency":"EUR"},"person_id":1}`, "-", nil},
		// A currency Pipedrive sends is a plain string: a code that is not
		// ISO 4217 is an account's custom currency, carried and reported.
		{"currency lower", `{"value":{"amount":1,"currency":"eur"},"person_id":1}`, "-", nil},
		{"currency 4 letters", `{"value":{"amount":1,"currency":"EURO"},"person_id":1}`, "-", nil},
		{"bad uuid", `{"id":"not-a-uuid","person_id":1}`, "id", lead.ErrInvalid},
		{"year 0", `{"expected_close_date":"0000-01-01","person_id":1}`, "expected_close_date", lead.ErrInvalid},
		{"year 10000", `{"add_time":"10000-01-01T00:00:00.000Z","person_id":1}`, "add_time", lead.ErrInvalid},
		{"time far out", `{"add_time":"9999-12-31T23:59:59.999-01:00","person_id":1}`, "add_time", lead.ErrInvalid},
		{"date with time", `{"expected_close_date":"2024-01-01T00:00:00Z","person_id":1}`, "expected_close_date", lead.ErrInvalid},
		{"negative person", `{"person_id":-1}`, "person_id", lead.ErrInvalid},
		{"owner_id -0", `{"owner_id":-0}`, "owner_id", lead.ErrInvalid},
		{"value.amount null", `{"value":{"amount":null,"currency":"EUR"}}`, "value.amount", lead.ErrType},
		{"value.currency null", `{"value":{"amount":1,"currency":null}}`, "value.currency", lead.ErrType},
		{"value empty object", `{"value":{},"person_id":1}`, "value.amount", lead.ErrRequired},
		{"nothing to call it by", `{"id":"adf21080-0e10-11eb-879b-05d71fb426ec"}`, "title", lead.ErrRequired},
		{"no title, null links", `{"title":"","person_id":null,"organization_id":null}`, "title", lead.ErrRequired},
		{"whitespace everywhere", " {\n\t\"title\" : \"x\" ,\r\n \"person_id\":1 } \n", "-", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			in, derr := DecodeLead([]byte(tt.in))
			err = derr
			if derr == nil {
				var l lead.Lead
				l, _, err = Translator{}.ToLead(in)
				if err == nil {
					if tt.wantPath != "-" {
						t.Fatalf("succeeded, want an error at %s", tt.wantPath)
					}
					if verr := l.Validate(); verr != nil {
						t.Fatalf("invalid lead: %v", verr)
					}
					obj, _, oerr := Translator{}.LeadObject(l)
					if oerr != nil || !testkit.JSONEqual(obj.AppendJSON(nil), []byte(tt.in)) {
						t.Fatalf("round trip: %v %s", oerr, obj.AppendJSON(nil))
					}
					return
				}
			}
			if tt.wantPath == "-" {
				t.Fatalf("unexpected error: %v", err)
			}
			var list lead.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a non-empty lead.ErrorList: %v", err)
			}
			if got := strings.SplitN(list[0].Error(), ":", 2)[0]; got != tt.wantPath {
				t.Errorf("first error %q, want path %q", list[0], tt.wantPath)
			}
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
			}
		})
	}
}
