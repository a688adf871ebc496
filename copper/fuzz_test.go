package copper

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

func fuzzSeeds(f *testing.F) {
	for _, data := range corpus(f) {
		f.Add(data)
	}
	f.Add([]byte(`{"name":"A","monetary_value":1e3,"phone_numbers":null,"x":{"y":[]}}`))
	f.Add([]byte(`{"name":"\ud83d\ude00","custom_fields":[{"custom_field_definition_id":1,"value":[]}]}`))
}

// FuzzDecodeLead: DecodeLead never panics, fails only with FieldErrors,
// and what it accepts encodes to the same JSON value and decodes again to
// the same Lead.
//
//	go test ./copper -run '^$' -fuzz '^FuzzDecodeLead$' -fuzztime 2m
func FuzzDecodeLead(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := DecodeLead(data)
		if err != nil {
			var list lead.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error names no field: %v", err)
			}
			return
		}
		out := l.AppendJSON(nil)
		if !testkit.JSONEqual(data, out) {
			t.Fatalf("AppendJSON changed the value:\n in: %q\nout: %q", data, out)
		}
		l2, err := DecodeLead(out)
		if err != nil {
			t.Fatalf("DecodeLead(AppendJSON): %v\n%s", err, out)
		}
		if out2 := l2.AppendJSON(nil); string(out2) != string(out) {
			t.Fatalf("not a fixpoint:\n%s\n%s", out, out2)
		}
	})
}

// FuzzToLead: ToLead never panics; its errors name fields; what it accepts
// is valid, comes back through LeadObject as the same JSON value, and is a
// fixpoint of FromLead → DecodeLead → ToLead for what a create body holds.
//
//	go test ./copper -run '^$' -fuzz '^FuzzToLead$' -fuzztime 2m
func FuzzToLead(f *testing.F) {
	fuzzSeeds(f)
	tr := account(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := DecodeLead(data)
		if err != nil {
			return
		}
		for _, tr := range []Translator{{}, tr} {
			l, _, err := tr.ToLead(in)
			if err != nil {
				var fe *lead.FieldError
				if !errors.As(err, &fe) {
					t.Fatalf("error names no field: %v", err)
				}
				continue
			}
			if err := l.Validate(); err != nil {
				t.Fatalf("ToLead accepted an invalid lead: %v", err)
			}
			w, _, err := tr.LeadObject(l)
			if err != nil {
				t.Fatalf("LeadObject rejected what ToLead produced: %v", err)
			}
			if out := w.AppendJSON(nil); !testkit.JSONEqual(data, out) {
				t.Fatalf("round trip changed the lead:\n in: %q\nout: %q", data, out)
			}
			if l.Name.IsZero() {
				continue
			}
			req, _, err := tr.FromLead(l)
			if err != nil {
				t.Fatalf("FromLead rejected what ToLead produced: %v", err)
			}
			back, err := DecodeLead(req.AppendJSON(nil))
			if err != nil {
				t.Fatalf("DecodeLead(FromLead): %v", err)
			}
			l2, _, err := tr.ToLead(back)
			if err != nil {
				t.Fatalf("second ToLead: %v", err)
			}
			req2, _, err := tr.FromLead(l2)
			if err != nil {
				t.Fatalf("second FromLead: %v", err)
			}
			if diff := cmp.Diff(string(req.AppendJSON(nil)), string(req2.AppendJSON(nil))); diff != "" {
				t.Fatalf("create body not a fixpoint (-first +second):\n%s", diff)
			}
		}
	})
}

// FuzzDecodeLists: DecodeLeadList and the account decoders never panic and
// fail only with FieldErrors. DecodeLeadList's leads are the elements that
// DecodeLead accepts, in order, and each error's path starts with the bad
// element's index.
//
//	go test ./copper -run '^$' -fuzz '^FuzzDecodeLists$' -fuzztime 2m
func FuzzDecodeLists(f *testing.F) {
	for _, p := range []string{"search.json", "custom_field_definitions.json", "lead_statuses.json", "account.json", "error_422.json"} {
		f.Add(testkit.MustRead(f, "../testdata/copper/"+p))
	}
	f.Add([]byte(`[{"name":"A"},{"name":1},[],{"success":false,"status":1,"message":"m"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		named := func(what string, err error) {
			var list lead.ErrorList
			if err != nil && (!errors.As(err, &list) || len(list) == 0) {
				t.Fatalf("%s: error names no field: %v", what, err)
			}
		}
		_, err := DecodeCustomFieldDefinitions(data)
		named("DecodeCustomFieldDefinitions", err)
		_, err = DecodeLeadStatuses(data)
		named("DecodeLeadStatuses", err)
		_, err = DecodeAccount(data)
		named("DecodeAccount", err)

		leads, err := DecodeLeadList(data)
		named("DecodeLeadList", err)
		var list lead.ErrorList
		errors.As(err, &list)
		if leads == nil {
			return
		}
		// Re-read the elements one by one.
		var elems []json.RawMessage
		if json.Unmarshal(data, &elems) != nil {
			return // a syntax error stopped DecodeLeadList part-way
		}
		// A malformed element (a duplicate key, which encoding/json lets
		// pass) stops DecodeLeadList: only the leads before it count.
		stopped := errors.Is(err, lead.ErrMalformed)
		var want []Lead
		for i, e := range elems {
			if stopped && len(want) == len(leads) {
				break
			}
			l, err := DecodeLead(e)
			if err != nil {
				found := false
				for _, fe := range list {
					found = found || strings.HasPrefix(fe.Path, lead.IndexPath(i))
				}
				if !found {
					t.Fatalf("element %d fails (%v) but no error names it: %v", i, err, list)
				}
				continue
			}
			want = append(want, l)
		}
		if len(want) != len(leads) {
			t.Fatalf("%d leads, want %d", len(leads), len(want))
		}
		for i := range want {
			if a, b := want[i].AppendJSON(nil), leads[i].AppendJSON(nil); string(a) != string(b) {
				t.Fatalf("lead %d differs:\n%s\n%s", i, a, b)
			}
		}
	})
}
