package copper

import (
	"errors"
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
