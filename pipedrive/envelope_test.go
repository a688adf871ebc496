package pipedrive

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/golden"
	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

func TestEnvelopeGolden(t *testing.T) {
	tests := []struct {
		file   string
		status int
		list   bool
	}{
		{"envelope_single", 200, false},
		{"envelope_list", 200, true},
		{"error_400", 400, false},
		{"error_401", 401, false},
		{"error_404", 404, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := testkit.MustRead(t, filepath.Join(corpus, tt.file+".json"))
			var got struct {
				Envelope any      `json:"envelope,omitempty"`
				APIError any      `json:"api_error,omitempty"`
				Message  string   `json:"message,omitempty"`
				Errors   []string `json:"errors,omitempty"`
			}
			var err error
			if tt.list {
				var env ListEnvelope
				env, err = DecodeListEnvelope(tt.status, data)
				if err == nil {
					got.Envelope = env
				}
			} else {
				var env Envelope
				env, err = DecodeEnvelope(tt.status, data)
				if err == nil {
					got.Envelope = env
				}
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				got.APIError, got.Message = apiErr, apiErr.Error()
			} else {
				got.Errors = testkit.ErrorLines(err)
			}
			golden.CheckJSON(t, filepath.Join(corpus, "envelope", tt.file+".golden.json"), got)
		})
	}
}

func TestAdditionalDataShapes(t *testing.T) {
	for _, in := range []string{
		`{"start":0,"limit":100,"more_items_in_collection":true,"next_start":100}`,
		`{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}`,
	} {
		var a AdditionalData
		if err := json.Unmarshal([]byte(in), &a); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out, _ := json.Marshal(a)
		if !testkit.JSONEqual(out, []byte(in)) {
			t.Errorf("%s → %s", in, out)
		}
	}
	data := testkit.MustRead(t, filepath.Join(corpus, "envelope_search.json"))
	var env struct {
		AdditionalData AdditionalData `json:"additional_data"`
	}
	if err := json.Unmarshal(data, &env); err != nil || !env.AdditionalData.Nested || env.AdditionalData.Limit != 100 {
		t.Errorf("search pagination: %+v %v", env.AdditionalData, err)
	}
}

func TestEnvelopeErrorPaths(t *testing.T) {
	_, err := DecodeListEnvelope(200, []byte(`{"success":true,"data":[{"title":"x"},{"value":{"amount":"1","currency":"EUR"}}]}`))
	var fe *lead.FieldError
	if !errors.As(err, &fe) || fe.Path != "data[1].value.amount" || !errors.Is(err, lead.ErrType) {
		t.Fatalf("err = %v", err)
	}
}

// TestDecodeLeadRejectsResponses: a whole response or an error body given
// to DecodeLead is an error that says what the input is in the API's terms
// (no Go names: leadconv's users read it too), not a lead that ToLead then
// rejects for want of a title.
func TestDecodeLeadRejectsResponses(t *testing.T) {
	for _, tt := range []struct {
		file, want string
		apiErr     bool
	}{
		{"envelope_single", "got a response envelope (GET /v1/leads/{id}): the lead is its data", false},
		{"envelope_list", "got a list response (GET /v1/leads)", false},
		{"envelope_search", "got a search response (GET /v1/leads/search): its items are search results, not leads", false},
		{"error_400", "got an error response", true},
		{"error_401", "got an error response", true},
		{"error_404", "got an error response", true},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data := testkit.MustRead(t, filepath.Join(corpus, tt.file+".json"))
			l, err := DecodeLead(data)
			if err == nil {
				t.Fatalf("DecodeLead accepted a response: %+v", l)
			}
			if !errors.Is(err, ErrNotLead) || !errors.Is(err, lead.ErrInvalid) {
				t.Errorf("err = %v; want ErrNotLead and lead.ErrInvalid", err)
			}
			var fe *lead.FieldError
			if !errors.As(err, &fe) || fe.Path != "" || !strings.Contains(fe.Rule, tt.want) || strings.Contains(fe.Rule, "Decode") {
				t.Errorf("err = %v; want a root error saying %q, naming no Go function", err, tt.want)
			}
			var apiErr *APIError
			if got := errors.As(err, &apiErr); got != tt.apiErr {
				t.Errorf("errors.As(*APIError) = %v, want %v (err %v)", got, tt.apiErr, err)
			}
			var viaJSON Lead
			if err := json.Unmarshal(data, &viaJSON); !errors.Is(err, ErrNotLead) {
				t.Errorf("json.Unmarshal: %v; want ErrNotLead", err)
			}
		})
	}
	// The data of a search response, as a stream splitter hands it on.
	search := testkit.MustRead(t, filepath.Join(corpus, "envelope_search.json"))
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(search, &env); err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeLead(env.Data); !errors.Is(err, ErrNotLead) || !strings.Contains(err.Error(), "search results, not leads") {
		t.Errorf("DecodeLead(search data) = %v; want ErrNotLead saying it holds search results", err)
	}
	// A lead is still a lead, whatever its unknown keys.
	for _, in := range []string{
		`{"title":"x","data":{"a":1}}`,
		`{"title":"x","success":"yes"}`,
		`{"title":"x","items":[]}`,
		`{"items":{}}`,
	} {
		if _, err := DecodeLead([]byte(in)); err != nil {
			t.Errorf("DecodeLead(%s): %v", in, err)
		}
	}
}

