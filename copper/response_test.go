package copper

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

// TestDecodeLeadNotALead: a list, an envelope or an error response is named
// for what it is, never decoded to an empty lead.
func TestDecodeLeadNotALead(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		rule string // the start of the one error's rule
		is   error  // a second cause besides ErrNotLead
		api  *APIError
	}{
		{name: "search response", in: testkit.MustRead(t, "../testdata/copper/search.json"),
			rule: "want a lead object, got a list of leads: decode a POST /leads/search response with DecodeLeadList", is: lead.ErrType},
		{name: "empty list", in: []byte(` [] `), rule: "want a lead object, got a list of leads", is: lead.ErrType},
		{name: "envelope", in: []byte(`{"success":true,"data":{"name":"A"}}`),
			rule: `want a lead object, got a response envelope {"success", "data"}: the lead is its data`, is: lead.ErrInvalid},
		{name: "error 422", in: testkit.MustRead(t, "../testdata/copper/error_422.json"),
			rule: "want a lead object, got a Copper error response", api: &APIError{Status: 422, Message: "Validation errors: Name can't be blank"}},
		{name: "error 401", in: testkit.MustRead(t, "../testdata/copper/error_401.json"),
			rule: "want a lead object, got a Copper error response", api: &APIError{Status: 401, Message: "Invalid credentials"}},
		{name: "error without success", in: []byte(`{"status":404,"message":"Resource not found"}`),
			rule: "want a lead object, got a Copper error response", api: &APIError{Status: 404, Message: "Resource not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := DecodeLead(tt.in)
			var list lead.ErrorList
			if !errors.As(err, &list) || len(list) != 1 || list[0].Path != "" || !strings.HasPrefix(list[0].Rule, tt.rule) {
				t.Fatalf("DecodeLead error = %v, want one root error %q", err, tt.rule)
			}
			if !errors.Is(err, ErrNotLead) {
				t.Errorf("error does not wrap ErrNotLead: %v", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error does not wrap %v: %v", tt.is, err)
			}
			if tt.api != nil {
				var api *APIError
				if !errors.As(err, &api) {
					t.Fatalf("no *APIError in %v", err)
				}
				if diff := cmp.Diff(tt.api, api); diff != "" {
					t.Errorf("APIError mismatch (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(Lead{}, l); diff != "" {
				t.Errorf("lead is not the zero Lead (-want +got):\n%s", diff)
			}
		})
	}
	// A lead that has keys named like an envelope's is still a lead.
	for _, in := range []string{`{"name":"A","success":false,"message":"x"}`, `{"id":1,"message":"x","status":"New"}`} {
		if _, err := DecodeLead([]byte(in)); err != nil {
			t.Errorf("DecodeLead(%s): %v", in, err)
		}
	}
}

// TestDecodeLeadZeroOnError: a lead with errors decodes to the zero Lead,
// as pipedrive.DecodeLead does, and every type error is listed.
func TestDecodeLeadZeroOnError(t *testing.T) {
	l, err := DecodeLead([]byte(`{"name":"A","details":"d","assignee_id":"7","tags":[1]}`))
	want := []string{"assignee_id: want number, got string: wrong JSON type", "tags[0]: want string, got number: wrong JSON type"}
	if diff := cmp.Diff(want, testkit.ErrorLines(err)); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Lead{}, l); diff != "" {
		t.Errorf("lead is not the zero Lead (-want +got):\n%s", diff)
	}
}

func TestDecodeLeadList(t *testing.T) {
	search := testkit.MustRead(t, "../testdata/copper/search.json")
	t.Run("search response", func(t *testing.T) {
		leads, err := DecodeLeadList(search)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, l := range leads {
			names = append(names, l.Name.Value)
		}
		var want []string
		for _, f := range []string{"minimal", "legacy_shape", "custom_status"} {
			l, err := DecodeLead(testkit.MustRead(t, "../testdata/copper/leads/"+f+".json"))
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, l.Name.Value)
		}
		if diff := cmp.Diff(want, names); diff != "" {
			t.Errorf("names mismatch (-want +got):\n%s", diff)
		}
	})
	tests := []struct {
		name   string
		in     string
		leads  []string // names of the leads returned
		errs   []string
		is     error
		notAPI bool
	}{
		{name: "empty", in: `[]`, leads: []string{}},
		{name: "bad leads keep their index", in: `[{"name":"A"},{"name":1},{"name":"C"},{"name":"D","tags":[2]},[]]`,
			leads: []string{"A", "C"},
			errs: []string{
				"[1].name: want string, got number: wrong JSON type",
				"[3].tags[0]: want string, got number: wrong JSON type",
				"[4]: want a lead object, got a list of leads: decode a POST /leads/search response with DecodeLeadList: not a lead object",
			}, is: lead.ErrType},
		{name: "syntax error stops", in: `[{"name":"A"},{"name":"B"},{"name":"C"`, leads: []string{"A", "B"}, is: lead.ErrMalformed},
		{name: "one lead", in: `{"name":"A"}`,
			errs: []string{"(root): want a list of leads (the response of POST /leads/search), got one object: not a lead object"}, is: ErrNotLead},
		{name: "error response", in: `{"success":false,"status":429,"message":"Rate limit exceeded"}`,
			errs: []string{"(root): want a list of leads, got a Copper error response: copper: 429: Rate limit exceeded"}, is: ErrNotLead},
		{name: "string", in: `"x"`, errs: []string{"(root): want a list of leads, got string: wrong JSON type"}, is: lead.ErrType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			leads, err := DecodeLeadList([]byte(tt.in))
			var names []string
			if leads != nil {
				names = []string{}
			}
			for _, l := range leads {
				names = append(names, l.Name.Value)
			}
			if diff := cmp.Diff(tt.leads, names); diff != "" {
				t.Errorf("leads mismatch (-want +got):\n%s", diff)
			}
			if tt.errs != nil {
				if diff := cmp.Diff(tt.errs, testkit.ErrorLines(err)); diff != "" {
					t.Errorf("errors mismatch (-want +got):\n%s", diff)
				}
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
			if tt.is == nil && err != nil {
				t.Errorf("unexpected error %v", err)
			}
			var list lead.ErrorList
			if err != nil && !errors.As(err, &list) {
				t.Errorf("error is not a lead.ErrorList: %v", err)
			}
			for _, fe := range list {
				if tt.leads != nil && !strings.HasPrefix(fe.Path, "[") {
					t.Errorf("path %q does not start with the lead's index", fe.Path)
				}
			}
		})
	}
}