// TestDecodeListEnvelopePartial: the good leads of a list come back with
// an error for each bad one, named by its index in the input.
func TestDecodeListEnvelopePartial(t *testing.T) {
	in := `{"success":true,"data":[
		{"title":"a"},
		{"title":"b","value":{"amount":"1","currency":"EUR"}},
		{"title":"c"},
		7,
		{"title":"e","owner_id":"x","person_id":1.5},
		{"title":"f"}
	],"additional_data":{"start":0,"limit":100,"more_items_in_collection":false}}`
	env, err := DecodeListEnvelope(200, []byte(in))
	var titles []string
	for _, l := range env.Data {
		v, _ := l.Title.Get()
		titles = append(titles, v)
	}
	if diff := cmp.Diff([]string{"a", "c", "f"}, titles); diff != "" {
		t.Errorf("good leads mismatch (-want +got):\n%s", diff)
	}
	want := []string{
		"data[1].value.amount: want number, got string",
		"data[3]: want object, got number",
		"data[4].owner_id: want integer, got string",
		"data[4].person_id: want an integer id: invalid",
	}
	if diff := cmp.Diff(want, testkit.ErrorLines(err)); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
	if !env.Success || env.AdditionalData == nil || env.AdditionalData.Limit != 100 {
		t.Errorf("envelope fields lost: success %v, additional_data %+v", env.Success, env.AdditionalData)
	}

	// A syntax error stops decoding; the leads before it are returned.
	env, err = DecodeListEnvelope(200, []byte(`{"success":true,"data":[{"title":"a"},{"title":"b",}]}`))
	if !errors.Is(err, lead.ErrMalformed) || len(env.Data) != 1 {
		t.Errorf("truncated list: %d leads, err %v; want 1 lead and ErrMalformed", len(env.Data), err)
	}
	// An error body has no leads.
	env, err = DecodeListEnvelope(404, testkit.MustRead(t, filepath.Join(corpus, "error_404.json")))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || env.Data != nil {
		t.Errorf("error body: %+v, %v", env, err)
	}
}

// TestDecodeLeadZeroOnError: DecodeLead returns a lead whole or not at
// all; the zero Lead comes with any error.
func TestDecodeLeadZeroOnError(t *testing.T) {
	for _, in := range []string{
		`{"title":"x","owner_id":"a"}`,
		`{"title":"x","person_id":1,`,
		`{"success":true,"data":{"title":"x"}}`,
	} {
		l, err := DecodeLead([]byte(in))
		if err == nil || !reflect.DeepEqual(l, Lead{}) {
			t.Errorf("DecodeLead(%s) = %+v, %v; want the zero Lead and an error", in, l, err)
		}
	}
}
